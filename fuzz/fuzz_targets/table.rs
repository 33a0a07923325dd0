//! Any bytes given to the spreadsheet importer, as CSV or as a workbook (.xlsx,
//! .ods, .xls: seeded with real workbooks, whose zip and XML the fuzzer
//! mutates), with any decimal mark and columns left out, give positions or
//! located problems, never a panic or a huge allocation; and the positions it
//! gives always write a position file that reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stances::import::{DecimalMark, ImportOptions, import_table, to_position_ron};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let options = ImportOptions {
        sheet: None,
        decimal: match choice % 3 {
            0 => None,
            1 => Some(DecimalMark::Comma),
            _ => Some(DecimalMark::Point),
        },
        ignore_columns: if choice & 4 == 0 { Vec::new() } else { vec!["region".to_owned()] },
    };
    let name = match choice >> 5 {
        0..=3 => "fuzz.csv",
        4 | 5 => "fuzz.xlsx",
        6 => "fuzz.ods",
        _ => "fuzz.xls",
    };
    if let Ok(imported) = import_table(name, bytes, &options) {
        to_position_ron(&imported.positions, name).expect("imported positions always write and read back");
    }
});

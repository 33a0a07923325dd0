//! Properties of the spreadsheet importer on generated tables of the cells people
//! really type (currencies, decimal marks, scripts, formulas, byte order marks,
//! line ends): no table makes it panic, and every demand it imports exports to
//! the wide CSV and reads back as it was.

use proptest::prelude::*;
use stances::export::Report;
use stances::export::csv::to_wide_csv;
use stances::format::csv_out::CsvStyle;
use stances::import::{DecimalMark, ImportOptions, import_table, to_position_ron};
use stances::model::Comparison;

/// Cells as people type them in the columns of a demand table.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("2,5 €".to_owned()),
        Just("1,5€".to_owned()),
        Just("12.000".to_owned()),
        Just("\"12,000\"".to_owned()),
        Just("0,125".to_owned()),
        Just("30 days".to_owned()),
        Just("$30".to_owned()),
        Just("−4,5 ₴".to_owned()),
        Just("30-40".to_owned()),
        Just("=1+1".to_owned()),
        Just("'=SUM(A1)".to_owned()),
        Just("@cmd".to_owned()),
        Just("-2+3".to_owned()),
        Just("Україна".to_owned()),
        Just("ישראל".to_owned()),
        Just("منظمة التحرير".to_owned()),
        Just("停火".to_owned()),
        Just("a; b".to_owned()),
        Just("two\nlines".to_owned()),
        Just("crlf\r\nlines".to_owned()),
        Just("  spaced  ".to_owned()),
        Just("Core".to_owned()),
        "[a-zA-Z0-9 €$.,;'\"=+@-]{0,12}",
        "\\PC{0,8}",
    ]
}

/// A cell that names something or says a demand: never blank.
fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Україна".to_owned()),
        Just("ישראל".to_owned()),
        Just("منظمة التحرير".to_owned()),
        Just("停火".to_owned()),
        Just("=1+1".to_owned()),
        Just("'=SUM(A1)".to_owned()),
        Just("@cmd".to_owned()),
        Just("-2+3".to_owned()),
        Just("two\nlines".to_owned()),
        Just("crlf\r\nlines".to_owned()),
        Just("2,5 €".to_owned()),
        "[a-zA-Z€$'\"=+@-][a-zA-Z0-9 €$.,;'\"=+@-]{0,12}",
        "\\pL{1,8}",
    ]
}

/// A value and its unit as typed: mostly readable, sometimes not under the
/// file's decimal mark (then the table is refused, which is right too).
fn value() -> impl Strategy<Value = (String, String)> {
    let pair = |v: &str, u: &str| Just((v.to_owned(), u.to_owned()));
    prop_oneof![
        6 => pair("", ""),
        1 => pair("30", "km"),
        1 => pair("30 days", ""),
        1 => pair("2,5 €", "€"),
        1 => pair("1,5€", ""),
        1 => pair("12.000", "troops"),
        1 => pair("$30", "$"),
        1 => pair("2,5", "%"),
        1 => pair("0.125", "%"),
        1 => (0u32..100_000).prop_map(|n| (n.to_string(), "days".to_owned())),
    ]
}

/// A table: a separator, line ends, maybe a byte order mark, and rows under a
/// header: rows of demands as people type them, or cells of any kind (some rows
/// shorter or longer than the header).
fn table() -> impl Strategy<Value = Vec<u8>> {
    let demands = prop::collection::vec((words(), words(), words(), value(), words()), 1..12).prop_map(|rows| {
        let header = vec!["side", "issue", "text", "value_min", "unit", "note"];
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|(side, issue, text, (value, unit), note)| vec![side, issue, text, value, unit, note])
            .collect();
        (header, rows)
    });
    let header = prop_oneof![
        Just(vec!["side", "issue", "text"]),
        Just(vec!["Side", "Issue", "Text", "value_min", "value_max", "unit", "note"]),
        Just(vec!["text", "issue", "side", "priority", "tags", "quote"]),
        Just(vec!["side", "issue", "text", "value_min", "unit", "Region"]),
    ];
    let any_cells = (header, prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..8));
    (
        prop_oneof![3 => demands, 1 => any_cells],
        prop::sample::select(vec![b',', b';', b'\t']),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|((header, rows), separator, crlf, bom)| {
            let mut writer = csv::WriterBuilder::new()
                .delimiter(separator)
                .flexible(true)
                .terminator(if crlf {
                    csv::Terminator::CRLF
                } else {
                    csv::Terminator::Any(b'\n')
                })
                .from_writer(Vec::new());
            writer.write_record(&header).expect("header");
            for row in rows {
                writer.write_record(&row).expect("row");
            }
            let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            bytes.extend(writer.into_inner().expect("flushed"));
            bytes
        })
}

/// What a reader of the wide CSV takes a demand's text to be: a `'` that only
/// stops a spreadsheet running it dropped.
fn unescaped(cell: &str) -> &str {
    stances::format::csv_out::unguarded(cell)
}

fn options(decimal: u8, ignore: bool) -> ImportOptions {
    ImportOptions {
        sheet: None,
        decimal: match decimal % 3 {
            0 => None,
            1 => Some(DecimalMark::Comma),
            _ => Some(DecimalMark::Point),
        },
        ignore_columns: if ignore { vec!["region".to_owned()] } else { Vec::new() },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_import_or_say_why(bytes in prop::collection::vec(any::<u8>(), 0..400), decimal in 0u8..3) {
        let _ = import_table("any.csv", &bytes, &options(decimal, false));
    }

    #[test]
    fn generated_tables_import_without_panic_and_demands_survive_the_wide_csv(
        bytes in table(),
        decimal in 0u8..3,
        ignore in any::<bool>(),
    ) {
        let Ok(imported) = import_table("generated.csv", &bytes, &options(decimal, ignore)) else {
            return Ok(());
        };
        // The position file it writes always reads back.
        to_position_ron(&imported.positions, "generated.csv").expect("writes and reads back");
        let cmp = Comparison::from_positions(vec![("generated.csv".to_owned(), imported.positions.clone())])
            .expect("a comparison");
        let wide = to_wide_csv(&Report::new(&cmp), CsvStyle::default()).expect("wide CSV");
        let mut reader = csv::Reader::from_reader(wide.as_bytes());
        let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
        let mut exported: Vec<(String, String, String)> = Vec::new();
        for row in reader.records() {
            let row = row.expect("row");
            for (i, name) in header.iter().enumerate() {
                if let Some(side) = name.strip_suffix(": demands") {
                    for text in row[i].split('\n').filter(|t| !row[i].is_empty() || !t.is_empty()) {
                        exported.push((unescaped(side).to_owned(), unescaped(&row[0]).to_owned(), unescaped(text).to_owned()));
                    }
                }
            }
        }
        let mut imported_demands: Vec<(String, String, String)> = Vec::new();
        for side in &imported.positions.sides {
            for d in &side.demands {
                // The wide CSV writes a text's line breaks as spaces, one line per demand.
                let one_line = d.text.split(['\n', '\r']).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
                imported_demands.push((side.name.clone(), d.issue.clone(), one_line));
            }
        }
        exported.sort();
        imported_demands.sort();
        prop_assert_eq!(exported, imported_demands);
    }
}

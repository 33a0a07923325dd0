//! Any bytes given to the comparison-file loader give a value or an error, never a panic;
//! whatever loads also saves.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stances::format::comparison_file;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = stances::format::diagnostics::text_from_bytes("fuzz.stances.ron", data.to_vec()) {
        match comparison_file::parse("fuzz.stances.ron", &text) {
            Ok(cmp) => {
                let _ = comparison_file::to_ron(&cmp);
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
});

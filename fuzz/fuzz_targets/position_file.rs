//! Any bytes given to the position-file loader give a value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = stances::format::diagnostics::text_from_bytes("fuzz.ron", data.to_vec()) {
        if let Err(e) = stances::format::parse_position_file("fuzz.ron", &text) {
            // Formatting the error runs the locator over the broken text too.
            let _ = e.to_string();
        }
    }
});

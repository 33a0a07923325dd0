//! Whatever the comparison loader accepts, `describe` (git's textconv) says in
//! words without a panic, and a comparison differs from itself in nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stances::format::comparison_file::parse_loaded;
use stances::format::describe::describe;
use stances::model::diff::diff;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = stances::format::diagnostics::text_from_bytes("fuzz.stances.ron", data.to_vec()) else {
        return;
    };
    if let Ok(loaded) = parse_loaded("fuzz.stances.ron", &text) {
        let words = describe(&loaded.comparison, loaded.format);
        assert!(words.ends_with('\n'));
        assert!(diff(&loaded.comparison, &loaded.comparison).is_empty());
    }
});

//! Property tests of sources: no document, however broken, makes reading it
//! panic, and tracing any quote in any text gives spans that are the text's own.
#![allow(
    clippy::unwrap_used,
    reason = "strategies in a test crate fail the test loudly, as #[test]s do"
)]

use proptest::prelude::*;
use stances::format::source::extract;
use stances::model::quote_trace::{Trace, trace};

/// Text with markup, references, hyphens at line ends and any script.
fn texty() -> impl Strategy<Value = String> {
    "[<>/&;#xa-zA-Z0-9 \n\t\r\\-–—“”\"'.,Сорнаш\u{5d0}-\u{5ea}\u{627}-\u{64a}\u{ad}\u{200b}ﬁé\u{301}]{0,200}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_document_makes_reading_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        text in texty(),
        name in prop::sample::select(vec!["a.txt", "a.md", "a.html", "a.docx", "a.odt", "a.pdf", "a"]),
    ) {
        let _ = extract(name, &bytes);
        let _ = extract(name, text.as_bytes());
        let _ = extract("page.html", format!("<html><title>{text}</title><p>{text}</p>").as_bytes());
        // A zip's header with nothing sound after it.
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        let _ = extract(name, &zip);
    }

    /// The same quote with its words' spacing, quotes and dashes changed is still found.
    #[test]
    fn a_retyped_quote_is_found_after_normalising(words in prop::collection::vec("[a-zA-Zа-я]{1,8}", 1..8)) {
        let text = format!("He said: “{}” — and left.", words.join(" \n "));
        let quote = format!("\"{}\" -", words.join(" "));
        prop_assert!(trace(&quote, &text).found().is_some(), "{} in {}", quote, text);
    }

    #[test]
    fn a_traced_quote_is_a_span_of_the_text(text in texty(), start in 0usize..200, len in 0usize..60) {
        let chars: Vec<char> = text.chars().collect();
        let start = start.min(chars.len());
        let end = (start + len).min(chars.len());
        let quote: String = chars[start..end].iter().collect();
        match trace(&quote, &text) {
            Trace::Verbatim { start, end } | Trace::Normalised { start, end } => {
                prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end) && start <= end);
            }
            Trace::NotFound { closest, .. } => {
                // A quote cut from the text is always found, unless it is only white space.
                prop_assert!(quote.trim().is_empty(), "«{}» was cut from the text", quote);
                if let Some((a, b)) = closest {
                    prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b) && a <= b);
                }
            }
        }
    }
}

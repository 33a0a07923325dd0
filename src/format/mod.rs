//! Text to model and back: position files, comparison files (formats 2 to 5, and
//! format 1 converted on load), codebooks, agreement figures as CSV, their located diagnostics. No file system here: `io` reads
//! and writes the bytes.

pub mod agreement_csv;
pub mod codebook_file;
pub mod comparison_file;
pub mod comparison_v1;
mod comparison_validate;
pub mod csv_out;
pub mod describe;
pub mod diagnostics;
pub mod locate;
pub mod position_file;
pub mod qdc;
pub mod source;
pub mod text;

pub use diagnostics::{FileError, Problem};
pub use locate::LineCol;
pub use position_file::parse_position_file;

/// The text of one of the five entities XML predefines (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;`), by name; `None` for any other.
pub(crate) fn xml_entity(name: &[u8]) -> Option<&'static str> {
    Some(match name {
        b"amp" => "&",
        b"lt" => "<",
        b"gt" => ">",
        b"quot" => "\"",
        b"apos" => "'",
        _ => return None,
    })
}

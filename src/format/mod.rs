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

pub use diagnostics::{FileError, Problem};
pub use locate::LineCol;
pub use position_file::parse_position_file;

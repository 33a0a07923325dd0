//! The model: position data, comparisons, marks, codebooks and their files.
//! Nothing here knows about the UI, so the command line and tests use it directly.

pub mod alignment;
pub mod codebook;
pub mod comparison;
pub mod comparison_file;
pub mod diagnostics;
pub mod history;
pub mod locate;
pub mod mark;
pub mod position;
pub mod position_file;
pub mod recovery;
pub mod synthetic;

pub use codebook::{Codebook, Status};
pub use comparison::{Comparison, DemandIx, Edit, EditError, PositionDocument, SideIx};
pub use diagnostics::{FileError, Problem};
pub use history::History;
pub use locate::LineCol;
pub use mark::{DemandRef, Mark, MarkId};
pub use position::{Demand, Issue, PositionFile, Priority, Side, Source, Value};
pub use position_file::{load_position_file, parse_position_file};

//! The model: position data, comparisons, marks, codebooks, the view and the
//! document that changes them. Nothing here knows about the UI or the file system,
//! so the command line and tests use it directly.

pub mod alignment;
pub mod class;
pub mod class_read;
pub mod class_roll;
pub mod codebook;
mod codebook_edit;
pub mod coders;
pub mod comparison;
mod comparison_positions;
pub mod conflict;
mod conflict_settle;
pub mod consensus;
pub mod diff;
mod diff_positions;
pub mod document;
pub mod edit;
pub mod handout;
pub mod history;
mod index;
pub mod mark;
pub mod merge;
mod merge_codebook;
pub mod merge_document;
mod movements;
pub mod overview;
pub mod position;
pub mod position_edit;
mod position_rules;
pub mod presentation;
pub mod quote_trace;
pub mod reliability;
pub mod roster;
mod round_decisions;
pub mod rounds;
mod rounds_edit;
pub mod script;
pub mod similarity;
pub mod study;
pub mod study_coders;
pub mod study_notes;
pub mod study_positions;
pub mod synthetic;
pub mod tally;
pub mod unsettled;
pub mod values;
pub mod view;
pub mod words;

pub use codebook::{Codebook, Status};
pub use comparison::{Comparison, DemandIx, Edit, EditError, PositionDocument, SideIx};
pub use document::Document;
pub use history::History;
pub use mark::{DemandRef, Mark, MarkChange, MarkField, MarkId, Stamp};
pub use position::{Demand, Issue, PositionFile, Priority, Side, Source, Value};
pub use view::{Column, ViewState};

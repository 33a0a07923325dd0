//! Stances: compare negotiation positions side by side and mark where the sides meet and clash.
//!
//! The arrows point down: `gui` → (`format`, `io`) → `model`.
//! - `model`: the data and its rules (positions, comparison, marks, codebook, view,
//!   the document that changes them); no UI, no file system.
//! - `format`: text to model and back, with located errors.
//! - `io`: reading and atomic writing, autosave and its lock, watching files.
//! - `export`: reports (Markdown, HTML, CSV) from the model; `import`: position
//!   files from spreadsheets.
//! - `live`: the live class's server (the students' page and its API).
//! - `cli`: the command line. `gui`: the window.

/// The application's id: the desktop entry, icon, MIME type, AppStream
/// metainfo and the Flatpak are named after it (`packaging/`); stable from 0.3 on.
pub const APP_ID: &str = "io.github.stances.Stances";

pub mod cli;
pub mod export;
pub mod format;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod io;
pub mod live;
pub mod model;

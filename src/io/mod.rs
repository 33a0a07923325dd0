//! The file system: reading files as text, atomic writes, noticing files that
//! changed under us, and the autosave with its instance lock.

pub mod atomic;
pub mod autosave;
pub mod class;
pub mod git;
pub mod given;
pub mod live_folder;
pub mod live_journal;
pub mod merge;
pub mod read;
pub mod sources;
pub mod study;
#[cfg(feature = "gui")]
pub mod watch;

pub use atomic::{save_comparison, write_atomically};
pub use read::{Fingerprint, display_path, load_comparison, load_position_file, read_text};

//! Drawing: every function here reads the comparison and reports what the user
//! asked for as [`crate::app::Action`]s; none of them changes the model.

pub mod aligned_view;
pub mod details;
pub mod dialogs;
pub mod theme;
pub mod toolbar;

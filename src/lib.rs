//! Stances: compare negotiation positions side by side and mark where the sides meet and clash.
//!
//! `model` holds the data and its files and knows nothing of the UI; `app` and `ui`
//! draw it and edit it only through [`model::Edit`]s; `cli` is the command line.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod model;
#[cfg(feature = "gui")]
pub mod ui;

//! Drawing: every function here reads the comparison and reports what the user
//! asked for as [`crate::gui::action::Action`]s; none of them changes the model,
//! and none knows the app.

pub mod card;
pub mod class_slides;
pub mod class_view;
pub mod codebook_editor;
pub mod coder_dialogs;
mod column_rows;
pub mod columns;
pub mod conflicts;
pub mod demand_form;
pub mod details;
pub mod diff;
pub mod disagreements;
pub mod export_dialog;
pub mod fields;
pub mod file_dialogs;
pub mod handout_dialog;
pub mod header;
pub mod import_dialog;
pub mod links;
pub mod live_dialog;
pub mod live_strip;
pub mod mark_details;
pub mod new_negotiation;
pub mod overview;
pub mod positions_dialog;
pub mod preferences;
pub mod presentation;
pub mod prompts;
pub mod rounds;
pub mod shortcuts;
pub mod slide_issue;
pub mod slide_pages;
pub mod source_dialog;
pub mod source_view;
pub mod study_view;
pub mod tally_bar;
pub mod text;
pub mod theme;
pub mod toolbar;
pub mod values;
pub mod welcome;

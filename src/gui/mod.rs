//! The window. `app` lays out a frame; everything it does is split by concern:
//! `flow` (open, save and the questions before losing work, as one state machine),
//! `handle` (what the user asked for, turned into edits of the document),
//! `keys` (the keyboard, from the command table), `autosave` (crash recovery),
//! `export` (reports and pictures of the window), `notices` (messages), `fonts` (a word about scripts no font can draw), and `ui` (drawing, which reads and reports actions).

pub mod action;
mod app;
pub mod command;
mod dialogs;
pub mod examples;
pub mod notices;
mod open_document;
pub mod quotes;
mod shown;
mod start;
pub mod ui;
pub mod views;
mod welcome;

// The app's parts other parts of the window name.
use app::{class, export, import, sources, study};

use std::path::PathBuf;

pub use action::Action;
pub use app::export::export_png;
pub use app::{AppOptions, StancesApp};
pub use command::Command;
pub use start::open_window;

pub use crate::APP_ID;

/// The user's guide (docs/guide), opened by Help › User's guide; the metainfo
/// links to it too.
pub const GUIDE_URL: &str = "https://github.com/stances/stances/blob/main/docs/guide/src/introduction.md";

/// Opens the window. With `coders`, the files are coders' comparisons opened as one coding study;
/// with `class`, folders of students' files (or the files) opened as a class.
pub fn run(
    files: Vec<PathBuf>,
    coders: bool,
    class: bool,
    coder_source: crate::model::study::CoderSource,
) -> eframe::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Stances")
        // The desktop entry's name: the window and its task-bar icon are the entry's.
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../packaging/icons/stances-256.png")) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        // Preferences and recent files stay where Stances kept them before it had
        // an application id (eframe would otherwise name the folder after the id).
        persistence_path: eframe::storage_dir("stances").map(|dir| {
            let _ = std::fs::create_dir_all(&dir);
            dir.join("app.ron")
        }),
        ..Default::default()
    };
    eframe::run_native(
        "Stances",
        options,
        Box::new(move |cc| {
            Ok(Box::new(StancesApp::new(
                cc,
                AppOptions {
                    files,
                    coders,
                    class,
                    coder_source,
                    native_dialogs: true,
                    autosave_dir: crate::io::autosave::default_dir(),
                    new_windows: true,
                    figure: false,
                    coder: None,
                },
            )))
        }),
    )
}

//! A font for every script: where no font can draw a script, the window says which
//! font to install, once; where a font covers it (here a small test font standing
//! in for an installed one), nothing is said.

use std::path::PathBuf;

use egui_kittest::Harness;
use stances::gui::{AppOptions, StancesApp};

const MIXED: &str = "(format: 1, issues: [(id: \"x\", name: \"Ceasefire\")], sides: [\
    (id: \"il\", name: \"ישראל\", demands: [(id: \"a\", issue: \"x\", text: \"שלום\")]),\
    (id: \"cn\", name: \"China\", demands: [(id: \"b\", issue: \"x\", text: \"停火 ceasefire\")])])";

/// The app on `file`, boxes allowed for missing glyphs (as in the real window), and
/// with the Hebrew test font installed as a fallback when `hebrew_font`.
fn harness(file: PathBuf, hebrew_font: bool) -> Harness<'static, StancesApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_eframe(move |cc| {
            if hebrew_font {
                cc.egui_ctx.add_font(egui::epaint::text::FontInsert::new(
                    "test-hebrew",
                    egui::FontData::from_static(include_bytes!("fixtures/fonts/dejavu-sans-hebrew-subset.ttf")),
                    vec![egui::epaint::text::InsertFontFamily {
                        family: egui::FontFamily::Proportional,
                        priority: egui::epaint::text::FontPriority::Lowest,
                    }],
                ));
            }
            StancesApp::new(
                cc,
                AppOptions {
                    files: vec![file],
                    coders: false,
                    class: false,
                    coder_source: Default::default(),
                    native_dialogs: false,
                    autosave_dir: None,
                    new_windows: false,
                    figure: false,
                    coder: Some("coder".to_owned()),
                },
            )
        });
    harness.run();
    harness
}

fn notices(harness: &Harness<'static, StancesApp>) -> String {
    harness.state().notices_text().join("\n")
}

#[test]
fn a_script_no_font_covers_is_named_with_the_font_to_install_once() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("mixed.ron");
    std::fs::write(&file, MIXED).expect("written");
    let mut harness = harness(file, false);
    let said = notices(&harness);
    assert!(
        said.contains(
            "Chinese, Japanese or Korean text needs a font such as Noto Sans CJK (`fonts-noto-cjk` on Debian/Ubuntu)"
        ),
        "{said}"
    );
    assert!(
        said.contains("Hebrew text needs a font such as Noto Sans Hebrew"),
        "{said}"
    );
    harness.run();
    assert_eq!(
        notices(&harness).matches("Chinese, Japanese or Korean").count(),
        1,
        "said once"
    );
}

#[test]
fn a_script_an_installed_font_covers_is_not_mentioned() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("mixed.ron");
    std::fs::write(&file, MIXED).expect("written");
    let harness = harness(file, true);
    let said = notices(&harness);
    assert!(!said.contains("Hebrew"), "the fallback font draws Hebrew: {said}");
    assert!(said.contains("Chinese, Japanese or Korean"), "{said}");
}

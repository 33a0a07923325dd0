//! Reports and imports in the window, driven as a user would: File › Export… in
//! each kind, a picture of the window, and File › Import spreadsheet… opening a
//! table's demands and offering to save the position file.

mod common;

use std::path::Path;

use common::{answer_path_prompt, fixture, harness_with, menu_item, write_temp};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use stances::gui::StancesApp;

/// File › Export…, the format chosen in the dialog, then the path typed.
fn export(harness: &mut Harness<'static, StancesApp>, format: &str, path: &Path) {
    menu_item(harness, "File", "Export…");
    harness.get_by_label(format).click();
    harness.run();
    harness.get(By::new().label("Export…").role(Role::Button)).click();
    harness.run();
    answer_path_prompt(harness, "Path to export to", &path.display().to_string(), "Export");
}

#[test]
fn export_writes_each_report_the_dialog_offers() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(vec![fixture("report.stances.ron")]);

    let html = dir.path().join("istanbul.html");
    export(&mut harness, "HTML report (.html)", &html);
    let page = std::fs::read_to_string(&html).expect("the HTML report is written");
    assert!(page.contains("<h1 dir=\"auto\">Russia-Ukraine direct talks</h1>"));
    assert!(page.contains("&lt;script&gt;"), "the note's markup is escaped");
    let said = harness.state().notices_text().join("\n");
    assert!(said.contains("Exported the HTML report to"), "{said}");

    // The extension is added when the path has none.
    export(&mut harness, "Markdown report (.md)", &dir.path().join("istanbul"));
    let md = std::fs::read_to_string(dir.path().join("istanbul.md")).expect("the Markdown report is written");
    assert!(md.starts_with("# Russia-Ukraine direct talks"));

    let csv_path = dir.path().join("marks.csv");
    export(&mut harness, "CSV, one row per demand and mark (.csv)", &csv_path);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_path(&csv_path)
        .expect("CSV")
        .records()
        .map(|r| r.expect("row"))
        .collect();
    let marked = rows.iter().filter(|r| !r[0].is_empty()).count();
    assert_eq!(marked, 5, "one row per demand covered by a mark");
    assert_eq!(rows.len() - marked, 10, "and one per unmarked demand");

    let wide = dir.path().join("issues.csv");
    export(&mut harness, "CSV, one row per issue (.csv)", &wide);
    let rows = csv::Reader::from_path(&wide).expect("CSV").records().count();
    assert_eq!(rows, 9, "one row per issue");
}

#[test]
fn export_as_png_writes_a_picture_of_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(vec![fixture("report.stances.ron")]);
    let png = dir.path().join("slide.png");
    export(&mut harness, "Picture of the window (.png)", &png);
    // The picture is taken after the next frame is drawn.
    harness.run();
    let bytes = std::fs::read(&png).expect("the picture is written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    let said = harness.state().notices_text().join("\n");
    assert!(
        said.contains("Exported a picture of the window (1600 × 1000 pixels)"),
        "{said}"
    );
}

#[test]
fn import_spreadsheet_opens_the_demands_and_offers_to_save_the_position_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(vec![]);
    // On the welcome screen, as a new user with a spreadsheet would start.
    harness.get_by_label("Import spreadsheet…").click();
    harness.run();
    let table = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/positions.xlsx");
    answer_path_prompt(
        &mut harness,
        "Path of a spreadsheet",
        &table.display().to_string(),
        "Import",
    );
    common::until_read(&mut harness);
    // The import dialog says what the table gives before anything opens.
    harness.get_by_label_contains("Ready: 5 demands of 2 sides on 3 issues.");
    harness.get_by_label("Import").click();
    harness.run();
    // The demands are open as a new comparison…
    harness.get_by_label_contains("A full and unconditional ceasefire for at least 30 days.");
    harness.get_by_label_contains("Повернення 12 000 тіл загиблих.");
    let said = harness.state().notices_text().join("\n");
    assert!(said.contains("Imported 5 demands of 2 sides on 3 issues"), "{said}");
    // …and the position file is offered for saving.
    let saved = dir.path().join("istanbul.ron");
    answer_path_prompt(
        &mut harness,
        "Path to save the position file to",
        &saved.display().to_string(),
        "Save",
    );
    let text = std::fs::read_to_string(&saved).expect("the position file is saved");
    let positions = stances::format::parse_position_file("istanbul.ron", &text).expect("it reads as a position file");
    assert_eq!(positions.demand_count(), 5);
    let said = harness.state().notices_text().join("\n");
    assert!(said.contains("Saved the position file to"), "{said}");
}

#[test]
fn a_bad_spreadsheet_is_refused_with_every_problem_and_the_open_comparison_stays() {
    let dir = tempfile::tempdir().unwrap();
    let table = write_temp(
        &dir,
        "class.csv",
        "side,issue,txt,priority\nUkraine,Ceasefire,Stop,urgent\n",
    );
    let mut harness = harness_with(vec![fixture("report.stances.ron")]);
    menu_item(&mut harness, "File", "Import spreadsheet…");
    answer_path_prompt(
        &mut harness,
        "Path of a spreadsheet",
        &table.display().to_string(),
        "Import",
    );
    common::until_read(&mut harness);
    // The dialog lists every problem, and Import waits until there is none.
    harness.get_by_label("Not ready to import:");
    harness.get_by_label_contains("class.csv:1:txt: unknown column `txt`: did you mean `text`?");
    harness.get_by_label("Cancel").click();
    harness.run();
    // The comparison that was open is still there.
    harness.get_by_label_contains("A full and unconditional ceasefire on land, at sea and in the air");
}

/// Excel in Germany: `;`, decimal commas, a column Stances does not know. The
/// dialog reads numbers by the file's convention, can be told otherwise, and
/// imports without the unchecked column.
#[test]
fn the_import_dialog_chooses_the_decimal_mark_and_leaves_out_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let table = write_temp(
        &dir,
        "excel.csv",
        "\u{feff}Side;Issue;Text;value_min;Unit;Region\r\nUkraine;Troops;Withdraw;12.000;troops;Donbas\r\nRussia;Money;Fees;2,5 €;;\r\n",
    );
    let mut harness = harness_with(vec![fixture("report.stances.ron")]);
    menu_item(&mut harness, "File", "Import spreadsheet…");
    answer_path_prompt(
        &mut harness,
        "Path of a spreadsheet",
        &table.display().to_string(),
        "Import",
    );
    common::until_read(&mut harness);
    harness.get_by_label_contains("Automatic (`,` as the decimal mark");
    harness.get_by_label_contains("unknown column `Region`");
    // Said in the dialog's words: untick it, not a command-line flag.
    harness.get_by_label_contains("untick it under Columns to import");
    assert!(harness.query_by_label_contains("--ignore-column").is_none());
    // Leave the Region column out: ready.
    harness.get_by_label("Region").click();
    common::until_read(&mut harness);
    harness.get_by_label_contains("Ready: 2 demands of 2 sides on 2 issues.");
    // With the point as the decimal mark, `2,5 €` reads no more: said, with its other reading.
    harness
        .get_by_label("Point is the decimal mark (2.5 and 12,000)")
        .click();
    common::until_read(&mut harness);
    harness.get_by_label_contains("`2,5 €` is not a number with `.` as the decimal mark");
    harness.get_by_label_contains("Automatic").click();
    common::until_read(&mut harness);
    harness.get_by_label("Import").click();
    // The import is read again on the worker before it opens: a busy machine
    // takes a few frames more.
    for _ in 0..2000 {
        let _ = harness.try_run();
        if harness.query_by_label_contains("Withdraw").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.get_by_label_contains("Withdraw");
    let cmp = harness.state().comparison();
    let values: Vec<String> = cmp
        .all_demands()
        .filter_map(|ix| cmp.demand(ix).value.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(values, ["at least 12,000 troops", "at least 2.5 €"]);
}

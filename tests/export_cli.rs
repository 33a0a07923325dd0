//! `stances export` run as a process: each text format against a golden file
//! (`UPDATE_GOLDEN=1 cargo test --test export_cli` rewrites them after a change
//! made on purpose), the HTML parsed to check that no user text became markup,
//! the CSVs read back with the `csv` crate, and the problems said for bad input.

mod common;

use std::path::Path;

use common::{assert_golden, fixture};
use quick_xml::events::Event;

fn stances(args: &[&str]) -> (i32, String, String) {
    common::run_stances(args)
}

fn report_fixture() -> String {
    fixture("report.stances.ron").display().to_string()
}

fn export(format: &str) -> String {
    let (code, out, err) = stances(&["export", &report_fixture(), "--format", format]);
    assert_eq!(code, 0, "stances export --format {format} failed: {err}");
    out
}

#[test]
fn markdown_matches_its_golden_file_and_keeps_tables_whole() {
    let md = export("md");
    assert_golden("report.md", &md);
    // The note with a `|` and a line break stays in one table row of six cells.
    let row = md
        .lines()
        .find(|l| l.contains("Both lists"))
        .expect("the note is in the report");
    assert!(
        row.contains(r"Both lists \| signed the same day<br>second line \<script\>"),
        "{row}"
    );
    let unescaped_bars = row.replace(r"\|", "").matches('|').count();
    assert_eq!(unescaped_bars, 7, "six cells in the marks table: {row}");
    // Every issue is there, in order, with its demands.
    let ceasefire = md.find("## 1. Ceasefire").expect("issue 1");
    let prisoners = md.find("## 2. Prisoners of war").expect("issue 2");
    assert!(ceasefire < prisoners);
    assert!(md.contains("| Ukraine | A full and unconditional ceasefire on land, at sea and in the air for at least 30 days. | Core (red line) | at least 30 days |"));
}

#[test]
fn html_matches_its_golden_file_and_no_user_text_becomes_markup() {
    let html = export("html");
    assert_golden("report.html", &html);

    // Parsed (the page is well-formed XML too): only the elements Stances writes,
    // no script, no event handler, and the notes' text read back as written.
    let allowed = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "p",
        "span",
        "section",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "div",
        "blockquote",
        "strong",
        "a",
        "footer",
    ];
    let mut reader = quick_xml::Reader::from_str(&html);
    let mut texts = String::new();
    let mut elements = 0;
    loop {
        match reader.read_event().expect("the report parses") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                elements += 1;
                let name = String::from_utf8(e.name().as_ref().to_vec()).expect("UTF-8");
                assert!(allowed.contains(&name.as_str()), "unexpected element <{name}>");
                for attribute in e.attributes() {
                    let attribute = attribute.expect("attribute");
                    let key = String::from_utf8(attribute.key.as_ref().to_vec()).expect("UTF-8");
                    assert!(!key.starts_with("on"), "event handler {key} on <{name}>");
                }
            }
            Event::Text(t) => texts.push_str(&t.xml10_content().expect("text")),
            Event::GeneralRef(r) => {
                let name = String::from_utf8(r.to_vec()).expect("UTF-8");
                texts.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "#39" => "'",
                    other => panic!("unexpected entity &{other};"),
                });
            }
            _ => {}
        }
    }
    assert!(elements > 100, "the report has its structure");
    assert!(
        texts.contains(r#"second line <script>alert("x")</script>"#),
        "the script shows as text"
    );
    assert!(texts.contains(r#"<img src=x onerror=alert(1)> & "quotes" — ההסכם לא דן בזה"#));
    // Nothing is fetched from elsewhere, and right-to-left text can read from the right.
    assert!(!html.contains("<link") && !html.contains("src=\"") && !html.contains("@import"));
    assert!(html.contains(r#"<p class="note" dir="auto">&lt;img src=x onerror=alert(1)&gt;"#));
    // The statuses in the codebook's colours, with a legend, and a print style.
    assert!(html.contains("Codebook: Stances default"));
    assert!(html.contains("@media print"));
}

#[test]
fn tidy_csv_matches_its_golden_file_and_reads_back() {
    let csv_text = export("csv");
    assert_golden("report.csv", &csv_text);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        [
            "mark",
            "status",
            "status_label",
            "coder",
            "note",
            "created",
            "changed",
            "document",
            "side",
            "side_name",
            "issue",
            "issue_name",
            "demand",
            "text",
            "priority",
            "round",
            "date"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    // Two marks on two demands each, one on one demand; then the ten unmarked demands.
    assert_eq!(rows.iter().filter(|r| !r[0].is_empty()).count(), 5);
    assert_eq!(rows.len(), 15);
    let ua = rows
        .iter()
        .find(|r| &r[12] == "ua-ceasefire")
        .expect("the ceasefire row");
    assert_eq!(&ua[1], "disputed");
    assert_eq!(&ua[2], "Disputed");
    assert_eq!(&ua[3], "alice");
    assert_eq!(&ua[9], "Ukraine");
    assert_eq!(&ua[11], "Ceasefire");
    assert_eq!(&ua[14], "Core");
    let prisoners = rows.iter().find(|r| &r[1] == "agreed").expect("the agreed row");
    assert_eq!(
        &prisoners[4], "Both lists | signed the same day\nsecond line <script>alert(\"x\")</script>",
        "a note with a line break and quotes reads back as written"
    );
}

#[test]
fn wide_csv_matches_its_golden_file_with_a_row_per_issue() {
    let csv_text = export("csv-wide");
    assert_golden("report-by-issue.csv", &csv_text);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        [
            "issue",
            "issue_name",
            "Ukraine: demands",
            "Ukraine: statuses",
            "Russia: demands",
            "Russia: statuses"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 9, "one row per issue");
    assert_eq!(&rows[0][1], "Ceasefire");
    // Entry n of the statuses (joined by "; ") is about line n of the demands.
    let demands: Vec<&str> = rows[0][4].lines().collect();
    let statuses: Vec<&str> = rows[0][5].split("; ").collect();
    assert_eq!(demands.len(), statuses.len());
    let truce = demands
        .iter()
        .position(|d| d.starts_with("A temporary truce"))
        .expect("truce");
    assert_eq!(statuses[truce], "Disputed");
}

#[test]
fn export_writes_to_a_file_with_o_and_to_standard_output_with_a_dash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.md");
    let (code, stdout, err) = stances(&[
        "export",
        &report_fixture(),
        "--format",
        "md",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written.starts_with("# Russia-Ukraine direct talks"));
    let (code, dashed, _) = stances(&["export", &report_fixture(), "--format", "md", "-o", "-"]);
    assert_eq!(code, 0);
    assert_eq!(dashed, written);
}

#[test]
fn export_of_a_position_file_lists_its_demands_without_marks() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/oslo-1993-09-13.ron");
    let (code, md, err) = stances(&["export", &path.display().to_string(), "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("Israel"), "{md}");
    assert!(!md.contains("Marks on this issue"));
}

#[test]
fn export_says_what_is_wrong_with_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = common::write_temp(&dir, "broken.stances.ron", "(format: 2, documents: [");
    let (code, out, err) = stances(&["export", &bad.display().to_string(), "--format", "html"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("broken.stances.ron:1:"),
        "the file and line are named: {err}"
    );

    let (code, _, err) = stances(&["export", &report_fixture(), "--format", "png"]);
    assert_eq!(code, 1);
    assert!(err.contains("-o"), "a PNG needs a file: {err}");

    let (code, _, err) = stances(&["export", &report_fixture(), "--format", "md", "--view", "overview"]);
    assert_eq!(code, 2);
    assert!(err.contains("--view is for --format png"), "{err}");

    let (code, _, err) = stances(&["export", &report_fixture(), "--format", "pdf"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("md") && err.contains("csv-wide"),
        "the formats are listed: {err}"
    );
}

#[test]
fn export_with_coders_adds_their_statuses_and_the_agreement_figures() {
    let study = |name: &str| fixture(&format!("study/{name}")).display().to_string();
    let (code, md, err) = stances(&[
        "export",
        &study("alice.stances.ron"),
        "--format",
        "md",
        "--coders",
        &study("alice.stances.ron"),
        &study("bob.stances.ron"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("## Agreement between coders"), "{md}");
    assert!(
        md.contains("| Side | Demand | Priority | Value | Quote | Source | Marks | alice | bob |"),
        "{md}"
    );
    let (code, csv_text, err) = stances(&[
        "export",
        &study("alice.stances.ron"),
        "--format",
        "csv",
        "--coders",
        &study("alice.stances.ron"),
        &study("bob.stances.ron"),
    ]);
    assert_eq!(code, 0, "{err}");
    let coders: std::collections::BTreeSet<String> = csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("row")[3].to_owned())
        .collect();
    // The report's own file is alice's coding, not a consensus: its rows are
    // named by their marks' coder (its unmarked demands by nobody).
    assert_eq!(coders.into_iter().collect::<Vec<_>>(), ["", "alice", "bob"]);
}

/// A slide of the overview, drawn off screen (Mesa's software renderer in CI).
#[test]
fn export_png_draws_the_view_asked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("overview.png");
    let (code, _, err) = stances(&[
        "export",
        &report_fixture(),
        "--format",
        "png",
        "--view",
        "overview",
        "--size",
        "1280x720",
        "-o",
        &png.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&png).expect("written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
}

/// The HTML report has the overview and the values of the comparison.
#[test]
fn the_html_report_has_the_overview_and_the_values() {
    let (code, html, err) = stances(&["export", &report_fixture(), "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert!(html.contains("<h2>Overview</h2>"), "{html}");
    assert!(html.contains("<td class=\"none\">No stated position</td>"));
    assert!(html.contains("<h2>Values</h2>"));
    assert!(html.contains("a gap of 27 days"), "the ceasefire's gap is stated");
}

/// The width and height a PNG file says it has.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).expect("written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    let word = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (word(16), word(20))
}

/// `--format png` of the columns is a figure: the comparison alone, as tall as
/// every issue needs (not the window's height), and split into numbered pages
/// past an A4 page's proportions.
#[test]
fn export_png_of_the_columns_is_a_figure_as_tall_as_needed_in_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = dir.path().join("figure.png");
    let (code, _, err) = stances(&[
        "export",
        &report_fixture(),
        "--format",
        "png",
        "-o",
        &one.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (w, h) = png_size(&one);
    assert_eq!(w, 1600);
    assert!(
        h != 1000 && h > 600 && h <= 2263,
        "as tall as the nine issues need: {h}"
    );

    let paged = dir.path().join("narrow.png");
    let (code, _, err) = stances(&[
        "export",
        &report_fixture(),
        "--format",
        "png",
        "--size",
        "640x480",
        "-o",
        &paged.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("pages"), "the pages are said: {err}");
    assert!(!paged.exists(), "pages are numbered");
    let first = dir.path().join("narrow-1.png");
    let second = dir.path().join("narrow-2.png");
    for page in [&first, &second] {
        let (w, h) = png_size(page);
        assert_eq!(w, 640);
        assert!(h <= 905, "no page taller than an A4 page at this width: {h}");
    }
}

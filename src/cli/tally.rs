//! `stances tally FILES…`: a class's codings counted per demand (how many
//! students gave each status, the majority, how divided the class is), as a table
//! to read or CSV for a spreadsheet. Each file is one student.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::format::csv_out::{CsvOut, CsvStyle};
use crate::model::class_roll::Class;
use crate::model::study::Study;
use crate::model::tally::{DemandTally, tally};
use crate::model::unsettled::{refusal, unsettled, warning};
use crate::model::words::one_line;

/// How `stances tally` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Each demand under its issue with the class's counts, to read.
    #[default]
    Table,
    /// `document,side,demand,issue,students,not_coded,<each status>,most_given,most_given_share,majority,pairwise_agreement`.
    Csv,
}

/// Reads the class: the one reader the window uses too.
pub fn read_class(paths: &[PathBuf]) -> Result<Class, String> {
    crate::io::class::read_class(paths)
}

/// A share as CSV writes it: four decimals, empty where undefined.
fn share(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.4}")).unwrap_or_default()
}

pub fn to_csv(class: &Class, rows: &[DemandTally], style: CsvStyle) -> Result<String, String> {
    let study = &class.study;
    let cmp = study.base();
    let fail = |e: csv::Error| format!("cannot write the CSV: {e}");
    let mut csv = CsvOut::new(style);
    let mut header: Vec<String> = ["document", "side", "demand", "issue", "students", "not_coded"]
        .map(String::from)
        .to_vec();
    header.extend(study.statuses().iter().map(|s| s.id.clone()));
    header.extend(["most_given", "most_given_share", "majority", "pairwise_agreement"].map(String::from));
    csv.record(&header).map_err(fail)?;
    for row in rows {
        let ix = study.units()[row.unit];
        let r = cmp.demand_ref(ix);
        let mut cells: Vec<String> = vec![
            r.document().to_owned(),
            r.side().to_owned(),
            r.demand().to_owned(),
            cmp.demand(ix).issue.clone(),
            class.size().to_string(),
            row.not_coded.to_string(),
        ];
        cells.extend(row.counts.iter().map(ToString::to_string));
        let id = |m: Option<usize>| m.map(|m| study.statuses()[m].id.clone()).unwrap_or_default();
        cells.push(id(row.most_given));
        cells.push(share(row.most_given_share));
        cells.push(id(row.majority()));
        cells.push(share(row.pairwise_agreement));
        csv.record(&cells).map_err(fail)?;
    }
    csv.finish().map_err(fail)
}

/// The counts in words: `18 Disputed · 9 Partial · 3 Agreed · 2 not coded`, most first.
pub fn counts_in_words(study: &Study, row: &DemandTally) -> String {
    let labels: Vec<&str> = study.statuses().iter().map(|s| s.label.as_str()).collect();
    crate::model::tally::counts_in_words(&labels, row)
}

pub fn to_table(class: &Class, rows: &[DemandTally]) -> String {
    let study = &class.study;
    let cmp = study.base();
    let mut out = format!(
        "Class: {}; {} demands.\n",
        crate::model::words::count(class.size(), "student", "students"),
        study.units().len()
    );
    let mut issue = None;
    for row in rows {
        let ix = study.units()[row.unit];
        let this_issue = cmp.demand_issue(ix);
        if this_issue != issue {
            issue = this_issue;
            let name = this_issue.map_or("(no issue)", |i| cmp.issues()[i].name.as_str());
            out.push_str(&format!("\n{}\n", one_line(name)));
        }
        out.push_str(&format!(
            "  {}: {}\n    {}",
            one_line(&cmp.side_label(ix.side as usize)),
            one_line(&cmp.demand(ix).text),
            counts_in_words(study, row)
        ));
        let labels: Vec<&str> = study.statuses().iter().map(|s| s.label.as_str()).collect();
        if let Some((kind, given)) = crate::model::tally::most_given_in_words(&labels, row) {
            out.push_str(&format!(" — {} {given}", kind.to_lowercase()));
        }
        if let Some(a) = row.pairwise_agreement {
            out.push_str(&format!(", {:.0} % of pairs agree", a * 100.0));
        }
        out.push('\n');
        if let Some(example) = study.example(row.unit) {
            let label = &study.statuses()[example].label;
            out.push_str(&format!("    {}\n", crate::model::tally::example_in_words(label)));
        }
    }
    out.push('\n');
    out.push_str(&crate::model::study_notes::changed_note(&study.changed_by_others()));
    out.push('\n');
    out
}

/// Runs `stances tally`.
#[expect(clippy::print_stdout, clippy::print_stderr, reason = "a command-line report")]
pub fn run(paths: &[PathBuf], format: OutputFormat, allow_conflicts: bool, style: CsvStyle) -> ExitCode {
    let class = match read_class(paths) {
        Ok(class) => class,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let found = unsettled(class.study.copies().iter().map(|c| (c.file.as_str(), &c.comparison)));
    if !allow_conflicts && let Some(refusal) = refusal(&found, super::agreement::ANYWAY) {
        eprintln!("stances tally: {refusal}");
        return ExitCode::from(1);
    }
    let warning = warning(&found);
    for line in class.summary() {
        eprintln!("{line}");
    }
    let mut rows = tally(&class.study, class.size());
    // Grouped by issue, as the columns show them; sides in order within each.
    let cmp = class.study.base();
    rows.sort_by_key(|r| cmp.demand_issue(class.study.units()[r.unit]).unwrap_or(usize::MAX));
    let text = match format {
        OutputFormat::Table => Ok(to_table(&class, &rows)),
        OutputFormat::Csv => to_csv(&class, &rows, style),
    };
    match text {
        Ok(text) => {
            match (&warning, format) {
                (Some(warning), OutputFormat::Table) => println!("{warning}\n"),
                (Some(warning), OutputFormat::Csv) => eprintln!("stances tally: {warning}"),
                (None, _) => {}
            }
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

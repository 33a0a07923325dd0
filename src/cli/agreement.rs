//! `stances agreement`: inter-coder agreement of a coding study, as a table for
//! reading or CSV for a paper's scripts.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::export::source::open_study;
use crate::format::agreement_csv::to_csv;
use crate::format::csv_out::CsvStyle;
use crate::model::reliability::{Agreement, figure_text};
use crate::model::study::{Breakdown, CoderSource, Study};
use crate::model::unsettled::{refusal, unsettled, warning};

/// How `stances agreement` prints its figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns, with what the figures leave out below them.
    #[default]
    Table,
    /// `scope,units,pairable_units,coders,percent_agreement,cohen_kappa,krippendorff_alpha`.
    Csv,
}

/// The breakdown of `--by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Issue,
    Side,
    Status,
    /// A row per position file: per round, where the comparison holds several.
    Document,
}

impl From<By> for Breakdown {
    fn from(by: By) -> Self {
        match by {
            By::Issue => Breakdown::Issue,
            By::Side => Breakdown::Side,
            By::Status => Breakdown::Status,
            By::Document => Breakdown::Document,
        }
    }
}

/// The table of `rows`, then what the figures leave out.
pub fn to_table(study: &Study, rows: &[(String, Agreement)]) -> String {
    let header = [
        "scope",
        "units",
        "coded by 2+",
        "coded by 1",
        "not coded",
        "coders",
        "within-coder",
        "% agreement",
        "Cohen's κ",
        "Krippendorff's α",
    ];
    let mut lines: Vec<Vec<String>> = vec![header.iter().map(|s| (*s).to_owned()).collect()];
    for (scope, a) in rows {
        lines.push(vec![
            scope.clone(),
            a.units.to_string(),
            a.pairable_units.to_string(),
            a.coded_once.to_string(),
            a.not_coded.to_string(),
            a.coders.to_string(),
            a.within_coder_conflicts.to_string(),
            figure_text(&a.percent_agreement, true),
            figure_text(&a.cohen_kappa, false),
            figure_text(&a.krippendorff_alpha, false),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| lines.iter().map(|l| l[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = format!("Coding study: {}.\n\n", study.headline());
    for line in &lines {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, &w))| {
                let pad = " ".repeat(w - cell.chars().count());
                if c == 0 {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push('\n');
    for note in study.notes(rows) {
        out.push_str(&note);
        out.push('\n');
    }
    let conflicts = study.conflicts();
    if !conflicts.is_empty() {
        out.push_str("\nWithin-coder conflicts:\n");
        for (unit, coder) in conflicts {
            let statuses = match study.cell(unit, coder) {
                crate::model::study::Cell::Conflict { statuses, .. } => statuses
                    .iter()
                    .map(|&s| study.statuses()[s as usize].label.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => String::new(),
            };
            out.push_str(&format!(
                "  {}: {} ({statuses})\n",
                study.coders()[coder],
                study.describe_unit(unit)
            ));
        }
    }
    out
}

/// Runs `stances agreement`: prints the figures, returns the exit code.
#[expect(clippy::print_stdout, clippy::print_stderr, reason = "a command-line report")]
pub fn run(
    files: &[PathBuf],
    format: OutputFormat,
    by: Option<By>,
    source: CoderSource,
    allow_conflicts: bool,
    style: CsvStyle,
) -> ExitCode {
    let study = match open_study(files, source) {
        Ok(study) => study,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(1);
        }
    };
    let found = unsettled(study.copies().iter().map(|c| (c.file.as_str(), &c.comparison)));
    if !allow_conflicts && let Some(refusal) = refusal(&found, ANYWAY) {
        eprintln!("stances agreement: {refusal}");
        return ExitCode::from(1);
    }
    let rows = study.report(by.map(Breakdown::from));
    let warning = warning(&found);
    match format {
        OutputFormat::Table => {
            if let Some(warning) = &warning {
                println!("{warning}\n");
            }
            print!("{}", to_table(&study, &rows));
        }
        // CSV has no place for a sentence: the warning goes beside it.
        OutputFormat::Csv => match to_csv(&rows, style) {
            Ok(text) => {
                if let Some(warning) = &warning {
                    eprintln!("stances agreement: {warning}");
                }
                print!("{text}");
            }
            Err(e) => {
                eprintln!("stances: could not write the CSV: {e}");
                return ExitCode::from(1);
            }
        },
    }
    ExitCode::SUCCESS
}

/// The way out the command line offers past unsettled conflicts.
pub const ANYWAY: &str = "or add --allow-conflicts to compute the figures anyway (the report then says so)";

//! `stances rounds`: how the positions moved between two rounds of the same
//! talks, demand by demand, as a table to read or CSV for a script.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::model::Comparison;
use crate::model::rounds::{Direction, RoundsComparison};

use crate::export::source::read_comparison;
use crate::format::csv_out::{CsvOut, CsvStyle};

/// How `stances rounds` prints the changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns, then each side's counts, concessions, hardenings and suggested matches.
    #[default]
    Table,
    /// `side,demand,change,fields`, one row per demand.
    Csv,
}

/// The columns of `--format csv`.
pub const CSV_COLUMNS: [&str; 4] = ["side", "demand", "change", "fields"];

/// The comparison holding both rounds, and which of its documents are the old and the new.
pub struct Rounds {
    pub comparison: Comparison,
    pub old: usize,
    pub new: usize,
}

/// Reads the rounds: two position files (old, then new), or one comparison file
/// with two documents or more (its saved matches count; `old` and `new` name
/// its documents where it has more than two).
pub fn read_rounds(files: &[PathBuf], old: Option<&str>, new: Option<&str>) -> Result<Rounds, String> {
    match files {
        [old_file, new_file] => {
            let mut documents = Vec::new();
            for path in [old_file, new_file] {
                let cmp = read_comparison(path)?;
                match cmp.documents() {
                    [document] => documents.push((document.path.clone(), document.data.clone())),
                    _ => {
                        return Err(format!(
                            "{}: holds {} position files; give two position files (the old round, then the new), or one comparison file",
                            path.display(),
                            cmp.documents().len()
                        ));
                    }
                }
            }
            let comparison = Comparison::from_positions(documents).map_err(|e| e.0)?;
            Ok(Rounds {
                comparison,
                old: 0,
                new: 1,
            })
        }
        [file] => {
            let comparison = read_comparison(file)?;
            let pick = |id: &str| {
                comparison.document_index(id).ok_or_else(|| {
                    format!(
                        "{}: has no document `{id}`; its documents are {}",
                        file.display(),
                        document_ids(&comparison)
                    )
                })
            };
            let (old, new) = match (old, new, comparison.default_rounds()) {
                (Some(o), Some(n), _) => (pick(o)?, pick(n)?),
                (Some(o), None, Some((_, n))) => (pick(o)?, n),
                (None, Some(n), Some((o, _))) => (o, pick(n)?),
                (None, None, Some(pair)) => pair,
                _ => {
                    return Err(format!(
                        "{}: holds one position file; rounds are compared between two (give the old and the new position file)",
                        file.display()
                    ));
                }
            };
            if old == new {
                return Err(format!(
                    "{}: the old and the new round are the same document",
                    file.display()
                ));
            }
            Ok(Rounds { comparison, old, new })
        }
        _ => Err("give two position files (the old round, then the new), or one comparison file holding both".into()),
    }
}

fn document_ids(cmp: &Comparison) -> String {
    cmp.documents()
        .iter()
        .map(|d| format!("`{}`", d.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row per demand: (side id, demand id, change, changed fields joined by `;`).
pub fn rows(rounds: &Rounds, changes: &RoundsComparison) -> Vec<[String; 4]> {
    let documents = rounds.comparison.documents();
    let (old, new) = (&documents[rounds.old].data, &documents[rounds.new].data);
    let mut out = Vec::new();
    for side in &changes.sides {
        for change in &side.changes {
            // The id in the new round, or in the old for a dropped demand.
            let Some(demand) = side.demand_of(change, old, new).map(|d| &d.id) else {
                continue;
            };
            let fields: Vec<&str> = change.fields.iter().map(|f| f.name()).collect();
            out.push([
                side.id.clone(),
                demand.clone(),
                change.change.name().to_owned(),
                fields.join(";"),
            ]);
        }
    }
    out
}

pub fn to_csv(rows: &[[String; 4]], style: CsvStyle) -> Result<String, csv::Error> {
    let mut out = CsvOut::new(style);
    out.record(CSV_COLUMNS)?;
    for row in rows {
        out.record(row)?;
    }
    out.finish()
}

/// The changes as aligned columns, then for each side its counts, its
/// concessions and hardenings, and the matches Stances suggests.
pub fn to_table(rounds: &Rounds, changes: &RoundsComparison) -> String {
    let cmp = &rounds.comparison;
    let documents = cmp.documents();
    let (old, new) = (&documents[rounds.old], &documents[rounds.new]);
    let mut out = format!("Rounds: {} → {}\n\n", old.round_title(), new.round_title());
    let rows = rows(rounds, changes);
    let mut lines = vec![CSV_COLUMNS.map(str::to_owned)];
    lines.extend(rows);
    let widths: Vec<usize> = (0..4)
        .map(|c| lines.iter().map(|l| l[c].chars().count()).max().unwrap_or(0))
        .collect();
    for line in &lines {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    let mut suggested = false;
    for side in &changes.sides {
        out.push_str(&format!("\n{}: {}", side.name, side.summary()));
        let (concessions, hardenings) = (
            side.movements(Direction::Concession),
            side.movements(Direction::Hardening),
        );
        if concessions + hardenings > 0 {
            out.push_str(&format!(
                "; {}, {}",
                crate::format::diagnostics::count(concessions, "concession", "concessions"),
                crate::format::diagnostics::count(hardenings, "hardening", "hardenings")
            ));
        }
        out.push('\n');
        for change in &side.changes {
            for movement in &change.movements {
                out.push_str(&format!(
                    "  {}  {}: {}\n",
                    movement.direction.label().to_lowercase(),
                    side.demand_of(change, &old.data, &new.data)
                        .map_or("", |d| d.id.as_str()),
                    movement.what
                ));
            }
        }
        for s in &side.suggestions {
            suggested = true;
            out.push_str(&format!(
                "  suggested match ({:.0} % alike): {} → {}\n",
                s.similarity * 100.0,
                side.old_demand(&old.data, s.old).map_or("", |d| d.id.as_str()),
                side.new_demand(&new.data, s.new).map_or("", |d| d.id.as_str()),
            ));
        }
        if side.suggestions_narrowed {
            out.push_str(
                "  (too many unmatched demands to compare all with all: matches were looked for within each issue)\n",
            );
        }
    }
    if suggested {
        out.push_str(
            "\nA suggested match counts as a match once confirmed: in the window (View › Compare rounds), then saved with the comparison; `stances rounds COMPARISON.stances.ron` reads the matches it holds.\n",
        );
    }
    out
}

/// Runs `stances rounds`: prints the changes, returns the exit code.
#[expect(clippy::print_stdout, clippy::print_stderr, reason = "a command-line report")]
pub fn run(files: &[PathBuf], format: OutputFormat, old: Option<&str>, new: Option<&str>, style: CsvStyle) -> ExitCode {
    let rounds = match read_rounds(files, old, new) {
        Ok(rounds) => rounds,
        Err(message) => {
            eprintln!("stances rounds: {message}");
            return ExitCode::from(1);
        }
    };
    let changes = rounds.comparison.compare_documents(rounds.old, rounds.new);
    match format {
        OutputFormat::Table => print!("{}", to_table(&rounds, &changes)),
        OutputFormat::Csv => match to_csv(&rows(&rounds, &changes), style) {
            Ok(text) => print!("{text}"),
            Err(e) => {
                eprintln!("stances rounds: could not write the CSV: {e}");
                return ExitCode::from(1);
            }
        },
    }
    ExitCode::SUCCESS
}

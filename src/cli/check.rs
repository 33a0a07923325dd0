//! `stances check`: validates files and says what each holds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::format::comparison_file;
use crate::format::diagnostics::count;
use crate::io;
use crate::io::given::FileKind;
use crate::model::quote_trace;

/// What `check` says about one file: its line, how many merge conflicts it
/// leaves to settle (one more when git has not merged it at all), and what the
/// tracing of its quotes found.
pub struct Checked {
    pub line: String,
    pub conflicts: usize,
    /// One line per quote not found in its source's text.
    pub quotes_not_found: Vec<String>,
}

/// Checks one file: its line, and the quotes not found in their sources.
pub fn check_file(path: &Path) -> Result<Checked, String> {
    let (line, conflicts, read) = check_format(path)?;
    let dir = io::sources::sources_dir(path);
    let mut reports = Vec::new();
    // Quotes naming a source, in documents with no source text beside the file at all.
    let mut untraced = 0;
    for (document, file) in read.documents() {
        // A comparison's documents each have a folder of their own (a position file's id is "").
        let dir = if document.is_empty() {
            dir.clone()
        } else {
            dir.join(document)
        };
        let ids = file.sources.iter().map(|s| s.id.as_str());
        let texts = io::sources::read_source_texts(&dir, ids);
        if texts.is_empty() {
            untraced += file
                .sides
                .iter()
                .flat_map(|s| &s.demands)
                .filter(|d| d.quote.is_some() && d.source.is_some())
                .count();
            continue;
        }
        let report = quote_trace::trace_positions(file, |id| texts.get(id).map(String::as_str));
        reports.push((dir, texts, file, report));
    }
    let mut line = line;
    let mut quotes_not_found = Vec::new();
    let (verbatim, normalised, without): (usize, usize, usize) = reports.iter().fold((0, 0, 0), |acc, (_, _, _, r)| {
        (acc.0 + r.verbatim(), acc.1 + r.normalised(), acc.2 + r.without_text)
    });
    for (dir, texts, file, report) in &reports {
        for finding in report.not_found() {
            quotes_not_found.push(not_found_line(dir, texts, file, finding));
        }
    }
    if !reports.is_empty() {
        let found = verbatim + normalised;
        let after = if normalised > 0 {
            format!(" ({normalised} after normalising quotes, dashes, spaces or hyphenation)")
        } else {
            String::new()
        };
        let missing = if quotes_not_found.is_empty() {
            String::new()
        } else {
            format!(", {} not found", count(quotes_not_found.len(), "quote", "quotes"))
        };
        let without = if without > 0 {
            format!(
                ", {} a source with no text beside the file",
                count(without, "quote names", "quotes name")
            )
        } else {
            String::new()
        };
        line = format!(
            "{line}; {} found in its source's text{after}{missing}{without}",
            count(found, "quote", "quotes")
        );
    }
    if reports.is_empty() && untraced > 0 {
        // Said, not silently skipped: a reader of the line knows the quotes were not checked.
        line = format!(
            "{line}; {} not traced (no source text beside the file: File › Add source… keeps one)",
            count(untraced, "quote", "quotes")
        );
    }
    Ok(Checked {
        line,
        conflicts,
        quotes_not_found,
    })
}

/// A quote not found, in words: which demand, which source, the closest passage
/// and where it is, and what differs.
fn not_found_line(
    dir: &Path,
    texts: &std::collections::HashMap<String, String>,
    file: &crate::model::PositionFile,
    finding: &quote_trace::QuoteFinding,
) -> String {
    let side = file
        .sides
        .iter()
        .find(|s| s.id == finding.side)
        .map_or("", |s| s.name.as_str());
    let shown = io::sources::source_text_path(dir, &finding.source)
        .map(|p| io::display_path(&p))
        .unwrap_or_default();
    let mut line = format!(
        "  the quote of demand `{}` ({side}) is not in its source `{}` ({shown})",
        finding.demand, finding.source
    );
    if let quote_trace::Trace::NotFound {
        closest: Some((start, end)),
        differences,
    } = &finding.trace
        && let Some(text) = texts.get(&finding.source)
    {
        let passage: String = text[*start..*end].split_whitespace().collect::<Vec<_>>().join(" ");
        let place = quote_trace::place_in_words(text, *start);
        line.push_str(&format!(": the closest passage ({place}) reads “{passage}”"));
        if !differences.is_empty() {
            line.push_str(&format!("; {}", quote_trace::differences_in_words(differences)));
        }
    } else {
        line.push_str(": none of its words are there");
    }
    line
}

/// What a valid file held.
enum Read {
    Comparison(Box<crate::model::Comparison>),
    Positions(crate::model::PositionFile),
    /// A codebook: no positions, no quotes.
    Codebook,
}

impl Read {
    /// Its documents: (document id, "" for a position file; its positions).
    fn documents(&self) -> Vec<(&str, &crate::model::PositionFile)> {
        match self {
            Self::Comparison(cmp) => cmp.documents().iter().map(|d| (d.id.as_str(), &d.data)).collect(),
            Self::Positions(file) => vec![("", file)],
            Self::Codebook => Vec::new(),
        }
    }
}

/// The file's own check: its line, its conflicts, and its documents' positions.
fn check_format(path: &Path) -> Result<(String, usize, Read), String> {
    let given = io::given::read_given(path).map_err(|e| e.to_string())?;
    let shown = &given.shown;
    match given.kind {
        FileKind::Comparison => check_comparison(path, &given),
        FileKind::Positions => {
            let file = given.positions().map_err(|e| e.to_string())?;
            let (sides, demands, issues) = (file.sides.len(), file.demand_count(), file.issue_list().len());
            let line = format!(
                "{shown}: ok ({}, {}, {})",
                count(sides, "side", "sides"),
                count(demands, "demand", "demands"),
                count(issues, "issue", "issues"),
            );
            Ok((line, 0, Read::Positions(file)))
        }
        FileKind::Codebook => {
            let codebook = if given.text.trim_start_matches('\u{feff}').trim_start().starts_with('<') {
                crate::format::qdc::parse_qdc(shown, &given.text, &crate::model::Codebook::default())
            } else {
                crate::format::codebook_file::parse(shown, &given.text)
            }
            .map_err(|e| e.to_string())?;
            let line = format!(
                "{shown}: ok (codebook “{}”: {})",
                codebook.name,
                count(codebook.statuses.len(), "status", "statuses")
            );
            Ok((line, 0, Read::Codebook))
        }
        FileKind::Document | FileKind::Spreadsheet => Err(format!(
            "{}; `stances {}` reads it from the command line",
            given.not_what_was_asked("a Stances file"),
            if given.kind == FileKind::Document {
                "extract"
            } else {
                "import"
            }
        )),
    }
}

/// A comparison's check: what it holds, what is left to settle, whether git merged it.
fn check_comparison(path: &Path, given: &io::given::Given) -> Result<(String, usize, Read), String> {
    let shown = &given.shown;
    let loaded = given.comparison().map_err(|e| e.to_string())?;
    let cmp = &loaded.comparison;
    let demands: usize = cmp.documents().iter().map(|d| d.data.demand_count()).sum();
    let orphans = cmp.orphans().count();
    let orphan_note = if orphans > 0 {
        format!(", {orphans} orphaned (naming demands that are not there)")
    } else {
        String::new()
    };
    let converts = if loaded.format < comparison_file::OLDEST_NATIVE_FORMAT {
        format!(
            "; Stances saves it as format {}",
            comparison_file::format_for(&loaded.comparison)
        )
    } else {
        String::new()
    };
    let conflicts = cmp.conflicts().len();
    let conflict_note = if conflicts > 0 {
        format!(
            ", {} (settle {} in the window's Conflicts view)",
            count(conflicts, "unresolved merge conflict", "unresolved merge conflicts"),
            if conflicts == 1 { "it" } else { "them" }
        )
    } else {
        String::new()
    };
    // A valid file git has not merged (the driver was missing): ours alone; or
    // one git still lists as unmerged (settled, not yet added).
    let not_merged = io::git::not_merged(path).ok().flatten().is_some();
    let listed = !not_merged && io::git::unmerged_versions(path).ok().flatten().is_some();
    let conflicts = conflicts + usize::from(not_merged || listed);
    let quoted = io::git::shown_for_shell(path);
    let conflict_note = if not_merged {
        format!(
            "{conflict_note}; git has not merged it (it holds our version only): run `stances resolve {quoted}` to merge it with Stances"
        )
    } else if listed {
        let finish = io::git::operation(&io::git::folder_of(path)).map_or("git commit", io::git::Operation::finish);
        format!(
            "{conflict_note}; git still lists it as unmerged: once its conflicts are settled, `git add {quoted}`, then `{finish}`"
        )
    } else {
        conflict_note
    };
    let handout_note = match cmp.handout() {
        Some(h) if h.examples.is_empty() => ", a hand-out for students".to_owned(),
        Some(h) => format!(
            ", a hand-out for students with {}",
            count(h.examples.len(), "worked example", "worked examples")
        ),
        None => String::new(),
    };
    let line = format!(
        "{shown}: ok (comparison format {}: {} in {}, {}, {}, {}{orphan_note}{conflict_note}{handout_note}{converts})",
        loaded.format,
        count(cmp.side_count(), "side", "sides"),
        count(cmp.documents().len(), "document", "documents"),
        count(demands, "demand", "demands"),
        count(cmp.issues().len(), "issue", "issues"),
        count(cmp.marks().len(), "mark", "marks"),
    );
    Ok((line, conflicts, Read::Comparison(Box::new(loaded.comparison))))
}

/// Runs `stances check`: prints results, returns the exit code. With `strict`, a
/// file with merge conflicts left to settle fails too, and so does one git has
/// not merged.
#[expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the check command reports on standard output, what --strict refuses on standard error"
)]
pub fn check(files: &[PathBuf], strict: bool) -> ExitCode {
    let mut all_ok = true;
    let mut not_ready = Vec::new();
    let mut not_traced = Vec::new();
    for path in files {
        match check_file(path) {
            Ok(checked) => {
                println!("{}", checked.line);
                for line in &checked.quotes_not_found {
                    println!("{line}");
                }
                if strict && checked.conflicts > 0 {
                    all_ok = false;
                    not_ready.push(io::display_path(path));
                }
                if strict && !checked.quotes_not_found.is_empty() {
                    all_ok = false;
                    not_traced.push(io::display_path(path));
                }
            }
            Err(problems) => {
                all_ok = false;
                println!("{problems}");
            }
        }
    }
    if !not_ready.is_empty() {
        eprintln!(
            "check --strict: not ready to commit (a merge left to settle): {}",
            not_ready.join(", ")
        );
    }
    if !not_traced.is_empty() {
        eprintln!(
            "check --strict: a quote is not in its source's text: {}",
            not_traced.join(", ")
        );
    }
    if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

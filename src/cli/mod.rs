//! The command line: `stances [FILES…]`, `stances --coders FILES…`, `stances check FILES…`, `stances new FILES… -o OUT`,
//! `stances agreement FILES…`, `stances rounds OLD NEW`, `stances export FILE --format F`, `stances import TABLE`,
//! and for teams working through git `stances merge`, `describe`, `diff` and `git-setup`.

pub mod agreement;
mod check;
pub mod describe;
pub mod export;
pub mod extract;
pub mod git_setup;
pub mod import;
pub mod live;
pub mod merge;
pub mod mergetool;
mod new;
pub mod resolve;
pub mod rounds;
pub mod tally;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

pub use check::{check, check_file};
pub use new::{new_comparison, run as new};

#[derive(Debug, Parser)]
#[command(
    name = "stances",
    version,
    about = "Compare negotiation positions side by side and mark where the sides meet and clash."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Position files (.ron) and comparison files (.stances.ron) to open. Position
    /// files are combined into one comparison. With none, the welcome screen opens,
    /// with the library of real negotiations.
    pub files: Vec<PathBuf>,

    /// Open the files as one coding study: each a coder's comparison file of the
    /// same positions (and at most one consensus to go on adjudicating).
    #[arg(long)]
    pub coders: bool,

    /// With --coders: take each file as one coder, named like `alice (file)`, for
    /// two codings by one person (test–retest) or several people under one name.
    /// Without it, coders are found by the names on their marks, and one name in
    /// two files is refused.
    #[arg(long, requires = "coders")]
    pub coder_per_file: bool,

    /// Open a class: folders of students' comparison files (or the files), each
    /// student named by their marks; files of other positions are left out, each said.
    #[arg(long, conflicts_with = "coders")]
    pub class: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check position and comparison files without opening a window. Prints one line
    /// per valid file and one per problem; exits 0 only when every file is valid.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Also exit 1 while a comparison holds merge conflicts left to settle (for a
        /// pre-commit hook).
        #[arg(long)]
        strict: bool,
    },
    /// Make a comparison of position files without opening a window (for example one
    /// comparison per case for a class). Files of two rounds of the same talks, with
    /// the same side ids, go into one comparison.
    New {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The comparison file to write (`.stances.ron` is added when missing).
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Inter-coder agreement of a coding study: each coder's comparison file of the
    /// same positions (or one file holding several coders' marks). The unit is a
    /// demand; a demand a coder did not mark is not coded by them (a missing value).
    /// Prints, for the whole study and each issue, side or status: units, units
    /// coded by two coders or more, coders, percent agreement, Cohen's κ (two
    /// coders) and Krippendorff's α (nominal).
    Agreement {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// `table` to read, `csv` for scripts and spreadsheets.
        #[arg(long, value_enum, default_value_t)]
        format: agreement::OutputFormat,
        /// Add one row per issue, side or status (that status against all others).
        #[arg(long, value_enum)]
        by: Option<agreement::By>,
        /// Take each file as one coder (test–retest, one shared account), named like `alice (file)`.
        #[arg(long)]
        coder_per_file: bool,
        /// Compute the figures even from a comparison whose merge conflicts are not
        /// settled yet (refused otherwise); the report then says so.
        #[arg(long)]
        allow_conflicts: bool,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// A report of a comparison (or of position files' demands): Markdown or HTML
    /// for papers and handouts, CSV for R, pandas and spreadsheets, or a PNG of the
    /// comparison as the window shows it. Text goes to standard output unless `-o`
    /// names a file.
    Export {
        /// The comparison file (.stances.ron), or a position file.
        file: PathBuf,
        /// `md`, `html`, `csv` (one row per demand and mark, unmarked demands included), `csv-wide` (one row per
        /// issue) or `png`.
        #[arg(long, value_enum)]
        format: crate::export::ExportFormat,
        /// Where to write; `-` or none for standard output (text formats only).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Coders' comparison files of the same positions: their statuses and the
        /// agreement figures go into the report.
        #[arg(long, num_args = 1..)]
        coders: Vec<PathBuf>,
        /// With --coders: take each file as one coder (test–retest, one shared
        /// account), named like `alice (file)`.
        #[arg(long)]
        coder_per_file: bool,
        /// Compute the figures even from a comparison whose merge conflicts are not
        /// settled yet (refused otherwise); the report then says so.
        #[arg(long)]
        allow_conflicts: bool,
        #[command(flatten)]
        csv: CsvArgs,
        /// The window's size for `png`, as WIDTHxHEIGHT in points.
        #[arg(long, default_value = "1600x1000", value_parser = parse_size)]
        size: (u32, u32),
        /// Draw the `png` in the dark theme (light, as on paper and most slides, otherwise).
        #[arg(long)]
        dark: bool,
        /// The view the `png` shows: the columns, the overview (issues × sides), the
        /// values on their axes, or the rounds compared.
        #[arg(long, value_enum, default_value_t)]
        view: PictureView,
    },
    /// How the positions moved between two rounds of the same talks: for each side,
    /// every demand added, dropped, changed (with the fields that changed: text,
    /// priority, value, quote) or kept, matched by id; then the concessions and
    /// hardenings, and the matches suggested where ids differ. Give the old round's
    /// position file, then the new one's; or one comparison file holding both, whose
    /// confirmed matches count.
    Rounds {
        #[arg(required = true, num_args = 1..=2)]
        files: Vec<PathBuf>,
        /// `table` to read, `csv` (`side,demand,change,fields`) for scripts.
        #[arg(long, value_enum, default_value_t)]
        format: rounds::OutputFormat,
        /// In a comparison file, the id of the old round's document (by default the earlier by date).
        #[arg(long)]
        old: Option<String>,
        /// In a comparison file, the id of the new round's document (by default the later by date).
        #[arg(long)]
        new: Option<String>,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// A position file from a spreadsheet (.csv, .xlsx, .xls, .ods): one row per
    /// demand under a header row naming the columns, in any order and case:
    /// side, issue, text (required); id, priority, quote, source, value_min,
    /// value_max, unit, tags (separated by ;), note. Every problem is reported
    /// as FILE:LINE:COLUMN, and nothing is written when there is one.
    Import {
        /// The spreadsheet to read.
        table: PathBuf,
        /// The position file to write; `-` or none for standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The workbook's sheet to read (the first when not given).
        #[arg(long)]
        sheet: Option<String>,
        /// The decimal mark of numbers written as text. By default a `;`-separated
        /// file has `,` (12.000 is twelve thousand, 2,5 two and a half), a `,`- or
        /// tab-separated one `.`; a workbook's number cells are numbers already.
        #[arg(long, value_enum)]
        decimal: Option<crate::import::DecimalMark>,
        /// Import without this column (an unknown column is otherwise refused, so
        /// that no data is dropped unseen). May be given several times.
        #[arg(long = "ignore-column", value_name = "NAME")]
        ignore_columns: Vec<String>,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// A class's codings counted per demand: how many students gave each status,
    /// the majority and its share, and the share of pairs of students who agree.
    /// A folder stands for the students' files in it (and its students.txt); each
    /// hand-in is one student, named as it records; the hand-out, copies of it,
    /// other negotiations' and unreadable files are left out, each said.
    Tally {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// `table` to read, `csv` (`document,side,demand,issue,students,not_coded,<each
        /// status>,most_given,most_given_share,majority,pairwise_agreement`) for spreadsheets.
        #[arg(long, value_enum, default_value_t)]
        format: tally::OutputFormat,
        /// Compute the figures even from a comparison whose merge conflicts are not
        /// settled yet (refused otherwise); the report then says so.
        #[arg(long)]
        allow_conflicts: bool,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Three-way merge of comparison files, field by field, as git's merge driver
    /// (see `stances git-setup`). Exit 0: merged cleanly; 1: merged with conflicts,
    /// recorded inside a valid comparison file to settle in the window; 2: an input
    /// is not a comparison Stances can read (nothing is written).
    Merge {
        /// The common ancestor's version.
        base: PathBuf,
        /// Our version: the result is written over it unless `-o` is given.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the result (by default over OURS, as git's drivers do).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The file's name in the repository, for messages (git's `%P`).
        #[arg(long = "path", value_name = "NAME")]
        path_name: Option<String>,
        /// What git calls our side (`%X`: a branch, or `HEAD`), for the Conflicts view.
        #[arg(long, value_name = "LABEL")]
        ours_label: Option<String>,
        /// What git calls their side (`%Y`: the branch merged in, or in a rebase
        /// your commit being replayed), for the Conflicts view.
        #[arg(long, value_name = "LABEL")]
        theirs_label: Option<String>,
    },
    /// Merges again, with Stances, a comparison git could not merge: the merge
    /// driver was missing or the clone was never set up (git left ours in the file
    /// and the three versions in its index), or git merged it line by line and its
    /// conflict markers were committed (the merge commit that made them is found,
    /// and its two sides are merged against their base). Writes a valid comparison
    /// whose conflicts the window settles.
    Resolve {
        /// The comparison file in the repository.
        file: PathBuf,
        /// Merge again even a file that holds more than git left in it (a merge
        /// already made, changes since); it is kept beside as `FILE.orig`.
        #[arg(long)]
        force: bool,
    },
    /// What `git mergetool --tool=stances` runs (set up by `stances git-setup`):
    /// keeps a comparison the merge driver already merged (merges one git merged
    /// line by line again), opens the window on its conflicts, and tells git the
    /// file is resolved only once none remain.
    Mergetool {
        base: PathBuf,
        local: PathBuf,
        remote: PathBuf,
        merged: PathBuf,
    },
    /// A comparison in words, one line per thing (documents, demands, statuses,
    /// marks, decisions), stable and sorted, so that git's diff of two
    /// descriptions reads as what changed; git's `textconv` for comparisons.
    Describe { file: PathBuf },
    /// Print a source document's text as Stances reads it to trace quotes (PDF
    /// aside: DOCX, ODT, HTML, Markdown, plain text). Keep it as
    /// `talks.sources/SOURCE-ID.txt` beside `talks.ron` and `stances check` traces
    /// every quote of that source in it.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// A live class without a window: students code from their phones' browsers
    /// while the teacher steps through the issues from this terminal (n, p, c,
    /// r, w, q). Prints the address and the join code; every choice is written to
    /// the class's folder beside FILE as it comes, and stopping hands in each
    /// student's coding there, for `stances tally` and File › Open class….
    Live {
        /// The comparison (or position file) the class codes; its marks are the key.
        file: PathBuf,
        /// Where to listen: this computer's address on one of its networks and a
        /// port (default: its main network, port 8731). `0.0.0.0:PORT` listens on
        /// every network, which only a machine meant for it should do.
        #[arg(long, value_name = "ADDR:PORT", value_parser = live::parse_listen)]
        listen: Option<std::net::SocketAddr>,
        /// Goes on with a class stopped before: its folder, whose journal holds every
        /// choice given.
        #[arg(long, value_name = "FOLDER")]
        resume: Option<PathBuf>,
        /// At most this many students (default 200).
        #[arg(long, value_name = "N")]
        max_students: Option<usize>,
    },
    /// What changed between two comparison files: documents, statuses, marks
    /// (added, removed, re-coded, re-noted, re-linked) and by whom, round decisions,
    /// merge conflicts. Prints nothing when nothing changed.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// `table` to read, `csv` (`kind,id,coder,field,old,new`) for scripts.
        #[arg(long, value_enum, default_value_t)]
        format: describe::OutputFormat,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Sets git up to merge comparison files with `stances merge` and to diff them
    /// through `stances describe`: writes the `.gitattributes` line and the `git
    /// config` entries. Running it again changes nothing.
    GitSetup {
        /// For all your repositories (your global git config and attributes file),
        /// not just the one you are in.
        #[arg(long)]
        global: bool,
        /// Also install a pre-commit hook that runs `stances check --strict` on the
        /// comparisons being committed, refusing one git has not merged or whose
        /// conflicts are not settled (an existing hook is kept: the check is added to it).
        #[arg(long, conflicts_with = "global")]
        hook: bool,
    },
    /// Prints a completion script for a shell, e.g. `stances completions bash >
    /// ~/.local/share/bash-completion/completions/stances` (the packages install them).
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Prints the manual page, made from these very options: `stances man > stances.1`,
    /// then `man ./stances.1`.
    Man,
}

impl Command {
    /// The files the command opens (folders too), for the warning about git.
    fn files(&self) -> Vec<&Path> {
        match self {
            Self::Check { files, .. }
            | Self::New { files, .. }
            | Self::Agreement { files, .. }
            | Self::Rounds { files, .. }
            | Self::Tally { files, .. }
            | Self::Extract { files } => files.iter().map(PathBuf::as_path).collect(),
            Self::Export { file, coders, .. } => std::iter::once(file).chain(coders).map(PathBuf::as_path).collect(),
            Self::Describe { file } | Self::Resolve { file, .. } | Self::Live { file, .. } => vec![file],
            Self::Diff { old, new, .. } => vec![old, new],
            Self::Import { table, .. } => vec![table],
            // The merge driver, its tool and the set-up itself are how it gets fixed.
            Self::Merge { .. }
            | Self::Mergetool { .. }
            | Self::GitSetup { .. }
            | Self::Completions { .. }
            | Self::Man => Vec::new(),
        }
    }
}

/// Says, once per repository, that a file the command opens is in a git
/// repository whose merge driver for comparisons can no longer run (or was never
/// set up in this clone), with `stances git-setup` as the fix: otherwise git
/// would go on merging comparisons line by line without a word.
#[expect(clippy::print_stderr, reason = "a warning beside what the command prints")]
pub fn warn_about_git(command: &Command) {
    let mut seen: Vec<PathBuf> = Vec::new();
    for path in command.files() {
        let Some(root) = crate::io::git::work_tree(path) else {
            continue;
        };
        if seen.contains(&root) {
            continue;
        }
        if let Some(problem) = crate::io::git::driver_problem(path) {
            eprintln!("stances: {problem}");
        }
        seen.push(root);
    }
}

/// When the first word is neither a command nor a file (`stances merg …`, a
/// command of a later version), what to say instead of opening a window: the
/// closest command, and where the commands are listed. A word that names a file
/// (or looks like one: a folder, an extension) opens in the window as ever.
pub fn unknown_command(files: &[PathBuf]) -> Option<String> {
    use clap::CommandFactory as _;
    let first = files.first()?;
    let word = first.to_str()?;
    let looks_like_a_file = first.exists() || word.contains(['/', '\\', '.']) || word.starts_with('~');
    if looks_like_a_file {
        return None;
    }
    let commands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    let closest = commands
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.7)
        .map(|(_, c)| format!(" Did you mean `stances {c}`?"))
        .unwrap_or_default();
    Some(format!(
        "stances: `{word}` is neither a command nor a file.{closest} `stances --help` lists the commands ({}); a file to open is named with its extension, e.g. `stances talks.stances.ron`.",
        commands.join(", ")
    ))
}

/// `stances completions SHELL`: the script on standard output.
pub fn completions(shell: clap_complete::Shell) -> std::process::ExitCode {
    use clap::CommandFactory as _;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "stances", &mut script);
    print_bytes(&script)
}

/// `stances man`: the manual page (troff) on standard output.
pub fn man() -> std::process::ExitCode {
    use clap::CommandFactory as _;
    let mut page = Vec::new();
    // Writing into memory cannot fail.
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut page);
    print_bytes(&page)
}

/// Writes `bytes` to standard output; a reader that stopped early (`| head`) is
/// not an error.
#[expect(clippy::print_stderr, reason = "a command-line error")]
fn print_bytes(bytes: &[u8]) -> std::process::ExitCode {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("cannot write to standard output: {e}");
            std::process::ExitCode::from(1)
        }
        _ => std::process::ExitCode::SUCCESS,
    }
}

pub use crate::export::PictureView;

/// How a CSV is written: safe for spreadsheets unless `--raw`, with a byte order mark on `--bom`.
#[derive(Clone, Copy, Debug, Default, clap::Args)]
pub struct CsvArgs {
    /// CSV: write text as it is. By default a cell starting with =, +, -, @, a tab
    /// or a carriage return gets a leading ' so that no spreadsheet runs it as a formula.
    #[arg(long)]
    pub raw: bool,
    /// CSV: start with a UTF-8 byte order mark, which Excel on Windows needs to read UTF-8.
    #[arg(long)]
    pub bom: bool,
}

impl CsvArgs {
    pub fn style(self) -> crate::format::csv_out::CsvStyle {
        crate::format::csv_out::CsvStyle {
            raw: self.raw,
            bom: self.bom,
        }
    }
}

/// `--coder-per-file`, as the study reads it.
pub fn coder_source(per_file: bool) -> crate::model::study::CoderSource {
    if per_file {
        crate::model::study::CoderSource::EachFile
    } else {
        crate::model::study::CoderSource::MarkNames
    }
}

/// `1600x1000` → (1600, 1000), within what a window can be.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let parsed = text
        .split_once(['x', 'X', '×'])
        .and_then(|(w, h)| Some((w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?)));
    match parsed {
        Some((w, h)) if (320..=8192).contains(&w) && (240..=8192).contains(&h) => Ok((w, h)),
        Some(_) => Err("the size must be from 320x240 to 8192x8192".into()),
        None => Err(format!("`{text}` is not a size; write WIDTHxHEIGHT, e.g. 1600x1000")),
    }
}

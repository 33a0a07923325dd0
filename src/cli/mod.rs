//! The command line: `stances [FILES…]`, `stances --coders FILES…`, `stances check FILES…`, `stances new FILES… -o OUT`,
//! `stances agreement FILES…`.

pub mod agreement;
mod check;
mod new;

use std::path::PathBuf;

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
    /// files are combined into one comparison. With none, the bundled example (the
    /// Istanbul round of June 2025) opens.
    pub files: Vec<PathBuf>,

    /// Open the files as one coding study: each a coder's comparison file of the
    /// same positions (and at most one consensus to go on adjudicating).
    #[arg(long)]
    pub coders: bool,

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
    },
}

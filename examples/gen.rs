//! Writes a synthetic position file (or, with `--marks`, a comparison file) of any
//! size to standard output, for benchmarks and for trying Stances on big data:
//!
//! ```sh
//! cargo run --release --example gen -- --sides 2 --demands 10000 --issues 40 > big.ron
//! cargo run --release --example gen -- --sides 2 --demands 10000 --issues 40 --marks 5000 > big.stances.ron
//! ```
//!
//! The output is the same for the same arguments (`--seed` picks another one).

use std::io::Write as _;

use clap::Parser;
use stances::model::synthetic::{Language, Spec, comparison, position_file};

#[derive(Parser)]
struct Args {
    /// Number of sides.
    #[arg(long, default_value_t = 2)]
    sides: usize,
    /// Demands per side.
    #[arg(long, default_value_t = 10_000)]
    demands: usize,
    /// Number of issues the demands are spread over.
    #[arg(long, default_value_t = 40)]
    issues: usize,
    /// Write a comparison file with this many marks instead of a position file.
    #[arg(long)]
    marks: Option<usize>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write the text in Hebrew (right to left) instead of English.
    #[arg(long)]
    hebrew: bool,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let spec = Spec {
        sides: args.sides.max(1),
        demands: args.demands,
        issues: args.issues.max(1),
        seed: args.seed,
        language: if args.hebrew {
            Language::Hebrew
        } else {
            Language::English
        },
    };
    let text = match args.marks {
        None => ron::ser::to_string_pretty(&position_file(&spec), ron::ser::PrettyConfig::new().struct_names(false))
            .map_err(std::io::Error::other)?,
        Some(marks) => {
            stances::format::comparison_file::to_ron(&comparison(&spec, marks)).map_err(std::io::Error::other)?
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

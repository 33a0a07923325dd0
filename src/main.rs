//! The `stances` binary: the window, or a command on the command line.

use std::process::ExitCode;

use clap::Parser as _;
use stances::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => stances::cli::check(&files),
        Some(Command::New { files, output, force }) => stances::cli::new(&files, &output, force),
        Some(Command::Agreement { files, format, by }) => stances::cli::agreement::run(&files, format, by),
        None => match stances::gui::run(cli.files, cli.coders) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                #[expect(clippy::print_stderr, reason = "no window to show the error in")]
                {
                    eprintln!("stances: could not open a window: {e}");
                }
                ExitCode::from(2)
            }
        },
    }
}

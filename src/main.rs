//! The `stances` binary: the window, or a command on the command line.

use std::process::ExitCode;

use clap::Parser as _;
use stances::cli::{Cli, Command};
use stances::export::ExportFormat;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => stances::cli::check(&files),
        Some(Command::New { files, output, force }) => stances::cli::new(&files, &output, force),
        Some(Command::Agreement { files, format, by }) => stances::cli::agreement::run(&files, format, by),
        Some(Command::Rounds {
            files,
            format,
            old,
            new,
        }) => stances::cli::rounds::run(&files, format, old.as_deref(), new.as_deref()),
        Some(Command::Export {
            file,
            format: ExportFormat::Png,
            output,
            coders,
            size,
            dark,
            view,
        }) => stances::gui::export_png(&file, output.as_deref(), &coders, size, dark, view),
        Some(Command::Export {
            file,
            format,
            output,
            coders,
            view,
            ..
        }) => {
            if view == stances::cli::PictureView::Columns {
                stances::cli::export::run(&file, format, output.as_deref(), &coders)
            } else {
                #[expect(clippy::print_stderr, reason = "a command-line error")]
                {
                    eprintln!(
                        "stances export: --view is for --format png; the text reports hold the columns, the overview and the values already"
                    );
                }
                ExitCode::from(2)
            }
        }
        Some(Command::Import {
            table,
            output,
            sheet,
            force,
        }) => stances::cli::import::run(&table, output.as_deref(), sheet.as_deref(), force),
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

//! The `stances` binary: the window, or a command on the command line.

use std::process::ExitCode;

use clap::Parser as _;
use stances::cli::{Cli, Command, coder_source};
use stances::export::{ExportFormat, ReportRequest};
use stances::format::csv_out::CsvStyle;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_none()
        && let Some(message) = stances::cli::unknown_command(&cli.files)
    {
        #[expect(clippy::print_stderr, reason = "a command-line error")]
        {
            eprintln!("{message}");
        }
        return ExitCode::from(2);
    }
    if let Some(command) = &cli.command {
        stances::cli::warn_about_git(command);
    }
    match cli.command {
        Some(command) => run(command),
        None => match stances::gui::open_window(cli.files, cli.coders, cli.class, coder_source(cli.coder_per_file)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                #[expect(clippy::print_stderr, reason = "no window to show the error in")]
                {
                    eprintln!("{message}");
                }
                ExitCode::from(2)
            }
        },
    }
}

/// A command on the command line, run.
fn run(command: Command) -> ExitCode {
    match command {
        Command::Check { files, strict } => stances::cli::check(&files, strict),
        Command::Merge {
            base,
            ours,
            theirs,
            output,
            path_name,
            ours_label,
            theirs_label,
        } => stances::cli::merge::run(&stances::cli::merge::MergeArgs {
            base: &base,
            ours: &ours,
            theirs: &theirs,
            output: output.as_deref(),
            name: path_name.as_deref(),
            ours_label: ours_label.as_deref(),
            theirs_label: theirs_label.as_deref(),
        }),
        Command::Resolve { file, force } => stances::cli::resolve::run(&file, force),
        Command::Mergetool {
            base,
            local,
            remote,
            merged,
        } => stances::cli::mergetool::run(&base, &local, &remote, &merged),
        Command::Tally {
            files,
            format,
            allow_conflicts,
            csv,
        } => stances::cli::tally::run(&files, format, allow_conflicts, csv.style()),
        Command::Describe { file } => stances::cli::describe::run_describe(&file),
        Command::Extract { files } => stances::cli::extract::run(&files),
        Command::Live {
            file,
            listen,
            resume,
            max_students,
        } => stances::cli::live::run(&file, listen, resume.as_deref(), max_students),
        Command::Diff { old, new, format, csv } => stances::cli::describe::run_diff(&old, &new, format, csv.style()),
        Command::GitSetup { global, hook } => stances::cli::git_setup::run(global, hook),
        Command::Completions { shell } => stances::cli::completions(shell),
        Command::Man => stances::cli::man(),
        Command::New { files, output, force } => stances::cli::new(&files, &output, force),
        Command::Agreement {
            files,
            format,
            by,
            coder_per_file,
            allow_conflicts,
            csv,
        } => stances::cli::agreement::run(
            &files,
            format,
            by,
            coder_source(coder_per_file),
            allow_conflicts,
            csv.style(),
        ),
        Command::Rounds {
            files,
            format,
            old,
            new,
            csv,
        } => stances::cli::rounds::run(&files, format, old.as_deref(), new.as_deref(), csv.style()),
        command @ Command::Export { .. } => export(command),
        Command::Import {
            table,
            output,
            sheet,
            decimal,
            ignore_columns,
            force,
        } => {
            let options = stances::import::ImportOptions {
                sheet,
                decimal,
                ignore_columns,
            };
            stances::cli::import::run(&table, output.as_deref(), &options, force)
        }
    }
}

/// `stances export`: a picture of the window (PNG) or a text report.
fn export(command: Command) -> ExitCode {
    match command {
        Command::Export {
            file,
            format: ExportFormat::Png,
            output,
            coders,
            coder_per_file,
            allow_conflicts,
            size,
            dark,
            view,
            ..
        } => {
            let request = ReportRequest {
                file,
                coders,
                coder_source: coder_source(coder_per_file),
                csv: CsvStyle::default(),
                allow_conflicts,
            };
            stances::gui::export_png(&request, output.as_deref(), size, dark, view)
        }
        Command::Export {
            file,
            format,
            output,
            coders,
            coder_per_file,
            allow_conflicts,
            csv,
            view,
            ..
        } => {
            let request = ReportRequest {
                file,
                coders,
                coder_source: coder_source(coder_per_file),
                csv: csv.style(),
                allow_conflicts,
            };
            if view == stances::cli::PictureView::Columns {
                stances::cli::export::run(&request, format, output.as_deref())
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
        _ => unreachable!("export() is given the export command"),
    }
}

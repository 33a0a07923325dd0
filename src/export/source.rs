//! What a report is made from, read from files: the comparison (or position
//! files' demands) and the coders' files around it. Shared by `stances export`
//! and the PNG the window draws off screen, so neither depends on the other.

use std::path::{Path, PathBuf};

use crate::format::csv_out::CsvStyle;
use crate::io;
use crate::model::Comparison;
use crate::model::study::{CoderSource, Study};
use crate::model::unsettled::{refusal, unsettled};

use super::{ExportFormat, Report};

/// Reads a comparison file, or position files' demands as a comparison without marks.
pub fn read_comparison(path: &Path) -> Result<Comparison, String> {
    io::given::read_given(path)
        .map_err(|e| e.to_string())?
        .into_comparison()
}

/// Reads coders' comparison files as one study, its coders found as `source`
/// says, with a message naming the file and the problem when one cannot be used.
pub fn open_study(files: &[PathBuf], source: CoderSource) -> Result<Study, String> {
    Study::with_coders(io::study::read_coded_copies(files)?, source).map_err(|e| e.to_string())
}

/// Whether `output` means standard output: none, or `-`.
pub fn is_standard_output(output: Option<&Path>) -> bool {
    output.is_none_or(|p| p.as_os_str() == "-")
}

/// What a report is asked of: a file, the coders' files, how CSV is written.
#[derive(Clone, Debug, Default)]
pub struct ReportRequest {
    pub file: PathBuf,
    pub coders: Vec<PathBuf>,
    pub coder_source: CoderSource,
    pub csv: CsvStyle,
    /// Report even when a file holds merge conflicts left to settle (refused
    /// otherwise); the report then says so.
    pub allow_conflicts: bool,
}

impl ReportRequest {
    /// The comparison, and the study of its coders when there are any; refused
    /// when the coders did not code the positions the report is about.
    pub fn read(&self) -> Result<(Comparison, Option<Study>), String> {
        let comparison = read_comparison(&self.file)?;
        let study = if self.coders.is_empty() {
            None
        } else {
            let study = open_study(&self.coders, self.coder_source)?;
            study
                .match_comparison(&io::display_path(&self.file), &comparison)
                .map_err(|e| e.to_string())?;
            Some(study)
        };
        if !self.allow_conflicts {
            let shown = io::display_path(&self.file);
            let mut files = vec![(shown.as_str(), &comparison)];
            if let Some(study) = &study {
                files.extend(study.copies().iter().map(|c| (c.file.as_str(), &c.comparison)));
            }
            if let Some(refusal) = refusal(&unsettled(files), crate::cli::agreement::ANYWAY) {
                return Err(refusal);
            }
        }
        Ok((comparison, study))
    }

    /// The report in `format` (any but PNG).
    pub fn text(&self, format: ExportFormat) -> Result<String, String> {
        let (comparison, study) = self.read()?;
        let shown = io::display_path(&self.file);
        let report = Report::with_study(&comparison, study.as_ref()).named(&shown);
        if let Some(warning) = report.conflict_warning()
            && format.is_csv()
        {
            // CSV has no place for a sentence: the warning goes beside it.
            #[expect(clippy::print_stderr, reason = "a warning beside a CSV on standard output")]
            {
                eprintln!("stances export: {warning}");
            }
        }
        format.text(&report, self.csv)
    }
}

//! Reports of a comparison for papers, handouts and scripts: Markdown, HTML, tidy
//! and wide CSV. Pure text from the model, the same from `stances export` and from
//! File › Export…; the PNG of the window is taken by the window itself.

pub mod csv;
pub mod decisions;
pub mod html;
mod html_views;
pub mod markdown;
mod report;
pub mod source;

use std::path::Path;

use crate::format::csv_out::CsvStyle;

pub use report::Report;
pub use source::ReportRequest;

/// The window's view a picture shows (`stances export --format png --view …`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PictureView {
    #[default]
    Columns,
    Overview,
    Values,
    Rounds,
}

/// What `stances export` and File › Export… write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Markdown: the issues in order with every side's demands and the marks on them.
    Md,
    /// One self-contained HTML page: the aligned columns, statuses in the codebook's colours.
    Html,
    /// Tidy CSV: one row per demand covered by a mark, and one per unmarked demand.
    Csv,
    /// Wide CSV: one row per issue, a column of demands and one of statuses per side.
    CsvWide,
    /// A consensus's decisions: one row per coder per settled disagreement.
    CsvDecisions,
    /// An image of the comparison as the window shows it.
    Png,
}

impl ExportFormat {
    pub const ALL: [Self; 6] = [
        Self::Md,
        Self::Html,
        Self::Csv,
        Self::CsvWide,
        Self::CsvDecisions,
        Self::Png,
    ];

    /// What the export dialog calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Md => "Markdown report (.md)",
            Self::Html => "HTML report (.html)",
            Self::Csv => "CSV, one row per demand and mark (.csv)",
            Self::CsvWide => "CSV, one row per issue (.csv)",
            Self::CsvDecisions => "CSV, how a consensus settled disagreements (.csv)",
            Self::Png => "Picture of the window (.png)",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Md => "md",
            Self::Html => "html",
            Self::Csv | Self::CsvWide | Self::CsvDecisions => "csv",
            Self::Png => "png",
        }
    }

    /// Whether the report is a CSV (a table with no room for a sentence).
    pub fn is_csv(self) -> bool {
        matches!(self, Self::Csv | Self::CsvWide | Self::CsvDecisions)
    }

    /// The file name to offer for a comparison saved as `stem`: the wide CSV gets
    /// its own name so that both CSVs can sit in one folder.
    pub fn file_name(self, stem: &str) -> String {
        match self {
            Self::CsvWide => format!("{stem}-by-issue.csv"),
            Self::CsvDecisions => format!("{stem}-decisions.csv"),
            _ => format!("{stem}.{}", self.extension()),
        }
    }

    /// The format a file name asks for by its extension (`.csv` is the tidy CSV).
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(Self::Md),
            "html" | "htm" => Some(Self::Html),
            "csv" => Some(Self::Csv),
            "png" => Some(Self::Png),
            _ => None,
        }
    }

    /// The text of the report, for every format but PNG (a picture of the window,
    /// which only the window can take); CSV written as `style` says.
    pub fn text(self, report: &Report<'_>, style: CsvStyle) -> Result<String, String> {
        match self {
            Self::Md => Ok(markdown::to_markdown(report)),
            Self::Html => Ok(html::to_html(report)),
            Self::Csv => csv::to_tidy_csv(report, style).map_err(|e| e.to_string()),
            Self::CsvWide => csv::to_wide_csv(report, style).map_err(|e| e.to_string()),
            Self::CsvDecisions => decisions::to_decisions_csv(report, style).map_err(|e| e.to_string()),
            Self::Png => Err("a PNG is a picture of the window, not text".to_owned()),
        }
    }
}

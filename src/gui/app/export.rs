//! File › Export…: reports written from the model, and the PNG of the window; and
//! `stances export --format png`, which draws the window off screen.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui::Context;

use super::{AppOptions, StancesApp};
use crate::export::source::is_standard_output;
use crate::export::{ExportFormat, PictureView, Report, ReportRequest};
use crate::format::comparison_file::with_extension_unless;
use crate::gui::ui::file_dialogs::FileAction;
use crate::gui::views::MainView;
use crate::io;

/// PNG bytes of an RGBA picture.
pub fn png_bytes(width: u32, height: u32, rgba: Vec<u8>) -> Result<Vec<u8>, String> {
    let picture = image::RgbaImage::from_raw(width, height, rgba)
        .ok_or_else(|| "the picture of the window has the wrong size".to_owned())?;
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|e| format!("the picture could not be encoded as PNG: {e}"))?;
    Ok(bytes.into_inner())
}

/// How tall a figure's page may be, as a share of its width: an A4 page's
/// proportions, what a journal takes for a full-page figure.
const PAGE_RATIO: f32 = 1.414;

/// The window opening the report's file (with its coders as a study), drawn off
/// screen, as PNG pages. The columns are drawn as a figure: the comparison alone
/// (no menu bar, search, legend or details pane), `width` wide and as tall as
/// every issue needs, split into pages past an A4 page's height. The other views
/// are drawn as the window shows them at `width` × `height`.
fn draw_window(
    request: &ReportRequest,
    (width, height): (u32, u32),
    theme: egui::Theme,
    view: MainView,
) -> Result<Vec<Vec<u8>>, String> {
    let mut files = request.coders.clone();
    files.push(request.file.clone());
    let figure = view == MainView::Columns;
    let options = AppOptions {
        files,
        coders: !request.coders.is_empty(),
        class: false,
        coder_source: request.coder_source,
        native_dialogs: false,
        autosave_dir: None,
        new_windows: false,
        figure,
        coder: None,
    };
    let width = width as f32;
    let page = if figure {
        (width * PAGE_RATIO).round()
    } else {
        height as f32
    };
    // The renderer may panic where no graphics adapter can be had: said as an error.
    let drawn = std::panic::catch_unwind(move || -> Result<Vec<image::RgbaImage>, String> {
        let mut harness = egui_kittest::Harness::builder()
            .with_size([width, page])
            .allow_missing_glyphs()
            .wgpu()
            .build_eframe(move |cc| StancesApp::new(cc, options));
        harness.ctx.set_theme(theme);
        // The fonts installed on the computer, as the window has them: Chinese,
        // arrows and the like are drawn, not boxes.
        harness
            .ctx
            .add_font_provider(std::sync::Arc::new(egui_system_font_provider::SystemFontProvider::new()));
        harness.state_mut().shown.views.main = view;
        // The window settles within a few frames (fonts, column widths); a notice
        // may keep asking for frames, which a picture need not wait for.
        let _ = harness.try_run();
        // A picture for slides shows the comparison, not what the window says
        // about it (the file just opened, a font to install).
        harness.state_mut().notices.clear();
        let _ = harness.try_run();
        if !figure {
            return Ok(vec![harness.render()?]);
        }
        figure_pages(&mut harness, width, page)
    });
    let pictures = match drawn {
        Ok(Ok(pictures)) => pictures,
        Ok(Err(e)) => return Err(format!("the window could not be drawn: {e}")),
        Err(_) => {
            return Err(
                "the window could not be drawn: no graphics adapter was found (install Mesa's Vulkan or OpenGL drivers, e.g. Debian's mesa-vulkan-drivers)"
                    .to_owned(),
            );
        }
    };
    pictures
        .into_iter()
        .map(|picture| {
            let (w, h) = picture.dimensions();
            png_bytes(w, h, picture.into_raw())
        })
        .collect()
}

/// The columns drawn as a figure: one picture as tall as every issue needs,
/// or pages of `page` height past it, each scrolled on by what the one before
/// showed (the sides' names stay on top of each).
fn figure_pages(
    harness: &mut egui_kittest::Harness<'_, StancesApp>,
    width: f32,
    page: f32,
) -> Result<Vec<image::RgbaImage>, String> {
    // Every row is measured when it is in view: settle the heights first.
    let mut heights = harness.state().shown.columns.figure_heights();
    for _ in 0..4 {
        let _ = harness.try_run();
        let now = harness.state().shown.columns.figure_heights();
        if now == heights {
            break;
        }
        heights = now;
    }
    let (total, viewport) = heights;
    // What stands above the columns (the title strip, margins).
    let chrome = (page - viewport).max(0.0);
    if chrome + total <= page {
        harness.set_size(egui::Vec2::new(width, (chrome + total).ceil()));
        let _ = harness.try_run();
        let _ = harness.try_run();
        return Ok(vec![harness.render()?]);
    }
    // Pages: each scrolls on by what it shows (the sides' names stay on top of each).
    let mut pages = Vec::new();
    let mut top = 0.0;
    while top < total - 1.0 && pages.len() < 200 {
        let left = total - top;
        if left + chrome < page {
            harness.set_size(egui::Vec2::new(width, (chrome + left).ceil().max(240.0)));
        }
        harness.state_mut().shown.columns.scroll_to(top);
        let _ = harness.try_run();
        harness.state_mut().shown.columns.scroll_to(top);
        let _ = harness.try_run();
        pages.push(harness.render()?);
        let (_, shown) = harness.state().shown.columns.figure_heights();
        // The pinned band (side names, issue heading) covers the top of each page after the first.
        let pinned = harness.state().shown.columns.pinned_height();
        top += (shown - pinned).max(200.0);
    }
    Ok(pages)
}

/// `figure.png` for one page; `figure-1.png`, `figure-2.png`… for several.
fn page_paths(output: &Path, pages: usize) -> Vec<PathBuf> {
    if pages <= 1 {
        return vec![output.to_path_buf()];
    }
    let stem = output
        .file_stem()
        .map_or_else(|| "figure".to_owned(), |s| s.to_string_lossy().into_owned());
    (1..=pages)
        .map(|n| output.with_file_name(format!("{stem}-{n}.png")))
        .collect()
}

/// Runs `stances export --format png`.
#[expect(clippy::print_stderr, reason = "the command line reports problems on standard error")]
pub fn export_png(
    request: &ReportRequest,
    output: Option<&Path>,
    size: (u32, u32),
    dark: bool,
    view: PictureView,
) -> ExitCode {
    let result = (|| -> Result<(), String> {
        let output = output
            .filter(|o| !is_standard_output(Some(o)))
            .ok_or_else(|| "a PNG is a picture: name the file to write with -o, e.g. -o comparison.png".to_owned())?;
        // Read first, so that a bad file is said as for the other formats, not as a notice in the picture.
        let (comparison, study) = request.read()?;
        let shown = io::display_path(&request.file);
        if let Some(warning) = Report::with_study(&comparison, study.as_ref())
            .named(&shown)
            .conflict_warning()
        {
            eprintln!("stances export: {warning}");
        }
        let theme = if dark { egui::Theme::Dark } else { egui::Theme::Light };
        let view = match view {
            PictureView::Columns => MainView::Columns,
            PictureView::Overview => MainView::Overview,
            PictureView::Values => MainView::Values,
            PictureView::Rounds => MainView::Rounds,
        };
        let pages = draw_window(request, size, theme, view)?;
        let paths = page_paths(output, pages.len());
        for (path, bytes) in paths.iter().zip(&pages) {
            io::write_atomically(path, bytes)?;
        }
        if paths.len() > 1 {
            eprintln!(
                "stances export: the figure is taller than a page, so it was written as {} pages: {} … {}",
                paths.len(),
                io::display_path(&paths[0]),
                io::display_path(&paths[paths.len() - 1])
            );
        }
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stances export: {e}");
            ExitCode::from(1)
        }
    }
}

/// A picture of the window asked for and not yet taken: where to write it, and
/// where the picture arrives (the renderer takes it after the next frame).
pub(in crate::gui) struct PictureRequest {
    path: PathBuf,
    arrives: std::sync::mpsc::Receiver<std::sync::Arc<egui::ColorImage>>,
}

impl StancesApp {
    /// The file an export is offered as: beside the comparison, named after it.
    fn suggested_export_path(&self, format: ExportFormat) -> PathBuf {
        let saved = self.suggested_save_path();
        let stem = crate::format::comparison_file::comparison_stem(&saved);
        let stem = if stem.is_empty() { "comparison" } else { stem.as_str() };
        saved.with_file_name(format.file_name(stem))
    }

    /// After the export dialog: where to write.
    pub(super) fn request_export(&mut self, ctx: &Context, format: ExportFormat) {
        // No figure from a half-merged file: as `stances export` says.
        let name = self
            .path()
            .map_or_else(|| "This comparison".to_owned(), io::display_path);
        let mut files = vec![(name.as_str(), self.comparison())];
        if let Some(study) = &self.open.study {
            let copies = study.adjudication.study().copies();
            files.extend(copies.iter().map(|c| (c.file.as_str(), &c.comparison)));
        }
        let found = crate::model::unsettled::unsettled(files);
        if let Some(refusal) = crate::model::unsettled::refusal(&found, "then export again") {
            self.notices.error(refusal);
            if !self.comparison().conflicts().is_empty() {
                self.shown.views.main = crate::gui::views::MainView::Conflicts;
            }
            return;
        }
        let suggested = self.suggested_export_path(format);
        self.dialogs
            .files
            .request(ctx, FileAction::Export(format), Some(suggested));
    }

    /// Writes the report in `format` to `path` (its extension added when missing);
    /// for a PNG, asks the window for a picture of its next frame.
    pub(super) fn export_to(&mut self, ctx: &Context, format: ExportFormat, path: &Path) {
        let path = with_extension_unless(path, format.extension(), format.extension());
        let shown = io::display_path(&path);
        if format == ExportFormat::Png {
            let (tx, rx) = std::sync::mpsc::channel();
            let repaint = ctx.clone();
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::ScreenshotCallback::new(
                move |image| {
                    let _ = tx.send(image);
                    repaint.request_repaint();
                },
            )));
            self.dialogs.picture = Some(PictureRequest { path, arrives: rx });
            return;
        }
        let study = self.open.study.as_ref().map(|s| s.adjudication.study());
        let report = Report::with_study(self.comparison(), study);
        match format
            .text(&report, crate::format::csv_out::CsvStyle::default())
            .and_then(|text| io::write_atomically(&path, text.as_bytes()))
        {
            Ok(()) => self.notices.info(format!("Exported {} to {shown}.", describe(format))),
            Err(e) => self.notices.error(format!("{shown}: not exported: {e}")),
        }
    }

    /// Writes the picture of the window once it has arrived.
    pub(super) fn receive_picture(&mut self) {
        let Some(request) = &self.dialogs.picture else {
            return;
        };
        let image = match request.arrives.try_recv() {
            Ok(image) => image,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                let shown = io::display_path(&request.path);
                self.dialogs.picture = None;
                self.notices.error(format!(
                    "{shown}: not exported: this system gave no picture of the window"
                ));
                return;
            }
        };
        let path = request.path.clone();
        self.dialogs.picture = None;
        let shown = io::display_path(&path);
        let [width, height] = image.size;
        let written = u32::try_from(width)
            .ok()
            .zip(u32::try_from(height).ok())
            .ok_or_else(|| "the picture is too large".to_owned())
            .and_then(|(w, h)| png_bytes(w, h, image.as_raw().to_vec()))
            .and_then(|bytes| io::write_atomically(&path, &bytes));
        match written {
            Ok(()) => self.notices.info(format!(
                "Exported a picture of the window ({width} × {height} pixels) to {shown}."
            )),
            Err(e) => self.notices.error(format!("{shown}: not exported: {e}")),
        }
    }
}

/// What a notice calls an export.
fn describe(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Md => "the Markdown report",
        ExportFormat::Html => "the HTML report",
        ExportFormat::Csv => "the marks as CSV",
        ExportFormat::CsvWide => "the issues as CSV",
        ExportFormat::CsvDecisions => "the consensus's decisions as CSV",
        ExportFormat::Png => "a picture of the window",
    }
}

//! File › Export…: reports written from the model, and the PNG of the window; and
//! `stances export --format png`, which draws the window off screen.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::app::{AppOptions, StancesApp};

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

/// The window opening `file` (with the coders of `coders` as a study), drawn off
/// screen at `size`, as PNG bytes.
fn draw_window(file: &Path, coders: &[PathBuf], (width, height): (u32, u32)) -> Result<Vec<u8>, String> {
    let mut files = coders.to_vec();
    files.push(file.to_path_buf());
    let options = AppOptions {
        files,
        coders: !coders.is_empty(),
        native_dialogs: false,
        autosave_dir: None,
        new_windows: false,
    };
    // The renderer may panic where no graphics adapter can be had: said as an error.
    let drawn = std::panic::catch_unwind(move || {
        let mut harness = egui_kittest::Harness::builder()
            .with_size([width as f32, height as f32])
            .allow_missing_glyphs()
            .wgpu()
            .build_eframe(move |cc| StancesApp::new(cc, options));
        // The window settles within a few frames (fonts, column widths); a notice
        // may keep asking for frames, which a picture need not wait for.
        let _ = harness.try_run();
        harness.render()
    });
    let picture = match drawn {
        Ok(Ok(picture)) => picture,
        Ok(Err(e)) => return Err(format!("the window could not be drawn: {e}")),
        Err(_) => {
            return Err(
                "the window could not be drawn: no graphics adapter was found (install Mesa's Vulkan or OpenGL drivers, e.g. Debian's mesa-vulkan-drivers)"
                    .to_owned(),
            );
        }
    };
    let (w, h) = picture.dimensions();
    png_bytes(w, h, picture.into_raw())
}

/// Runs `stances export --format png`.
#[expect(clippy::print_stderr, reason = "the command line reports problems on standard error")]
pub fn export_png(file: &Path, output: Option<&Path>, coders: &[PathBuf], size: (u32, u32)) -> ExitCode {
    let result = (|| {
        let output = output
            .filter(|o| !crate::cli::export::is_standard_output(Some(o)))
            .ok_or_else(|| "a PNG is a picture: name the file to write with -o, e.g. -o comparison.png".to_owned())?;
        // Read first, so that a bad file is said as for the other formats, not as a notice in the picture.
        crate::cli::export::report_text(file, crate::export::ExportFormat::Csv, coders)?;
        let bytes = draw_window(file, coders, size)?;
        crate::io::write_atomically(output, &bytes)
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stances export: {e}");
            ExitCode::from(1)
        }
    }
}

//! Opening the window on a computer that may lack what a window needs. winit
//! opens the system's windowing libraries when it starts (X11's, Wayland's,
//! xkbcommon's), and panics when one is missing; a computer with no graphics
//! driver makes eframe fail. Either way the user is told which library is
//! missing and which package has it, instead of a panic's backtrace.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The libraries a window opens at run time, with the Debian and Ubuntu package of each.
const LIBRARIES: [(&str, &str); 14] = [
    ("libxkbcommon-x11", "libxkbcommon-x11-0"),
    ("libxkbcommon", "libxkbcommon0"),
    ("libX11-xcb", "libx11-xcb1"),
    ("libX11", "libx11-6"),
    ("libXcursor", "libxcursor1"),
    ("libXrandr", "libxrandr2"),
    ("libXi", "libxi6"),
    ("libxcb", "libxcb1"),
    ("libwayland-client", "libwayland-client0"),
    ("libwayland-cursor", "libwayland-cursor0"),
    ("libwayland-egl", "libwayland-egl1"),
    ("libvulkan", "libvulkan1"),
    ("libEGL", "libegl1"),
    ("libGL", "libgl1"),
];

/// What to say when starting the window failed with `problem`: the library and
/// its package where one is named, how to draw without a graphics card where
/// that is the trouble, and that the command line needs none of it.
pub fn explained(problem: &str) -> String {
    let fallback = "The command line (`stances --help`) works without a window.";
    if let Some((library, package)) = LIBRARIES.iter().find(|(library, _)| problem.contains(library)) {
        return format!(
            "stances: the window needs the library {library}, which this computer does not have. Install it: on Debian and Ubuntu, `sudo apt install {package}`; elsewhere, your system's package of {library}. {fallback}\n(what failed: {})",
            problem.trim()
        );
    }
    if problem.contains("DISPLAY") {
        return format!(
            "stances: there is no display to open a window on (neither WAYLAND_DISPLAY nor DISPLAY is set): start Stances in a desktop session, or over SSH with X forwarding (ssh -X). {fallback}"
        );
    }
    format!(
        "stances: could not open a window: {}. On a computer with no graphics driver, install Mesa's (Debian and Ubuntu: `sudo apt install mesa-vulkan-drivers libgl1-mesa-dri`); over SSH, a window needs a display. {fallback}",
        problem.trim()
    )
}

/// Opens the window (see [`super::run`]); what went wrong, in words, when it could not.
pub fn open_window(
    files: Vec<PathBuf>,
    coders: bool,
    class: bool,
    coder_source: crate::model::study::CoderSource,
) -> Result<(), String> {
    // A panic while the window starts is kept to be said, not printed as a backtrace.
    let said: Arc<Mutex<Option<String>>> = Arc::default();
    let previous = std::panic::take_hook();
    let kept = Arc::clone(&said);
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut slot) = kept.lock() {
            *slot = Some(message);
        }
    }));
    let started = std::panic::catch_unwind(move || super::run(files, coders, class, coder_source));
    std::panic::set_hook(previous);
    match started {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(explained(&e.to_string())),
        Err(_) => {
            let message = said.lock().ok().and_then(|m| m.clone()).unwrap_or_default();
            Err(explained(&message))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::explained;

    #[test]
    fn a_missing_library_is_named_with_its_package() {
        let said = explained("Library libxkbcommon-x11.so could not be loaded.");
        assert!(said.contains("needs the library libxkbcommon-x11"), "{said}");
        assert!(said.contains("sudo apt install libxkbcommon-x11-0"), "{said}");
        let said = explained("NoAdapter");
        assert!(said.contains("mesa-vulkan-drivers"), "{said}");
        let said = explained("neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set");
        assert!(said.contains("there is no display"), "{said}");
    }
}

//! A live class on the projector: where to join (the address, its QR code and
//! the join code, large on the title step), and the strip over the
//! presentation's footer that says how many joined and chose, whether voting
//! on the issue is open, with the teacher's buttons (close voting, reveal,
//! stop).

use egui::{Color32, RichText, Ui, Vec2};

use crate::gui::action::LiveAct;
use crate::model::words::count;

/// A QR code's modules, made once when the class starts.
pub struct Qr {
    width: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// The code of `text`; `None` if it is too long for one (never for an address).
    pub fn new(text: &str) -> Option<Self> {
        let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
        let width = code.width();
        let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        Some(Self { width, dark })
    }

    /// Paints the code `side` points wide, dark on white with the quiet zone
    /// scanners need (four modules).
    pub fn paint(&self, ui: &mut Ui, side: f32, label: &str) {
        let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), egui::Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, label));
        let quiet = 4;
        let modules = self.width + 2 * quiet;
        // Whole pixels per module: a blurred edge can defeat a phone's camera.
        let pixels = ui.pixels_per_point();
        let module = ((side * pixels / modules as f32).floor().max(1.0)) / pixels;
        let drawn = module * modules as f32;
        let origin = egui::emath::GuiRounding::round_to_pixels(rect.min + Vec2::splat((side - drawn) / 2.0), pixels);
        let painter = ui.painter();
        painter.rect_filled(
            egui::Rect::from_min_size(origin, Vec2::splat(drawn)),
            0.0,
            Color32::WHITE,
        );
        for (n, _) in self.dark.iter().enumerate().filter(|(_, d)| **d) {
            let (x, y) = (n % self.width + quiet, n / self.width + quiet);
            let min = origin + Vec2::new(x as f32 * module, y as f32 * module);
            painter.rect_filled(egui::Rect::from_min_size(min, Vec2::splat(module)), 0.0, Color32::BLACK);
        }
    }
}

/// What the projector says of the live class.
pub struct LiveShown<'a> {
    /// `http://192.168.1.23:8731`, as students type it.
    pub address: &'a str,
    pub code: &'a str,
    pub qr: Option<&'a Qr>,
    pub joined: usize,
    pub max_students: usize,
    pub choices: usize,
    /// The issue shown: (voting closed, tally revealed); `None` on the title.
    pub issue: Option<(bool, bool)>,
    /// Only this computer can reach the class (tried out before a lesson).
    pub loopback: bool,
    /// The step shown hides the tallies (they come on the next).
    pub tallies_hidden: bool,
    /// The file has marks: the key revealed with the tally.
    pub has_key: bool,
    /// The port asked for, taken by another program (the class is on another).
    pub port_taken: Option<u16>,
}

/// The title step's part: scan or type, then the code, in type for the back
/// of the room.
pub fn join_panel(ui: &mut Ui, live: &LiveShown<'_>) {
    ui.vertical_centered(|ui| {
        ui.label(RichText::new("Join the live class").size(30.0).strong());
        ui.add_space(8.0);
        let side = (ui.available_height() - 200.0)
            .min(ui.available_width())
            .clamp(120.0, 420.0);
        if let Some(qr) = live.qr {
            qr.paint(ui, side, &format!("QR code of {}", live.address));
        }
        ui.add_space(8.0);
        ui.label(
            RichText::new(live.address.trim_start_matches("http://"))
                .size(30.0)
                .monospace()
                .strong(),
        );
        ui.label(
            RichText::new(format!("Code: {}", live.code))
                .size(34.0)
                .monospace()
                .strong(),
        );
        ui.add_space(4.0);
        ui.label(RichText::new(joined_words(live)).size(20.0));
        if let Some(port) = live.port_taken {
            ui.label(
                RichText::new(format!(
                    "Port {port} was taken by another program: this class is on the port above."
                ))
                .size(16.0)
                .color(ui.visuals().warn_fg_color),
            );
        }
        if live.loopback {
            ui.label(
                RichText::new("Only this computer can open it: start the class on a network for phones to join.")
                    .size(16.0)
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
}

/// The strip over the footer: the class in words, where to join, and the
/// teacher's buttons.
pub fn strip(ui: &mut Ui, live: &LiveShown<'_>) -> Option<LiveAct> {
    let mut act = None;
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if ui
            .button("Stop the live class")
            .on_hover_text("Stop taking choices, write each student's hand-in beside your file and open the class")
            .clicked()
        {
            act = Some(LiveAct::Stop);
        }
        if let Some((closed, revealed)) = live.issue {
            let reveal = match (revealed, live.has_key) {
                (false, true) => "Reveal the key (R)",
                (true, true) => "Hide the key (R)",
                (false, false) => "Reveal the tally (R)",
                (true, false) => "Hide the tally (R)",
            };
            let hover = if live.has_key {
                "Show the key (your marks) here, and the class's tally and the key on every student's page"
            } else {
                "Show the class's tally on every student's page (your file has no marks, so there is no key)"
            };
            if ui.button(reveal).on_hover_text(hover).clicked() {
                act = Some(LiveAct::ToggleRevealed);
            }
            let close = if closed { "Open voting (C)" } else { "Close voting (C)" };
            if ui
                .button(close)
                .on_hover_text("Stop or start taking choices on this issue")
                .clicked()
            {
                act = Some(LiveAct::ToggleClosed);
            }
        }
        // The class in words in what is left, cut short rather than under the buttons.
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            let (dot, state) = match live.issue {
                None => (Color32::from_rgb(0x1f, 0x7a, 0x3a), "on the title"),
                Some((true, _)) => (Color32::from_gray(0x70), "voting closed"),
                Some((false, _)) if live.tallies_hidden => {
                    (Color32::from_rgb(0x1f, 0x7a, 0x3a), "voting open · tallies hidden")
                }
                Some((false, _)) => (Color32::from_rgb(0x1f, 0x7a, 0x3a), "voting open"),
            };
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 5.0, dot);
            // Where to join before what might be cut: a late student reads it
            // from the back of the room on every step.
            let full = if live.joined >= live.max_students {
                " (full)"
            } else {
                ""
            };
            let words = format!(
                "Live · join {} code {} · {} joined{full} · {} · {state}",
                live.address.trim_start_matches("http://"),
                live.code,
                live.joined,
                count(live.choices, "choice", "choices"),
            );
            ui.add(egui::Label::new(RichText::new(words).size(15.0).strong()).truncate());
        });
    });
    act
}

fn joined_words(live: &LiveShown<'_>) -> String {
    if live.joined >= live.max_students {
        format!("{} joined (full)", live.joined)
    } else {
        format!("{} joined", count(live.joined, "student", "students"))
    }
}

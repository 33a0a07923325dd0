//! Messages to the user, grouped in one strip: the newest shows, the others fold
//! behind a count. They are cleared when another document opens; every message's
//! text (`path:line:col: …`) can be selected and copied.

use egui::Ui;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Error,
    /// Something the user should act on that is not a failure (a missing font); it stays like an error.
    Warning,
    Info,
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// How many messages are kept; older ones drop out.
const MAX_NOTICES: usize = 20;

#[derive(Default)]
pub struct Notices {
    items: Vec<Notice>,
    expanded: bool,
}

impl Notices {
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(NoticeKind::Error, text.into());
    }

    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(NoticeKind::Warning, text.into());
    }

    /// An information replaces the previous information: only errors and warnings accumulate.
    pub fn info(&mut self, text: impl Into<String>) {
        self.items.retain(|n| n.kind != NoticeKind::Info);
        self.push(NoticeKind::Info, text.into());
    }

    fn push(&mut self, kind: NoticeKind, text: String) {
        self.items.retain(|n| n.text != text);
        self.items.push(Notice { kind, text });
        if self.items.len() > MAX_NOTICES {
            self.items.remove(0);
        }
    }

    /// Takes back the errors that contain `marker` once what they said is
    /// resolved (a save that failed, then succeeded): a message stays only while true.
    pub fn resolved(&mut self, marker: &str) {
        self.items
            .retain(|n| n.kind != NoticeKind::Error || !n.text.contains(marker));
    }

    /// Takes back every message that contains `marker` (a warning no longer
    /// true: a class that did not end, gone on with).
    pub fn withdraw(&mut self, marker: &str) {
        self.items.retain(|n| !n.text.contains(marker));
    }

    pub fn clear(&mut self) {
        self.items.clear();
        self.expanded = false;
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn all(&self) -> &[Notice] {
        &self.items
    }

    /// The strip: the newest message, a count of the others that expands them, and a
    /// button that dismisses them all.
    pub fn ui(&mut self, ui: &mut Ui) {
        let Some(newest) = self.items.last() else { return };
        let errors = self.items.iter().filter(|n| n.kind == NoticeKind::Error).count();
        let mut dismiss = false;
        let mut toggle = false;
        ui.horizontal(|ui| {
            if ui.small_button("×").on_hover_text("Dismiss all messages").clicked() {
                dismiss = true;
            }
            let more = self.items.len() - 1;
            if more > 0 || newest.text.contains('\n') {
                let label = if self.expanded {
                    "Show fewer".to_owned()
                } else if more > 0 {
                    let (one, many) = if errors > 1 {
                        ("problem", "problems")
                    } else {
                        ("message", "messages")
                    };
                    let what = if more == 1 { one } else { many };
                    format!("Show {more} more {what}")
                } else {
                    "Show all".to_owned()
                };
                if ui.small_button(label).clicked() {
                    toggle = true;
                }
            }
            if !self.expanded {
                message(ui, newest, 1);
            }
        });
        if self.expanded {
            egui::ScrollArea::vertical()
                .max_height(180.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for notice in self.items.iter().rev() {
                        message(ui, notice, usize::MAX);
                    }
                });
        }
        if toggle {
            self.expanded = !self.expanded;
        }
        if dismiss {
            self.clear();
        }
    }
}

/// One message, cut to `max_rows` rows; names in right-to-left scripts that it
/// quotes read in their own order.
fn message(ui: &mut Ui, notice: &Notice, max_rows: usize) {
    let color = match notice.kind {
        NoticeKind::Error => ui.visuals().error_fg_color,
        NoticeKind::Warning => ui.visuals().warn_fg_color,
        NoticeKind::Info => ui.visuals().weak_text_color(),
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width = ui.available_width().max(40.0);
    let mut job = egui::text::LayoutJob::simple(
        crate::gui::ui::text::mirrored(&notice.text).into_owned(),
        font,
        color,
        width,
    );
    job.wrap.max_rows = max_rows;
    job.wrap.break_anywhere = max_rows != usize::MAX;
    let galley = crate::gui::ui::text::bidi(ui.ctx(), ui.painter().layout_job(job));
    ui.add(egui::Label::new(galley).selectable(true))
        .on_hover_text(&notice.text);
}

//! Messages to the user, grouped in one strip: the newest shows, the others fold
//! behind a count. They are cleared when another document opens; every message's
//! text (`path:line:col: …`) can be selected and copied.

use egui::{RichText, Ui};

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
                    let what = if errors > 1 { "problems" } else { "messages" };
                    format!("Show {more} more {what}")
                } else {
                    "Show all".to_owned()
                };
                if ui.small_button(label).clicked() {
                    toggle = true;
                }
            }
            if !self.expanded {
                message(ui, newest, 2);
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

fn message(ui: &mut Ui, notice: &Notice, max_rows: usize) {
    let text = RichText::new(&notice.text);
    let text = match notice.kind {
        NoticeKind::Error => text.color(ui.visuals().error_fg_color),
        NoticeKind::Warning => text.color(ui.visuals().warn_fg_color),
        NoticeKind::Info => text.weak(),
    };
    let mut label = egui::Label::new(text).selectable(true);
    label = if max_rows == usize::MAX {
        label.wrap()
    } else {
        label.truncate()
    };
    ui.add(label).on_hover_text(&notice.text);
}

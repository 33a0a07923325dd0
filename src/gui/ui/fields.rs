//! Form fields the dialogs share.

use egui::{Response, Ui};

/// A label above a one-line text field as wide as the dialog, the field named by
/// the label for screen readers and tests, with `hint` shown while it is empty.
pub fn labelled_line(ui: &mut Ui, label: &str, text: &mut String, hint: &str) -> Response {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id)
}

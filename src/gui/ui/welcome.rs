//! The welcome screen: the library of real negotiations as cards (the founding
//! example first and largest), recent files, the ways to start, and a short
//! "how it works" for the first visit.

use std::path::PathBuf;

use egui::{CornerRadius, CursorIcon, Frame, Margin, RichText, Sense, Stroke, Ui, WidgetInfo};

use crate::gui::action::Action;
use crate::gui::command::Command;
use crate::gui::examples::ExampleCard;

/// What the welcome screen needs to know besides the examples.
pub struct WelcomeContext<'a> {
    pub recent: &'a [PathBuf],
    pub first_visit: bool,
    /// The open comparison's name, when there is one to go back to.
    pub back_to: Option<String>,
}

pub fn show(ui: &mut Ui, cards: &[ExampleCard], context: &WelcomeContext<'_>, actions: &mut Vec<Action>) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let width = ui.available_width().min(1100.0);
        let margin = ((ui.available_width() - width) / 2.0).max(0.0);
        ui.horizontal(|ui| {
            ui.add_space(margin);
            ui.vertical(|ui| {
                ui.set_width(width);
                contents(ui, cards, context, actions);
            });
        });
    });
}

fn contents(ui: &mut Ui, cards: &[ExampleCard], context: &WelcomeContext<'_>, actions: &mut Vec<Action>) {
    ui.add_space(18.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Welcome to Stances").size(28.0).strong());
        if let Some(name) = &context.back_to {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(format!("Back to {name}")).clicked() {
                    actions.push(Action::CloseWelcome);
                }
            });
        }
    });
    ui.label(
        RichText::new(
            "Compare what each side of a negotiation demands, issue by issue, and mark where they meet and where they clash.",
        )
        .size(16.0),
    );
    ui.add_space(14.0);

    let Some((founding, others)) = cards.split_first() else {
        return;
    };
    card(ui, founding, true, actions);
    ui.add_space(16.0);

    ui.columns(2, |columns| {
        let (left, right) = columns.split_at_mut(1);
        // Ragged right: the columns' justified layout would stretch the words apart.
        let ragged = egui::Layout::top_down(egui::Align::Min);
        left[0].with_layout(ragged, |ui| {
            ui.label(RichText::new("More real negotiations").size(18.0).strong());
            ui.add_space(4.0);
            for example in others {
                card(ui, example, false, actions);
                ui.add_space(8.0);
            }
        });
        right[0].with_layout(ragged, |ui| start(ui, context, actions));
    });
}

/// A card for one example: click anywhere on it to open it.
fn card(ui: &mut Ui, example: &ExampleCard, large: bool, actions: &mut Vec<Action>) {
    let visuals = ui.visuals().clone();
    let title_size = if large { 24.0 } else { 17.0 };
    let inner = Frame::new()
        .fill(visuals.extreme_bg_color)
        .stroke(visuals.widgets.noninteractive.bg_stroke)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::same(if large { 16 } else { 12 }))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if large {
                ui.label(RichText::new("Start here: the founding example").size(13.0).weak());
            }
            ui.label(super::text::widget_text(
                ui,
                RichText::new(&example.title).size(title_size).strong(),
                egui::TextStyle::Heading,
            ));
            if !example.when.is_empty() {
                ui.label(RichText::new(&example.when).size(if large { 16.0 } else { 14.0 }));
            }
            ui.label(super::text::widget_text(
                ui,
                RichText::new(example.sides.join("  ·  ")).strong(),
                egui::TextStyle::Body,
            ));
            ui.label(RichText::new(&example.description).weak());
            ui.label(
                RichText::new(format!(
                    "{} on {}",
                    crate::format::diagnostics::count(example.demands, "demand", "demands"),
                    crate::format::diagnostics::count(example.issues, "issue", "issues"),
                ))
                .size(13.0)
                .weak(),
            );
            if large {
                ui.add_space(6.0);
                ui.label(RichText::new("Click to open it").color(visuals.hyperlink_color));
            }
        });
    let rect = inner.response.rect;
    let response = ui
        .interact(rect, ui.scope_id().with(("example", example.index)), Sense::click())
        .on_hover_cursor(CursorIcon::PointingHand);
    let label = if example.when.is_empty() {
        format!("Open {}", example.title)
    } else {
        format!("Open {}, {}", example.title, example.when)
    };
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
    if response.hovered() {
        ui.painter().rect_stroke(
            rect,
            8.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    if response.clicked() {
        actions.push(Action::OpenExample(example.index));
    }
}

/// Open, new, compare coders, open a class, recent files, and how it works.
fn start(ui: &mut Ui, context: &WelcomeContext<'_>, actions: &mut Vec<Action>) {
    ui.label(RichText::new("Your own files").size(18.0).strong());
    ui.add_space(4.0);
    for command in [
        Command::Open,
        Command::New,
        Command::NewNegotiation,
        Command::CompareCoders,
        Command::OpenClass,
        Command::ImportSpreadsheet,
    ] {
        let shortcut = command
            .shortcut()
            .map(|s| format!("   {}", ui.ctx().format_shortcut(&s)))
            .unwrap_or_default();
        if ui.button(format!("{}{shortcut}", command.label())).clicked() {
            actions.push(Action::Run(command));
        }
    }
    ui.add_space(10.0);
    if !context.recent.is_empty() {
        ui.label(RichText::new("Recent").strong());
        for path in context.recent.iter().take(8) {
            let mut name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            if path.is_dir() {
                name.push_str(" (class)");
            }
            if ui.link(name).on_hover_text(path.display().to_string()).clicked() {
                actions.push(Action::Open(vec![path.clone()]));
            }
        }
        ui.add_space(10.0);
    }
    egui::CollapsingHeader::new(RichText::new("How it works").strong())
        .default_open(context.first_visit)
        .show(ui, |ui| {
            for step in [
                "1. Open a negotiation: an example here, or position files (.ron) that list what each side demands, issue by issue. Each side gets a column; the same issue sits at the same height in every column.",
                "2. Click a demand, Ctrl+click demands of other sides, and press 1–4 (or the buttons on the right) to mark them agreed, partial, disputed or unaddressed. Write a note on the mark.",
                "3. Save the comparison (Ctrl+S): it keeps the positions, your marks and notes, and opens the same anywhere.",
                "4. Teach with it: F5 presents the negotiation issue by issue on a projector; File › Hand out to students… gives a class a copy to code, and File › Open class… shows where the class divides. Research with it: Codebook edits the statuses, File › Compare coders… measures agreement between coders.",
            ] {
                ui.label(step);
                ui.add_space(4.0);
            }
        });
}

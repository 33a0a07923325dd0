//! The menu bar, and the bar with the search field and the legend (which filters by status).

use egui::{RichText, Ui};

use super::theme;
use crate::gui::action::{Action, ColumnRef};
use crate::gui::command::Command;
use crate::gui::views::MainView;
use crate::model::Comparison;
use crate::model::alignment::Filter;

/// What the menu bar shows besides the menus.
pub struct MenuState<'a> {
    pub recent: &'a [std::path::PathBuf],
    pub can_undo: bool,
    pub can_redo: bool,
    pub hide_marks: bool,
    pub details_shown: bool,
    /// The main view shown, when the comparison's views can be switched to.
    pub view: Option<MainView>,
}

pub fn menu_bar(ui: &mut Ui, cmp: &Comparison, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    let MenuState {
        recent,
        can_undo,
        can_redo,
        view,
        ..
    } = *state;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, cmp, recent, actions));
        ui.menu_button("Edit", |ui| edit_menu(ui, cmp, can_undo, can_redo, actions));
        ui.menu_button("Codebook", |ui| {
            command_button(ui, Command::EditCodebook, true, actions);
            ui.separator();
            command_button(ui, Command::SaveCodebook, true, actions);
            command_button(ui, Command::ApplyCodebook, true, actions);
            command_button(ui, Command::ExportQdc, true, actions);
        });
        ui.menu_button("View", |ui| view_menu(ui, cmp, state, actions));
        ui.menu_button("Present", |ui| present_menu(ui, cmp, state.hide_marks, actions));
        ui.menu_button("Help", |ui| {
            command_button(ui, Command::Welcome, true, actions);
            command_button(ui, Command::Shortcuts, true, actions);
            command_button(ui, Command::Guide, true, actions);
        });
        if let Some(current) = view {
            view_tabs(ui, current, cmp, actions);
        }
    });
}

fn file_menu(ui: &mut Ui, cmp: &Comparison, recent: &[std::path::PathBuf], actions: &mut Vec<Action>) {
    command_button(ui, Command::New, true, actions);
    command_button(ui, Command::NewNegotiation, true, actions);
    command_button(ui, Command::Open, true, actions);
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                if ui.button(path.display().to_string()).clicked() {
                    actions.push(Action::Open(vec![path.clone()]));
                }
            }
        });
    });
    command_button(ui, Command::AddFiles, true, actions);
    command_button(ui, Command::CompareCoders, true, actions);
    command_button(ui, Command::OpenClass, true, actions);
    command_button(ui, Command::HandOut, cmp.side_count() > 0, actions);
    command_button(ui, Command::ImportSpreadsheet, true, actions);
    command_button(ui, Command::AddSource, cmp.side_count() > 0, actions);
    ui.separator();
    command_button(ui, Command::Save, true, actions);
    command_button(ui, Command::SaveAs, true, actions);
    command_button(ui, Command::SavePositionsAs, cmp.side_count() > 0, actions);
    command_button(ui, Command::Export, cmp.side_count() > 0, actions);
    ui.separator();
    command_button(ui, Command::Quit, true, actions);
}

fn edit_menu(ui: &mut Ui, cmp: &Comparison, can_undo: bool, can_redo: bool, actions: &mut Vec<Action>) {
    command_button(ui, Command::Undo, can_undo, actions);
    command_button(ui, Command::Redo, can_redo, actions);
    ui.separator();
    command_button(ui, Command::RemoveMark, true, actions);
    command_button(ui, Command::ClearSelection, true, actions);
    command_button(ui, Command::Find, true, actions);
    ui.separator();
    command_button(
        ui,
        Command::EditPositions,
        cmp.side_count() > 0 && cmp.handout().is_none(),
        actions,
    );
    command_button(ui, Command::SetCoder, cmp.marks().len() > 0, actions);
    command_button(ui, Command::Preferences, true, actions);
}

/// The views, the columns, the details pane, presenting and the theme.
fn present_menu(ui: &mut Ui, cmp: &Comparison, hide_marks: bool, actions: &mut Vec<Action>) {
    command_button(ui, Command::Present, cmp.side_count() > 0, actions);
    let mut hide = hide_marks;
    if ui
        .checkbox(&mut hide, "Hide marks until revealed")
        .on_hover_text("In a presentation, show each issue's demands first and its marks on the next step, so that a class can guess first")
        .changed()
    {
        actions.push(Action::SetHideMarks(hide));
    }
    ui.separator();
    command_button(ui, Command::StartLiveClass, cmp.side_count() > 0, actions);
}

fn view_menu(ui: &mut Ui, cmp: &Comparison, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    let MenuState {
        details_shown, view, ..
    } = *state;
    for (main, command) in VIEW_COMMANDS {
        if !offered(main, view, cmp) {
            continue;
        }
        let mut button = egui::Button::new(command.label()).selected(view == Some(main));
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui
            .add_enabled(view.is_some(), button)
            .on_hover_text(main.hover())
            .clicked()
        {
            actions.push(Action::Run(command));
        }
    }
    ui.separator();
    ui.add_enabled_ui(cmp.side_count() > 0, |ui| {
        ui.menu_button("Columns", |ui| columns_menu(ui, cmp, actions));
    });
    let mut details = egui::Button::new(Command::ToggleDetails.label()).selected(details_shown);
    if let Some(shortcut) = Command::ToggleDetails.shortcut() {
        details = details.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui
        .add(details)
        .on_hover_text("The pane at the right with the selected demand, its marks and notes; hide it to give the columns the whole width")
        .clicked()
    {
        actions.push(Action::Run(Command::ToggleDetails));
    }
    command_button(
        ui,
        Command::ShowAllColumns,
        cmp.visible_sides().len() < cmp.side_count(),
        actions,
    );
    ui.separator();
    let current = ui.ctx().options(|o| o.theme_preference);
    for (preference, label) in [
        (egui::ThemePreference::System, "Theme of the system"),
        (egui::ThemePreference::Light, "Light theme (projectors)"),
        (egui::ThemePreference::Dark, "Dark theme"),
    ] {
        if ui.selectable_label(current == preference, label).clicked() {
            ui.ctx().set_theme(preference);
        }
    }
    ui.separator();
    ui.label(RichText::new("Zoom: Ctrl+Plus, Ctrl+Minus, Ctrl+0").weak());
}

/// The main views and the commands that show them.
const VIEW_COMMANDS: [(MainView, Command); 5] = [
    (MainView::Columns, Command::ShowColumns),
    (MainView::Overview, Command::ShowOverview),
    (MainView::Values, Command::ShowValues),
    (MainView::Rounds, Command::CompareRounds),
    (MainView::Conflicts, Command::ShowConflicts),
];

/// Whether a view has something to show: the Conflicts view only while a merge
/// left conflicts (or while it is shown, to say none remain).
fn offered(main: MainView, current: Option<MainView>, cmp: &Comparison) -> bool {
    main != MainView::Conflicts || !cmp.conflicts().is_empty() || current == Some(main)
}

/// The main views as tabs at the right of the menu bar.
fn view_tabs(ui: &mut Ui, current: MainView, cmp: &Comparison, actions: &mut Vec<Action>) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        for (main, command) in VIEW_COMMANDS.iter().rev() {
            if !offered(*main, Some(current), cmp) {
                continue;
            }
            let label = match main {
                MainView::Conflicts if !cmp.conflicts().is_empty() => {
                    format!("⚠ {} ({})", command.label(), cmp.conflicts().len())
                }
                _ => command.label().to_owned(),
            };
            let shortcut = command
                .shortcut()
                .map(|s| format!(" ({})", ui.ctx().format_shortcut(&s)))
                .unwrap_or_default();
            if ui
                .selectable_label(current == *main, RichText::new(label).size(14.5))
                .on_hover_text(format!("{}{shortcut}", main.hover()))
                .clicked()
                && current != *main
            {
                actions.push(Action::Run(*command));
            }
        }
    });
}

/// Every column, shown or hidden, in display order: tick to show, arrows to move.
fn columns_menu(ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
    let columns = &cmp.view().columns;
    let shown = columns.iter().filter(|c| !c.hidden).count();
    for (i, column) in columns.iter().enumerate() {
        let Some(side) = cmp.side_ix(&column.document, &column.side) else {
            continue;
        };
        let column_ref = ColumnRef {
            document: column.document.clone(),
            side: column.side.clone(),
        };
        ui.horizontal(|ui| {
            let mut visible = !column.hidden;
            // The last shown column cannot be hidden: an empty view helps nobody.
            let can_toggle = column.hidden || shown > 1;
            if ui
                .add_enabled(
                    can_toggle,
                    egui::Checkbox::new(
                        &mut visible,
                        super::text::widget_text(ui, cmp.side_label(side), egui::TextStyle::Body),
                    ),
                )
                .changed()
            {
                actions.push(Action::SetColumnHidden {
                    column: column_ref.clone(),
                    hidden: !visible,
                });
            }
            if ui
                .add_enabled(i > 0, egui::Button::new("Left").small())
                .on_hover_text("Move left")
                .clicked()
            {
                actions.push(Action::MoveColumn {
                    column: column_ref.clone(),
                    by: -1,
                });
            }
            if ui
                .add_enabled(i + 1 < columns.len(), egui::Button::new("Right").small())
                .on_hover_text("Move right")
                .clicked()
            {
                actions.push(Action::MoveColumn {
                    column: column_ref.clone(),
                    by: 1,
                });
            }
        });
    }
}

fn command_button(ui: &mut Ui, command: Command, enabled: bool, actions: &mut Vec<Action>) {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        actions.push(Action::Run(command));
    }
}

/// The search field and the legend. Clicking a status in the legend filters by it.
pub fn filter_bar(
    ui: &mut Ui,
    cmp: &Comparison,
    counts: &[usize],
    filter: &Filter,
    search_focus: bool,
    coder: &str,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        // Who is coding, always in view: new marks carry this name. One click to change it.
        let who = if coder.trim().is_empty() {
            "No coder named yet".to_owned()
        } else {
            format!("Coding as {coder}")
        };
        let coding = super::text::widget_text(ui, who, egui::TextStyle::Button);
        if ui
            .add(egui::Button::new(coding))
            .on_hover_text("New marks are recorded as this coder's. Click to change the name (Edit › Preferences).")
            .clicked()
        {
            actions.push(Action::Run(Command::Preferences));
        }
        ui.add_space(12.0);
        let mut query = filter.query.clone();
        let label = ui.label("Search");
        let search = egui::TextEdit::singleline(&mut query)
            .id(egui::Id::unique("search"))
            .hint_text("text, quote, tag or issue (Ctrl+F)")
            .desired_width(240.0);
        let response = ui.add(search).labelled_by(label.id);
        if search_focus {
            response.request_focus();
        }
        if response.changed() {
            actions.push(Action::SetQuery(query));
        }
        ui.add_space(12.0);
        ui.label(RichText::new("Marks").weak());
        for (i, status) in cmp.codebook().statuses.iter().enumerate() {
            let color = theme::status_color(status);
            let on = filter.statuses.contains(&status.id);
            let count = counts.get(i).copied().unwrap_or(0);
            let text = RichText::new(format!("{} {count}", status.label))
                .strong()
                .color(if on { theme::text_on(color) } else { color });
            let button = egui::Button::new(super::text::widget_text(ui, text, egui::TextStyle::Button))
                .fill(if on { color } else { theme::tint(color, ui.visuals()) })
                .selected(on);
            let response = ui.add(button).on_hover_text(format!(
                "{count} marks are {}. Click to show only demands with this status; click again to show all.",
                status.label.to_lowercase()
            ));
            if response.clicked() {
                actions.push(Action::ToggleStatusFilter(status.id.clone()));
            }
        }
        let unmarked = egui::Button::new("Unmarked").selected(filter.unmarked);
        if ui.add(unmarked).on_hover_text("Show demands with no mark").clicked() {
            actions.push(Action::ToggleUnmarkedFilter);
        }
        if filter.is_active() && ui.button("Clear filter").clicked() {
            actions.push(Action::ClearFilter);
        }
    });
}

//! Two rounds compared: for each side, every demand added, dropped, changed (the
//! text's differences word by word, the fields that changed) or kept, with the
//! side's concessions and hardenings; the matches Stances suggests where ids
//! differ, to confirm or reject; and matches drawn by hand.

use egui::{Color32, RichText, Sense, Ui, WidgetInfo};

use super::diff::diff_text;
use super::{text, theme};
use crate::gui::action::{Action, RoundsAction, RoundsDecision};
use crate::gui::views::{ROUNDS_PAGE, RoundsFilter};
use crate::model::Comparison;
use crate::model::position::{Demand, PositionFile};
use crate::model::rounds::{
    Change, DemandChange, Direction, Field, MatchedBy, RoundDemand, RoundLink, RoundsComparison, SideRounds,
    priority_change, value_change,
};

fn change_color(change: Change) -> Color32 {
    match change {
        Change::Added => Color32::from_rgb(47, 158, 68),
        Change::NotRestated => Color32::from_rgb(224, 49, 49),
        Change::Changed => Color32::from_rgb(217, 72, 15),
        Change::Kept => Color32::from_rgb(134, 142, 150),
    }
}

fn direction_color(direction: Direction) -> Color32 {
    match direction {
        Direction::Concession => Color32::from_rgb(47, 158, 68),
        Direction::Hardening => Color32::from_rgb(224, 49, 49),
    }
}

/// The pair of rounds compared, and their comparison.
pub struct RoundsShown<'a> {
    pub old: usize,
    pub new: usize,
    pub changes: &'a RoundsComparison,
}

pub fn show(
    ui: &mut Ui,
    cmp: &Comparison,
    shown: Option<RoundsShown<'_>>,
    filter: &RoundsFilter,
    actions: &mut Vec<Action>,
) {
    ui.add_space(4.0);
    ui.heading("Compare rounds");
    let Some(shown) = shown else {
        ui.add_space(8.0);
        ui.label("Comparing rounds needs two position files of the same talks, one per round (for example the Istanbul rounds of 16 May and 2 June 2025).");
        if ui.button("Add position files…").clicked() {
            actions.push(Action::Run(crate::gui::command::Command::AddFiles));
        }
        return;
    };
    pair_chooser(ui, cmp, shown.old, shown.new, actions);
    ui.label(
        RichText::new("Demands are matched by id. Where ids differ, Stances suggests matches by the similarity of the texts: confirm or reject each, or match a dropped demand with an added one by hand. Decisions are saved with the comparison.")
            .weak(),
    );
    change_filter(ui, filter, actions);
    ui.add_space(6.0);
    let documents = cmp.documents();
    let (old_doc, new_doc) = (&documents[shown.old], &documents[shown.new]);
    let context = Context {
        old_id: &old_doc.id,
        new_id: &new_doc.id,
        old: &old_doc.data,
        new: &new_doc.data,
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for side in &shown.changes.sides {
            side_section(ui, &context, side, filter, actions);
            ui.add_space(10.0);
        }
    });
}

/// The two documents compared, each chosen from the comparison's documents.
fn pair_chooser(ui: &mut Ui, cmp: &Comparison, old: usize, new: usize, actions: &mut Vec<Action>) {
    let documents = cmp.documents();
    ui.horizontal_wrapped(|ui| {
        let mut choose = |ui: &mut Ui, label: &str, current: usize, other: usize, is_old: bool| {
            let label_id = ui.label(label).id;
            egui::ComboBox::from_id_salt(("rounds", label))
                .selected_text(documents[current].round_title())
                .width(300.0)
                .show_ui(ui, |ui| {
                    for (i, document) in documents.iter().enumerate() {
                        if i == other {
                            continue;
                        }
                        if ui.selectable_label(i == current, document.round_title()).clicked() && i != current {
                            let (o, n) = if is_old { (i, other) } else { (other, i) };
                            actions.push(Action::Rounds(RoundsAction::Choose {
                                old: documents[o].id.clone(),
                                new: documents[n].id.clone(),
                            }));
                        }
                    }
                })
                .response
                .labelled_by(label_id);
        };
        choose(ui, "Earlier round", old, new, true);
        ui.label("→");
        choose(ui, "Later round", new, old, false);
        if ui.button("Swap").on_hover_text("Compare the other way round").clicked() {
            actions.push(Action::Rounds(RoundsAction::Choose {
                old: documents[new].id.clone(),
                new: documents[old].id.clone(),
            }));
        }
    });
}

/// The two rounds' data and ids, for the rows.
struct Context<'a> {
    old_id: &'a str,
    new_id: &'a str,
    old: &'a PositionFile,
    new: &'a PositionFile,
}

impl Context<'_> {
    fn old_demand(&self, side: &SideRounds, place: usize) -> Option<&Demand> {
        side.old_demand(self.old, place)
    }

    fn new_demand(&self, side: &SideRounds, place: usize) -> Option<&Demand> {
        side.new_demand(self.new, place)
    }

    fn link(&self, side: &SideRounds, old: usize, new: usize) -> Option<RoundLink> {
        let old_side = &self.old.sides.get(side.old_side?)?.id;
        let new_side = &self.new.sides.get(side.new_side?)?.id;
        Some(RoundLink {
            old: RoundDemand::new(old_side.clone(), self.old_demand(side, old)?.id.clone()),
            new: RoundDemand::new(new_side.clone(), self.new_demand(side, new)?.id.clone()),
        })
    }

    fn decide(&self, link: RoundLink, decision: RoundsDecision) -> Action {
        Action::Rounds(RoundsAction::Decide {
            old: self.old_id.to_owned(),
            new: self.new_id.to_owned(),
            link,
            decision,
        })
    }
}

/// Which kinds of change are listed.
fn change_filter(ui: &mut Ui, filter: &RoundsFilter, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("List").weak());
        for change in Change::ALL {
            let on = filter.shown.contains(&change);
            let color = change_color(change);
            let text = RichText::new(change.label())
                .strong()
                .color(if on { Color32::WHITE } else { color });
            let button = egui::Button::new(text)
                .fill(if on { color } else { theme::tint(color, ui.visuals()) })
                .selected(on);
            if ui
                .add(button)
                .on_hover_text(format!("List the demands {} or not", change.name()))
                .clicked()
            {
                actions.push(Action::Rounds(RoundsAction::ToggleChange(change)));
            }
        }
    });
}

fn side_section(
    ui: &mut Ui,
    context: &Context<'_>,
    side: &SideRounds,
    filter: &RoundsFilter,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(text::widget_text(
            ui,
            RichText::new(&side.name).strong().size(19.0),
            egui::TextStyle::Heading,
        ));
        for change in Change::ALL {
            let n = side.count(change);
            ui.label(
                RichText::new(format!("{n} {}", change.name()))
                    .color(change_color(change))
                    .strong(),
            );
        }
        for direction in [Direction::Concession, Direction::Hardening] {
            let n = side.movements(direction);
            if n > 0 {
                let word = direction.label().to_lowercase();
                ui.label(
                    RichText::new(if n == 1 {
                        format!("1 {word}")
                    } else {
                        format!("{n} {word}s")
                    })
                    .color(direction_color(direction)),
                );
            }
        }
        if side.old_side.is_none() {
            ui.label(RichText::new("(only in the later round)").weak());
        } else if side.new_side.is_none() {
            ui.label(RichText::new("(only in the earlier round)").weak());
        }
    });
    ui.separator();
    suggestions(ui, context, side, actions);
    let listed: Vec<&DemandChange> = side
        .changes
        .iter()
        .filter(|c| filter.shown.contains(&c.change))
        .collect();
    for change in listed.iter().take(filter.rows) {
        demand_row(ui, context, side, change, actions);
    }
    if listed.len() > filter.rows {
        let more = (listed.len() - filter.rows).min(ROUNDS_PAGE);
        if ui
            .button(format!("Show {more} more of {} left", listed.len() - filter.rows))
            .clicked()
        {
            actions.push(Action::Rounds(RoundsAction::ShowMore));
        }
    }
    if side.suggestions_narrowed {
        ui.label(
            RichText::new(
                "Too many demands are unmatched to compare each with each: matches were looked for within each issue.",
            )
            .weak(),
        );
    }
}

/// Suggestions listed at once: each decision brings the next.
const MOST_SUGGESTIONS: usize = 20;

fn suggestions(ui: &mut Ui, context: &Context<'_>, side: &SideRounds, actions: &mut Vec<Action>) {
    if side.suggestions.is_empty() {
        return;
    }
    let fill = theme::tint(Color32::from_rgb(25, 113, 194), ui.visuals());
    egui::Frame::new()
        .fill(fill)
        .corner_radius(6.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.label(RichText::new("Suggested matches: the same demand under another id?").strong());
            for s in side.suggestions.iter().take(MOST_SUGGESTIONS) {
                let (Some(old), Some(new)) = (context.old_demand(side, s.old), context.new_demand(side, s.new)) else {
                    continue;
                };
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{:.0} % alike", s.similarity * 100.0)).strong());
                    ui.label(RichText::new(format!("{} → {}", old.id, new.id)).weak());
                });
                diff_text(ui, &old.text, &new.text);
                ui.horizontal(|ui| {
                    let Some(link) = context.link(side, s.old, s.new) else {
                        return;
                    };
                    if ui
                        .button("Confirm match")
                        .on_hover_text(format!("{} continues as {}", old.id, new.id))
                        .clicked()
                    {
                        actions.push(context.decide(link.clone(), RoundsDecision::Confirm));
                    }
                    if ui
                        .button("Reject")
                        .on_hover_text("Not the same demand: not suggested again")
                        .clicked()
                    {
                        actions.push(context.decide(link, RoundsDecision::Reject));
                    }
                });
            }
            if side.suggestions.len() > MOST_SUGGESTIONS {
                ui.label(
                    RichText::new(format!(
                        "… and {} more, listed as these are decided",
                        side.suggestions.len() - MOST_SUGGESTIONS
                    ))
                    .weak(),
                );
            }
        });
    ui.add_space(6.0);
}

/// What a row says, for a screen reader and the tests: "ua-prisoners: changed (priority)".
fn row_label(id: &str, change: &DemandChange) -> String {
    if change.fields.is_empty() {
        format!("{id}: {}", change.change.name())
    } else {
        let fields: Vec<&str> = change.fields.iter().map(|f| f.name()).collect();
        format!("{id}: {} ({})", change.change.name(), fields.join(", "))
    }
}

fn demand_row(ui: &mut Ui, context: &Context<'_>, side: &SideRounds, change: &DemandChange, actions: &mut Vec<Action>) {
    let old = change.old.and_then(|o| context.old_demand(side, o));
    let new = change.new.and_then(|n| context.new_demand(side, n));
    let Some(shown) = side.demand_of(change, context.old, context.new) else {
        return;
    };
    let response = ui
        .horizontal(|ui| {
            let color = change_color(change.change);
            let pill = RichText::new(format!(" {} ", change.change.label()))
                .color(Color32::WHITE)
                .background_color(color)
                .strong();
            ui.add_sized([78.0, 20.0], egui::Label::new(pill));
            ui.vertical(|ui| {
                match (old, new) {
                    (Some(old), Some(new)) if change.fields.contains(&Field::Text) => {
                        diff_text(ui, &old.text, &new.text)
                    }
                    _ => {
                        text::label(ui, &shown.text, None);
                    }
                }
                details(ui, context, side, change, old, new, actions);
            });
        })
        .response;
    let label = row_label(&shown.id, change);
    let response = ui.interact(
        response.rect,
        ui.scope_id().with(("round-row", &shown.id, change.old, change.new)),
        Sense::hover(),
    );
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &label));
    ui.add_space(4.0);
}

/// The line under a row's text: the id, what changed, the movements, the buttons.
fn details(
    ui: &mut Ui,
    context: &Context<'_>,
    side: &SideRounds,
    change: &DemandChange,
    old: Option<&Demand>,
    new: Option<&Demand>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let weak = |t: String| RichText::new(t).weak().size(theme::META_SIZE);
        match (old, new) {
            (Some(old), Some(new)) if old.id != new.id => {
                ui.label(weak(format!("{} → {}", old.id, new.id)));
            }
            _ => {
                ui.label(weak(new.or(old).map_or_else(String::new, |d| d.id.clone())));
            }
        }
        if let (Some(old), Some(new)) = (old, new) {
            for field in &change.fields {
                let said = match field {
                    Field::Text => continue,
                    Field::Priority => format!("priority {}", priority_change(old.priority, new.priority)),
                    Field::Value => format!("value {}", value_change(old.value.as_ref(), new.value.as_ref())),
                    Field::Quote => "quote changed".to_owned(),
                };
                ui.label(RichText::new(said).size(theme::META_SIZE));
            }
        }
        for movement in &change.movements {
            let color = direction_color(movement.direction);
            ui.label(
                RichText::new(format!(" {} ", movement.direction.label()))
                    .color(Color32::WHITE)
                    .background_color(color)
                    .size(theme::META_SIZE)
                    .strong(),
            );
            ui.label(RichText::new(&movement.what).size(theme::META_SIZE));
        }
        if change.matched_by == Some(MatchedBy::User)
            && let (Some(o), Some(n)) = (change.old, change.new)
            && let Some(link) = context.link(side, o, n)
        {
            ui.label(weak("matched by you".to_owned()));
            if ui
                .small_button("Unmatch")
                .on_hover_text("These are not the same demand")
                .clicked()
            {
                actions.push(context.decide(link, RoundsDecision::Unmatch));
            }
        }
        if change.change == Change::NotRestated
            && let Some(o) = change.old
        {
            match_by_hand(ui, context, side, o, actions);
        }
    });
}

/// A dropped demand matched by hand with an added one of the same side.
fn match_by_hand(ui: &mut Ui, context: &Context<'_>, side: &SideRounds, old: usize, actions: &mut Vec<Action>) {
    let added: Vec<usize> = side
        .changes
        .iter()
        .filter(|c| c.change == Change::Added)
        .filter_map(|c| c.new)
        .collect();
    if added.is_empty() {
        return;
    }
    let id = context.old_demand(side, old).map_or("", |d| d.id.as_str());
    egui::ComboBox::from_id_salt(("match-by-hand", id))
        .selected_text("Match with…")
        .width(160.0)
        .show_ui(ui, |ui| {
            ui.set_min_width(360.0);
            for n in added {
                let Some(demand) = context.new_demand(side, n) else {
                    continue;
                };
                let mut shown: String = demand.text.chars().take(70).collect();
                if demand.text.chars().count() > 70 {
                    shown.push('…');
                }
                if ui
                    .selectable_label(false, format!("{}: {shown}", demand.id))
                    .on_hover_text(&demand.text)
                    .clicked()
                    && let Some(link) = context.link(side, old, n)
                {
                    actions.push(context.decide(link, RoundsDecision::Confirm));
                }
            }
        })
        .response
        .on_hover_text(format!("{id} continues as one of the later round's new demands"))
        .widget_info(|| WidgetInfo::labeled(egui::Role::ComboBox, true, format!("Match {id} with…")));
}

//! The keyboard: every shortcut of the command table, and the codebook's status keys.

use egui::{Context, Key, Modifiers};

use super::StancesApp;
use crate::gui::action::Action;
use crate::gui::command::Command;

impl StancesApp {
    /// Keyboard shortcuts. Plain keys (digits, arrows, Delete) are left to a text
    /// field that has the keyboard.
    pub(super) fn shortcuts(&self, ctx: &Context, actions: &mut Vec<Action>) {
        // A question is open: its own keys (Enter, Esc) answer it, and nothing else may act behind it.
        if self.dialogs.others_mark.is_some()
            || self.dialogs.coder_name.is_some()
            || self.dialogs.git_unmerged.is_some()
            || self.dialogs.same_coder.is_some()
            || self.dialogs.import.is_some()
            || self.dialogs.adjudicator_prompt.is_some()
            || self.dialogs.handout_welcome.is_some()
        {
            return;
        }
        // Esc closes an open menu or the shortcut sheet first; only then does it
        // clear the selection (a teacher closing a menu must not lose what is shown).
        if (egui::Popup::is_any_open(ctx) || self.dialogs.shortcuts)
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            actions.push(Action::CloseOverlays);
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        // A coding study's tables hide the columns: keys that select or mark demands there would act unseen.
        // So do the overview, the values and the rounds.
        let columns_shown = self.columns_shown();
        for &(command, shortcut) in Command::shortcut_order() {
            if typing && command.yields_to_typing() {
                continue;
            }
            if !columns_shown && (command.movement().is_some() || command == Command::RemoveMark) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                actions.push(Action::Run(command));
            }
        }
        if typing || !columns_shown {
            return;
        }
        for status in &self.comparison().codebook().statuses {
            let Some(key) = status.key.as_deref().and_then(status_key) else {
                continue;
            };
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                actions.push(Action::ApplyStatus(status.id.clone()));
            }
        }
    }
}

/// The key a status key names ("1" is the digit key, "a" the letter key).
fn status_key(name: &str) -> Option<Key> {
    Key::from_name(&name.to_ascii_uppercase())
}

//! The codebook changed in the window (Codebook › Edit codebook…): a status
//! added, changed or removed (its marks recoded), each one undoable edit.

use egui::Context;

use super::StancesApp;
use crate::gui::action::Action;
use crate::model::mark::now_timestamp;

impl StancesApp {
    pub(super) fn handle_codebook(&mut self, ctx: &Context, action: Action) {
        match action {
            Action::SetCodebook { codebook, merge_key } => match self.comparison().codebook_edit(codebook) {
                Ok(edit) => self.apply(edit, merge_key),
                Err(e) => self.notices.error(e.0),
            },
            Action::AddStatus { color } => match self.comparison().add_status_edit("New status", &color) {
                Ok(edit) => {
                    self.open.doc.seal();
                    self.apply(edit, None);
                    if let Some(added) = self.comparison().codebook().statuses.last() {
                        let field = crate::gui::ui::codebook_editor::field_id("label", &added.id);
                        ctx.memory_mut(|m| m.request_focus(field));
                    }
                }
                Err(e) => self.notices.error(e.0),
            },
            Action::RemoveStatus { id, recode_to } => {
                match self
                    .comparison()
                    .remove_status_edit(&id, recode_to.as_deref(), &now_timestamp())
                {
                    Ok(edit) => {
                        self.open.doc.seal();
                        self.apply(Some(edit), None);
                        self.shown.filter.statuses.remove(&id);
                    }
                    Err(e) => self.notices.error(e.0),
                }
            }
            _ => {}
        }
    }
}

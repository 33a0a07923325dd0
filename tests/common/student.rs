//! A student at the window: typing their name on a hand-out's welcome, then
//! giving a demand a status, as every class test does.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stances::gui::StancesApp;

/// The demand of the founding example every class test codes.
pub const UA_REJECTS: &str = "Ukraine: Rejects Russia's offer of a short truce limited to parts of the front line.";

/// On a hand-out's welcome, the student types `name` in the empty name box and
/// starts coding; the welcome is gone.
pub fn start_as(harness: &mut Harness<'static, StancesApp>, name: &str) {
    harness.get_by_label("A hand-out from your teacher");
    let field = "Your name, as your teacher will see it on your marks";
    harness.get_by_label(field).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(field).type_text(name);
    harness.run();
    harness.get_by_label("Start coding").click();
    harness.run();
    assert!(
        harness.query_by_label("A hand-out from your teacher").is_none(),
        "coding starts"
    );
}

/// The student gives the Ukrainian rejection the status of `key`, then asks to
/// save (Ctrl+S): the window's save prompt is left for the caller to answer.
pub fn code_and_ask_to_save(harness: &mut Harness<'static, StancesApp>, key: Key) {
    harness.get_by_label(UA_REJECTS).click();
    harness.run();
    harness.key_press(key);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
}

//! A live class from the window, as a teacher starts it: the menu, this
//! computer alone (tests never offer a class on a real network), any free
//! port; and what the projector's live strip says.

use std::net::SocketAddr;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stances::gui::StancesApp;

/// Present › Start a live class… (by its exact label: a notice may name it too).
pub fn open_live_dialog(harness: &mut Harness<'static, StancesApp>) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::By;
    harness.get(By::new().label("Present").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("Start a live class…").click();
    harness.run();
}

/// Present › Start a live class…, then `button` ("Start the live class" or
/// "Resume the live class").
pub fn start_live_class(harness: &mut Harness<'static, StancesApp>, button: &str) {
    open_live_dialog(harness);
    harness.get_by_label_contains("This computer only").click();
    harness.run();
    harness.get_by_label("Port").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Port").type_text("0");
    harness.run();
    harness.get_by_label(button).click();
    harness.run();
}

/// The projector's live strip in words.
pub fn strip(harness: &Harness<'static, StancesApp>) -> String {
    let node = harness.get_by_label_contains("Live ·");
    let node = node.accesskit_node();
    node.label().or_else(|| node.value()).unwrap_or_default()
}

/// Where students join and the join code, as the strip shows them.
pub fn join_address(harness: &Harness<'static, StancesApp>) -> (SocketAddr, String) {
    let words = strip(harness);
    let after = words.split("join ").nth(1).expect("the strip says where to join");
    let (address, rest) = after.split_once(" code ").expect("an address and a code");
    let code = rest.split(" · ").next().unwrap_or_default();
    (
        address.trim().parse().expect("an address and port"),
        code.trim().to_owned(),
    )
}

/// How many choices the strip counts.
pub fn choices_shown(harness: &Harness<'static, StancesApp>) -> usize {
    let words = strip(harness);
    words
        .split(" · ")
        .find(|part| part.ends_with(" choices") || part.ends_with(" choice"))
        .and_then(|part| part.split_whitespace().next())
        .map(|n| n.replace([',', '\u{a0}', '\u{202f}'], ""))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Frames until the server's news is drawn (it wakes the window from its own thread).
pub fn settle(harness: &mut Harness<'static, StancesApp>) {
    for _ in 0..3 {
        let _ = harness.try_run();
    }
}

//! Presentation mode (F5): full screen, a zoom and a light theme of its own, the
//! negotiation step by step. Leaving puts the window, zoom and theme back as they were.

use egui::{Context, Key, Modifiers, ThemePreference, Ui, ViewportCommand};

use super::StancesApp;
use crate::gui::action::LiveAct;
use crate::gui::ui::class_slides::ClassSlides;
use crate::gui::ui::presentation::{self, Nav};
use crate::model::presentation::Steps;

/// The presentation zoom when none was chosen yet: type for the back of a room.
pub const DEFAULT_ZOOM: f32 = 1.25;

/// How the window was before presenting.
#[derive(Clone, Copy, Debug)]
struct Restore {
    zoom: f32,
    fullscreen: bool,
    theme: ThemePreference,
}

/// Presenting: the presentation under way, if one is, and how presentations are
/// made (their own zoom, marks hidden until revealed), kept across them.
pub(super) struct Presenter {
    pub presenting: Option<Presenting>,
    /// The zoom of presentations, apart from the normal zoom.
    pub zoom: f32,
    /// Whether presentations hide each issue's marks until revealed.
    pub hide_marks: bool,
}

pub(super) struct Presenting {
    steps: Steps,
    at: usize,
    /// The page of the step shown, and how many the step took when last drawn
    /// (a step too long for the screen goes on over pages).
    page: usize,
    pages: usize,
    /// Digits typed to jump to an issue.
    typed: String,
    /// The comparison's layout the steps were made for.
    layout: u64,
    restore: Restore,
    /// The step and page drawn last frame: one shown anew starts at its top.
    drawn: Option<(usize, usize)>,
    /// Where the pointer was when the presentation began: the window went full
    /// screen since, so that position is stale until the pointer moves.
    pointer_at_start: Option<egui::Pos2>,
    /// A class's result, presented in place of the marks (F5 in the class view).
    class: Option<ClassSlides>,
}

impl Presenting {
    /// Whether the step shown is an issue with its marks (or tallies) hidden.
    pub(super) fn hides_tallies(&self) -> bool {
        matches!(
            self.steps.get(self.at),
            crate::model::presentation::Step::Issue { marks: false, .. }
        )
    }

    /// Onwards: the step's next page, else the next step's first.
    fn next(&mut self) {
        if self.page + 1 < self.pages {
            self.page += 1;
        } else if self.at < self.steps.last() {
            self.at = self.steps.next(self.at);
            self.page = 0;
        }
    }

    /// Back: the step's page before, else the step before at its last page.
    fn back(&mut self) {
        if self.page > 0 {
            self.page -= 1;
        } else if self.at > 0 {
            self.at = self.steps.previous(self.at);
            // Drawn as its last page, however many it takes.
            self.page = usize::MAX;
        }
    }

    /// To step `at`, at its first page.
    fn go(&mut self, at: usize) {
        self.at = at;
        self.page = 0;
    }
}

/// The steps of a presentation of `cmp`, of a class's result when `class` is given.
fn steps_of(cmp: &crate::model::Comparison, hide: bool, class: Option<&ClassSlides>) -> Steps {
    match class {
        // A live class's key is revealed on the issue's own step, when the teacher says.
        Some(class) if class.live_revealed.is_some() => Steps::for_class(cmp, hide, false),
        Some(class) => Steps::for_class(cmp, hide, class.demands.values().any(|d| d.key.is_some())),
        None => Steps::new(cmp, hide),
    }
}

impl StancesApp {
    pub(super) fn is_presenting(&self) -> bool {
        self.presenter.presenting.is_some()
    }

    pub(super) fn start_presenting(&mut self, ctx: &Context) {
        if self.presenter.presenting.is_some() {
            return;
        }
        if self.comparison().side_count() == 0 {
            self.notices.info("Nothing to present yet: open a negotiation first.");
            return;
        }
        let restore = Restore {
            zoom: ctx.zoom_factor(),
            fullscreen: ctx.input(|i| i.viewport().fullscreen.unwrap_or(false)),
            theme: ctx.options(|o| o.theme_preference),
        };
        self.open.doc.seal();
        self.live_changed();
        let class = self.live_slides().or_else(|| self.class_slides());
        ctx.set_zoom_factor(self.presenter.zoom);
        ctx.set_theme(ThemePreference::Light);
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
        let steps = steps_of(self.comparison(), self.presenter.hide_marks, class.as_ref());
        // A live class goes on where its students are (a presentation left and
        // come back to, or a class resumed), not back at the title.
        let at = self
            .live_issue()
            .and_then(|issue| steps.step_of_issue(issue))
            .unwrap_or(0);
        self.presenter.presenting = Some(Presenting {
            steps,
            at,
            page: 0,
            pages: 1,
            typed: String::new(),
            layout: self.comparison().layout_revision(),
            restore,
            drawn: None,
            pointer_at_start: Some(ctx.pointer_latest_pos().unwrap_or(egui::Pos2::new(f32::NAN, f32::NAN))),
            class,
        });
    }

    pub(super) fn stop_presenting(&mut self, ctx: &Context) {
        let Some(presenting) = self.presenter.presenting.take() else {
            return;
        };
        // The zoom chosen while presenting is kept for the next presentation.
        self.presenter.zoom = ctx.zoom_factor();
        ctx.set_zoom_factor(presenting.restore.zoom);
        ctx.set_theme(presenting.restore.theme);
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(presenting.restore.fullscreen));
    }

    /// Switches "hide marks until revealed", staying on the same issue.
    fn toggle_hidden_marks(&mut self) {
        self.presenter.hide_marks = !self.presenter.hide_marks;
        let hide = self.presenter.hide_marks;
        let cmp = self.open.doc.comparison();
        if let Some(p) = self.presenter.presenting.as_mut() {
            let steps = steps_of(cmp, hide, p.class.as_ref());
            let at = p.steps.same_place_in(p.at, &steps);
            p.steps = steps;
            p.go(at);
        }
    }

    /// The keys of a presentation, in place of the editing shortcuts.
    fn presentation_keys(&mut self, ctx: &Context) {
        if self.asking_to_stop_live() {
            // The question over the presentation has the keys.
            return;
        }
        let Some(p) = self.presenter.presenting.as_mut() else {
            return;
        };
        let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        // Ctrl+0 goes back to the presentation's own size, not the window's 100 %.
        if ctx.input_mut(|i| i.consume_shortcut(&egui::KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0))) {
            ctx.set_zoom_factor(DEFAULT_ZOOM);
        }
        if [Key::Space, Key::ArrowRight, Key::PageDown, Key::ArrowDown]
            .into_iter()
            .any(&pressed)
        {
            p.next();
            p.typed.clear();
        }
        if [Key::ArrowLeft, Key::Backspace, Key::PageUp, Key::ArrowUp]
            .into_iter()
            .any(&pressed)
        {
            p.back();
            p.typed.clear();
        }
        if pressed(Key::Home) {
            p.go(0);
        }
        if pressed(Key::End) {
            let last = p.steps.last();
            p.go(last);
        }
        for (digit, key) in [
            Key::Num0,
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ]
        .into_iter()
        .enumerate()
        {
            if pressed(key) && p.typed.len() < 4 {
                p.typed.push(char::from(b'0' + digit as u8));
            }
        }
        if pressed(Key::Enter) {
            if let Some(step) = p.typed.parse().ok().and_then(|n| p.steps.issue_step(n)) {
                p.go(step);
            }
            p.typed.clear();
        }
        if pressed(Key::N)
            && let Some(class) = p.class.as_mut()
        {
            class.names = !class.names;
        }
        let live_act = if pressed(Key::C) {
            Some(LiveAct::ToggleClosed)
        } else if pressed(Key::R) {
            Some(LiveAct::ToggleRevealed)
        } else {
            None
        };
        let toggle_marks = pressed(Key::M);
        let escape = pressed(Key::Escape);
        let leave = pressed(Key::F5) || (escape && p.typed.is_empty());
        if escape {
            p.typed.clear();
        }
        if toggle_marks {
            self.toggle_hidden_marks();
        }
        if let Some(act) = live_act {
            self.live_act(act);
        }
        if leave {
            self.stop_presenting(ctx);
        }
    }

    /// One frame of a presentation: the step, the footer, the pointer's highlight.
    pub(super) fn presentation_frame(&mut self, ui: &mut Ui, ctx: &Context) {
        let layout = self.comparison().layout_revision();
        let hide = self.presenter.hide_marks;
        let cmp = self.open.doc.comparison();
        if let Some(p) = self.presenter.presenting.as_mut()
            && p.layout != layout
        {
            // A position file was reloaded while presenting: issues may have come or gone.
            let steps = steps_of(cmp, hide, p.class.as_ref());
            let at = p.at.min(steps.last());
            p.steps = steps;
            p.go(at);
            p.layout = layout;
        }
        self.presentation_keys(ctx);
        self.follow_live(ctx);
        let Some(p) = self.presenter.presenting.as_mut() else {
            return;
        };
        if p.pointer_at_start.is_some() && ctx.input(|i| i.pointer.delta() != egui::Vec2::ZERO) {
            p.pointer_at_start = None;
        }
        let Some(p) = self.presenter.presenting.as_ref() else {
            return;
        };
        let fresh = p.drawn != Some((p.at, p.page));
        let pointer_known = p.pointer_at_start.is_none();
        let mut nav = None;
        // A presentation of the positions (not of a class's result) can go live.
        let offer_live = p.class.is_none() && self.live.is_none();
        egui::Panel::bottom("presentation_footer").show(ui, |ui| {
            ui.visuals_mut().weak_text_color = Some(presentation::WEAK_TEXT);
            let page = p.page.min(p.pages.saturating_sub(1));
            let names = p.class.as_ref().is_some_and(|c| c.names);
            nav = presentation::footer(ui, &p.steps, p.at, (page, p.pages), names, &p.typed, offer_live);
        });
        let live_act = self.live_strip(ui);
        let mut pages = 1;
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(egui::Margin::symmetric(28, 16)))
            .show(ui, |ui| {
                ui.visuals_mut().weak_text_color = Some(presentation::WEAK_TEXT);
                let place = (p.at, p.page);
                let live = self.live_shown();
                match live {
                    Some(live) if p.steps.get(p.at) == crate::model::presentation::Step::Title => {
                        // The title beside where to join, large enough to scan from the back.
                        ui.columns(2, |columns| {
                            presentation::show(
                                &mut columns[0],
                                self.open.doc.comparison(),
                                &p.steps,
                                place,
                                fresh,
                                None,
                            );
                            crate::gui::ui::live_strip::join_panel(&mut columns[1], &live);
                        });
                    }
                    _ => {
                        pages = presentation::show(
                            ui,
                            self.open.doc.comparison(),
                            &p.steps,
                            place,
                            fresh,
                            p.class.as_ref(),
                        );
                    }
                }
            });
        if let Some(p) = self.presenter.presenting.as_mut() {
            // The footer said the page count of the frame before: a change is drawn again.
            if p.pages != pages {
                ctx.request_repaint();
            }
            p.pages = pages.max(1);
            p.page = p.page.min(p.pages - 1);
            p.drawn = Some((p.at, p.page));
        }
        if pointer_known {
            presentation::pointer_highlight(ctx);
        }
        match nav {
            Some(Nav::Next) => {
                if let Some(p) = self.presenter.presenting.as_mut() {
                    p.next();
                }
            }
            Some(Nav::Back) => {
                if let Some(p) = self.presenter.presenting.as_mut() {
                    p.back();
                }
            }
            Some(Nav::Leave) => self.stop_presenting(ctx),
            Some(Nav::StartLive) => {
                self.stop_presenting(ctx);
                self.open_live_dialog(ctx);
            }
            None => {}
        }
        if let Some(act) = live_act {
            self.live_act(act);
        }
        self.live_stop_prompt(ctx);
    }

    /// During a live class: the tallies follow the students' choices, and the
    /// students' pages the step shown.
    fn follow_live(&mut self, ctx: &Context) {
        if self.live_changed() {
            // Names and notes typed on phones, in scripts this computer may have no font for.
            self.check_live_fonts(ctx);
            let slides = self.live_slides();
            if let Some(p) = self.presenter.presenting.as_mut() {
                let names = p.class.as_ref().is_some_and(|c| c.names);
                p.class = slides.map(|mut s| {
                    s.names = names;
                    s
                });
            }
        }
        if let Some(p) = self.presenter.presenting.as_ref() {
            let issue = p.steps.get(p.at).issue();
            self.live_show(issue);
        }
    }

    /// The live class's strip over the footer, when one runs.
    fn live_strip(&self, ui: &mut Ui) -> Option<LiveAct> {
        let live = self.live_shown()?;
        let mut act = None;
        egui::Panel::bottom("live_strip").show(ui, |ui| {
            ui.visuals_mut().weak_text_color = Some(presentation::WEAK_TEXT);
            act = crate::gui::ui::live_strip::strip(ui, &live);
        });
        act
    }
}

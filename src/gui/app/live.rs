//! A live class from the window (Present › Start a live class…): the server
//! started on the network the teacher chose, the presentation it follows
//! (each step shown is the issue on every student's page), the class's
//! tallies in place of marks as choices come, the teacher's acts (close
//! voting, reveal the key, stop), and on stopping each student's hand-in
//! written beside the teacher's file and the class opened.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;

use egui::Context;

use super::StancesApp;
use crate::gui::action::LiveAct;
use crate::gui::ui::class_slides::{ClassDemand, ClassSlides};
use crate::gui::ui::live_strip::{LiveShown, Qr};
use crate::live::LiveServer;
use crate::live::networks::networks;
use crate::live::teacher::{self, Begun};
use crate::model::live::DEFAULT_MAX_STUDENTS;
use crate::model::live_view::key_of;
use crate::model::study::StudyStatus;
use crate::model::tally::tally_of;
use crate::model::words::count;

/// How the window says a file's live class did not end (taken back once it goes on).
const UNFINISHED: &str = "A live class of this file did not end";

/// A live class under way.
pub(super) struct LiveSession {
    server: LiveServer,
    /// Where the class is kept: its journal, and its hand-ins once stopped.
    folder: PathBuf,
    /// `http://192.168.1.23:8731`.
    address: String,
    code: String,
    qr: Option<Qr>,
    /// The class's revision the presentation's tallies were made from.
    seen: Option<u64>,
    /// "Stop the live class?" is asked.
    asking_to_stop: bool,
    /// How many typed characters the font check has seen.
    fonts_checked: usize,
    /// The port asked for, when another program held it and the class went
    /// to another: said on the projector, where the teacher looks.
    port_taken: Option<u16>,
}

impl StancesApp {
    /// Present › Start a live class…: the dialog, or back to the class's
    /// presentation when one runs.
    pub(super) fn open_live_dialog(&mut self, ctx: &Context) {
        if self.live.is_some() {
            self.start_presenting(ctx);
            return;
        }
        let file = self.live_file();
        let unfinished = file.as_ref().map(|f| teacher::unfinished(f)).unwrap_or_default();
        self.dialogs.live.open(networks(), file, unfinished);
    }

    /// A file opened whose live class did not end (Stances closed or the
    /// computer stopped mid-class): said, with how to go on.
    pub(super) fn offer_unfinished_live_class(&mut self) {
        let Ok(file) = self.live_file() else {
            return;
        };
        if let Some(class) = teacher::unfinished(&file).first() {
            self.notices.warning(format!(
                "{UNFINISHED} ({}): Present › Start a live class… goes on with it, every choice kept.",
                class.describe()
            ));
        }
    }

    /// The file a live class is kept beside (and resumed by): the comparison's,
    /// or the one position file it was read from.
    fn live_file(&self) -> Result<PathBuf, String> {
        if self.open.study.is_some() {
            return Err("A live class codes a negotiation: open its comparison or position file first (not a class or coders' files).".to_owned());
        }
        if let Some(file) = &self.open.file {
            return Ok(file.path.clone());
        }
        let mut sources = self.open.sources.values();
        match (sources.next(), sources.next()) {
            (Some(only), None) => Ok(only.clone()),
            _ => Err("Save the comparison first (File › Save): the class is kept in a folder beside it, and a class that did not end is resumed from there.".to_owned()),
        }
    }

    /// Starts (or resumes) the class and presents it; what stops it is said
    /// in the dialog, which stays open.
    pub(super) fn start_live(&mut self, ctx: &Context, address: SocketAddr, resume: Option<PathBuf>) {
        let file = match self.live_file() {
            Ok(file) => file,
            Err(e) => {
                self.dialogs.live.error = Some(e);
                return;
            }
        };
        // A port another program holds: any free one, shown on the screen.
        let asked = address;
        let address = if TcpListener::bind(address).is_err() && address.port() != 0 {
            SocketAddr::new(address.ip(), 0)
        } else {
            address
        };
        let comparison = self.comparison().clone();
        let begun = match &resume {
            Some(folder) => teacher::resume(folder, &file, comparison),
            None => teacher::begin(&file, comparison, DEFAULT_MAX_STUDENTS),
        };
        let Begun { folder, state, notes } = match begun {
            Ok(begun) => begun,
            Err(e) => {
                self.dialogs.live.error = Some(e);
                return;
            }
        };
        let repaint = ctx.clone();
        let server = match LiveServer::start(address, state, move || repaint.request_repaint()) {
            Ok(server) => server,
            Err(e) => {
                if resume.is_none() {
                    teacher::abandon(&folder);
                }
                self.dialogs.live.error = Some(e);
                return;
            }
        };
        for note in notes {
            self.notices.warning(note);
        }
        if let Err(e) = server.record_address() {
            self.notices.error(e);
        }
        let port_taken = (asked.port() != 0 && asked.port() != server.address().port()).then_some(asked.port());
        if port_taken.is_some() {
            self.notices.warning(format!(
                "Port {} is taken by another program: the class is on port {}, as the screen shows.{}",
                asked.port(),
                server.address().port(),
                if resume.is_some() {
                    " Students already in the class scan the code again and join anew (their earlier choices stay in the class under their first join)."
                } else {
                    ""
                }
            ));
        }
        if self.comparison().marks().len() == 0 {
            self.notices.warning(
                "Your file has no marks, so the class has no key: revealing (R) shows the students the class's tally alone.",
            );
        }
        let (code, students, choices) = server.with_state(|s| {
            (
                s.class.join_code().to_owned(),
                s.class.students().len(),
                s.class.vote_count(),
            )
        });
        let address = format!("http://{}", server.address());
        let qr = Qr::new(&server.join_url());
        self.notices.info(if resume.is_some() {
            format!(
                "Live class resumed ({}, {}): students open {address} with the code {code}.",
                count(students, "student", "students"),
                count(choices, "choice", "choices")
            )
        } else {
            format!(
                "Live class started: students open {address} with the code {code}. It is kept in {}.",
                folder.display()
            )
        });
        self.live = Some(LiveSession {
            server,
            folder,
            address,
            code,
            qr,
            seen: None,
            asking_to_stop: false,
            fonts_checked: 0,
            port_taken,
        });
        self.notices.withdraw(UNFINISHED);
        self.dialogs.live.open = false;
        self.start_presenting(ctx);
    }

    /// The live class's figures as a class presented: under each demand its
    /// tally so far, the key (the teacher's marks) on revealed issues.
    pub(super) fn live_slides(&self) -> Option<ClassSlides> {
        let live = self.live.as_ref()?;
        let cmp = self.comparison();
        let statuses: Vec<StudyStatus> = cmp
            .codebook()
            .statuses
            .iter()
            .map(|s| StudyStatus {
                id: s.id.clone(),
                label: s.label.clone(),
                color: s.color.clone(),
            })
            .collect();
        let codebook = &cmp.codebook().statuses;
        let position = |id: &str| codebook.iter().position(|s| s.id == id);
        live.server.with_state(|state| {
            let class = &state.class;
            let size = class.students().len();
            let names = class.shown_names();
            let mut demands = HashMap::new();
            for ix in cmp.all_demands() {
                let reference = cmp.demand_ref(ix);
                let mut counts = vec![0; statuses.len()];
                for (status, n) in class.tally(&reference) {
                    if let Some(at) = position(&status) {
                        counts[at] += n;
                    }
                }
                let notes = class
                    .students()
                    .iter()
                    .zip(&names)
                    .filter_map(|(student, name)| {
                        let vote = class.vote_of(&student.id, &reference)?;
                        let status = position(&vote.status)?;
                        (!vote.note.is_empty()).then(|| (name.clone(), status, vote.note.clone()))
                    })
                    .collect();
                demands.insert(
                    ix,
                    ClassDemand {
                        tally: tally_of(0, counts, size),
                        key: key_of(cmp, ix).and_then(position),
                        example: None,
                        notes,
                    },
                );
            }
            // A file with no marks has no key to show: revealing then shows the
            // students the tally alone, and the projector nothing more.
            let revealed = if cmp.marks().len() == 0 {
                Default::default()
            } else {
                (0..cmp.issues().len()).filter(|&i| class.is_revealed(i)).collect()
            };
            Some(ClassSlides {
                statuses,
                demands,
                names: false,
                live_revealed: Some(revealed),
            })
        })
    }

    /// Whether the live class changed since its tallies were last made.
    pub(super) fn live_changed(&mut self) -> bool {
        let Some(live) = self.live.as_mut() else {
            return false;
        };
        let revision = live.server.with_state(|s| s.class.revision());
        let changed = live.seen != Some(revision);
        live.seen = Some(revision);
        changed
    }

    /// Names the scripts of what the students typed (names and notes) that no
    /// font can draw: asked of the fonts only when something new was typed.
    pub(super) fn check_live_fonts(&mut self, ctx: &Context) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        let checked = live.fonts_checked;
        let Some(typed) = live.server.with_state(|s| {
            let typed = s.class.typed_characters();
            (typed.len() != checked).then(|| typed.clone())
        }) else {
            return;
        };
        live.fonts_checked = typed.len();
        self.name_missing_fonts(ctx, typed);
    }

    /// The issue the students' pages show, while a live class runs.
    pub(super) fn live_issue(&self) -> Option<usize> {
        self.live.as_ref()?.server.with_state(|s| s.class.shown())
    }

    /// The students' pages show the issue the presentation shows (`None`: the title).
    pub(super) fn live_show(&mut self, issue: Option<usize>) {
        let Some(live) = self.live.as_ref() else {
            return;
        };
        if live.server.with_state(|s| s.class.shown()) == issue {
            return;
        }
        if let Err(e) = live.server.teacher(|s| s.class.show(&s.comparison, issue)) {
            self.notices.error(e);
        }
    }

    /// What the projector says of the class.
    pub(super) fn live_shown(&self) -> Option<LiveShown<'_>> {
        let live = self.live.as_ref()?;
        let (joined, max_students, choices, issue) = live.server.with_state(|s| {
            let class = &s.class;
            (
                class.students().len(),
                class.max_students(),
                class.vote_count(),
                class.shown().map(|i| (class.is_closed(i), class.is_revealed(i))),
            )
        });
        Some(LiveShown {
            address: &live.address,
            code: &live.code,
            qr: live.qr.as_ref(),
            joined,
            max_students,
            choices,
            issue,
            loopback: live.server.address().ip().is_loopback(),
            tallies_hidden: self.presenter.presenting.as_ref().is_some_and(|p| p.hides_tallies()),
            port_taken: live.port_taken,
            has_key: self.comparison().marks().len() > 0,
        })
    }

    /// A teacher's act from the projector.
    pub(super) fn live_act(&mut self, act: LiveAct) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        let result = match act {
            LiveAct::ToggleClosed => live.server.teacher(|s| s.class.toggle_closed()),
            LiveAct::ToggleRevealed => live.server.teacher(|s| s.class.toggle_revealed()),
            // Asked first: stopping ends the class for every student.
            LiveAct::Stop => {
                live.asking_to_stop = true;
                Ok(())
            }
        };
        if let Err(e) = result {
            self.notices.error(e);
        }
    }

    /// "Stop the live class?", when asked: stopping ends it for every student.
    pub(super) fn live_stop_prompt(&mut self, ctx: &Context) {
        let Some(live) = self.live.as_mut().filter(|l| l.asking_to_stop) else {
            return;
        };
        let (joined, choices) = live
            .server
            .with_state(|s| (s.class.students().len(), s.class.vote_count()));
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("stop_live_class")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("Stop the live class?");
            ui.label(format!(
                "Students can no longer send choices, and their pages say the class has ended. Each student's coding ({}, {}) is written as a hand-in beside your file, and the class opens.",
                count(joined, "student", "students"),
                count(choices, "choice", "choices")
            ));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Stop and hand in").clicked() {
                    answer = Some(true);
                }
                if ui.button("Go on with the class").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => self.stop_live(ctx),
            Some(false) => live.asking_to_stop = false,
            None => {}
        }
    }

    /// Whether "Stop the live class?" is being asked (the presentation's keys wait).
    pub(super) fn asking_to_stop_live(&self) -> bool {
        self.live.as_ref().is_some_and(|l| l.asking_to_stop)
    }

    /// Another document takes the window's place: the class it served stops
    /// and hands in (its pages cannot follow a presentation of other
    /// positions). What to say once the new document is open.
    pub(super) fn end_live_for_another_document(&mut self) -> Option<String> {
        let (folder, written) = self.hand_in_live()?;
        Some(match written {
            Ok(paths) => format!(
                "The live class stopped as another file opened: {} written to {} (File › Open class… shows them).",
                count(paths.len(), "hand-in", "hand-ins"),
                folder.display()
            ),
            Err(e) => format!(
                "The live class stopped as another file opened, but its hand-ins could not be written: {e}. Every choice is in {}; open its file and Present › Start a live class… to go on.",
                folder.display()
            ),
        })
    }

    /// Stops the class: no more choices, each student's hand-in written into
    /// the class's folder, the presentation left and the class opened.
    fn stop_live(&mut self, ctx: &Context) {
        let Some((folder, written)) = self.hand_in_live() else {
            return;
        };
        self.stop_presenting(ctx);
        match written {
            Ok(paths) if paths.is_empty() => {
                self.notices.info(format!(
                    "The live class stopped; nobody had joined. Its folder is {}.",
                    folder.display()
                ));
            }
            Ok(paths) => {
                // Opening the class says what it holds: the hand-ins are said after.
                self.open_class(ctx, std::slice::from_ref(&folder));
                self.notices.info(format!(
                    "The live class stopped: {} written to {}.",
                    count(paths.len(), "hand-in", "hand-ins"),
                    folder.display()
                ));
            }
            Err(e) => self.notices.error(format!(
                "{e}. Nothing is lost: every choice is in {}; Present › Start a live class… resumes it and hands it in again.",
                folder.display()
            )),
        }
    }

    /// Ends the class under way: served no more, each student's hand-in
    /// written into its folder. The folder, and what was written.
    fn hand_in_live(&mut self) -> Option<(PathBuf, Result<Vec<PathBuf>, String>)> {
        let LiveSession { server, folder, .. } = self.live.take()?;
        let written = server.stop_and_hand_in(&folder);
        Some((folder, written))
    }
}

//! A live class: students code the negotiation from their own phones and
//! laptops while the teacher presents. This is the class as data, with no
//! network in it: who joined (each a student of their own, never told apart by
//! the name they typed), which issue is shown, which issues are closed or
//! revealed, and each student's status (and note) on each demand.
//!
//! Every act is an event. A request is checked first ([`LiveClass::join`],
//! [`LiveClass::vote`]…, which change nothing and say why they refuse), the
//! event it makes is written to the class's journal, and only then applied
//! ([`LiveClass::apply`]): the journal replayed gives back the class after a
//! crash, vote for vote.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::comparison::Comparison;
use super::handout::Student;
use super::live_codes::is_hidden_control;
pub use super::live_codes::{new_join_code, new_secret, same_code};
use super::mark::{DemandRef, Mark};

/// At most this many characters of a student's name.
pub const MAX_NAME_CHARS: usize = 60;
/// At most this many characters of a note.
pub const MAX_NOTE_CHARS: usize = 500;
/// Students a live class takes unless told otherwise.
pub const DEFAULT_MAX_STUDENTS: usize = 200;

/// One act of a live class, as its journal records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveEvent {
    /// A student joined; `token` is their session's secret, kept so that their
    /// page goes on after the teacher's Stances restarts.
    Joined { token: String, student: Student },
    /// A student gave a demand a status (replacing what they gave it before).
    Voted {
        student: String,
        demand: DemandRef,
        status: String,
        note: String,
        at: String,
    },
    /// A student took back what they gave a demand.
    Withdrew { student: String, demand: DemandRef },
    /// The teacher showed an issue (by its index in the comparison), or the
    /// title (`None`).
    Showed(Option<usize>),
    /// The teacher closed voting on an issue, or opened it again.
    Closed { issue: usize, closed: bool },
    /// The teacher showed the class's tally on an issue (and the key), or hid it.
    Revealed { issue: usize, revealed: bool },
    /// The class was offered at this address (`192.168.1.23:8731`): a class
    /// resumed is offered there again, where the students' pages look for it.
    Served { address: String },
    /// The teacher stopped the class and each student's hand-in was written
    /// (a class resumed after this goes on, and hands in again when stopped).
    Ended,
}

/// Why a request changes nothing, in words a student's page can show.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("this is not the join code of the class; check the code on the screen")]
    WrongCode,
    #[error("write your name on one line, at most {MAX_NAME_CHARS} characters")]
    BadName,
    #[error("the class is full ({0} students); ask your teacher")]
    Full(usize),
    #[error("your session has ended; join again with the code on the screen")]
    UnknownStudent,
    #[error("this demand is not in the negotiation shown")]
    UnknownDemand,
    #[error("`{0}` is not one of the codebook's statuses")]
    UnknownStatus(String),
    #[error("this issue has not been shown yet")]
    NotShown,
    #[error("voting on this issue is closed")]
    Closed,
    #[error("the note is too long: at most {MAX_NOTE_CHARS} characters")]
    NoteTooLong,
    #[error("there is no such issue")]
    UnknownIssue,
}

/// A student's status on a demand, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vote {
    pub status: String,
    pub note: String,
    pub at: String,
}

/// A live class over one comparison (the teacher's, whose marks are the key).
#[derive(Clone, Debug)]
pub struct LiveClass {
    join_code: String,
    max_students: usize,
    students: Vec<Student>,
    /// Each session's secret → its student.
    by_token: HashMap<String, usize>,
    /// Each student's id → its place in `students`.
    by_id: HashMap<String, usize>,
    shown: Option<usize>,
    /// Issues shown at least once: voting on them is open until closed.
    ever_shown: BTreeSet<usize>,
    closed: BTreeSet<usize>,
    revealed: BTreeSet<usize>,
    votes: HashMap<(usize, DemandRef), Vote>,
    /// How many students gave each demand each status, kept as votes come.
    counts: HashMap<DemandRef, HashMap<String, usize>>,
    /// Where the class was last offered.
    served_at: Option<String>,
    /// Every character beyond ASCII the students typed (names and notes),
    /// gathered as they come: for the window to name scripts it has no font for.
    typed: std::collections::BTreeSet<char>,
    /// Events applied, for the window to tell that something changed.
    revision: u64,
}

impl LiveClass {
    /// A class with this join code, taking at most `max_students`.
    pub fn new(join_code: String, max_students: usize) -> Self {
        Self {
            join_code,
            max_students,
            students: Vec::new(),
            by_token: HashMap::new(),
            by_id: HashMap::new(),
            shown: None,
            ever_shown: BTreeSet::new(),
            closed: BTreeSet::new(),
            revealed: BTreeSet::new(),
            votes: HashMap::new(),
            counts: HashMap::new(),
            served_at: None,
            typed: std::collections::BTreeSet::new(),
            revision: 0,
        }
    }

    /// A class replayed from its journal's events.
    pub fn replayed<'e>(
        join_code: String,
        max_students: usize,
        events: impl IntoIterator<Item = &'e LiveEvent>,
    ) -> Self {
        let mut class = Self::new(join_code, max_students);
        for event in events {
            class.apply(event);
        }
        class
    }

    pub fn join_code(&self) -> &str {
        &self.join_code
    }

    pub fn students(&self) -> &[Student] {
        &self.students
    }

    pub fn max_students(&self) -> usize {
        self.max_students
    }

    /// The issue shown (its index in the comparison), `None` on the title.
    pub fn shown(&self) -> Option<usize> {
        self.shown
    }

    pub fn is_closed(&self, issue: usize) -> bool {
        self.closed.contains(&issue)
    }

    pub fn is_revealed(&self, issue: usize) -> bool {
        self.revealed.contains(&issue)
    }

    /// Where the class was last offered (`192.168.1.23:8731`).
    pub fn served_at(&self) -> Option<&str> {
        self.served_at.as_deref()
    }

    /// Grows by one with every event applied.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Each student's name as the class shows it, in the order they joined:
    /// two who typed one name (case aside) told apart by (2), (3)…, as their
    /// hand-ins are named, so that the projector, their page and the files
    /// say the same.
    pub fn shown_names(&self) -> Vec<String> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        self.students
            .iter()
            .map(|student| {
                let name = student.name.trim();
                let n = seen.entry(name.to_lowercase()).or_default();
                *n += 1;
                if *n == 1 {
                    name.to_owned()
                } else {
                    format!("{name} ({n})")
                }
            })
            .collect()
    }

    /// Every character beyond ASCII the students typed, in their names and
    /// notes: for the window to say which scripts it has no font for.
    pub fn typed_characters(&self) -> &std::collections::BTreeSet<char> {
        &self.typed
    }

    /// The name the class shows for the student whose session this is.
    pub fn shown_name_of(&self, token: &str) -> Option<String> {
        let &at = self.by_token.get(token)?;
        self.shown_names().into_iter().nth(at)
    }

    /// The student whose session this is.
    pub fn student_of(&self, token: &str) -> Option<&Student> {
        self.by_token.get(token).map(|&s| &self.students[s])
    }

    /// How many votes were given in all.
    pub fn vote_count(&self) -> usize {
        self.votes.len()
    }

    /// A student's vote on a demand.
    pub fn vote_of(&self, student: &str, demand: &DemandRef) -> Option<&Vote> {
        let &s = self.by_id.get(student)?;
        self.votes.get(&(s, demand.clone()))
    }

    /// How many students gave a demand each status.
    pub fn tally(&self, demand: &DemandRef) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = self
            .counts
            .get(demand)
            .map(|c| {
                c.iter()
                    .filter(|(_, n)| **n > 0)
                    .map(|(s, n)| (s.clone(), *n))
                    .collect()
            })
            .unwrap_or_default();
        counts.sort();
        counts
    }

    /// The event that makes a new student of whoever typed `name` with `code`:
    /// a student of their own even when another has the same name.
    pub fn join(&self, code: &str, name: &str) -> Result<LiveEvent, Refusal> {
        if !same_code(code, &self.join_code) {
            return Err(Refusal::WrongCode);
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(is_hidden_control) {
            return Err(Refusal::BadName);
        }
        if self.students.len() >= self.max_students {
            return Err(Refusal::Full(self.max_students));
        }
        Ok(LiveEvent::Joined {
            token: new_secret(),
            student: Student::starting(name),
        })
    }

    /// The event that records a student's status (and note) on a demand of
    /// `cmp`: the student known by their session, the demand on an issue shown
    /// and not closed, the status one of the codebook's.
    pub fn vote(
        &self,
        cmp: &Comparison,
        token: &str,
        demand: &DemandRef,
        status: &str,
        note: &str,
        at: String,
    ) -> Result<LiveEvent, Refusal> {
        let student = self.student_of(token).ok_or(Refusal::UnknownStudent)?;
        self.check_open(cmp, demand)?;
        if cmp.codebook().get(status).is_none() {
            return Err(Refusal::UnknownStatus(status.to_owned()));
        }
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(Refusal::NoteTooLong);
        }
        Ok(LiveEvent::Voted {
            student: student.id.clone(),
            demand: demand.clone(),
            status: status.to_owned(),
            note: note.trim().to_owned(),
            at,
        })
    }

    /// The event that takes back a student's vote on a demand.
    pub fn withdraw(&self, cmp: &Comparison, token: &str, demand: &DemandRef) -> Result<LiveEvent, Refusal> {
        let student = self.student_of(token).ok_or(Refusal::UnknownStudent)?;
        self.check_open(cmp, demand)?;
        Ok(LiveEvent::Withdrew {
            student: student.id.clone(),
            demand: demand.clone(),
        })
    }

    fn check_open(&self, cmp: &Comparison, demand: &DemandRef) -> Result<(), Refusal> {
        let issue = cmp
            .resolve(demand)
            .and_then(|ix| cmp.demand_issue(ix))
            .ok_or(Refusal::UnknownDemand)?;
        if !self.ever_shown.contains(&issue) {
            return Err(Refusal::NotShown);
        }
        if self.closed.contains(&issue) {
            return Err(Refusal::Closed);
        }
        Ok(())
    }

    /// The event that shows an issue of `cmp` (or the title).
    pub fn show(&self, cmp: &Comparison, issue: Option<usize>) -> Result<LiveEvent, Refusal> {
        if issue.is_some_and(|i| i >= cmp.issues().len()) {
            return Err(Refusal::UnknownIssue);
        }
        Ok(LiveEvent::Showed(issue))
    }

    /// The event that closes voting on the issue shown, or opens it again.
    pub fn toggle_closed(&self) -> Result<LiveEvent, Refusal> {
        let issue = self.shown.ok_or(Refusal::NotShown)?;
        Ok(LiveEvent::Closed {
            issue,
            closed: !self.is_closed(issue),
        })
    }

    /// The event that reveals the tally (and the key) on the issue shown, or hides it.
    pub fn toggle_revealed(&self) -> Result<LiveEvent, Refusal> {
        let issue = self.shown.ok_or(Refusal::NotShown)?;
        Ok(LiveEvent::Revealed {
            issue,
            revealed: !self.is_revealed(issue),
        })
    }

    /// Applies an event checked before (or read from the journal). An event
    /// naming a student the class does not know changes nothing.
    pub fn apply(&mut self, event: &LiveEvent) {
        self.revision += 1;
        match event {
            LiveEvent::Joined { token, student } => {
                if self.by_id.contains_key(&student.id) {
                    return;
                }
                let at = self.students.len();
                self.typed.extend(student.name.chars().filter(|c| !c.is_ascii()));
                self.students.push(student.clone());
                self.by_id.insert(student.id.clone(), at);
                self.by_token.insert(token.clone(), at);
            }
            LiveEvent::Voted {
                student,
                demand,
                status,
                note,
                at,
            } => {
                let Some(&s) = self.by_id.get(student) else { return };
                self.typed.extend(note.chars().filter(|c| !c.is_ascii()));
                let vote = Vote {
                    status: status.clone(),
                    note: note.clone(),
                    at: at.clone(),
                };
                if let Some(before) = self.votes.insert((s, demand.clone()), vote) {
                    self.uncount(demand, &before.status);
                }
                *self
                    .counts
                    .entry(demand.clone())
                    .or_default()
                    .entry(status.clone())
                    .or_default() += 1;
            }
            LiveEvent::Withdrew { student, demand } => {
                let Some(&s) = self.by_id.get(student) else { return };
                if let Some(before) = self.votes.remove(&(s, demand.clone())) {
                    self.uncount(demand, &before.status);
                }
            }
            LiveEvent::Showed(issue) => {
                self.shown = *issue;
                self.ever_shown.extend(*issue);
            }
            LiveEvent::Closed { issue, closed } => {
                if *closed {
                    self.closed.insert(*issue);
                } else {
                    self.closed.remove(issue);
                }
            }
            LiveEvent::Revealed { issue, revealed } => {
                if *revealed {
                    self.revealed.insert(*issue);
                } else {
                    self.revealed.remove(issue);
                }
            }
            LiveEvent::Served { address } => self.served_at = Some(address.clone()),
            LiveEvent::Ended => {}
        }
    }

    fn uncount(&mut self, demand: &DemandRef, status: &str) {
        if let Some(n) = self.counts.get_mut(demand).and_then(|c| c.get_mut(status)) {
            *n = n.saturating_sub(1);
        }
    }

    /// Each student's coding as a hand-in: a copy of the hand-out made from
    /// `cmp`, recording the student (their name as typed, their own id), with
    /// one mark of theirs per demand they gave a status. Students who gave
    /// none hand in an empty copy: they joined, and a class sees them.
    pub fn hand_ins(&self, cmp: &Comparison, instructions: &str) -> Result<Vec<(Student, Comparison)>, String> {
        let mut by_student: Vec<Vec<(&DemandRef, &Vote)>> = vec![Vec::new(); self.students.len()];
        for ((s, demand), vote) in &self.votes {
            by_student[*s].push((demand, vote));
        }
        let handout = cmp.handout_copy(instructions, false).map_err(|e| e.0)?;
        let mut hand_ins = Vec::with_capacity(self.students.len());
        for (student, mut votes) in self.students.iter().zip(by_student) {
            // In the order they were given, the demand breaking ties: the same
            // class saved twice gives the same files.
            votes.sort_by(|a, b| a.1.at.cmp(&b.1.at).then_with(|| a.0.cmp(b.0)));
            let mut copy = handout.clone();
            if let Some(edit) = copy.start_student_edit(student.clone()) {
                copy.apply(edit).map_err(|e| e.0)?;
            }
            for (demand, vote) in votes {
                let mark = Mark {
                    id: live_mark_id(&student.id, demand),
                    demands: vec![demand.clone()],
                    status: vote.status.clone(),
                    note: vote.note.clone(),
                    coder: student.name.clone(),
                    created: vote.at.clone(),
                    changed: vote.at.clone(),
                    coders_said: Vec::new(),
                    changes: Vec::new(),
                };
                copy.apply(super::Edit::AddMark(mark)).map_err(|e| e.0)?;
            }
            hand_ins.push((student.clone(), copy));
        }
        Ok(hand_ins)
    }
}

/// The id of a student's mark on a demand in their live hand-in: the same
/// each time the class is handed in (a class resumed and stopped again writes
/// the same marks, which a merge or a second tally then sees as one).
fn live_mark_id(student: &str, demand: &DemandRef) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x5f0c_2a7e_3b1d_4c8e_9a6f_0d2b_7e41_c3a9);
    let name = format!("{student}\u{1f}{}\u{1f}{}\u{1f}{}", demand.0, demand.1, demand.2);
    uuid::Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

//! Who is in a class, worked out once from what the folder holds: the hand-out,
//! each student's hand-in, the list of students, who is missing, and every file
//! left out with why. `stances tally`, File › Open class…, the class view and
//! its presentation all read this one answer, so they cannot disagree.
//!
//! A student is who the hand-in says: the student recorded when they started
//! coding (format 8: a name and an id, so two Marias are two students); for a
//! hand-in of 0.3, the name on its marks, or, for a student who coded nothing,
//! the name in the file name the hand-out proposed (`<hand-out> - <name>`).

use super::comparison::Comparison;
use super::study::Study;

/// One file of the class's folder (or given by name), as read.
pub struct HandIn {
    /// The file as shown to the user.
    pub file: String,
    /// Its name without `.stances.ron`, every other dot kept (`J. Doe`).
    pub stem: String,
    /// The comparison, or why it could not be read (naming the file, line, column).
    pub read: Result<Comparison, String>,
    /// When it was last written (seconds): of one student's two hand-ins, the later counts.
    pub modified: u64,
}

/// One student of the class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassStudent {
    /// As the list writes it, else as the hand-in does.
    pub name: String,
    /// What the class view shows: the name, with the file's name beside it where
    /// two students share one.
    pub label: String,
    /// The hand-in counted for them (an index into the files given).
    pub hand_in: Option<usize>,
    /// On the list of students: the index of their name there.
    pub listed: Option<usize>,
    /// Handed in, but a file that could not be counted: why, in words.
    pub not_counted: Option<String>,
}

/// A class, read once: who is in it, and their hand-ins as one study.
pub struct Class {
    pub roll: Roll,
    /// The students' hand-ins counted, as one study: coders are the students'
    /// labels. Its copies are in the students' order.
    pub study: Study,
}

impl Class {
    /// How many students the class has.
    pub fn size(&self) -> usize {
        self.roll.size()
    }

    /// The roll in a teacher's words.
    pub fn summary(&self) -> Vec<String> {
        self.roll.summary(&self.study)
    }
}

/// Who is in a class and what was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roll {
    /// Each student once: the listed students in the list's order, then those
    /// who handed in under a name the list does not hold.
    pub students: Vec<ClassStudent>,
    /// The hand-out found among the files, which is no student's.
    pub handout: Option<String>,
    /// The list of students, when the folder has one.
    pub roster: Option<Vec<String>>,
    /// Everything read but not counted, each with why, in a teacher's words.
    pub notes: Vec<String>,
}

impl Roll {
    /// How many students the class has: each listed name, and each hand-in counted
    /// under a name the list does not hold, once.
    pub fn size(&self) -> usize {
        self.students.len()
    }

    /// Listed students with nothing handed in.
    pub fn missing(&self) -> Vec<&str> {
        self.students
            .iter()
            .filter(|s| s.hand_in.is_none() && s.not_counted.is_none())
            .map(|s| s.name.as_str())
            .collect()
    }

    /// Students counted whose name is not on the list (when there is one).
    pub fn not_listed(&self) -> Vec<&str> {
        if self.roster.is_none() {
            return Vec::new();
        }
        self.students
            .iter()
            .filter(|s| s.listed.is_none())
            .map(|s| s.label.as_str())
            .collect()
    }

    /// Students who handed in and coded nothing.
    pub fn coded_nothing<'a>(&'a self, study: &Study) -> Vec<&'a str> {
        self.students
            .iter()
            .filter(|s| s.hand_in.is_some() && !study.coders().contains(&s.label))
            .map(|s| s.label.as_str())
            .collect()
    }

    /// The roll in a teacher's words: every file left out, who coded nothing,
    /// who is missing and who is not on the list.
    pub fn summary(&self, study: &Study) -> Vec<String> {
        let mut lines = self.notes.clone();
        let list = |names: Vec<&str>| names.join(", ");
        let coded_nothing = self.coded_nothing(study);
        if !coded_nothing.is_empty() {
            lines.push(format!(
                "Handed in with no mark (counted as coding nothing): {}.",
                list(coded_nothing)
            ));
        }
        if let Some(roster) = &self.roster {
            let missing = self.missing();
            if !missing.is_empty() {
                lines.push(format!(
                    "On the list ({}) but not handed in ({}): {}.",
                    super::roster::ROSTER_FILE,
                    missing.len(),
                    list(missing)
                ));
            }
            let not_listed = self.not_listed();
            if !not_listed.is_empty() {
                lines.push(format!(
                    "Handed in under a name not on the list of {} ({}): {}.",
                    roster.len(),
                    not_listed.len(),
                    list(not_listed)
                ));
            }
        }
        lines
    }
}

pub use super::class_read::read_class;

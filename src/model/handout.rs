//! A hand-out: a comparison prepared by a teacher for students to code. It holds
//! the positions and the codebook, an instruction shown when a student opens it,
//! and, when the teacher chose, the teacher's marks as worked examples, which
//! students read but which are not theirs (a class's study leaves them out).
//! Comparison format 6; a student's copy records the student (format 8).

use serde::{Deserialize, Serialize};

use super::comparison::Comparison;
use super::mark::MarkId;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handout {
    /// What the teacher asks, shown when a student opens the file.
    #[serde(default)]
    pub instructions: String,
    /// The marks kept as worked examples: the teacher's, read-only for students
    /// and left out of a class's figures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<MarkId>,
    /// Who is coding this copy, recorded when they started: a class counts the
    /// student the hand-in names, not a guess from its file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub student: Option<Student>,
}

/// The student coding a copy of a hand-out. The name is as they typed it; the
/// id is made when they start, so two students who type "Maria" are two.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Student {
    pub name: String,
    pub id: String,
    /// When they started coding (RFC 3339).
    pub started: String,
}

impl Student {
    /// A student starting now, under the name they typed.
    pub fn starting(name: &str) -> Self {
        Self {
            name: name.trim().to_owned(),
            id: super::mark::new_mark_id(),
            started: super::mark::now_timestamp(),
        }
    }
}

impl Comparison {
    /// The hand-out this comparison was made as, if it was.
    pub fn handout(&self) -> Option<&Handout> {
        self.handout.as_ref()
    }

    /// Puts in the hand-out read from a file.
    pub fn with_handout(mut self, handout: Option<Handout>) -> Self {
        self.handout = handout;
        self
    }

    /// The student coding this copy of a hand-out, when one has started.
    pub fn student(&self) -> Option<&Student> {
        self.handout.as_ref().and_then(|h| h.student.as_ref())
    }

    /// The edit that records `student` as coding this copy of a hand-out;
    /// `None` when this is no hand-out.
    pub fn start_student_edit(&self, student: Student) -> Option<super::Edit> {
        let mut handout = self.handout.clone()?;
        handout.student = Some(student);
        Some(super::Edit::SetHandout(Some(handout)))
    }

    /// Whether a mark is a worked example a student reads but cannot change:
    /// in a copy a student is coding.
    pub fn is_read_only_example(&self, id: &str) -> bool {
        self.student().is_some() && self.is_example(id)
    }

    /// Whether a mark is a worked example of the hand-out (not a student's own).
    pub fn is_example(&self, id: &str) -> bool {
        self.handout
            .as_ref()
            .is_some_and(|h| h.examples.iter().any(|e| e == id))
    }

    /// A copy for students: the positions, the codebook and the view; the marks
    /// kept as worked examples when `keep_examples`, else none; no decisions about
    /// rounds and no merge conflicts; the instruction to show on opening.
    pub fn handout_copy(&self, instructions: &str, keep_examples: bool) -> Result<Comparison, super::EditError> {
        let marks: Vec<_> = if keep_examples {
            self.marks().cloned().collect()
        } else {
            Vec::new()
        };
        let examples = marks.iter().map(|m| m.id.clone()).collect();
        Ok(Comparison::new(
            self.documents().to_vec(),
            self.codebook().clone(),
            marks,
            self.view().clone(),
        )?
        .with_handout(Some(Handout {
            instructions: instructions.trim().to_owned(),
            examples,
            student: None,
        })))
    }
}

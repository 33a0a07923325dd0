//! A hand-out: a comparison prepared by a teacher for students to code. It holds
//! the positions and the codebook, an instruction shown when a student opens it,
//! and, when the teacher chose, the teacher's marks as worked examples, which
//! students read but which are not theirs (a class's study leaves them out).
//! Comparison format 6.

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
        })))
    }
}

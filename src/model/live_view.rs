//! What a student's page shows of a live class, as data the page renders: the
//! issue the teacher shows, each side's demands on it, the codebook's
//! statuses, the student's own choices, and (only once the teacher reveals
//! them) the class's tally and the teacher's key. Never another student's name
//! or note.

use serde::Serialize;

use super::comparison::Comparison;
use super::live::LiveClass;
use super::mark::DemandRef;

/// The page's state for one student.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StudentView {
    /// The negotiation's name, for the page's title.
    pub negotiation: String,
    /// The student, as they typed their name.
    pub name: String,
    /// The issue shown; `None` while the teacher shows the title.
    pub issue: Option<IssueView>,
    pub statuses: Vec<StatusView>,
    /// How many students have joined.
    pub students: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IssueView {
    /// The issue's place in the comparison: the page sends it back with nothing,
    /// it tells a new step from the one shown.
    pub index: usize,
    pub name: String,
    pub description: Option<String>,
    /// Voting on it is closed: the page shows the choices, not the buttons.
    pub closed: bool,
    /// The class's tally and the key are shown.
    pub revealed: bool,
    pub sides: Vec<SideView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SideView {
    pub name: String,
    pub demands: Vec<DemandView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DemandView {
    /// What the page sends back to code it: (document, side, demand).
    pub reference: DemandRef,
    pub text: String,
    /// The student's own status and note on it.
    pub mine: Option<Choice>,
    /// The class's counts per status, once revealed.
    pub tally: Option<Vec<Count>>,
    /// The teacher's status (the key), once revealed, where the teacher marked it.
    pub key: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choice {
    pub status: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Count {
    pub status: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusView {
    pub id: String,
    pub label: String,
    pub color: String,
    /// The colour of text on it (black or white, whichever reads).
    pub text_color: String,
    pub key: Option<String>,
    pub description: Option<String>,
}

/// The key's status on a demand: the teacher's file's marks are the key (the
/// newest on the demand, where several are).
pub fn key_of(cmp: &Comparison, ix: crate::model::DemandIx) -> Option<&str> {
    cmp.marks_on(ix)
        .last()
        .and_then(|id| cmp.mark(id))
        .map(|m| m.status.as_str())
}

/// The page of the student whose session is `token`; `None` for no such student.
pub fn student_view(cmp: &Comparison, class: &LiveClass, token: &str) -> Option<StudentView> {
    let student = class.student_of(token)?;
    let negotiation = cmp
        .documents()
        .first()
        .and_then(|d| d.data.negotiation.clone())
        .unwrap_or_default();
    let issue = class.shown().filter(|&i| i < cmp.issues().len()).map(|index| {
        let revealed = class.is_revealed(index);
        let sides = cmp
            .visible_sides()
            .into_iter()
            .map(|side| SideView {
                name: cmp.side_label(side),
                demands: cmp
                    .demands_on(side, index)
                    .map(|ix| {
                        let reference = cmp.demand_ref(ix);
                        let mine = class.vote_of(&student.id, &reference).map(|v| Choice {
                            status: v.status.clone(),
                            note: v.note.clone(),
                        });
                        let tally = revealed.then(|| {
                            class
                                .tally(&reference)
                                .into_iter()
                                .map(|(status, count)| Count { status, count })
                                .collect()
                        });
                        let key = revealed.then(|| key_of(cmp, ix).map(str::to_owned)).flatten();
                        DemandView {
                            reference,
                            text: cmp.demand(ix).text.clone(),
                            mine,
                            tally,
                            key,
                        }
                    })
                    .collect(),
            })
            .collect();
        let data = &cmp.issues()[index];
        IssueView {
            index,
            name: data.name.clone(),
            description: data.description.clone(),
            closed: class.is_closed(index),
            revealed,
            sides,
        }
    });
    let statuses = cmp
        .codebook()
        .statuses
        .iter()
        .map(|s| {
            let [r, g, b] = s.rgb();
            // Relative luminance, as WCAG reckons it: black on light colours, white on dark.
            let linear = |c: u8| {
                let c = f64::from(c) / 255.0;
                if c <= 0.04045 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
            StatusView {
                id: s.id.clone(),
                label: s.label.clone(),
                color: s.color.clone(),
                text_color: if luminance > 0.179 { "#000000" } else { "#ffffff" }.to_owned(),
                key: s.key.clone(),
                description: s.description.clone(),
            }
        })
        .collect();
    Some(StudentView {
        negotiation,
        name: class.shown_name_of(token).unwrap_or_else(|| student.name.clone()),
        issue,
        statuses,
        students: class.students().len(),
    })
}

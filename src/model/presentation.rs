//! The steps of a presentation, like slide fragments: the title, then each issue in
//! turn, first the sides' demands and then (when marks are hidden until revealed)
//! the same demands with their marks and notes.

use super::comparison::Comparison;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The negotiation, its rounds and dates, and the sides.
    Title,
    Issue {
        /// An index into the comparison's issues.
        issue: usize,
        /// Whether the marks and notes on the demands are shown (a class's
        /// tallies, when a class's result is presented).
        marks: bool,
    },
    /// A class's result: the issue with the class's tallies and the teacher's key.
    Key { issue: usize },
}

impl Step {
    /// The issue the step shows (an index into the comparison's issues); `None` on the title.
    pub fn issue(self) -> Option<usize> {
        match self {
            Step::Title => None,
            Step::Issue { issue, .. } | Step::Key { issue } => Some(issue),
        }
    }
}

/// Every step of a presentation of one comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Steps {
    steps: Vec<Step>,
    /// The issues presented (those with a demand in a shown column), in order.
    issues: Vec<usize>,
    /// A class's result is presented: the revealed step shows the class's tallies.
    class: bool,
}

impl Steps {
    /// The steps for `cmp`: issues without any demand in a shown column are passed
    /// over; with `hide_marks`, each issue takes two steps, the second revealing
    /// its marks, passed over where the issue has none (nothing to reveal).
    pub fn new(cmp: &Comparison, hide_marks: bool) -> Self {
        Self::build(cmp, hide_marks, true)
    }

    fn build(cmp: &Comparison, hide_marks: bool, skip_unmarked: bool) -> Self {
        let sides = cmp.visible_sides();
        let marked = |issue: usize| {
            sides
                .iter()
                .any(|&side| cmp.demands_on(side, issue).any(|d| !cmp.marks_on(d).is_empty()))
        };
        let issues: Vec<usize> = (0..cmp.issues().len())
            .filter(|&issue| sides.iter().any(|&side| cmp.demands_on(side, issue).next().is_some()))
            .collect();
        let mut steps = vec![Step::Title];
        for &issue in &issues {
            if hide_marks {
                steps.push(Step::Issue { issue, marks: false });
                if skip_unmarked && !marked(issue) {
                    continue;
                }
            }
            steps.push(Step::Issue { issue, marks: true });
        }
        Self {
            steps,
            issues,
            class: false,
        }
    }

    /// The steps of a class's result: as [`Self::new`], the revealed step of each
    /// issue showing the class's tallies, followed by the teacher's key when
    /// there is one.
    pub fn for_class(cmp: &Comparison, hide_tallies: bool, key: bool) -> Self {
        // Every issue has the class's tallies to reveal.
        let mut steps = Self::build(cmp, hide_tallies, false);
        steps.class = true;
        if key {
            steps.steps = steps
                .steps
                .iter()
                .flat_map(|&step| match step {
                    Step::Issue { issue, marks: true } => vec![step, Step::Key { issue }],
                    other => vec![other],
                })
                .collect();
        }
        steps
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The step at `at`, the last one if `at` is past the end.
    pub fn get(&self, at: usize) -> Step {
        self.steps.get(at).or(self.steps.last()).copied().unwrap_or(Step::Title)
    }

    /// The issues presented, in order (issue `n` of the footer is `issues()[n - 1]`).
    pub fn issues(&self) -> &[usize] {
        &self.issues
    }

    pub fn next(&self, at: usize) -> usize {
        (at + 1).min(self.steps.len().saturating_sub(1))
    }

    pub fn previous(&self, at: usize) -> usize {
        at.saturating_sub(1)
    }

    pub fn last(&self) -> usize {
        self.steps.len().saturating_sub(1)
    }

    /// The first step of the `number`th issue presented (counting from 1).
    pub fn issue_step(&self, number: usize) -> Option<usize> {
        self.step_of_issue(*self.issues.get(number.checked_sub(1)?)?)
    }

    /// The first step of issue `issue` (an index into the comparison's issues).
    pub fn step_of_issue(&self, issue: usize) -> Option<usize> {
        self.steps
            .iter()
            .position(|s| matches!(s, Step::Issue { issue: i, .. } if *i == issue))
    }

    /// Whether these are the steps of a class's result.
    pub fn is_class(&self) -> bool {
        self.class
    }

    /// Where the same issue (and the same showing of marks, where there is such a
    /// step) is in `other`: for switching "hide marks" on or off in place.
    pub fn same_place_in(&self, at: usize, other: &Steps) -> usize {
        let here = self.get(at);
        other
            .steps
            .iter()
            .position(|s| *s == here)
            .or_else(|| match here.issue() {
                Some(issue) => other.step_of_issue(issue),
                None => Some(0),
            })
            .unwrap_or(0)
    }

    /// The issue's number in the presentation, from 1.
    fn number(&self, issue: usize) -> usize {
        self.issues.iter().position(|&i| i == issue).map_or(0, |n| n + 1)
    }

    /// The step in words, for the footer: "Title", "Issue 3 of 9 · marks hidden".
    pub fn describe(&self, at: usize) -> String {
        match self.get(at) {
            Step::Title => match self.issues.len() {
                1 => "Title · 1 issue to come".to_owned(),
                n => format!("Title · {n} issues to come"),
            },
            Step::Issue { issue, marks } => {
                let hidden_step = self.steps.contains(&Step::Issue { issue, marks: false });
                let revealed = self.steps.contains(&Step::Issue { issue, marks: true });
                let marks = match (hidden_step, marks, self.class) {
                    (true, false, false) if !revealed => " · no mark to reveal",
                    (true, false, false) => " · marks hidden",
                    (true, true, false) => " · marks revealed",
                    (false, _, false) => "",
                    (_, false, true) => " · the positions",
                    (_, true, true) => " · the class",
                };
                format!("Issue {} of {}{marks}", self.number(issue), self.issues.len())
            }
            Step::Key { issue } => format!("Issue {} of {} · the key", self.number(issue), self.issues.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic::{Language, Spec, position_file};

    fn cmp(issues: usize) -> Comparison {
        let file = position_file(&Spec {
            sides: 2,
            demands: 12,
            issues,
            seed: 3,
            language: Language::English,
        });
        Comparison::from_positions(vec![("talks.ron".into(), file)]).unwrap()
    }

    /// `cmp` with a mark on the first demand of each issue in `marked`.
    fn marked(mut cmp: Comparison, marked: &[usize]) -> Comparison {
        for &issue in marked {
            let demand = (0..cmp.side_count())
                .find_map(|side| cmp.demands_on(side, issue).next())
                .unwrap();
            let r = cmp.demand_ref(demand);
            let demands = vec![crate::model::DemandRef::new(r.document(), r.side(), r.demand())];
            let mark = crate::model::Mark {
                id: format!("m{issue}"),
                demands,
                status: cmp.codebook().statuses[0].id.clone(),
                note: String::new(),
                coder: "a".into(),
                created: "2025-06-02T14:30:00Z".into(),
                changed: "2025-06-02T14:30:00Z".into(),
                coders_said: Vec::new(),
                changes: Vec::new(),
            };
            cmp.apply(crate::model::Edit::AddMark(mark)).unwrap();
        }
        cmp
    }

    #[test]
    fn an_issue_with_no_mark_has_nothing_to_reveal_and_takes_one_step() {
        let cmp = marked(cmp(3), &[1]);
        let steps = Steps::new(&cmp, true);
        let issues = steps.issues().len();
        assert_eq!(steps.len(), 1 + issues + 1, "only the marked issue is revealed");
        assert_eq!(steps.get(2), Step::Issue { issue: 1, marks: false });
        assert_eq!(steps.get(3), Step::Issue { issue: 1, marks: true });
        assert_eq!(steps.describe(1), format!("Issue 1 of {issues} · no mark to reveal"));
    }

    #[test]
    fn each_issue_takes_two_steps_when_marks_wait_to_be_revealed() {
        let cmp = cmp(3);
        let all: Vec<usize> = (0..cmp.issues().len()).collect();
        let cmp = marked(cmp, &all);
        let steps = Steps::new(&cmp, true);
        assert_eq!(steps.len(), 1 + 2 * steps.issues().len());
        assert_eq!(steps.get(0), Step::Title);
        assert_eq!(
            steps.describe(1),
            format!("Issue 1 of {} · marks hidden", steps.issues().len())
        );
        assert_eq!(
            steps.describe(2),
            format!("Issue 1 of {} · marks revealed", steps.issues().len())
        );
        assert_eq!(steps.next(steps.last()), steps.last(), "the end stays the end");
        assert_eq!(steps.previous(0), 0);
        assert_eq!(steps.issue_step(2), Some(3));
        assert_eq!(steps.issue_step(0), None);
        assert_eq!(steps.issue_step(99), None);
    }

    #[test]
    fn a_class_result_with_a_key_takes_three_steps_an_issue() {
        let cmp = cmp(3);
        let steps = Steps::for_class(&cmp, true, true);
        let n = steps.issues().len();
        assert_eq!(steps.len(), 1 + 3 * n);
        assert_eq!(steps.describe(1), format!("Issue 1 of {n} · the positions"));
        assert_eq!(steps.describe(2), format!("Issue 1 of {n} · the class"));
        assert_eq!(steps.describe(3), format!("Issue 1 of {n} · the key"));
        assert_eq!(steps.issue_step(2), Some(4));
        let no_key = Steps::for_class(&cmp, false, false);
        assert_eq!(no_key.len(), 1 + n);
        assert_eq!(steps.same_place_in(3, &no_key), 1, "the key's step → its issue");
    }

    #[test]
    fn switching_hidden_marks_keeps_the_issue() {
        let cmp = cmp(3);
        let all: Vec<usize> = (0..cmp.issues().len()).collect();
        let cmp = marked(cmp, &all);
        let hidden = Steps::new(&cmp, true);
        let shown = Steps::new(&cmp, false);
        assert_eq!(shown.len(), 1 + shown.issues().len());
        assert_eq!(hidden.same_place_in(3, &shown), 2, "issue 2, marks hidden → issue 2");
        assert_eq!(shown.same_place_in(2, &hidden), 4, "issue 2 → issue 2, marks revealed");
        assert_eq!(shown.describe(1), format!("Issue 1 of {}", shown.issues().len()));
    }
}

//! What a report says around a coding study's figures, the same in the command
//! line's table, the Markdown and the HTML: who coded in how many files, which
//! units count and which do not (coded by one coder, by nobody, left out as a
//! within-coder conflict), why a figure reads "–", and which marks someone other
//! than their coder changed (each still counts as its coder's).

use super::mark::MarkId;
use super::reliability::{Agreement, Undefined};
use super::study::Study;
use super::words::count;

/// A mark that someone other than its coder changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedMark {
    /// The file it is in (as the user named it).
    pub file: String,
    pub mark: MarkId,
    /// Its coder, as the study names them.
    pub coder: String,
    /// Who changed it, each once, in the order they did.
    pub by: Vec<String>,
}

impl Study {
    /// "2 coders (alice, bob) in 1 file; 12 units (demands)".
    pub fn headline(&self) -> String {
        format!(
            "{} ({}) in {}; {} (demands)",
            count(self.coders().len(), "coder", "coders"),
            self.coders().join(", "),
            count(self.copies().len(), "file", "files"),
            count(self.units().len(), "unit", "units"),
        )
    }

    /// Every mark of the coders' files that someone other than its coder changed.
    pub fn changed_by_others(&self) -> Vec<ChangedMark> {
        let mut out = Vec::new();
        for (c, copy) in self.copies().iter().enumerate() {
            let cmp = &copy.comparison;
            for mark in cmp.marks().filter(|m| !cmp.is_example(&m.id)) {
                let mut by: Vec<String> = Vec::new();
                for change in mark.changes_by_others() {
                    if !by.iter().any(|b| b == change.by.trim()) {
                        by.push(change.by.trim().to_owned());
                    }
                }
                if !by.is_empty() {
                    out.push(ChangedMark {
                        file: copy.file.clone(),
                        mark: mark.id.clone(),
                        coder: self.coder_of(c, mark).to_owned(),
                        by,
                    });
                }
            }
        }
        out
    }

    /// The sentences that go under a table of `rows` (the first is the whole
    /// study): what counts, what is left out, why a figure reads "–", and the
    /// marks changed by someone other than their coder.
    pub fn notes(&self, rows: &[(String, Agreement)]) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some((_, all)) = rows.first() {
            notes.push(format!(
                "Of {} (demands), {} coded by two coders or more, {} by one coder and {} by nobody; only units coded by two coders or more count towards agreement.",
                count(all.units, "unit", "units"),
                count(all.pairable_units, "was", "were"),
                all.coded_once,
                all.not_coded,
            ));
            if all.within_coder_conflicts > 0 {
                notes.push(format!(
                    "{} (a coder gave one demand two statuses) left out of the figures: that coder counts as not having coded the demand.",
                    count(all.within_coder_conflicts, "within-coder conflict", "within-coder conflicts")
                ));
            }
        }
        let mut reasons: Vec<Undefined> = Vec::new();
        for (_, a) in rows {
            for figure in [&a.percent_agreement, &a.cohen_kappa, &a.krippendorff_alpha] {
                if let Err(why) = figure
                    && !reasons.contains(why)
                {
                    reasons.push(*why);
                }
            }
        }
        if !reasons.is_empty() {
            let why: Vec<&str> = reasons.iter().map(|r| r.reason()).collect();
            notes.push(format!("A figure reads – where it is not defined: {}.", why.join("; ")));
        }
        notes.push(changed_note(&self.changed_by_others()));
        notes
    }
}

/// What a report says of the marks someone other than their coder changed
/// (also when there is none: a reader should not have to wonder).
pub fn changed_note(changed: &[ChangedMark]) -> String {
    if changed.is_empty() {
        return "No mark was changed by someone other than its coder.".to_owned();
    }
    let who: Vec<String> = changed
        .iter()
        .map(|c| format!("{}'s, changed by {}", c.coder, c.by.join(" and ")))
        .collect();
    format!(
        "{} changed by someone other than {} coder ({}); each counts as its coder's coding.",
        count(changed.len(), "mark was", "marks were"),
        if changed.len() == 1 { "its" } else { "their" },
        who.join("; ")
    )
}

//! `stances describe`: a comparison in words, one line per thing, in a stable
//! order, so that git's own diff of two descriptions reads as what changed (git's
//! `textconv` for comparison files). Documents and their demands in file order,
//! the codebook's statuses in its order, marks by id (the order they were made),
//! then round decisions and merge conflicts. The view is personal and left out.

use std::fmt::Write as _;

use crate::model::comparison::Comparison;
use crate::model::conflict::Conflict;
use crate::model::mark::Mark;
use crate::model::words::{coder_in_words, demands_in_words, one_line, short_id, status_in_words};

/// The description, ending with a line break.
pub fn describe(cmp: &Comparison, format: u32) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("comparison file format {format}"));
    for d in cmp.documents() {
        let data = &d.data;
        let id = &d.id;
        line(format!(
            "document {id}: {}",
            one_line(data.negotiation.as_deref().unwrap_or("(no negotiation named)"))
        ));
        for (field, value) in [("round", &data.round), ("date", &data.date)] {
            if let Some(value) = value {
                line(format!("document {id} {field}: {}", one_line(value)));
            }
        }
        for source in &data.sources {
            line(format!(
                "document {id} source {}: {}",
                source.id,
                one_line(&source.title)
            ));
        }
        for issue in data.issue_list() {
            line(format!("document {id} issue {}: {}", issue.id, one_line(&issue.name)));
        }
        for side in &data.sides {
            let by = side
                .represented_by
                .as_deref()
                .map(|r| format!(" (represented by {})", one_line(r)))
                .unwrap_or_default();
            line(format!("document {id} side {}: {}{by}", side.id, one_line(&side.name)));
            for demand in &side.demands {
                let at = format!("document {id} demand {}/{}", side.id, demand.id);
                line(format!("{at} [{}]: {}", demand.issue, one_line(&demand.text)));
                let extras = [
                    ("priority", demand.priority.map(|p| p.name().to_owned())),
                    ("value", demand.value.as_ref().map(ToString::to_string)),
                    ("quote", demand.quote.as_deref().map(one_line)),
                    ("source", demand.source.clone()),
                    ("tags", (!demand.tags.is_empty()).then(|| demand.tags.join("; "))),
                    ("note", demand.note.as_deref().map(one_line)),
                ];
                for (field, value) in extras {
                    if let Some(value) = value {
                        line(format!("{at} {field}: {value}"));
                    }
                }
            }
        }
    }
    let codebook = cmp.codebook();
    line(format!("codebook {}: {}", codebook.id, one_line(&codebook.name)));
    for s in &codebook.statuses {
        let key = s.key.as_deref().map(|k| format!(", key {k}")).unwrap_or_default();
        let about = s
            .description
            .as_deref()
            .map(|d| format!(" — {}", one_line(d)))
            .unwrap_or_default();
        line(format!(
            "status {}: {} ({}{key}){about}",
            s.id,
            one_line(&s.label),
            s.color
        ));
    }
    for m in cmp.marks() {
        line(mark_line(cmp, m));
        if !m.note.trim().is_empty() {
            line(format!("mark {} note: {}", short_id(&m.id), one_line(&m.note)));
        }
        for said in &m.coders_said {
            let statuses: Vec<String> = said.statuses.iter().map(|s| status_in_words(cmp, s)).collect();
            let mut text = format!(
                "mark {} said by {} of {}: {}",
                short_id(&m.id),
                said.coder,
                demands_in_words(cmp, std::slice::from_ref(&said.demand)),
                if statuses.is_empty() {
                    "(not coded)".to_owned()
                } else {
                    statuses.join(" / ")
                }
            );
            if !said.note.trim().is_empty() {
                let _ = write!(text, " — {}", one_line(&said.note));
            }
            line(text);
        }
        for change in &m.changes {
            line(format!(
                "mark {} {}",
                short_id(&m.id),
                crate::model::diff::mark_change_in_words(cmp, change)
            ));
        }
    }
    for r in cmp.rounds() {
        for (kind, links) in [("match", &r.matches), ("rejected", &r.rejected)] {
            for l in links {
                line(format!(
                    "rounds {} → {} {kind}: {}/{} ↔ {}/{}",
                    r.old,
                    r.new,
                    l.old.side(),
                    l.old.demand(),
                    l.new.side(),
                    l.new.demand()
                ));
            }
        }
    }
    for c in cmp.conflicts() {
        line(conflict_line(c));
    }
    out
}

fn mark_line(cmp: &Comparison, m: &Mark) -> String {
    format!(
        "mark {} by {}: {} — {}",
        short_id(&m.id),
        coder_in_words(m),
        status_in_words(cmp, &m.status),
        demands_in_words(cmp, &m.demands)
    )
}

fn conflict_line(c: &Conflict) -> String {
    let id = match c {
        Conflict::Mark { id, .. } => short_id(id).to_owned(),
        other => other.id().to_owned(),
    };
    format!(
        "unsettled merge conflict: {} {id} ({})",
        c.kind(),
        c.fields().join(", ")
    )
}

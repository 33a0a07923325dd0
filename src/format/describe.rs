//! `stances describe`: a comparison in words, one line per thing, in a stable
//! order, so that git's own diff of two descriptions reads as what changed (git's
//! `textconv` for comparison files). Every field is there: documents (where each
//! was opened from) and their sources, issues, sides and demands in file order;
//! the codebook's statuses in its order; marks by id (the order they were made)
//! with who made, changed and adjudicated them; round decisions; the hand-out;
//! the columns shown, on one line; merge conflicts with each side's version.

use std::fmt::Write as _;

use crate::model::comparison::Comparison;
use crate::model::conflict::Conflict;
use crate::model::diff::mark_change_in_words;
use crate::model::mark::Mark;
use crate::model::position::PositionFile;
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
        let id = &d.id;
        line(format!(
            "document {id}: {}",
            one_line(d.data.negotiation.as_deref().unwrap_or("(no negotiation named)"))
        ));
        if !d.path.is_empty() {
            line(format!("document {id} opened from: {}", one_line(&d.path)));
        }
        for text in position_lines(&d.data) {
            line(format!("document {id} {text}"));
        }
    }
    codebook_lines(cmp).into_iter().for_each(&mut line);
    for m in cmp.marks() {
        for text in mark_lines(cmp, m) {
            line(text);
        }
    }
    rounds_and_handout_lines(cmp).into_iter().for_each(&mut line);
    line(format!("columns: {}", columns_in_words(cmp)));
    if let Some(sides) = cmp.merge_sides() {
        line(format!(
            "merged from: ours {}, theirs {}{}",
            sides.ours,
            sides.theirs,
            if sides.rebase { " (a rebase)" } else { "" }
        ));
    }
    for c in cmp.conflicts() {
        for text in conflict_lines(cmp, c) {
            line(text);
        }
    }
    out
}

/// The codebook: its name, then each status.
fn codebook_lines(cmp: &Comparison) -> Vec<String> {
    let mut lines = Vec::new();
    let codebook = cmp.codebook();
    lines.push(format!("codebook {}: {}", codebook.id, one_line(&codebook.name)));
    for s in &codebook.statuses {
        let key = s.key.as_deref().map(|k| format!(", key {k}")).unwrap_or_default();
        let about = s
            .description
            .as_deref()
            .map(|d| format!(" — {}", one_line(d)))
            .unwrap_or_default();
        lines.push(format!(
            "status {}: {} ({}{key}){about}",
            s.id,
            one_line(&s.label),
            s.color
        ));
    }
    lines
}

/// The rounds' decisions, then the hand-out (its instructions, worked examples, student).
fn rounds_and_handout_lines(cmp: &Comparison) -> Vec<String> {
    let mut lines = Vec::new();
    for r in cmp.rounds() {
        for (kind, links) in [("match", &r.matches), ("rejected", &r.rejected)] {
            for l in links {
                lines.push(format!(
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
    if let Some(handout) = cmp.handout() {
        lines.push(format!("hand-out instructions: {}", one_line(&handout.instructions)));
        for example in &handout.examples {
            lines.push(format!("hand-out worked example: mark {}", short_id(example)));
        }
        if let Some(student) = &handout.student {
            lines.push(format!(
                "hand-in of {} (student {}, started {})",
                one_line(&student.name),
                short_id(&student.id),
                student.started
            ));
        }
    }
    lines
}

/// A position file's fields, one line each, in file order.
fn position_lines(data: &PositionFile) -> Vec<String> {
    // Every field named: one added to `PositionFile` does not compile here until it is described.
    let PositionFile {
        format,
        negotiation: _,
        round,
        date,
        sources,
        issues,
        sides,
    } = data;
    let mut lines = vec![format!("position file format {format}")];
    for (field, value) in [("round", round), ("date", date)] {
        if let Some(value) = value {
            lines.push(format!("{field}: {}", one_line(value)));
        }
    }
    for source in sources {
        lines.push(format!("source {}: {}", source.id, one_line(&source.title)));
        for (field, value) in [("url", &source.url), ("date", &source.date), ("note", &source.note)] {
            if let Some(value) = value {
                lines.push(format!("source {} {field}: {}", source.id, one_line(value)));
            }
        }
    }
    for issue in issues {
        lines.push(format!("issue {}: {}", issue.id, one_line(&issue.name)));
        if let Some(description) = &issue.description {
            lines.push(format!("issue {} description: {}", issue.id, one_line(description)));
        }
    }
    for side in sides {
        let by = side
            .represented_by
            .as_deref()
            .map(|r| format!(" (represented by {})", one_line(r)))
            .unwrap_or_default();
        lines.push(format!("side {}: {}{by}", side.id, one_line(&side.name)));
        for demand in &side.demands {
            let at = format!("demand {}/{}", side.id, demand.id);
            lines.push(format!("{at} [{}]: {}", demand.issue, one_line(&demand.text)));
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
                    lines.push(format!("{at} {field}: {value}"));
                }
            }
        }
    }
    lines
}

/// A mark's lines: who made it and what it says, its note, when, what each
/// coder had said (a consensus), and the changes others made to it.
fn mark_lines(cmp: &Comparison, m: &Mark) -> Vec<String> {
    // Every field named: one added to `Mark` does not compile here until it is described.
    let Mark {
        id,
        demands,
        status,
        note,
        coder: _,
        created,
        changed,
        coders_said,
        changes,
    } = m;
    let id = short_id(id);
    let mut lines = vec![format!(
        "mark {id} by {}: {} — {}",
        coder_in_words(m),
        status_in_words(cmp, status),
        demands_in_words(cmp, demands)
    )];
    if !note.trim().is_empty() {
        lines.push(format!("mark {id} note: {}", one_line(note)));
    }
    lines.push(format!("mark {id} made {created}, changed {changed}"));
    for said in coders_said {
        let statuses: Vec<String> = said.statuses.iter().map(|s| status_in_words(cmp, s)).collect();
        let mut text = format!(
            "mark {id} said by {} of {}: {}",
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
        lines.push(text);
    }
    for change in changes {
        lines.push(format!("mark {id} {}", mark_change_in_words(cmp, change)));
    }
    lines
}

/// The columns in their order, on one line (as `diff` says them), or "(none)".
fn columns_in_words(cmp: &Comparison) -> String {
    let columns = crate::model::diff::columns_in_words(cmp);
    if columns.is_empty() {
        "(none)".to_owned()
    } else {
        columns
    }
}

/// A short, stable fingerprint of a version too large to spell out (a whole
/// position file): FNV-1a over its text, the same on every computer.
fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// A conflict's lines: what it is about, then each side's version in words.
fn conflict_lines(cmp: &Comparison, c: &Conflict) -> Vec<String> {
    let id = match c {
        Conflict::Mark { id, .. } => short_id(id).to_owned(),
        other => other.id().to_owned(),
    };
    let head = format!(
        "unsettled merge conflict: {} {id} ({})",
        c.kind(),
        c.fields().join(", ")
    );
    let versions = versions(cmp, c)
        .into_iter()
        .map(|(role, text)| format!("{head} {role}: {text}"));
    std::iter::once(head.clone()).chain(versions).collect()
}

/// Each side's version of what a conflict is about, in words, by role
/// (base, ours, theirs; a rounds conflict has no base).
fn versions(cmp: &Comparison, c: &Conflict) -> Vec<(&'static str, String)> {
    fn three<T>(base: &T, ours: &T, theirs: &T, words: impl Fn(&T) -> String) -> Vec<(&'static str, String)> {
        [("base", base), ("ours", ours), ("theirs", theirs)]
            .into_iter()
            .map(|(role, v)| (role, words(v)))
            .collect()
    }
    fn or_not_there<T>(v: &Option<T>, words: impl Fn(&T) -> String) -> String {
        v.as_ref().map_or_else(|| "(not there)".to_owned(), words)
    }
    match c {
        Conflict::Mark { base, ours, theirs, .. } => {
            three(base, ours, theirs, |m| or_not_there(m, |m| mark_version(cmp, m)))
        }
        Conflict::Status { base, ours, theirs, .. } => three(base, ours, theirs, |s| {
            or_not_there(s, |s| {
                format!(
                    "{} ({}, key {}) {}",
                    one_line(&s.label),
                    s.color,
                    s.key.as_deref().unwrap_or("none"),
                    one_line(s.description.as_deref().unwrap_or(""))
                )
            })
        }),
        Conflict::Document { base, ours, theirs, .. } => three(base, ours, theirs, |d| {
            or_not_there(d, |d| {
                format!(
                    "{} sides, {} demands, version {}",
                    d.sides.len(),
                    d.demand_count(),
                    fingerprint(&position_lines(d).join("\n"))
                )
            })
        }),
        Conflict::Path { base, ours, theirs, .. } => three(base, ours, theirs, |p| one_line(p)),
        Conflict::Rounds { ours, theirs, .. } => [("ours", ours), ("theirs", theirs)]
            .into_iter()
            .map(|(role, links)| {
                let text: Vec<String> = links
                    .iter()
                    .map(|l| {
                        format!(
                            "{}/{} ↔ {}/{}",
                            l.old.side(),
                            l.old.demand(),
                            l.new.side(),
                            l.new.demand()
                        )
                    })
                    .collect();
                (role, text.join("; "))
            })
            .collect(),
        Conflict::Handout { base, ours, theirs, .. } => three(base, ours, theirs, |h| {
            or_not_there(h, |h| {
                format!("{} ({} worked examples)", one_line(&h.instructions), h.examples.len())
            })
        }),
        Conflict::Codebook { base, ours, theirs, .. } => {
            three(base, ours, theirs, |n| format!("{} (id {})", one_line(&n.name), n.id))
        }
    }
}

/// A mark's version: its status, who and when, and its note.
fn mark_version(cmp: &Comparison, m: &Mark) -> String {
    let note = if m.note.trim().is_empty() {
        String::new()
    } else {
        format!(" — {}", one_line(&m.note))
    };
    format!(
        "{} by {} at {}{note}",
        status_in_words(cmp, &m.status),
        coder_in_words(m),
        m.changed
    )
}

//! Who is in a class, worked out once from what the folder holds: the hand-out,
//! each student's hand-in, the list of students, who is missing, and every file
//! left out with why. `stances tally`, File › Open class…, the class view and
//! its presentation all read this one answer, so they cannot disagree.
//!
//! A student is who the hand-in says: the student recorded when they started
//! coding (format 8: a name and an id, so two Marias are two students); for a
//! hand-in of 0.3, the name on its marks, or, for a student who coded nothing,
//! the name in the file name the hand-out proposed (`<hand-out> - <name>`).

use std::collections::HashMap;

use super::comparison::Comparison;
use super::roster::{match_roster, name_key};
use super::study::{CodedCopy, Study};

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

/// What one readable file is to the class.
enum Role {
    Handout,
    /// A copy of the hand-out with no student's name and no mark.
    NamelessCopy,
    Student {
        name: String,
        id: Option<String>,
    },
}

/// The hand-out's name, if the file is one: a hand-out no student has started.
fn is_unstarted_handout(cmp: &Comparison) -> bool {
    cmp.handout().is_some() && cmp.student().is_none() && own_marks(cmp) == 0
}

fn own_marks(cmp: &Comparison) -> usize {
    cmp.marks().filter(|m| !cmp.is_example(&m.id)).count()
}

/// The name most of a file's own marks carry.
fn name_on_marks(cmp: &Comparison) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for mark in cmp.marks().filter(|m| !cmp.is_example(&m.id)) {
        let name = mark.coder.trim();
        if name.is_empty() {
            continue;
        }
        match counts.iter_mut().find(|(n, _)| n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name.to_owned(), 1)),
        }
    }
    counts.into_iter().rev().max_by_key(|(_, c)| *c).map(|(n, _)| n)
}

/// The student's name in a file name the hand-out proposed: `<hand-out> - <name>`.
fn name_in_file(stem: &str, handout_stem: Option<&str>) -> Option<String> {
    let rest = match handout_stem {
        Some(h) => stem.strip_prefix(h)?.strip_prefix(" - ")?,
        None => stem.rsplit_once(" - ")?.1,
    };
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_owned())
}

/// The negotiation a comparison codes, as a teacher names it.
fn negotiation(cmp: &Comparison) -> String {
    cmp.documents()
        .first()
        .map(|d| d.data.negotiation.clone().unwrap_or_else(|| d.id.clone()))
        .unwrap_or_default()
}

/// Works out the class from its files and its list of students. Refused, saying
/// why, only when no student's hand-in can be counted.
pub fn read_class(files: Vec<HandIn>, roster: Option<Vec<String>>, mut notes: Vec<String>) -> Result<Class, String> {
    // The hand-out: of the unstarted hand-outs, the one the others' names start with.
    let unstarted: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].read.as_ref().is_ok_and(is_unstarted_handout))
        .collect();
    let named_after = |h: usize| {
        files
            .iter()
            .filter(|f| f.stem.starts_with(&format!("{} - ", files[h].stem)))
            .count()
    };
    let handout = unstarted
        .iter()
        .copied()
        .filter(|&h| name_in_file(&files[h].stem, None).is_none() || named_after(h) > 0)
        .max_by_key(|&h| (named_after(h), std::cmp::Reverse(files[h].stem.len())));
    let handout_stem = handout.map(|h| files[h].stem.clone());
    if let Some(h) = handout {
        notes.push(format!("{} is the hand-out: no student's, left out.", files[h].file));
    }

    // Each readable file's role.
    let mut roles: Vec<Option<Role>> = Vec::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        let Ok(cmp) = &f.read else {
            roles.push(None);
            continue;
        };
        let role = if Some(i) == handout {
            Role::Handout
        } else if let Some(student) = cmp.student() {
            Role::Student {
                name: student.name.trim().to_owned(),
                id: Some(student.id.clone()),
            }
        } else if let Some(name) = name_on_marks(cmp) {
            Role::Student { name, id: None }
        } else if let Some(name) = name_in_file(&f.stem, handout_stem.as_deref()) {
            Role::Student { name, id: None }
        } else if cmp.handout().is_some() && own_marks(cmp) == 0 {
            Role::NamelessCopy
        } else {
            // A comparison made for a student (`stances new … -o ana.stances.ron`).
            Role::Student {
                name: f.stem.clone(),
                id: None,
            }
        };
        roles.push(Some(role));
    }
    let copies: Vec<&str> = (0..files.len())
        .filter(|&i| matches!(roles[i], Some(Role::NamelessCopy)))
        .map(|i| files[i].file.as_str())
        .collect();
    if !copies.is_empty() {
        notes.push(format!(
            "Not counted: {} with no student's name and no mark: {}.",
            super::words::count(copies.len(), "copy of the hand-out", "copies of the hand-out"),
            copies.join(", ")
        ));
    }

    // The class's positions: the hand-out's, or those most hand-ins share.
    let copy_of = |i: usize| -> Option<CodedCopy> {
        files[i].read.as_ref().ok().map(|cmp| CodedCopy {
            file: files[i].file.clone(),
            comparison: cmp.clone(),
        })
    };
    let reference = match handout {
        Some(h) => Some(h),
        None => most_shared(&files, &roles),
    };
    let Some(reference) = reference else {
        notes.push("no student's comparison file could be read; give the students' files (.stances.ron), or a folder holding them".into());
        return Err(notes.join("\n"));
    };
    let probe = copy_of(reference)
        .and_then(|c| Study::new(vec![c]).ok())
        .ok_or_else(|| format!("{}: cannot be read as a class's positions", files[reference].file))?;
    let class_negotiation = files[reference].read.as_ref().map(negotiation).unwrap_or_default();

    // The students' hand-ins, and those handed in but not counted.
    struct Candidate {
        file: usize,
        name: String,
        id: Option<String>,
        not_counted: Option<String>,
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match (&f.read, &roles[i]) {
            (Err(e), _) => {
                let name = name_in_file(&f.stem, handout_stem.as_deref());
                let why = match &name {
                    Some(n) => format!("Not counted: {n}'s file cannot be read: {e}"),
                    None => format!("Not counted, as it cannot be read: {e}"),
                };
                match name {
                    Some(name) => candidates.push(Candidate {
                        file: i,
                        name,
                        id: None,
                        not_counted: Some(why),
                    }),
                    None => notes.push(why),
                }
            }
            (Ok(cmp), Some(Role::Student { name, id })) => {
                let not_counted = probe.positions_difference(&f.file, cmp).map(|what| {
                    let theirs = negotiation(cmp);
                    if theirs != class_negotiation && !theirs.is_empty() {
                        format!(
                            "Not counted: {name}'s file ({}) is of another negotiation: {theirs}, where the class codes {class_negotiation}.",
                            f.file
                        )
                    } else {
                        format!(
                            "Not counted: {name}'s file ({}) codes other positions than the class's ({what}).",
                            f.file
                        )
                    }
                });
                candidates.push(Candidate {
                    file: i,
                    name: name.clone(),
                    id: id.clone(),
                    not_counted,
                });
            }
            _ => {}
        }
    }
    // One student (one id) handing in twice: the later file counts, said.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut dropped = vec![false; candidates.len()];
    for (c, cand) in candidates.iter().enumerate() {
        let Some(id) = cand.id.as_deref() else { continue };
        if cand.not_counted.is_some() {
            continue;
        }
        if let Some(&first) = by_id.get(id) {
            let (older, newer) = if files[candidates[first].file].modified > files[cand.file].modified {
                (c, first)
            } else {
                (first, c)
            };
            dropped[older] = true;
            by_id.insert(id, newer);
            notes.push(format!(
                "{} handed in twice ({} and {}): the later, {}, is counted.",
                cand.name,
                files[candidates[first].file].file,
                files[cand.file].file,
                files[candidates[newer].file].file
            ));
        } else {
            by_id.insert(id, c);
        }
    }
    let candidates: Vec<Candidate> = candidates
        .into_iter()
        .zip(dropped)
        .filter_map(|(c, d)| (!d).then_some(c))
        .collect();

    // Matched to the list of students.
    let names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
    let matched = roster
        .as_deref()
        .map(|r| match_roster(r, &names).matched)
        .unwrap_or_else(|| vec![None; candidates.len()]);
    let mut students: Vec<ClassStudent> = Vec::new();
    let student = |c: &Candidate, name: String, listed: Option<usize>| ClassStudent {
        label: name.clone(),
        name,
        hand_in: c.not_counted.is_none().then_some(c.file),
        listed,
        not_counted: c.not_counted.clone(),
    };
    for (r, listed) in roster.iter().flatten().enumerate() {
        match matched.iter().position(|m| *m == Some(r)) {
            Some(c) => students.push(student(&candidates[c], listed.clone(), Some(r))),
            None => students.push(ClassStudent {
                name: listed.clone(),
                label: listed.clone(),
                hand_in: None,
                listed: Some(r),
                not_counted: None,
            }),
        }
    }
    for (c, cand) in candidates.iter().enumerate() {
        if matched[c].is_none() {
            if cand.not_counted.is_some() {
                // Handed in, not counted and on no list: said, not a student of the tally.
                notes.push(cand.not_counted.clone().unwrap_or_default());
            } else {
                students.push(student(cand, cand.name.clone(), None));
            }
        }
    }
    for s in students.iter().filter_map(|s| s.not_counted.as_ref()) {
        notes.push(s.clone());
    }
    // Two students of one name are told apart by their files' names.
    let keys: Vec<String> = students.iter().map(|s| name_key(&s.name)).collect();
    for (s, key) in keys.iter().enumerate() {
        if keys.iter().filter(|k| *k == key).count() > 1
            && let Some(file) = students[s].hand_in.or_else(|| {
                candidates
                    .iter()
                    .find(|c| c.not_counted.is_some() && name_key(&c.name) == *key)
                    .map(|c| c.file)
            })
        {
            students[s].label = format!("{} ({})", students[s].name, files[file].stem);
        }
    }
    let counted: Vec<(CodedCopy, String)> = students
        .iter()
        .filter_map(|s| Some((copy_of(s.hand_in?)?, s.label.clone())))
        .collect();
    if counted.is_empty() {
        notes.push(
            "no student's hand-in can be counted: give the students' files (.stances.ron), or the folder holding them"
                .into(),
        );
        return Err(notes.join("\n"));
    }
    let (copies, labels): (Vec<CodedCopy>, Vec<String>) = counted.into_iter().unzip();
    let study = Study::of_students(copies, &labels).map_err(|e| e.to_string())?;
    Ok(Class {
        roll: Roll {
            students,
            handout: handout.map(|h| files[h].file.clone()),
            roster,
            notes,
        },
        study,
    })
}

/// With no hand-out among the files: the student's file whose positions most
/// other students' files share (ties: the first by name).
fn most_shared(files: &[HandIn], roles: &[Option<Role>]) -> Option<usize> {
    let students: Vec<usize> = (0..files.len())
        .filter(|&i| matches!(roles[i], Some(Role::Student { .. })))
        .collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &i in &students {
        let Ok(cmp) = &files[i].read else { continue };
        let found = groups
            .iter_mut()
            .find(|(first, _)| files[*first].read.as_ref().is_ok_and(|f| same_positions(f, cmp)));
        match found {
            Some((_, count)) => *count += 1,
            None => groups.push((i, 1)),
        }
    }
    groups
        .into_iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map(|(first, _)| first)
}

fn same_positions(a: &Comparison, b: &Comparison) -> bool {
    a.documents().len() == b.documents().len()
        && b.documents()
            .iter()
            .all(|d| a.documents().iter().any(|o| o.data == d.data))
}

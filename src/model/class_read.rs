//! Reading a class, stage by stage: which file is the hand-out, what each file
//! is to the class (the hand-out, a nameless copy of it, a student's hand-in),
//! which hand-ins count (the class's positions, one file per student, the
//! later of two), who is on the list of students, and one study of the counted
//! hand-ins. Each file's comparison is moved into the study, never copied: a
//! class of thirty files of 20,000 demands is read once.

use std::collections::HashMap;

use super::class_roll::{Class, ClassStudent, HandIn, Roll};
use super::comparison::Comparison;
use super::roster::{match_roster, name_key};
use super::study::{CodedCopy, Study};
use super::study_positions::documents_matched;

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
pub fn read_class(
    mut files: Vec<HandIn>,
    roster: Option<Vec<String>>,
    mut notes: Vec<String>,
) -> Result<Class, String> {
    let handout = find_handout(&files);
    let handout_stem = handout.map(|h| files[h].stem.clone());
    if let Some(h) = handout {
        notes.push(format!("{} is the hand-out: no student's, left out.", files[h].file));
    }
    let roles = roles_of(&files, handout, handout_stem.as_deref());
    note_nameless_copies(&files, &roles, &mut notes);
    // The class's positions: the hand-out's, or those most hand-ins share.
    let Some(reference) = handout.or_else(|| most_shared(&files, &roles)) else {
        notes.push("no student's comparison file could be read; give the students' files (.stances.ron), or a folder holding them".into());
        return Err(notes.join("\n"));
    };
    let candidates = candidates_of(&files, &roles, reference, handout_stem.as_deref(), &mut notes)?;
    let candidates = latest_of_each(candidates, &files, &mut notes);
    let mut students = on_the_list(&candidates, roster.as_deref(), &mut notes);
    tell_namesakes_apart(&mut students, &candidates, &files);
    let handout = handout.map(|h| files[h].file.clone());
    let study = match study_of(&mut files, &students) {
        Ok(study) => study,
        Err(why) => {
            notes.push(why);
            return Err(notes.join("\n"));
        }
    };
    Ok(Class {
        roll: Roll {
            students,
            handout,
            roster,
            notes,
        },
        study,
    })
}

/// Of the unstarted hand-outs among the files, the one the others' names start with.
fn find_handout(files: &[HandIn]) -> Option<usize> {
    let unstarted: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].read.as_ref().is_ok_and(is_unstarted_handout))
        .collect();
    let named_after = |h: usize| {
        files
            .iter()
            .filter(|f| f.stem.starts_with(&format!("{} - ", files[h].stem)))
            .count()
    };
    unstarted
        .iter()
        .copied()
        .filter(|&h| name_in_file(&files[h].stem, None).is_none() || named_after(h) > 0)
        .max_by_key(|&h| (named_after(h), std::cmp::Reverse(files[h].stem.len())))
}

/// What each readable file is to the class (`None` for a file that cannot be read).
fn roles_of(files: &[HandIn], handout: Option<usize>, handout_stem: Option<&str>) -> Vec<Option<Role>> {
    files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let cmp = f.read.as_ref().ok()?;
            Some(if Some(i) == handout {
                Role::Handout
            } else if let Some(student) = cmp.student() {
                Role::Student {
                    name: student.name.trim().to_owned(),
                    id: Some(student.id.clone()),
                }
            } else if let Some(name) = name_on_marks(cmp) {
                Role::Student { name, id: None }
            } else if let Some(name) = name_in_file(&f.stem, handout_stem) {
                Role::Student { name, id: None }
            } else if cmp.handout().is_some() && own_marks(cmp) == 0 {
                Role::NamelessCopy
            } else {
                // A comparison made for a student (`stances new … -o ana.stances.ron`).
                Role::Student {
                    name: f.stem.clone(),
                    id: None,
                }
            })
        })
        .collect()
}

fn note_nameless_copies(files: &[HandIn], roles: &[Option<Role>], notes: &mut Vec<String>) {
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
}

/// A student's hand-in, counted or said why not.
struct Candidate {
    file: usize,
    name: String,
    id: Option<String>,
    not_counted: Option<String>,
}

/// The students' hand-ins, and those handed in but not counted (unreadable, or
/// of other positions than the class's, those of file `reference`).
fn candidates_of(
    files: &[HandIn],
    roles: &[Option<Role>],
    reference: usize,
    handout_stem: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<Vec<Candidate>, String> {
    let Ok(base) = &files[reference].read else {
        return Err(format!(
            "{}: cannot be read as a class's positions",
            files[reference].file
        ));
    };
    let base_file = &files[reference].file;
    let class_negotiation = negotiation(base);
    let mut candidates = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match (&f.read, &roles[i]) {
            (Err(e), _) => {
                let name = name_in_file(&f.stem, handout_stem);
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
                let not_counted = documents_matched(base_file, base, &f.file, cmp).err().map(|what| {
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
    Ok(candidates)
}

/// One student (one id) handing in twice: the later file counts, said.
fn latest_of_each(candidates: Vec<Candidate>, files: &[HandIn], notes: &mut Vec<String>) -> Vec<Candidate> {
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
    candidates
        .into_iter()
        .zip(dropped)
        .filter_map(|(c, d)| (!d).then_some(c))
        .collect()
}

/// The class's students: the listed ones in the list's order, matched to their
/// hand-ins, then those who handed in under a name the list does not hold.
fn on_the_list(candidates: &[Candidate], roster: Option<&[String]>, notes: &mut Vec<String>) -> Vec<ClassStudent> {
    let names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
    let matched = roster
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
    for (r, listed) in roster.into_iter().flatten().enumerate() {
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
    students
}

/// Two students of one name are told apart by their files' names.
fn tell_namesakes_apart(students: &mut [ClassStudent], candidates: &[Candidate], files: &[HandIn]) {
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
}

/// One study of the counted hand-ins, each file's comparison moved into it.
fn study_of(files: &mut [HandIn], students: &[ClassStudent]) -> Result<Study, String> {
    let mut copies = Vec::new();
    let mut labels = Vec::new();
    for student in students {
        let Some(i) = student.hand_in else { continue };
        if let Ok(comparison) = std::mem::replace(&mut files[i].read, Err(String::new())) {
            copies.push(CodedCopy {
                file: files[i].file.clone(),
                comparison,
            });
            labels.push(student.label.clone());
        }
    }
    if copies.is_empty() {
        return Err(
            "no student's hand-in can be counted: give the students' files (.stances.ron), or the folder holding them"
                .into(),
        );
    }
    Study::of_students(copies, &labels).map_err(|e| e.to_string())
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

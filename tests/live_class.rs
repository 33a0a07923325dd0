//! A live class as data: students joining (two called Maria are two), votes
//! checked against what is shown, closed and in the codebook, the tally kept
//! as votes come, the journal written and read back after a crash, and the
//! class's codings handed in as a class that `io::class` reads like any other.

mod common;

use stances::io::live_journal::{JOURNAL_FORMAT, Journal, JournalHeader, read_journal};
use stances::io::{load_position_file, save_comparison};
use stances::model::Comparison;
use stances::model::live::{LiveClass, LiveEvent, MAX_NOTE_CHARS, Refusal, new_join_code};
use stances::model::mark::DemandRef;

fn istanbul() -> Comparison {
    let file = load_position_file(&common::example_path()).expect("the example loads");
    Comparison::from_positions(vec![("data/istanbul-2025-06-02.ron".into(), file)]).expect("a comparison")
}

fn ua_ceasefire() -> DemandRef {
    DemandRef::new("istanbul-2025-06-02", "ua", "ua-ceasefire")
}

fn issue_of(cmp: &Comparison, demand: &DemandRef) -> usize {
    cmp.resolve(demand)
        .and_then(|ix| cmp.demand_issue(ix))
        .expect("on an issue")
}

/// Checks an event and applies it, as the server does (the journal aside).
fn act(class: &mut LiveClass, make: impl FnOnce(&LiveClass) -> Result<LiveEvent, Refusal>) -> LiveEvent {
    let event = make(class).expect("accepted");
    class.apply(&event);
    event
}

fn token_of(event: &LiveEvent) -> String {
    match event {
        LiveEvent::Joined { token, .. } => token.clone(),
        other => panic!("not a join: {other:?}"),
    }
}

#[test]
fn two_students_called_maria_are_two_and_each_vote_counts_once() {
    let cmp = istanbul();
    let mut class = LiveClass::new("K7QFA".into(), 200);
    let first = token_of(&act(&mut class, |c| c.join("k7q-fa", " Maria ")));
    let second = token_of(&act(&mut class, |c| c.join("K7QFA", "Maria")));
    assert_eq!(class.students().len(), 2);
    assert_ne!(
        class.students()[0].id,
        class.students()[1].id,
        "two Marias, two students"
    );
    assert_eq!(class.students()[0].name, "Maria");
    // Told apart where they are shown, as their hand-ins are named, and each
    // page says which one its student is.
    assert_eq!(class.shown_names(), ["Maria", "Maria (2)"]);
    let page = stances::model::live_view::student_view(&cmp, &class, &second).expect("the second Maria's page");
    assert_eq!(page.name, "Maria (2)");

    let demand = ua_ceasefire();
    let issue = issue_of(&cmp, &demand);
    // Nothing is coded before the teacher shows the issue.
    assert_eq!(
        class.vote(&cmp, &first, &demand, "disputed", "", "2026-12-06T10:00:00Z".into()),
        Err(Refusal::NotShown)
    );
    act(&mut class, |c| c.show(&cmp, Some(issue)));
    act(&mut class, |c| {
        c.vote(
            &cmp,
            &first,
            &demand,
            "disputed",
            "30 days vs 2–3",
            "2026-12-06T10:00:01Z".into(),
        )
    });
    act(&mut class, |c| {
        c.vote(&cmp, &second, &demand, "disputed", "", "2026-12-06T10:00:02Z".into())
    });
    assert_eq!(class.tally(&demand), vec![("disputed".to_owned(), 2)]);
    // A student changing their mind moves their vote, never adds one.
    act(&mut class, |c| {
        c.vote(&cmp, &second, &demand, "partial", "", "2026-12-06T10:00:03Z".into())
    });
    assert_eq!(
        class.tally(&demand),
        vec![("disputed".to_owned(), 1), ("partial".to_owned(), 1)]
    );
    act(&mut class, |c| c.withdraw(&cmp, &second, &demand));
    assert_eq!(class.tally(&demand), vec![("disputed".to_owned(), 1)]);
    assert_eq!(class.vote_count(), 1);
}

#[test]
fn bad_requests_are_refused_and_change_nothing() {
    let cmp = istanbul();
    let mut class = LiveClass::new("K7QFA".into(), 2);
    assert_eq!(class.join("WRONG", "Ana"), Err(Refusal::WrongCode));
    assert_eq!(class.join("K7QFA", "   "), Err(Refusal::BadName));
    assert_eq!(class.join("K7QFA", &"x".repeat(61)), Err(Refusal::BadName));
    assert_eq!(class.join("K7QFA", "Ana\u{7}"), Err(Refusal::BadName));
    // A name that would show reversed, as another name, in the window or a terminal.
    assert_eq!(class.join("K7QFA", "\u{202E}anA"), Err(Refusal::BadName));
    assert_eq!(class.join("K7QFA", "Ana\nBen"), Err(Refusal::BadName));
    let ana = token_of(&act(&mut class, |c| c.join("K7QFA", "Ana")));
    act(&mut class, |c| c.join("K7QFA", "Ben"));
    assert_eq!(class.join("K7QFA", "Cleo"), Err(Refusal::Full(2)));

    let demand = ua_ceasefire();
    let issue = issue_of(&cmp, &demand);
    act(&mut class, |c| c.show(&cmp, Some(issue)));
    let at = || "2026-12-06T10:00:00Z".to_owned();
    assert_eq!(
        class.vote(&cmp, "not-a-token", &demand, "agreed", "", at()),
        Err(Refusal::UnknownStudent)
    );
    let elsewhere = DemandRef::new("istanbul-2025-06-02", "ua", "no-such-demand");
    assert_eq!(
        class.vote(&cmp, &ana, &elsewhere, "agreed", "", at()),
        Err(Refusal::UnknownDemand)
    );
    let path_like = DemandRef::new("../../etc", "passwd", "x");
    assert_eq!(
        class.vote(&cmp, &ana, &path_like, "agreed", "", at()),
        Err(Refusal::UnknownDemand)
    );
    assert_eq!(
        class.vote(&cmp, &ana, &demand, "<script>", "", at()),
        Err(Refusal::UnknownStatus("<script>".into()))
    );
    let long = "n".repeat(MAX_NOTE_CHARS + 1);
    assert_eq!(
        class.vote(&cmp, &ana, &demand, "agreed", &long, at()),
        Err(Refusal::NoteTooLong)
    );
    act(&mut class, |_| Ok(LiveEvent::Closed { issue, closed: true }));
    assert_eq!(
        class.vote(&cmp, &ana, &demand, "agreed", "", at()),
        Err(Refusal::Closed)
    );
    assert_eq!(class.show(&cmp, Some(cmp.issues().len())), Err(Refusal::UnknownIssue));
    assert_eq!(class.vote_count(), 0, "no refused request left a vote");
    assert!(class.tally(&demand).is_empty());
}

#[test]
fn a_vote_on_an_issue_shown_before_still_counts_until_it_is_closed() {
    let cmp = istanbul();
    let mut class = LiveClass::new("K7QFA".into(), 200);
    let ana = token_of(&act(&mut class, |c| c.join("K7QFA", "Ana")));
    let demand = ua_ceasefire();
    let issue = issue_of(&cmp, &demand);
    act(&mut class, |c| c.show(&cmp, Some(issue)));
    // The teacher moves on while a phone is still sending.
    let other = (0..cmp.issues().len()).find(|&i| i != issue).expect("a second issue");
    act(&mut class, |c| c.show(&cmp, Some(other)));
    act(&mut class, |c| {
        c.vote(&cmp, &ana, &demand, "agreed", "", "2026-12-06T10:00:00Z".into())
    });
    assert_eq!(class.tally(&demand), vec![("agreed".to_owned(), 1)]);
}

#[test]
fn join_codes_are_read_easily_and_differ() {
    let codes: Vec<String> = (0..50).map(|_| new_join_code()).collect();
    for code in &codes {
        assert_eq!(code.len(), 5);
        assert!(code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert!(
            !code.contains(['0', 'O', '1', 'I', 'L']),
            "{code} has a letter misread on a projector"
        );
    }
    let distinct: std::collections::HashSet<_> = codes.iter().collect();
    assert!(distinct.len() > 45, "join codes repeat: {codes:?}");
}

#[test]
fn the_journal_gives_back_every_vote_after_a_crash_cut_its_last_line() {
    let cmp = istanbul();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live-class.journal");
    let header = JournalHeader {
        format: JOURNAL_FORMAT,
        join_code: "K7QFA".into(),
        max_students: 200,
        comparison: "istanbul.stances.ron".into(),
        started: "2026-12-06T10:00:00Z".into(),
    };
    let mut journal = Journal::create(&path, &header).unwrap();
    assert!(
        Journal::create(&path, &header).is_err(),
        "a class's journal is never written over"
    );
    let mut class = LiveClass::new("K7QFA".into(), 200);
    let mut record = |class: &mut LiveClass, make: &dyn Fn(&LiveClass) -> Result<LiveEvent, Refusal>| {
        let event = make(class).expect("accepted");
        journal.append(&event).expect("written");
        class.apply(&event);
        event
    };
    let ana = token_of(&record(&mut class, &|c: &LiveClass| c.join("K7QFA", "Ana")));
    let hebrew = token_of(&record(&mut class, &|c: &LiveClass| c.join("K7QFA", "מריה")));
    let demand = ua_ceasefire();
    record(&mut class, &|c: &LiveClass| c.show(&cmp, Some(issue_of(&cmp, &demand))));
    record(&mut class, &|c: &LiveClass| {
        c.vote(
            &cmp,
            &ana,
            &demand,
            "disputed",
            "\"quoted\"\nand a line",
            "2026-12-06T10:00:01Z".into(),
        )
    });
    record(&mut class, &|c: &LiveClass| {
        c.vote(&cmp, &hebrew, &demand, "agreed", "הערה", "2026-12-06T10:00:02Z".into())
    });
    drop(journal);
    // A crash in the middle of writing the next line.
    {
        use std::io::Write as _;
        let mut file = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"Voted(student:\"x\",dem").unwrap();
    }
    let read = read_journal(&path).unwrap();
    assert_eq!(read.header, header);
    assert_eq!(
        read.skipped.len(),
        1,
        "{:?}\n{}",
        read.skipped,
        std::fs::read_to_string(&path).unwrap()
    );
    assert!(read.skipped[0].contains("cut off"), "{}", read.skipped[0]);
    let replayed = LiveClass::replayed(read.header.join_code.clone(), read.header.max_students, &read.events);
    assert_eq!(replayed.students(), class.students());
    assert_eq!(replayed.tally(&demand), class.tally(&demand));
    let ana_id = &class.students()[0].id;
    assert_eq!(
        replayed.vote_of(ana_id, &demand).map(|v| v.note.as_str()),
        Some("\"quoted\"\nand a line")
    );
    // The sessions go on: a student's page keeps its token across the restart.
    assert_eq!(replayed.student_of(&hebrew).map(|s| s.name.as_str()), Some("מריה"));
    // And the journal goes on being written where it was cut.
    let mut journal = Journal::reopen(&path).unwrap();
    journal
        .append(
            &replayed
                .vote(&cmp, &ana, &demand, "partial", "", "2026-12-06T10:00:03Z".into())
                .unwrap(),
        )
        .unwrap();
    let again = read_journal(&path).unwrap();
    assert_eq!(again.events.len(), read.events.len() + 1, "{:?}", again.skipped);
}

#[test]
fn the_class_hands_in_one_copy_per_student_with_their_identity_and_their_marks() {
    let cmp = istanbul();
    let mut class = LiveClass::new("K7QFA".into(), 200);
    let first = token_of(&act(&mut class, |c| c.join("K7QFA", "Maria")));
    let second = token_of(&act(&mut class, |c| c.join("K7QFA", "Maria")));
    act(&mut class, |c| c.join("K7QFA", "Idle"));
    let demand = ua_ceasefire();
    act(&mut class, |c| c.show(&cmp, Some(issue_of(&cmp, &demand))));
    act(&mut class, |c| {
        c.vote(
            &cmp,
            &first,
            &demand,
            "disputed",
            "far apart",
            "2026-12-06T10:00:01Z".into(),
        )
    });
    act(&mut class, |c| {
        c.vote(&cmp, &second, &demand, "partial", "", "2026-12-06T10:00:02Z".into())
    });

    let hand_ins = class.hand_ins(&cmp, "Code each demand.").unwrap();
    assert_eq!(hand_ins.len(), 3, "every student who joined hands in, the idle one too");
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (n, (student, copy)) in hand_ins.iter().enumerate() {
        assert_eq!(copy.student(), Some(student), "the hand-in records its student");
        let path = dir.path().join(format!("hand-in-{n}.stances.ron"));
        save_comparison(copy, &path).unwrap();
        paths.push(path);
    }
    // Handed in again (a class resumed and stopped twice): the same files.
    let again = class.hand_ins(&cmp, "Code each demand.").unwrap();
    for (n, (_, copy)) in again.iter().enumerate() {
        let path = dir.path().join(format!("again-{n}.stances.ron"));
        save_comparison(copy, &path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            std::fs::read_to_string(&paths[n]).unwrap(),
            "hand-in {n} written twice"
        );
        std::fs::remove_file(path).unwrap();
    }
    let first_copy = &hand_ins[0].1;
    let mark = first_copy.marks().next().expect("Maria's mark");
    assert_eq!((mark.status.as_str(), mark.note.as_str()), ("disputed", "far apart"));
    assert_eq!(mark.coder, "Maria");
    // Read back as any class is: two Marias, two students, and their statuses.
    let read = stances::io::class::read_class(&[dir.path().to_path_buf()]).expect("a class");
    assert_eq!(
        read.size(),
        3,
        "the idle student is one of the class: {:?}",
        read.roll.students
    );
    let coders = read.study.coders();
    assert_eq!(
        coders.iter().filter(|s| s.starts_with("Maria")).count(),
        2,
        "{coders:?}"
    );
}

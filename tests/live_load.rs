//! A live class under a class's load, on loopback: 200 students join and each
//! codes 20 demands (4,000 choices) from 20 threads at once. Every choice is
//! counted exactly once. The time from a choice's request to its answer (by
//! which the tally the window reads holds it) and the server's memory are
//! printed (`cargo test --release --test live_load -- --nocapture`); the
//! README keeps the figures. Bounded: it ends when the 4,000 choices are in.

mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::http::request;
use egui_kittest::kittest::Queryable as _;
use stances::io::live_journal::{JOURNAL_FORMAT, Journal, JournalHeader};
use stances::io::load_position_file;
use stances::live::{LiveServer, LiveState};
use stances::model::Comparison;
use stances::model::live::LiveClass;
use stances::model::mark::DemandRef;

const STUDENTS: usize = 200;
const CHOICES: usize = 20;
const THREADS: usize = 20;
const CODE: &str = "K7QFA";

/// The resident memory of this process, in MB (Linux).
fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn post(address: SocketAddr, path: &str, json: &serde_json::Value) -> (u16, String) {
    let answer = request(address, "POST", path, Some(json.to_string().as_bytes()));
    (answer.status, answer.body)
}

#[test]
#[expect(clippy::print_stdout, reason = "the figures, for the README")]
fn four_thousand_choices_are_each_counted_once() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/colombia-farc-2016-11-24.ron");
    let file = load_position_file(&path).expect("the library file loads");
    let comparison = Comparison::from_positions(vec![("colombia.ron".into(), file)]).expect("a comparison");
    let demands: Vec<DemandRef> = comparison.all_demands().map(|ix| comparison.demand_ref(ix)).collect();
    assert!(demands.len() >= CHOICES, "{} demands", demands.len());
    let statuses: Vec<String> = comparison.codebook().statuses.iter().map(|s| s.id.clone()).collect();

    let dir = tempfile::tempdir().unwrap();
    let header = JournalHeader {
        format: JOURNAL_FORMAT,
        join_code: CODE.into(),
        max_students: STUDENTS,
        comparison: "colombia.stances.ron".into(),
        started: "2026-12-06T10:00:00Z".into(),
    };
    let journal = Journal::create(&dir.path().join("live-class.journal"), &header).unwrap();
    let state = LiveState::new(LiveClass::new(CODE.into(), STUDENTS), comparison, journal).unwrap();
    let before = resident_mb();
    let server = LiveServer::start("127.0.0.1:0".parse().unwrap(), state, || {}).unwrap();
    let address = server.address();
    // The teacher steps through every issue, so that each may be coded.
    let issues = server.with_state(|s| s.comparison.issues().len());
    for issue in 0..issues {
        server.teacher(|s| s.class.show(&s.comparison, Some(issue))).unwrap();
    }

    let started = Instant::now();
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let demands = demands.clone();
            let statuses = statuses.clone();
            std::thread::spawn(move || {
                let mut latencies = Vec::new();
                let mut given: HashMap<(String, DemandRef), String> = HashMap::new();
                for s in (t..STUDENTS).step_by(THREADS) {
                    let name = format!("Student {s}");
                    let (status, body) = post(address, "/api/join", &serde_json::json!({ "code": CODE, "name": name }));
                    assert_eq!(status, 200, "{body}");
                    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
                    let token = answer["token"].as_str().unwrap().to_owned();
                    let id = answer["id"].as_str().unwrap().to_owned();
                    for c in 0..CHOICES {
                        let demand = &demands[(s + c) % demands.len()];
                        let choice = &statuses[(s * 7 + c) % statuses.len()];
                        let json = serde_json::json!({
                            "code": CODE, "token": token, "demand": demand, "status": choice,
                        });
                        let sent = Instant::now();
                        let (status, body) = post(address, "/api/vote", &json);
                        latencies.push(sent.elapsed());
                        assert_eq!(status, 200, "{body}");
                        given.insert((id.clone(), demand.clone()), choice.clone());
                    }
                }
                (latencies, given)
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = Vec::new();
    let mut given: HashMap<(String, DemandRef), String> = HashMap::new();
    for thread in threads {
        let (l, g) = thread.join().expect("a student thread");
        latencies.extend(l);
        given.extend(g);
    }
    let elapsed = started.elapsed();
    let after = resident_mb();

    // Every choice counted once: the tallies add up to the choices, demand by demand.
    assert_eq!(given.len(), STUDENTS * CHOICES);
    server.with_state(|s| {
        assert_eq!(s.class.students().len(), STUDENTS);
        assert_eq!(s.class.vote_count(), STUDENTS * CHOICES);
        for demand in &demands {
            let mut expected: HashMap<&str, usize> = HashMap::new();
            for ((_, d), status) in &given {
                if d == demand {
                    *expected.entry(status.as_str()).or_default() += 1;
                }
            }
            let counted: HashMap<String, usize> = s.class.tally(demand).into_iter().collect();
            for (status, n) in &expected {
                assert_eq!(counted.get(*status), Some(n), "{demand:?} {status}");
            }
            assert_eq!(
                counted.values().sum::<usize>(),
                expected.values().sum::<usize>(),
                "{demand:?}"
            );
        }
    });
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "live class load: {} students × {CHOICES} choices = {} in {:.2} s; request to answer p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; memory {} → {} MB",
        STUDENTS,
        latencies.len(),
        elapsed.as_secs_f64(),
        at(0.5).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        latencies.last().unwrap().as_secs_f64() * 1000.0,
        before.map_or("?".into(), |m| format!("{m:.0}")),
        after.map_or("?".into(), |m| format!("{m:.0}")),
    );
    let class = server.stop();
    assert_eq!(class.vote_count(), STUDENTS * CHOICES);
}

/// The same class's load with the teacher's window presenting it: the frames
/// the window draws meanwhile (their time, against a frame budget of 16.7 ms
/// at 60 Hz) and the time from a choice's request to the frame that counts it
/// are printed; every choice is counted once, on the projector and in the
/// 200 hand-ins written when the class stops. Bounded: at most two minutes.
#[test]
#[expect(clippy::print_stdout, reason = "the figures, for the README")]
fn the_window_presents_the_class_while_four_thousand_choices_come() {
    use common::live::{choices_shown, join_address, settle, start_live_class, strip};
    use std::sync::{Arc, Mutex};

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("colombia.ron");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/colombia-farc-2016-11-24.ron"),
        &file,
    )
    .unwrap();
    let comparison =
        Comparison::from_positions(vec![("colombia.ron".into(), load_position_file(&file).unwrap())]).unwrap();
    let demands: Vec<DemandRef> = comparison.all_demands().map(|ix| comparison.demand_ref(ix)).collect();
    let statuses: Vec<String> = comparison.codebook().statuses.iter().map(|s| s.id.clone()).collect();

    let mut harness = common::harness_with(vec![file]);
    start_live_class(&mut harness, "Start the live class");
    let (address, code) = join_address(&harness);
    // Every issue shown once (voting opens on each); the last stays on the projector.
    for _ in 0..comparison.issues().len() * 2 {
        harness.key_press(egui::Key::Space);
        settle(&mut harness);
    }

    // Each choice's request time, in the order their answers came.
    let sent: Arc<Mutex<Vec<Instant>>> = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (demands, statuses, code, sent) = (demands.clone(), statuses.clone(), code.clone(), Arc::clone(&sent));
            std::thread::spawn(move || {
                for s in (t..STUDENTS).step_by(THREADS) {
                    let (status, body) = post(
                        address,
                        "/api/join",
                        &serde_json::json!({ "code": code, "name": "Maria" }),
                    );
                    assert_eq!(status, 200, "{body}");
                    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
                    let token = answer["token"].as_str().unwrap().to_owned();
                    for c in 0..CHOICES {
                        let json = serde_json::json!({
                            "code": code, "token": token,
                            "demand": demands[(s + c) % demands.len()],
                            "status": statuses[(s * 7 + c) % statuses.len()],
                        });
                        let at = Instant::now();
                        let (status, body) = post(address, "/api/vote", &json);
                        assert_eq!(status, 200, "{body}");
                        sent.lock().unwrap().push(at);
                    }
                }
            })
        })
        .collect();

    let total = STUDENTS * CHOICES;
    let mut frames: Vec<Duration> = Vec::new();
    let mut to_window: Vec<Duration> = Vec::new();
    let mut seen = 0;
    loop {
        let frame = Instant::now();
        harness.step();
        frames.push(frame.elapsed());
        let shown = choices_shown(&harness);
        let now = Instant::now();
        {
            let sent = sent.lock().unwrap();
            let upto = shown.min(sent.len());
            to_window.extend(sent[seen.min(upto)..upto].iter().map(|at| now - *at));
            seen = seen.max(upto);
        }
        if shown == total && threads.iter().all(std::thread::JoinHandle::is_finished) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the class did not finish in two minutes: {}",
            strip(&harness)
        );
    }
    for thread in threads {
        thread.join().expect("a student thread");
    }
    let elapsed = started.elapsed();
    assert!(strip(&harness).contains("200 joined (full)"), "{}", strip(&harness));

    frames.sort();
    to_window.sort();
    let at = |v: &[Duration], q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)].as_secs_f64() * 1000.0;
    println!(
        "live class with the window: {total} choices in {:.2} s; {} frames, frame time p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; request to the window's count p50 {:.2} ms, p99 {:.2} ms",
        elapsed.as_secs_f64(),
        frames.len(),
        at(&frames, 0.5),
        at(&frames, 0.99),
        at(&frames, 1.0),
        at(&to_window, 0.5),
        at(&to_window, 0.99),
    );

    // Stopped: one hand-in per student, every choice in one of them, once.
    harness.get_by_label("Stop the live class").click();
    settle(&mut harness);
    harness.get_by_label("Stop and hand in").click();
    settle(&mut harness);
    let folder = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .expect("the class's folder");
    let hand_ins: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".stances.ron"))
        .collect();
    assert_eq!(hand_ins.len(), STUDENTS, "two hundred Marias, two hundred hand-ins");
    let marks: usize = hand_ins
        .iter()
        .map(|p| {
            stances::io::load_comparison(p)
                .expect("a hand-in opens")
                .comparison
                .marks()
                .len()
        })
        .sum();
    assert_eq!(marks, total);
}

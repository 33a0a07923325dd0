//! A live class from the window, driven as a teacher does: Present › Start a
//! live class…, students joining and coding over a real socket as their
//! phones would, the projector's tallies filling, voting closed, the key
//! revealed, the class stopped and handed in; and the teacher's Stances
//! closed in the middle of a step and reopened, with every choice still there
//! and each student's page going on.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use common::http::{Answer, request};
use common::live::{join_address, settle, start_live_class, strip};
use egui::Key;
use egui_kittest::kittest::Queryable as _;

/// The founding example, as a teacher's file in a folder of its own.
fn teachers_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("istanbul.ron");
    std::fs::copy(common::example_path(), &path).expect("copied");
    path
}

fn post(address: SocketAddr, path: &str, json: &serde_json::Value) -> Answer {
    request(address, "POST", path, Some(json.to_string().as_bytes()))
}

fn join(address: SocketAddr, code: &str, name: &str) -> String {
    let answer = post(address, "/api/join", &serde_json::json!({ "code": code, "name": name }));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let reply: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    reply["token"].as_str().expect("a token").to_owned()
}

fn vote(address: SocketAddr, code: &str, token: &str, status: &str) -> Answer {
    post(
        address,
        "/api/vote",
        &serde_json::json!({
            "code": code,
            "token": token,
            "demand": ["istanbul", "ua", "ua-ceasefire"],
            "status": status,
            "note": "",
        }),
    )
}

/// A student's page as their browser asks for it.
fn page_of(address: SocketAddr, code: &str, token: &str) -> Answer {
    request(address, "GET", &format!("/api/page?code={code}&token={token}"), None)
}

fn hand_ins(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("the class's folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".stances.ron"))
        .collect();
    names.sort();
    names
}

fn class_folder(dir: &tempfile::TempDir) -> PathBuf {
    std::fs::read_dir(dir.path())
        .expect("the teacher's folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir() && p.file_name().is_some_and(|n| n.to_string_lossy().contains("-live-")))
        .expect("a class's folder beside the file")
}

#[test]
fn a_class_codes_live_and_the_projector_counts_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = teachers_file(&dir);
    let mut harness = common::harness_with(vec![file]);
    start_live_class(&mut harness, "Start the live class");
    // The title step: where to join, large, with the QR code.
    harness.get_by_label_contains("Join the live class");
    harness.get_by_label_contains("QR code of http://127.0.0.1:");
    assert!(strip(&harness).contains("0 joined"), "{}", strip(&harness));
    let (address, code) = join_address(&harness);

    // Two students of one name: two students.
    let first = join(address, &code, "Maria");
    let second = join(address, &code, "Maria");
    settle(&mut harness);
    assert!(strip(&harness).contains("2 joined"), "{}", strip(&harness));
    // Nothing to vote on while the title is shown.
    assert_eq!(vote(address, &code, &first, "agreed").status, 409);

    // The first issue, its tallies hidden; then shown.
    harness.key_press(Key::Space);
    settle(&mut harness);
    assert!(strip(&harness).contains("tallies hidden"), "{}", strip(&harness));
    assert_eq!(vote(address, &code, &first, "agreed").status, 200);
    assert_eq!(vote(address, &code, &second, "agreed").status, 200);
    harness.key_press(Key::Space);
    settle(&mut harness);
    assert!(strip(&harness).contains("2 choices"), "{}", strip(&harness));
    assert!(harness.query_all_by_label_contains("2 Agreed").next().is_some());

    // Voting closed: a late choice is refused and changes nothing.
    harness.key_press(Key::C);
    settle(&mut harness);
    assert!(strip(&harness).contains("voting closed"), "{}", strip(&harness));
    assert_eq!(vote(address, &code, &second, "disputed").status, 409);
    assert!(harness.query_all_by_label_contains("2 Agreed").next().is_some());

    // Revealed: the file has no marks, so the tally alone, on the students' pages.
    harness.key_press(Key::R);
    settle(&mut harness);
    assert!(harness.query_all_by_label_contains("Not in the key").next().is_none());
    assert!(strip(&harness).contains("voting closed"), "{}", strip(&harness));
    harness.get_by_label("Hide the tally (R)");
    let page = page_of(address, &code, &first);
    assert!(page.body.contains("\"revealed\":true"), "{}", page.body);

    // Asked first: stopping ends the class for every student.
    harness.get_by_label("Stop the live class").click();
    settle(&mut harness);
    harness.get_by_label("Go on with the class").click();
    settle(&mut harness);
    assert!(
        strip(&harness).contains("2 joined"),
        "still running: {}",
        strip(&harness)
    );
    harness.get_by_label("Stop the live class").click();
    settle(&mut harness);
    harness.get_by_label_contains("2 students, 2 choices");
    harness.get_by_label("Stop and hand in").click();
    settle(&mut harness);
    let notices = harness.state().notices_text().join("\n");
    assert!(notices.contains("2 hand-ins written"), "{notices}");
    // The class view, with the class's result to present.
    harness.get_by_label("Present the result");
    assert_eq!(
        hand_ins(&class_folder(&dir)),
        ["Maria (2).stances.ron", "Maria.stances.ron"]
    );
    // The server is gone: the page no longer answers.
    assert!(std::net::TcpStream::connect(address).is_err());
}

#[test]
fn a_class_goes_on_after_the_teachers_stances_closes_mid_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = teachers_file(&dir);
    let (address, code, token) = {
        let mut harness = common::harness_with(vec![file.clone()]);
        start_live_class(&mut harness, "Start the live class");
        let (address, code) = join_address(&harness);
        let token = join(address, &code, "Олена");
        harness.key_press(Key::Space);
        settle(&mut harness);
        assert_eq!(vote(address, &code, &token, "partial").status, 200);
        (address, code, token)
        // The window goes without stopping the class, as when Stances is killed.
    };
    assert!(
        std::net::TcpStream::connect(address).is_err(),
        "the server went with the window"
    );
    assert!(hand_ins(&class_folder(&dir)).is_empty(), "nothing handed in yet");

    let mut harness = common::harness_with(vec![file]);
    // Said on opening the file: a class of it did not end.
    let notices = harness.state().notices_text().join("\n");
    assert!(notices.contains("A live class of this file did not end"), "{notices}");
    assert!(notices.contains("1 student, 1 choice"), "{notices}");
    common::live::open_live_dialog(&mut harness);
    harness.get_by_label_contains("Go on with the class started");
    harness.get_by_label_contains("This computer only").click();
    harness.run();
    harness.get_by_label("Resume the live class").click();
    settle(&mut harness);
    assert!(strip(&harness).contains("1 joined · 1 choice"), "{}", strip(&harness));
    let (same_address, same_code) = join_address(&harness);
    assert_eq!(same_code, code, "the join code on the students' pages still holds");
    assert_eq!(same_address, address, "offered where the students' pages look for it");
    let notices = harness.state().notices_text().join("\n");
    assert!(
        !notices.contains("did not end"),
        "gone on with, no longer said: {notices}"
    );
    // The student's page goes on with their session, on the issue it showed,
    // their choice there.
    let page = page_of(address, &code, &token);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Ceasefire"), "the issue shown before: {}", page.body);
    assert!(page.body.contains("\"partial\""), "{}", page.body);
}

#[test]
fn opening_another_file_stops_the_class_and_hands_it_in() {
    let dir = tempfile::tempdir().unwrap();
    let file = teachers_file(&dir);
    let mut harness = common::harness_with(vec![file]);
    start_live_class(&mut harness, "Start the live class");
    let (address, code) = join_address(&harness);
    let token = join(address, &code, "李明");
    harness.key_press(Key::Space);
    settle(&mut harness);
    harness.key_press(Key::Escape);
    settle(&mut harness);
    // Back to the presentation: on the issue the students' pages show.
    harness.key_press(Key::F5);
    settle(&mut harness);
    let page = page_of(address, &code, &token);
    assert!(page.body.contains("Ceasefire"), "not back to the title: {}", page.body);
    harness.key_press(Key::Escape);
    settle(&mut harness);
    // Out of the presentation, the class goes on: said over the window.
    assert!(strip(&harness).contains("1 joined"), "{}", strip(&harness));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::O);
    harness.run();
    let other = common::data("oslo-1993-09-13.ron");
    common::answer_path_prompt(&mut harness, "Path of a comparison", other.to_str().unwrap(), "Open");
    settle(&mut harness);
    let notices = harness.state().notices_text().join("\n");
    assert!(
        notices.contains("The live class stopped as another file opened: 1 hand-in written"),
        "{notices}"
    );
    assert_eq!(hand_ins(&class_folder(&dir)), ["李明.stances.ron"]);
    assert!(harness.query_by_label_contains("Live ·").is_none(), "no class runs");
}

#[test]
fn revealing_shows_the_teachers_marks_as_the_key_on_the_projector_and_the_pages() {
    use stances::model::{Comparison, Edit};
    let dir = tempfile::tempdir().unwrap();
    let positions = stances::io::load_position_file(&common::example_path()).unwrap();
    let mut teacher = Comparison::from_positions(vec![("istanbul.ron".into(), positions)]).unwrap();
    let mut key = common::git::mark("key-1", ("ua", "ua-ceasefire"), "disputed", "Teacher");
    key.demands[0].0 = teacher.documents()[0].id.clone();
    teacher.apply(Edit::AddMark(key)).unwrap();
    let file = dir.path().join("istanbul.stances.ron");
    stances::io::save_comparison(&teacher, &file).unwrap();

    let mut harness = common::harness_with(vec![file]);
    start_live_class(&mut harness, "Start the live class");
    let (address, code) = join_address(&harness);
    let token = join(address, &code, "Yusuf");
    harness.key_press(Key::Space);
    settle(&mut harness);
    harness.key_press(Key::Space);
    settle(&mut harness);
    assert!(
        harness.query_all_by_label_contains("Key: Disputed").next().is_none(),
        "hidden until revealed"
    );
    harness.get_by_label("Reveal the key (R)").click();
    settle(&mut harness);
    assert!(
        harness.query_all_by_label_contains("Key: Disputed").next().is_some(),
        "the key on the projector"
    );
    let page = page_of(address, &code, &token);
    assert!(
        page.body.contains("\"key\":\"disputed\""),
        "the key on the student's page: {}",
        page.body
    );
}

#[test]
fn a_presentation_goes_live_from_its_footer() {
    let dir = tempfile::tempdir().unwrap();
    let file = teachers_file(&dir);
    let mut harness = common::harness_with(vec![file]);
    harness.key_press(Key::F5);
    harness.run();
    harness.get_by_label("Start a live class…").click();
    harness.run();
    // The dialog, over the window: the class starts presenting again.
    harness.get_by_label_contains("This computer only").click();
    harness.run();
    harness.get_by_label("Start the live class").click();
    settle(&mut harness);
    harness.get_by_label_contains("Join the live class");
    assert!(strip(&harness).contains("0 joined"), "{}", strip(&harness));
}

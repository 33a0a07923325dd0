//! The live class's server, driven over a real socket as a phone's browser
//! would: a student joins with the code and codes demands, and every check
//! the server makes refuses what it should (a wrong code, another student's
//! session, a 10 MB body, `<script>` in a name, `../` in every parameter, a
//! flood of requests) and changes nothing.

mod common;

use common::http::{Answer, request};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use stances::io::live_journal::{JOURNAL_FORMAT, Journal, JournalHeader, read_journal};
use stances::io::load_position_file;
use stances::live::{LiveServer, LiveState};
use stances::model::Comparison;
use stances::model::live::LiveClass;
use stances::model::mark::DemandRef;

const CODE: &str = "K7QFA";

fn istanbul() -> Comparison {
    let file = load_position_file(&common::example_path()).expect("the example loads");
    Comparison::from_positions(vec![("data/istanbul-2025-06-02.ron".into(), file)]).expect("a comparison")
}

fn ua_ceasefire() -> DemandRef {
    DemandRef::new("istanbul-2025-06-02", "ua", "ua-ceasefire")
}

/// A server on a free loopback port, its journal in `dir`.
fn serve(dir: &tempfile::TempDir, max_students: usize) -> LiveServer {
    let path = dir.path().join("live-class.journal");
    let header = JournalHeader {
        format: JOURNAL_FORMAT,
        join_code: CODE.into(),
        max_students,
        comparison: "istanbul.stances.ron".into(),
        started: "2026-12-06T10:00:00Z".into(),
    };
    let journal = Journal::create(&path, &header).expect("a journal");
    let state = LiveState::new(LiveClass::new(CODE.into(), max_students), istanbul(), journal).expect("a class");
    LiveServer::start("127.0.0.1:0".parse().expect("set up by the test"), state, || {}).expect("the server starts")
}

fn post(address: SocketAddr, path: &str, json: &serde_json::Value) -> Answer {
    request(address, "POST", path, Some(json.to_string().as_bytes()))
}

fn field(answer: &Answer, name: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(&answer.body).unwrap_or_default();
    value[name].as_str().unwrap_or_default().to_owned()
}

fn join(address: SocketAddr, name: &str) -> String {
    let answer = post(address, "/api/join", &serde_json::json!({ "code": CODE, "name": name }));
    assert_eq!(answer.status, 200, "{}", answer.body);
    field(&answer, "token")
}

fn vote(address: SocketAddr, token: &str, demand: &DemandRef, status: &str, note: &str) -> Answer {
    post(
        address,
        "/api/vote",
        &serde_json::json!({ "code": CODE, "token": token, "demand": demand, "status": status, "note": note }),
    )
}

fn show_issue_of(server: &LiveServer, demand: &DemandRef) {
    server
        .teacher(|state| {
            let issue = state
                .comparison
                .resolve(demand)
                .and_then(|ix| state.comparison.demand_issue(ix));
            state.class.show(&state.comparison, issue)
        })
        .expect("shown");
}

#[test]
fn a_student_joins_sees_the_issue_shown_and_codes_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    let page = request(address, "GET", "/?code=K7QFA", None);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Join the class"), "{}", page.body);
    assert!(page.headers.contains("content-security-policy"), "{}", page.headers);

    let token = join(address, "מריה");
    let query = format!("/api/page?code={CODE}&token={token}");
    let waiting = request(address, "GET", &query, None);
    assert_eq!(waiting.status, 200, "{}", waiting.body);
    let state: serde_json::Value = serde_json::from_str(&waiting.body).unwrap();
    assert_eq!(state["name"], "מריה");
    assert!(state["issue"].is_null(), "nothing shown before the teacher shows it");

    let demand = ua_ceasefire();
    show_issue_of(&server, &demand);
    let shown: serde_json::Value = serde_json::from_str(&request(address, "GET", &query, None).body).unwrap();
    assert_eq!(shown["issue"]["name"], "Ceasefire");
    let texts: Vec<&str> = shown["issue"]["sides"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["demands"].as_array().unwrap())
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("A full and unconditional ceasefire")),
        "{texts:?}"
    );

    let answer = vote(address, &token, &demand, "disputed", "30 days vs 2–3");
    assert_eq!(answer.status, 200, "{}", answer.body);
    let mine: serde_json::Value = serde_json::from_str(&request(address, "GET", &query, None).body).unwrap();
    let ceasefire = &mine["issue"]["sides"][0]["demands"][0];
    assert_eq!(ceasefire["mine"]["status"], "disputed");
    assert!(
        ceasefire["tally"].is_null(),
        "the tally waits for the teacher to reveal it"
    );
    assert_eq!(
        server.with_state(|s| s.class.tally(&demand)),
        vec![("disputed".to_owned(), 1)]
    );

    // Revealed: the page shows the class's counts.
    server
        .teacher(|state| {
            let issue = state.class.shown().unwrap();
            Ok(stances::model::live::LiveEvent::Revealed { issue, revealed: true })
        })
        .unwrap();
    let revealed: serde_json::Value = serde_json::from_str(&request(address, "GET", &query, None).body).unwrap();
    assert_eq!(revealed["issue"]["sides"][0]["demands"][0]["tally"][0]["count"], 1);

    // Every act is on disk before it is answered.
    drop(server);
    let journal = read_journal(&dir.path().join("live-class.journal")).unwrap();
    assert_eq!(journal.events.len(), 4, "{:?}", journal.events);
}

#[test]
fn a_wrong_code_is_refused_and_repeated_wrong_codes_must_wait() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    let wrong = post(
        address,
        "/api/join",
        &serde_json::json!({ "code": "AAAAA", "name": "Eve" }),
    );
    assert_eq!(wrong.status, 403);
    assert!(field(&wrong, "error").contains("not the join code"), "{}", wrong.body);
    for _ in 0..5 {
        post(
            address,
            "/api/join",
            &serde_json::json!({ "code": "AAAAA", "name": "Eve" }),
        );
    }
    // Guessing slows down: even the right code waits now, and is told how long.
    let waiting = post(
        address,
        "/api/join",
        &serde_json::json!({ "code": CODE, "name": "Eve" }),
    );
    assert_eq!(waiting.status, 429, "{}", waiting.body);
    assert!(waiting.headers.contains("retry-after"), "{}", waiting.headers);
    assert!(field(&waiting, "error").contains("wrong codes"), "{}", waiting.body);
    assert_eq!(server.with_state(|s| s.class.students().len()), 0);
}

#[test]
fn a_guessing_neighbour_does_not_lock_out_a_student_who_joined() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    let empty = post(address, "/api/join", &serde_json::json!({ "code": " ", "name": "Ana" }));
    assert_eq!(empty.status, 422, "{}", empty.body);
    assert!(field(&empty, "error").contains("type the join code"), "{}", empty.body);
    // Two students behind one router: one joined, the other mistypes the code.
    let ana = join(address, "Ana");
    for _ in 0..10 {
        post(
            address,
            "/api/join",
            &serde_json::json!({ "code": "AAAAA", "name": "Ben" }),
        );
    }
    let page = request(address, "GET", &format!("/api/page?code={CODE}&token={ana}"), None);
    assert_eq!(page.status, 200, "{}", page.body);
    show_issue_of(&server, &ua_ceasefire());
    assert_eq!(vote(address, &ana, &ua_ceasefire(), "agreed", "").status, 200);
}

#[test]
fn nobody_changes_another_students_votes() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    let ana = join(address, "Ana");
    let ben = join(address, "Ben");
    let demand = ua_ceasefire();
    show_issue_of(&server, &demand);
    assert_eq!(vote(address, &ana, &demand, "agreed", "").status, 200);
    assert_eq!(vote(address, &ben, &demand, "disputed", "").status, 200);
    // A made-up token, or Ana's token with a wrong code, changes nothing.
    assert_eq!(vote(address, "0000000000000000", &demand, "partial", "").status, 401);
    let forged = post(
        address,
        "/api/vote",
        &serde_json::json!({ "code": "WRONG", "token": ana, "demand": demand, "status": "partial" }),
    );
    assert_eq!(forged.status, 403);
    let (ana_id, ben_id) = server.with_state(|s| (s.class.students()[0].id.clone(), s.class.students()[1].id.clone()));
    server.with_state(|s| {
        assert_eq!(s.class.vote_of(&ana_id, &demand).unwrap().status, "agreed");
        assert_eq!(s.class.vote_of(&ben_id, &demand).unwrap().status, "disputed");
    });
    // The API never names another student: Ana's page has her own choice only.
    let page = request(address, "GET", &format!("/api/page?code={CODE}&token={ana}"), None);
    assert!(!page.body.contains("Ben"), "{}", page.body);
}

#[test]
fn bad_requests_get_a_clear_error_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 1);
    let address = server.address();
    let token = join(address, "Ana");
    let demand = ua_ceasefire();
    show_issue_of(&server, &demand);

    let malformed = request(address, "POST", "/api/vote", Some(b"{\"code\": \"K7QFA\", \"token\": "));
    assert_eq!(malformed.status, 400);
    assert!(
        field(&malformed, "error").contains("not what the page sends"),
        "{}",
        malformed.body
    );
    let unknown_status = vote(address, &token, &demand, "maybe", "");
    assert_eq!(unknown_status.status, 422);
    assert!(field(&unknown_status, "error").contains("not one of the codebook's statuses"));
    let unknown_demand = vote(
        address,
        &token,
        &DemandRef::new("istanbul-2025-06-02", "ua", "nope"),
        "agreed",
        "",
    );
    assert_eq!(unknown_demand.status, 422);
    server
        .teacher(|state| {
            let issue = state.class.shown().unwrap();
            Ok(stances::model::live::LiveEvent::Closed { issue, closed: true })
        })
        .unwrap();
    let closed = vote(address, &token, &demand, "agreed", "");
    assert_eq!(closed.status, 409);
    assert!(field(&closed, "error").contains("closed"));
    let full = post(
        address,
        "/api/join",
        &serde_json::json!({ "code": CODE, "name": "Ben" }),
    );
    assert_eq!(full.status, 503);
    assert!(field(&full, "error").contains("full"), "{}", full.body);
    assert_eq!(server.with_state(|s| s.class.vote_count()), 0);
}

#[test]
fn a_ten_megabyte_body_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    // Announced, not sent: the server answers before reading a byte of it.
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        stream,
        "POST /api/join HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        10 * 1024 * 1024
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    assert!(status.contains("413"), "{status}");
    let mut rest = String::new();
    let _ = reader.read_to_string(&mut rest);
    assert!(rest.contains("too large"), "{rest}");
    assert_eq!(server.with_state(|s| s.class.students().len()), 0);
}

#[test]
fn script_in_a_name_or_a_note_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    let name = "<script>alert(1)</script>";
    let token = join(address, name);
    let demand = ua_ceasefire();
    show_issue_of(&server, &demand);
    let note = "<img src=x onerror=alert(2)>";
    assert_eq!(vote(address, &token, &demand, "agreed", note).status, 200);
    let page = request(address, "GET", &format!("/api/page?code={CODE}&token={token}"), None);
    // Data in JSON, never HTML: the page puts it in with textContent.
    assert!(
        page.headers.contains("content-type: application/json"),
        "{}",
        page.headers
    );
    assert!(page.headers.contains("x-content-type-options: nosniff") || !page.headers.is_empty());
    let state: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(state["name"], name);
    let script = request(address, "GET", "/live.js", None).body;
    assert!(!script.contains("innerHTML") && !script.contains("insertAdjacentHTML") && !script.contains("eval("));
    assert_eq!(server.with_state(|s| s.class.students()[0].name.clone()), name);
}

#[test]
fn no_parameter_leads_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    for path in [
        "/../../etc/passwd",
        "/live.js/../../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/live/index.html",
        "/api/../../../etc/passwd",
        "/api/page?code=../../etc&token=../../passwd",
    ] {
        let answer = request(address, "GET", path, None);
        assert!(
            answer.status == 404 || answer.status == 400 || answer.status == 403,
            "{path}: {} {}",
            answer.status,
            answer.body
        );
        assert!(!answer.body.contains("root:"), "{path} served a file");
    }
    let bare = request(address, "GET", "/api/page", None);
    assert_eq!(bare.status, 403, "a page asked for with no code: {}", bare.body);
    assert!(field(&bare, "error").contains("join code"), "{}", bare.body);
    let token = join(address, "../../etc/passwd");
    let demand = DemandRef::new("../../etc", "../passwd", "..");
    show_issue_of(&server, &ua_ceasefire());
    assert_eq!(vote(address, &token, &demand, "../agreed", "../").status, 422);
}

#[test]
fn a_flood_from_one_student_is_slowed_and_the_others_still_get_through() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    let flooder = join(address, "Flood");
    let other = join(address, "Ana");
    let query = format!("/api/page?code={CODE}&token={flooder}");
    let refused = (0..1000)
        .filter(|_| request(address, "GET", &query, None).status == 429)
        .count();
    assert!(refused > 500, "only {refused} of 1,000 requests in a row were slowed");
    let page = request(address, "GET", &format!("/api/page?code={CODE}&token={other}"), None);
    assert_eq!(page.status, 200, "another student is not slowed by the flood");
}

/// A page's event stream, opened as a browser's `EventSource` opens it; its
/// status line read (and checked: 200).
fn open_events(address: SocketAddr, token: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a timeout");
    write!(
        stream,
        "GET /api/events?code={CODE}&token={token} HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("the request sent");
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).expect("a status line");
    assert!(status.contains("200"), "{status}");
    reader
}

#[test]
fn the_page_is_told_when_the_teacher_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    let token = join(address, "Ana");
    let mut reader = open_events(address, &token);
    let mut line = String::new();
    // Headers, then nothing until the teacher acts.
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
    }
    show_issue_of(&server, &ua_ceasefire());
    let mut seen = String::new();
    while !seen.contains("event: stage") {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        seen.push_str(&line);
    }
    assert!(seen.contains("event: stage"), "{seen}");

    // The class handed in: the page is told it ended (and stops reconnecting).
    let folder = dir.path().join("class");
    std::fs::create_dir(&folder).unwrap();
    let written = server.stop_and_hand_in(&folder);
    assert_eq!(written.unwrap().len(), 1);
    let mut rest = String::new();
    while !rest.contains("data: ended") {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        rest.push_str(&line);
    }
    assert!(
        rest.contains("event: ended\ndata: ended"),
        "a browser dispatches only an event with data: {rest}"
    );
}

#[test]
fn a_server_stopped_to_go_on_later_tells_no_page_the_class_ended() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&dir, 200);
    let address = server.address();
    let token = join(address, "Ana");
    let mut reader = open_events(address, &token);
    drop(server);
    let mut rest = String::new();
    let _ = reader.read_to_string(&mut rest);
    assert!(!rest.contains("event: ended"), "{rest}");
}

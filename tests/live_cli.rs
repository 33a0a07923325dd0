//! `stances live` run as a teacher runs it on a machine the campus reaches:
//! the address and code printed, a student joining from a browser, the
//! teacher stepping from the terminal, and the class handed in on stopping,
//! counted by `stances tally`. Killed in the middle, it resumes from its
//! journal with every choice given before.

mod common;

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use common::http::request;

struct Running {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Running {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stances"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("stances runs");
        let stdin = child.stdin.take().expect("set up by the test");
        let stdout = BufReader::new(child.stdout.take().expect("set up by the test"));
        Self { child, stdin, stdout }
    }

    /// The printed lines up to and including the first one containing `text`.
    fn until(&mut self, text: &str) -> String {
        let mut seen = String::new();
        loop {
            let mut line = String::new();
            if self.stdout.read_line(&mut line).expect("set up by the test") == 0 {
                panic!("stances live ended before saying {text:?}; it said:\n{seen}");
            }
            seen.push_str(&line);
            if line.contains(text) {
                return seen;
            }
        }
    }

    fn type_line(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").expect("set up by the test");
        self.stdin.flush().expect("set up by the test");
    }
}

/// The address and the join code, from what `stances live` prints.
fn where_to_join(printed: &str) -> (SocketAddr, String) {
    let url = printed
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("an address printed");
    let rest = url.trim_start_matches("http://");
    let (address, query) = rest.split_once("/?code=").expect("the code in the address");
    (address.parse().expect("an address"), query.to_owned())
}

fn post(address: SocketAddr, path: &str, json: &serde_json::Value) -> common::http::Answer {
    request(address, "POST", path, Some(json.to_string().as_bytes()))
}

#[test]
fn a_class_runs_from_the_terminal_and_is_handed_in_on_stopping() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("istanbul.ron");
    std::fs::copy(common::example_path(), &file).unwrap();
    let mut live = Running::start(&["live", file.to_str().unwrap(), "--listen", "127.0.0.1:0"]);
    let printed = live.until("Type n");
    let (address, code) = where_to_join(&printed);
    assert!(printed.contains(&format!("Join code: {code}")), "{printed}");

    let joined = post(
        address,
        "/api/join",
        &serde_json::json!({ "code": code, "name": "Maria" }),
    );
    assert_eq!(joined.status, 200, "{}", joined.body);
    let token: serde_json::Value = serde_json::from_str(&joined.body).unwrap();
    let token = token["token"].as_str().unwrap().to_owned();
    post(
        address,
        "/api/join",
        &serde_json::json!({ "code": code, "name": "Maria" }),
    );

    live.type_line("n");
    let shown = live.until("Showing");
    assert!(shown.contains("Showing Ceasefire"), "{shown}");
    let vote = post(
        address,
        "/api/vote",
        &serde_json::json!({
            "code": code, "token": token,
            "demand": ["istanbul", "ua", "ua-ceasefire"],
            "status": "disputed", "note": "30 days against 2–3",
        }),
    );
    assert_eq!(vote.status, 200, "{}", vote.body);
    live.type_line("c");
    assert!(live.until("Showing").contains("voting closed"));
    live.type_line("q");
    let done = live.until("written to");
    assert!(done.contains("2 hand-ins"), "two Marias hand in two files: {done}");
    assert!(live.child.wait().unwrap().success());

    let folder = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.is_dir())
        .expect("the class's folder beside the file");
    assert!(
        folder
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("istanbul-live-")
    );
    let (code, out, err) = common::run_stances([std::ffi::OsStr::new("tally"), folder.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Class: 2 students"), "{out}");
    assert!(out.contains("1 Disputed"), "{out}");
}

#[test]
fn a_class_resumes_only_with_its_own_file_and_in_one_stances_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("istanbul.ron");
    std::fs::copy(common::example_path(), &file).unwrap();
    let other = dir.path().join("paris.ron");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/paris-2015-12-12.ron"),
        &other,
    )
    .unwrap();
    let mut live = Running::start(&["live", file.to_str().unwrap(), "--listen", "127.0.0.1:0"]);
    live.until("Type n");
    let folder = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.is_dir())
        .expect("the class's folder");
    let folder_arg = folder.to_str().unwrap();
    let file_arg = file.to_str().unwrap();
    // The same class served twice would interleave two journals' acts.
    let (code, _, err) = common::run_stances(["live", file_arg, "--listen", "127.0.0.1:0", "--resume", folder_arg]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("being served by another Stances"), "{err}");
    live.type_line("q");
    live.until("written to");
    assert!(live.child.wait().unwrap().success());
    // Another file would write hand-ins against other positions.
    let (code, _, err) = common::run_stances(["live", other.to_str().unwrap(), "--resume", folder_arg]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("was started on istanbul.ron, not on paris.ron"), "{err}");
    let (code, _, err) = common::run_stances(["live", file_arg, "--resume", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a live class's folder"), "{err}");
    let (code, _, err) = common::run_stances(["live", file_arg, "--listen", "localhost"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not an address and a port"), "{err}");
}

#[test]
fn a_class_killed_mid_step_resumes_with_every_choice_given() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("istanbul.ron");
    std::fs::copy(common::example_path(), &file).unwrap();
    let mut live = Running::start(&["live", file.to_str().unwrap(), "--listen", "127.0.0.1:0"]);
    let (address, code) = where_to_join(&live.until("Type n"));
    let joined = post(
        address,
        "/api/join",
        &serde_json::json!({ "code": code, "name": "Ana" }),
    );
    let token: serde_json::Value = serde_json::from_str(&joined.body).unwrap();
    let token = token["token"].as_str().unwrap().to_owned();
    live.type_line("n");
    live.until("Showing");
    let vote = post(
        address,
        "/api/vote",
        &serde_json::json!({
            "code": code, "token": token,
            "demand": ["istanbul", "ua", "ua-ceasefire"], "status": "partial",
        }),
    );
    assert_eq!(vote.status, 200, "{}", vote.body);
    // The machine goes down in the middle of the step.
    live.child.kill().unwrap();
    live.child.wait().unwrap();

    let folder = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.is_dir())
        .expect("the class's folder");
    let mut again = Running::start(&[
        "live",
        file.to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
        "--resume",
        folder.to_str().unwrap(),
    ]);
    let printed = again.until("Type n");
    assert!(printed.contains("Resumed: 1 student, 1 choice"), "{printed}");
    let (address, same_code) = where_to_join(&printed);
    assert_eq!(same_code, code, "the class keeps its code");
    // Ana's page goes on with her session: her choice is still hers.
    let page = request(address, "GET", &format!("/api/page?code={code}&token={token}"), None);
    assert_eq!(page.status, 200, "{}", page.body);
    let state: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(state["issue"]["sides"][0]["demands"][0]["mine"]["status"], "partial");
    again.type_line("q");
    again.until("written to");
    assert!(again.child.wait().unwrap().success());
}

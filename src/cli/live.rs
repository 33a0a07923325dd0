//! `stances live FILE [--listen ADDR:PORT]`: a live class without a window,
//! for a machine the whole campus can reach when the room's Wi-Fi keeps
//! devices apart. It serves the students' page, prints where to join and the
//! join code, and takes the teacher's steps from the terminal (next issue,
//! previous, close voting, reveal, stop). Every act goes to the class's
//! journal as it comes; stopping writes each student's hand-in beside it.

use std::io::BufRead as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;

use crate::live::networks::main_address;
use crate::live::teacher::{self, Begun};
use crate::live::{DEFAULT_PORT, LiveServer, LiveState};
use crate::model::Comparison;
use crate::model::live::DEFAULT_MAX_STUDENTS;
use crate::model::presentation::Steps;
use crate::model::words::count;

#[expect(clippy::print_stdout, reason = "the teacher's terminal is the window here")]
fn say(line: &str) {
    println!("{line}");
}

#[expect(clippy::print_stderr, reason = "a command-line error")]
fn fail(message: &str) -> ExitCode {
    eprintln!("stances live: {message}");
    ExitCode::from(2)
}

/// `--listen`'s value: an address of this computer and a port, said plainly
/// when it is not one (a name, or no port).
pub fn parse_listen(text: &str) -> Result<SocketAddr, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "`{text}` is not an address and a port: write this computer's address on a network and a port, like 192.168.1.23:{DEFAULT_PORT} (0.0.0.0:{DEFAULT_PORT} for every network)"
        )
    })
}

pub fn run(file: &Path, listen: Option<SocketAddr>, resume: Option<&Path>, max_students: Option<usize>) -> ExitCode {
    let comparison = match read_comparison(file) {
        Ok(comparison) => comparison,
        Err(e) => return fail(&e),
    };
    if comparison.issues().is_empty() {
        return fail(&format!("{}: it has no issue to show", file.display()));
    }
    let has_key = comparison.marks().next().is_some();
    let begun = match resume {
        Some(folder) => teacher::resume(folder, file, comparison),
        None => teacher::begin(file, comparison, max_students.unwrap_or(DEFAULT_MAX_STUDENTS)),
    };
    let Begun { folder, state, notes } = match begun {
        Ok(begun) => begun,
        Err(e) => return fail(&e),
    };
    for note in &notes {
        say(note);
    }
    if resume.is_some() {
        say(&format!(
            "Resumed: {}, {}",
            count(state.class.students().len(), "student", "students"),
            count(state.class.vote_count(), "choice", "choices")
        ));
    }
    // A class resumed is offered where its students' pages look for it.
    let served_before = state.class.served_at().and_then(|a| a.parse::<SocketAddr>().ok());
    let listen = listen
        .or(served_before)
        .unwrap_or_else(|| SocketAddr::new(main_address().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)), DEFAULT_PORT));
    let server = match LiveServer::start(listen, state, || {}) {
        Ok(server) => server,
        Err(e) => {
            if resume.is_none() {
                // Nothing was served: the class's new folder goes too.
                teacher::abandon(&folder);
            }
            return fail(&e);
        }
    };
    if let Err(e) = server.record_address() {
        say(&e);
    }
    let address = server.address();
    let code = server.with_state(|s| s.class.join_code().to_owned());
    let url = server.join_url();
    say(&format!(
        "Live class of {} — the class is kept in \"{}\"",
        file.display(),
        folder.display()
    ));
    say(&format!("Students open {url} on the same network"));
    if address.ip().is_loopback() {
        say(&format!(
            "Only this computer can reach {}: students' phones cannot. Give --listen this computer's address on the room's network.",
            address.ip()
        ));
    }
    say(&format!("Join code: {code}"));
    if let Some(qr) = terminal_qr(&url) {
        say(&qr);
    }
    if !has_key {
        say("No key: the file has no marks, so revealing shows the class's tally alone.");
    }
    server.with_state(|s| say(&where_we_are(s)));
    say(
        "Type n (next issue), p (previous), c (close or open voting), r (reveal or hide the tally), w (who joined), q (stop and hand in), then Enter. Ctrl+C or the end of the input stops without handing in: every choice stays in the folder, and --resume goes on.",
    );
    if !teach(&server) {
        let class = server.stop();
        say(&format!(
            "Stopped without handing in ({}, {} kept). `stances live \"{}\" --resume \"{}\"` goes on; q there hands in.",
            count(class.students().len(), "student", "students"),
            count(class.vote_count(), "choice", "choices"),
            file.display(),
            folder.display()
        ));
        return ExitCode::SUCCESS;
    }
    let written = server.stop_and_hand_in(&folder);
    finish(&folder, written, file)
}

/// The comparison (or position file) the class codes.
fn read_comparison(file: &Path) -> Result<Comparison, String> {
    crate::io::given::read_given(file)
        .map_err(|e| e.to_string())
        .and_then(crate::io::given::Given::into_comparison)
}

/// The teacher's steps from the terminal, until `q` (true) or the end of the
/// input (false).
fn teach(server: &LiveServer) -> bool {
    let issues: Vec<usize> = server.with_state(|s| Steps::new(&s.comparison, false).issues().to_vec());
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let result = match line.trim() {
            "n" | "next" => step(server, &issues, 1),
            "p" | "previous" => step(server, &issues, -1),
            "c" | "close" => server.teacher(|s| s.class.toggle_closed()),
            "r" | "reveal" => server.teacher(|s| s.class.toggle_revealed()),
            "w" | "who" => {
                server.with_state(|s| {
                    say(&format!(
                        "{} joined, {} given",
                        count(s.class.students().len(), "student", "students"),
                        count(s.class.vote_count(), "choice", "choices")
                    ));
                });
                Ok(())
            }
            "q" | "quit" | "stop" => return true,
            "" => Ok(()),
            other => Err(format!("`{other}` is not a step: type n, p, c, r, w or q")),
        };
        match result {
            Ok(()) => server.with_state(|s| say(&where_we_are(s))),
            Err(e) => say(&e),
        }
    }
    false
}

/// Moves `by` issues from the one shown (the first from the title, the title
/// back from the first); past the last issue it says so.
fn step(server: &LiveServer, issues: &[usize], by: isize) -> Result<(), String> {
    let at = server.with_state(|s| s.class.shown().and_then(|i| issues.iter().position(|&x| x == i)));
    let next = match at {
        None if by > 0 => issues.first().copied(),
        None => return Err("Already on the title: n shows the first issue".to_owned()),
        Some(0) if by < 0 => None,
        Some(at) => match at.checked_add_signed(by).and_then(|n| issues.get(n)) {
            Some(&issue) => Some(issue),
            None => {
                return Err(format!(
                    "Already on the last issue ({0} of {0}): q stops the class",
                    issues.len()
                ));
            }
        },
    };
    server.teacher(|s| s.class.show(&s.comparison, next))
}

fn where_we_are(state: &LiveState) -> String {
    let issues = Steps::new(&state.comparison, false).issues().to_vec();
    match state.class.shown() {
        None => format!("Showing the title ({} to come)", count(issues.len(), "issue", "issues")),
        Some(issue) => format!(
            "Showing {} (issue {} of {}){}{}",
            state.comparison.issues()[issue].name,
            issues.iter().position(|&i| i == issue).map_or(0, |p| p + 1),
            issues.len(),
            if state.class.is_closed(issue) {
                " · voting closed"
            } else {
                ""
            },
            if state.class.is_revealed(issue) {
                " · tally revealed"
            } else {
                ""
            },
        ),
    }
}

/// Says what the class handed in, or why it could not.
fn finish(folder: &Path, written: Result<Vec<std::path::PathBuf>, String>, file: &Path) -> ExitCode {
    match written {
        Ok(paths) => {
            say(&format!(
                "{} written to \"{}\": `stances tally \"{}\"` counts the class, File › Open class… shows it",
                count(paths.len(), "hand-in", "hand-ins"),
                folder.display(),
                folder.display()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!(
            "{e}; nothing is lost: `stances live \"{}\" --resume \"{}\"` goes on from the journal",
            file.display(),
            folder.display()
        )),
    }
}

/// The join address as a QR code in the terminal (two rows of modules a line),
/// light on dark as terminals draw it, with its quiet zone.
fn terminal_qr(url: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .build(),
    )
}

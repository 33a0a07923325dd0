//! The live class's API on any request: the fuzzer's bytes are a request's
//! body to one of its endpoints (`CODE` and `TOKEN` in them stand for the
//! class's join code and a student's token, so that requests get past the
//! checks). No request panics; every reply is JSON with a status the page
//! knows; a refused request changes nothing; the class's tallies always add
//! up to its votes.
#![no_main]

use std::net::{IpAddr, Ipv4Addr};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stances::io::live_journal::{JOURNAL_FORMAT, Journal, JournalHeader};
use stances::live::{Api, LiveState};
use stances::model::Comparison;
use stances::model::live::LiveClass;

const EXAMPLE: &str = include_str!("../../data/istanbul-2025-06-02.ron");
const CODE: &str = "K7QFA";

struct Class {
    api: Api,
    token: String,
}

fn class() -> &'static Class {
    static CLASS: OnceLock<Class> = OnceLock::new();
    CLASS.get_or_init(|| {
        let file = stances::format::position_file::parse_position_file("istanbul.ron", EXAMPLE).unwrap();
        let cmp = Comparison::from_positions(vec![("istanbul.ron".into(), file)]).unwrap();
        let path = std::env::temp_dir().join(format!("stances-fuzz-live-{}.journal", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let header = JournalHeader {
            format: JOURNAL_FORMAT,
            join_code: CODE.into(),
            max_students: 50,
            comparison: "istanbul.ron".into(),
            started: "2026-12-06T10:00:00Z".into(),
        };
        let journal = Journal::create(&path, &header).unwrap();
        let api = Api::new(LiveState::new(LiveClass::new(CODE.into(), 50), cmp, journal).unwrap());
        {
            let mut state = api.lock();
            for issue in 0..state.comparison.issues().len() {
                let event = state.class.show(&state.comparison, Some(issue)).unwrap();
                state.record(&event).unwrap();
            }
        }
        let joined = api.join(IpAddr::V4(Ipv4Addr::LOCALHOST), br#"{"code":"K7QFA","name":"Ana"}"#);
        let token = joined.body["token"].as_str().unwrap().to_owned();
        Class { api, token }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&endpoint, body)) = data.split_first() else { return };
    let class = class();
    let body = String::from_utf8_lossy(body)
        .replace("CODE", CODE)
        .replace("TOKEN", &class.token)
        .into_bytes();
    // Each input from an address of its own, so that the limits do not end the run.
    let from = IpAddr::V4(Ipv4Addr::from(u32::from_le_bytes([10, endpoint, body.len() as u8, 1])));
    let votes_before = class.api.lock().class.vote_count();
    let reply = match endpoint % 4 {
        0 => class.api.join(from, &body),
        1 => class.api.vote(from, &body),
        2 => class.api.withdraw(from, &body),
        _ => {
            let text = String::from_utf8_lossy(&body);
            let (code, token) = text.split_once('&').unwrap_or((&text, ""));
            class.api.page(from, code, token)
        }
    };
    assert!(
        matches!(reply.status, 200 | 400 | 401 | 403 | 409 | 422 | 429 | 503),
        "{reply:?}"
    );
    assert!(reply.status == 200 || reply.body["error"].is_string(), "{reply:?}");
    let state = class.api.lock();
    if reply.status != 200 {
        assert_eq!(state.class.vote_count(), votes_before, "a refused request changed the votes");
    }
    let counted: usize = state
        .comparison
        .all_demands()
        .map(|ix| state.class.tally(&state.comparison.demand_ref(ix)).iter().map(|(_, n)| n).sum::<usize>())
        .sum();
    assert_eq!(counted, state.class.vote_count(), "the tallies add up to the votes");
});

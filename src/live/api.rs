//! The students' API as plain functions: a request's bytes and where it came
//! from in, a reply out (its status, its JSON, how long to wait, whether an
//! act was recorded and must reach the disk before the reply goes). The
//! server (`server.rs`) only carries them over HTTP; tests and the fuzz target
//! call them directly.
//!
//! Every request carries the join code, a student's every request their
//! session's token; a request that fails any check changes nothing and says
//! why (`{"error": "…"}`).

use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::Deserialize;

use super::limits::Limits;
use crate::io::live_journal::{Journal, JournalSync};
use crate::model::Comparison;
use crate::model::live::{LiveClass, LiveEvent, Refusal, same_code};
use crate::model::live_view::student_view;
use crate::model::mark::{DemandRef, now_timestamp};

/// What the server and the window share: the class, the teacher's comparison
/// it codes, and the journal every accepted act is written to first.
pub struct LiveState {
    pub class: LiveClass,
    pub comparison: Comparison,
    journal: Journal,
    /// Waits for the journal's lines to reach the disk, outside the lock.
    syncer: Arc<JournalSync>,
}

impl LiveState {
    pub fn new(class: LiveClass, comparison: Comparison, journal: Journal) -> Result<Self, String> {
        let syncer = Arc::new(journal.syncer()?);
        Ok(Self {
            class,
            comparison,
            journal,
            syncer,
        })
    }

    /// Records an accepted act: written to the journal before it counts (a
    /// journal that cannot be written refuses the act). The disk is waited
    /// for with [`Self::syncer`], outside the lock, before anyone is told.
    pub fn record(&mut self, event: &LiveEvent) -> Result<(), String> {
        self.journal.write(event)?;
        self.class.apply(event);
        Ok(())
    }

    pub fn syncer(&self) -> Arc<JournalSync> {
        Arc::clone(&self.syncer)
    }
}

/// An answer to a request.
#[derive(Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    pub body: serde_json::Value,
    /// For a request refused for now: how long to wait (`Retry-After`).
    pub retry_after: Option<Duration>,
    /// An act was recorded: the reply waits until it is on the disk.
    pub recorded: Option<Arc<JournalSync>>,
}

impl Reply {
    fn ok(body: serde_json::Value) -> Self {
        Self {
            status: 200,
            body,
            retry_after: None,
            recorded: None,
        }
    }

    pub fn error(status: u16, message: &str) -> Self {
        Self {
            status,
            body: serde_json::json!({ "error": message }),
            retry_after: None,
            recorded: None,
        }
    }

    fn refusal(refusal: &Refusal) -> Self {
        let status = match refusal {
            Refusal::WrongCode => 403,
            Refusal::UnknownStudent => 401,
            Refusal::Full(_) => 503,
            Refusal::Closed | Refusal::NotShown => 409,
            _ => 422,
        };
        Self::error(status, &refusal.to_string())
    }

    fn waiting(wait: Duration, message: &str) -> Self {
        Self {
            retry_after: Some(wait),
            ..Self::error(429, message)
        }
    }

    fn too_many(wait: Duration) -> Self {
        Self::waiting(wait, "too many requests at once: wait a moment and try again")
    }

    fn too_many_codes(wait: Duration) -> Self {
        Self::waiting(
            wait,
            &format!(
                "too many wrong codes from this device: check the code on the screen and try again in {} s",
                seconds(wait)
            ),
        )
    }
}

/// A wait in whole seconds, rounded up (at least one).
pub fn seconds(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

/// The class and the limits, behind one lock each.
pub struct Api {
    state: Mutex<LiveState>,
    limits: Limits,
}

#[derive(Deserialize)]
struct JoinRequest {
    code: String,
    name: String,
}

#[derive(Deserialize)]
struct VoteRequest {
    code: String,
    token: String,
    demand: DemandRef,
    status: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct WithdrawRequest {
    code: String,
    token: String,
    demand: DemandRef,
}

/// A student's act: what carries their session.
trait StudentRequest: serde::de::DeserializeOwned {
    fn code(&self) -> &str;
    fn token(&self) -> &str;
}

impl StudentRequest for VoteRequest {
    fn code(&self) -> &str {
        &self.code
    }
    fn token(&self) -> &str {
        &self.token
    }
}

impl StudentRequest for WithdrawRequest {
    fn code(&self) -> &str {
        &self.code
    }
    fn token(&self) -> &str {
        &self.token
    }
}

/// A request's body read as JSON, said plainly when it is not.
fn body_of<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Reply> {
    serde_json::from_slice(body)
        .map_err(|e| Reply::error(400, &format!("the request is not what the page sends ({e})")))
}

impl Api {
    pub fn new(state: LiveState) -> Self {
        Self {
            state: Mutex::new(state),
            limits: Limits::default(),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, LiveState> {
        // A panic while the lock was held leaves the class as the last event
        // applied it: it is still whole, so it is used.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `POST /api/join` `{code, name}`: a new student, and their session's token.
    pub fn join(&self, from: IpAddr, body: &[u8]) -> Reply {
        if let Err(wait) = self.limits.client(from) {
            return Reply::too_many(wait);
        }
        // Repeated wrong codes from one address: it must wait before it tries again.
        if let Err(wait) = self.limits.may_try(from) {
            return Reply::too_many_codes(wait);
        }
        let request: JoinRequest = match body_of(body) {
            Ok(r) => r,
            Err(reply) => return reply,
        };
        if request.code.trim().is_empty() {
            return Reply::error(422, "type the join code shown on the screen");
        }
        let mut state = self.lock();
        let event = match state.class.join(&request.code, &request.name) {
            Ok(event) => event,
            Err(e) => {
                if e == Refusal::WrongCode {
                    self.limits.failed(from);
                }
                return Reply::refusal(&e);
            }
        };
        if let Err(e) = state.record(&event) {
            return Reply::error(500, &e);
        }
        let LiveEvent::Joined { token, student } = event else {
            return Reply::error(500, "the join was not recorded");
        };
        // The right code: the address's wrong ones were typos.
        self.limits.forgive(from);
        Reply {
            recorded: Some(state.syncer()),
            ..Reply::ok(serde_json::json!({ "token": token, "name": student.name, "id": student.id }))
        }
    }

    /// A student's session checked: the class's code, a token it knows,
    /// within the student's own rate (a student sending too much slows only
    /// themself; a classroom behind one router shares its address). What is
    /// not a session is limited by its address, and a wrong code counts as a guess.
    pub fn session(&self, from: IpAddr, code: &str, token: &str) -> Result<(), Reply> {
        let (right_code, known) = {
            let state = self.lock();
            (
                same_code(code, state.class.join_code()),
                state.class.student_of(token).is_some(),
            )
        };
        if known {
            // A student who joined holds the code already: a wrong one is a
            // page gone stale, not a guess, and their device's guessing
            // neighbours do not lock them out.
            if !right_code {
                return Err(Reply::refusal(&Refusal::WrongCode));
            }
            return self.limits.student(token).map_err(Reply::too_many);
        }
        self.limits.client(from).map_err(Reply::too_many)?;
        self.limits.may_try(from).map_err(Reply::too_many_codes)?;
        if !right_code {
            self.limits.failed(from);
            return Err(Reply::refusal(&Refusal::WrongCode));
        }
        Err(Reply::refusal(&Refusal::UnknownStudent))
    }

    /// `GET /api/page?code&token`: what the student's page shows.
    pub fn page(&self, from: IpAddr, code: &str, token: &str) -> Reply {
        if let Err(reply) = self.session(from, code, token) {
            return reply;
        }
        let state = self.lock();
        match student_view(&state.comparison, &state.class, token) {
            Some(view) => Reply::ok(serde_json::to_value(view).unwrap_or_default()),
            None => Reply::refusal(&Refusal::UnknownStudent),
        }
    }

    /// `POST /api/vote` `{code, token, demand, status, note}`: the student's
    /// status (and note) on a demand, in place of what they gave it before.
    pub fn vote(&self, from: IpAddr, body: &[u8]) -> Reply {
        self.student_act(from, body, |state, request: &VoteRequest| {
            state.class.vote(
                &state.comparison,
                &request.token,
                &request.demand,
                &request.status,
                &request.note,
                now_timestamp(),
            )
        })
    }

    /// `POST /api/withdraw` `{code, token, demand}`: the student's choice on a
    /// demand taken back.
    pub fn withdraw(&self, from: IpAddr, body: &[u8]) -> Reply {
        self.student_act(from, body, |state, request: &WithdrawRequest| {
            state.class.withdraw(&state.comparison, &request.token, &request.demand)
        })
    }

    /// A student's act: the body read, their session checked, the event the
    /// class makes of it recorded (or the refusal said).
    fn student_act<R: StudentRequest>(
        &self,
        from: IpAddr,
        body: &[u8],
        act: impl FnOnce(&LiveState, &R) -> Result<LiveEvent, Refusal>,
    ) -> Reply {
        let request: R = match body_of(body) {
            Ok(r) => r,
            Err(reply) => return reply,
        };
        if let Err(reply) = self.session(from, request.code(), request.token()) {
            return reply;
        }
        let mut state = self.lock();
        let event = act(&state, &request);
        Self::recorded(&mut state, event)
    }

    fn recorded(state: &mut LiveState, event: Result<LiveEvent, Refusal>) -> Reply {
        match event {
            Ok(event) => match state.record(&event) {
                Ok(()) => Reply {
                    recorded: Some(state.syncer()),
                    ..Reply::ok(serde_json::json!({ "saved": true }))
                },
                Err(e) => Reply::error(500, &e),
            },
            Err(e) => Reply::refusal(&e),
        }
    }
}

//! How fast a live class answers one client: each address and each student's
//! session has a bucket of requests that refills at a steady rate (a student
//! tapping through statuses never meets it; a script sending a thousand
//! requests a second does), and after a few wrong join codes an address must
//! wait ever longer before it tries again, so that guessing the code takes
//! longer than the class.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests one address may make in a burst, then per second. A classroom
/// behind one router (a hotspot's NAT) shares an address: room for thirty.
const CLIENT_BURST: f64 = 600.0;
const CLIENT_RATE: f64 = 300.0;
/// Requests one student's session may make in a burst, then per second.
const STUDENT_BURST: f64 = 40.0;
const STUDENT_RATE: f64 = 10.0;
/// Wrong codes from one address answered at once before each next one waits.
const FREE_FAILURES: u32 = 5;
/// The wait added by each wrong code past the free ones, and the longest.
const FAILURE_WAIT: Duration = Duration::from_secs(5);
const MAX_FAILURE_WAIT: Duration = Duration::from_secs(60);
/// Wrong codes are forgotten after this long without one.
const FORGIVEN_AFTER: Duration = Duration::from_secs(120);
/// Buckets kept at most: past it the oldest are forgotten (a flood of
/// addresses cannot fill the memory).
const MAX_BUCKETS: usize = 10_000;

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    /// Takes one request; `Err` with how long until one is free.
    fn take(&mut self, burst: f64, rate: f64, now: Instant) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / rate))
        }
    }
}

#[derive(Default)]
pub struct Limits {
    clients: Mutex<HashMap<IpAddr, Bucket>>,
    students: Mutex<HashMap<String, Bucket>>,
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

fn take<K: std::hash::Hash + Eq + Clone>(
    buckets: &Mutex<HashMap<K, Bucket>>,
    key: &K,
    burst: f64,
    rate: f64,
) -> Result<(), Duration> {
    let now = Instant::now();
    let mut buckets = buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(key) {
        // Forget buckets that have refilled: they hold nothing worth keeping.
        buckets.retain(|_, b| now.saturating_duration_since(b.at).as_secs_f64() * rate < burst);
        if buckets.len() >= MAX_BUCKETS {
            return Err(Duration::from_secs(1));
        }
    }
    buckets
        .entry(key.clone())
        .or_insert(Bucket { tokens: burst, at: now })
        .take(burst, rate, now)
}

impl Limits {
    /// One request from an address.
    pub fn client(&self, ip: IpAddr) -> Result<(), Duration> {
        take(&self.clients, &ip, CLIENT_BURST, CLIENT_RATE)
    }

    /// One request of a student's session.
    pub fn student(&self, token: &str) -> Result<(), Duration> {
        take(&self.students, &token.to_owned(), STUDENT_BURST, STUDENT_RATE)
    }

    /// A wrong join code from an address.
    pub fn failed(&self, ip: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if failures.len() >= MAX_BUCKETS {
            failures.clear();
        }
        let entry = failures.entry(ip).or_insert((0, Instant::now()));
        entry.0 = entry.0.saturating_add(1);
        entry.1 = Instant::now();
    }

    /// Forgets an address's wrong codes (it has just given the right one).
    pub fn forgive(&self, ip: IpAddr) {
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&ip);
    }

    /// Whether an address may try a code now: always for the first few
    /// wrong codes (a typo), then only once a wait has passed since the last,
    /// five seconds more for each further wrong code; forgotten after a quiet
    /// minute. `Err` with the time left.
    pub fn may_try(&self, ip: IpAddr) -> Result<(), Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(&(count, at)) = failures.get(&ip) else {
            return Ok(());
        };
        let since = at.elapsed();
        if since > FORGIVEN_AFTER {
            failures.remove(&ip);
            return Ok(());
        }
        let over = count.saturating_sub(FREE_FAILURES);
        let wait = (FAILURE_WAIT * over).min(MAX_FAILURE_WAIT);
        if since < wait { Err(wait - since) } else { Ok(()) }
    }
}

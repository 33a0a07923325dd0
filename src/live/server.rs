//! The live class's server: the students' page and its API, served by Stances
//! itself on the room's network while a live class runs (axum on a tokio
//! runtime of its own thread, so the window never waits on the network).
//!
//! What each request does is `api.rs`; this file carries it over HTTP.
//! Nothing is served but the page, its script and style, and the API: no path
//! from a request leads to a file.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tokio::sync::{oneshot, watch};

use super::api::{Api, LiveState, Reply, seconds};
use crate::model::live::{LiveClass, LiveEvent, Refusal};

/// The port a live class is offered on unless told: one of the free ranges,
/// easy to say aloud.
pub const DEFAULT_PORT: u16 = 8731;

/// The largest request body taken: a vote with a note of 500 characters in
/// any script fits many times over.
pub const MAX_BODY: usize = 16 * 1024;

/// The stage that ends every page's event stream when the class ends: each
/// page is told so (and stops looking for the class).
const STAGE_ENDED: u64 = u64::MAX;
/// The stage that ends every page's event stream when the server stops with
/// the class to go on later: the pages keep trying to reconnect.
const STAGE_PAUSED: u64 = u64::MAX - 1;

const PAGE: &str = include_str!("../../assets/live/index.html");
const SCRIPT: &str = include_str!("../../assets/live/live.js");
const STYLE: &str = include_str!("../../assets/live/live.css");

struct Shared {
    api: Api,
    /// Grows when what every page shows changes (an issue shown, closed,
    /// revealed): each page's event stream tells it to ask again.
    stage: watch::Sender<u64>,
    /// Tells the window something changed (it repaints).
    changed: Box<dyn Fn() + Send + Sync>,
}

/// A running live class server.
pub struct LiveServer {
    address: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl LiveServer {
    /// Starts serving on `listen` (port 0: any free port, said by
    /// [`Self::address`]); `changed` is called after every act, from the
    /// server's threads.
    pub fn start(
        listen: SocketAddr,
        state: LiveState,
        changed: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("live-class")
            .enable_all()
            .build()
            .map_err(|e| format!("the live class could not start ({e})"))?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(listen))
            .map_err(|e| bind_error(listen, &e))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("the live class could not start ({e})"))?;
        let (stage, _) = watch::channel(0);
        let shared = Arc::new(Shared {
            api: Api::new(state),
            stage,
            changed: Box::new(changed),
        });
        let app = router(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("live-class".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let service = app.into_make_service_with_connect_info::<SocketAddr>();
                    let (grace_tx, grace_rx) = oneshot::channel::<()>();
                    let serve = axum::serve(listener, service).with_graceful_shutdown(async move {
                        let _ = stopped.await;
                        let _ = grace_tx.send(());
                    });
                    // A request still under way when the class stops gets two
                    // seconds to finish; then the server stops regardless.
                    let grace = async move {
                        if grace_rx.await.is_ok() {
                            tokio::time::sleep(Duration::from_secs(2)).await;
                        } else {
                            std::future::pending::<()>().await;
                        }
                    };
                    let serve = std::pin::pin!(serve.into_future());
                    let grace = std::pin::pin!(grace);
                    let _ = futures_util::future::select(serve, grace).await;
                });
                // Open event streams end with the runtime.
                runtime.shutdown_timeout(Duration::from_millis(500));
            })
            .map_err(|e| format!("the live class could not start ({e})"))?;
        Ok(Self {
            address,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The address students open (the QR code's), with the join code in it.
    pub fn join_url(&self) -> String {
        format!(
            "http://{}/?code={}",
            self.address,
            self.shared.api.lock().class.join_code()
        )
    }

    /// Records where the class is offered, for a resumed class to be offered
    /// there again.
    pub fn record_address(&self) -> Result<(), String> {
        let address = self.address.to_string();
        self.teacher(|_| Ok(LiveEvent::Served { address }))
    }

    /// Reads or changes the class (the window's side: the tally it shows, the
    /// teacher's acts).
    pub fn with_state<R>(&self, f: impl FnOnce(&mut LiveState) -> R) -> R {
        f(&mut self.shared.api.lock())
    }

    /// A teacher's act: recorded, and every page told to look again.
    pub fn teacher(&self, act: impl FnOnce(&LiveState) -> Result<LiveEvent, Refusal>) -> Result<(), String> {
        let syncer = {
            let mut state = self.shared.api.lock();
            let event = act(&state).map_err(|e| e.to_string())?;
            state.record(&event)?;
            state.syncer()
        };
        syncer.sync()?;
        self.shared.stage.send_modify(|n| *n += 1);
        (self.shared.changed)();
        Ok(())
    }

    /// Stops serving, the class to go on later (open pages then say they are
    /// reconnecting); the class as it stood.
    pub fn stop(mut self) -> LiveClass {
        self.shutdown(STAGE_PAUSED);
        self.shared.api.lock().class.clone()
    }

    /// Stops serving, then writes each student's hand-in into `folder` (no
    /// request can come between): the files written, or why they could not
    /// be (the journal keeps everything).
    pub fn stop_and_hand_in(mut self, folder: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
        self.shutdown(STAGE_ENDED);
        super::teacher::hand_in(&mut self.shared.api.lock(), folder)
    }

    fn shutdown(&mut self, last: u64) {
        // Every page's event stream ends (neither last stage is ever a stage).
        if self.stop.is_some() {
            self.shared.stage.send_replace(last);
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for LiveServer {
    fn drop(&mut self) {
        self.shutdown(STAGE_PAUSED);
    }
}

fn bind_error(listen: SocketAddr, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => {
            format!("{listen} is taken by another program: choose another port (or 0 for any free one)")
        }
        std::io::ErrorKind::AddrNotAvailable => {
            format!("{listen} is not an address of this computer: choose one of its networks")
        }
        std::io::ErrorKind::PermissionDenied => {
            format!("{listen}: ports below 1024 need an administrator; choose a port above 1024")
        }
        _ => format!("{listen}: the live class could not listen there ({e})"),
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(|| async { asset(PAGE, "text/html; charset=utf-8") }))
        .route(
            "/live.js",
            get(|| async { asset(SCRIPT, "text/javascript; charset=utf-8") }),
        )
        .route("/live.css", get(|| async { asset(STYLE, "text/css; charset=utf-8") }))
        .route("/api/join", post(join))
        .route("/api/page", get(page))
        .route("/api/vote", post(vote))
        .route("/api/withdraw", post(withdraw))
        .route("/api/events", get(events))
        .fallback(|| async { refused(StatusCode::NOT_FOUND, "there is nothing here") })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(refuse_large_bodies))
        .with_state(shared)
}

/// A body declared larger than [`MAX_BODY`] is refused before a byte of it is
/// read (one sent without its length is cut at the limit by `DefaultBodyLimit`).
async fn refuse_large_bodies(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the request is too large: at most {} KB", MAX_BODY / 1024),
        );
    }
    next.run(request).await
}

/// A file of the page, with headers that keep it to itself: no script but its
/// own, no framing by another site, no guessing of types.
fn asset(body: &'static str, kind: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A reply sent: once any act it recorded is on the disk (waited for off
/// the server's workers, so that the acts arriving together share the wait).
async fn send(shared: &Shared, reply: Reply) -> Response {
    let reply = match reply.recorded.clone() {
        Some(syncer) => {
            (shared.changed)();
            match tokio::task::spawn_blocking(move || syncer.sync()).await {
                Ok(Ok(())) => reply,
                Ok(Err(e)) => Reply::error(500, &e),
                Err(e) => Reply::error(500, &e.to_string()),
            }
        }
        None => reply,
    };
    response_of(&reply)
}

fn response_of(reply: &Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let bytes = serde_json::to_vec(&reply.body).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Some(wait) = reply.retry_after
        && let Ok(value) = HeaderValue::from_str(&seconds(wait).to_string())
    {
        headers.insert(header::RETRY_AFTER, value);
    }
    response
}

fn refused(status: StatusCode, message: &str) -> Response {
    response_of(&Reply::error(status.as_u16(), message))
}

async fn join(State(shared): State<Arc<Shared>>, ConnectInfo(from): ConnectInfo<SocketAddr>, body: Bytes) -> Response {
    let reply = shared.api.join(from.ip(), &body);
    send(&shared, reply).await
}

/// A page's session in its query; a part left out is empty, and refused as
/// a wrong code or an unknown session (in JSON, as every refusal).
#[derive(Deserialize)]
struct Session {
    #[serde(default)]
    code: String,
    #[serde(default)]
    token: String,
}

async fn page(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Query(session): Query<Session>,
) -> Response {
    response_of(&shared.api.page(from.ip(), &session.code, &session.token))
}

async fn vote(State(shared): State<Arc<Shared>>, ConnectInfo(from): ConnectInfo<SocketAddr>, body: Bytes) -> Response {
    let reply = shared.api.vote(from.ip(), &body);
    send(&shared, reply).await
}

async fn withdraw(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    let reply = shared.api.withdraw(from.ip(), &body);
    send(&shared, reply).await
}

/// The page's event stream: a `stage` event whenever the teacher changes what
/// every page shows (the page then asks for its state again).
async fn events(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Query(session): Query<Session>,
) -> Response {
    if let Err(reply) = shared.api.session(from.ip(), &session.code, &session.token) {
        return response_of(&reply);
    }
    let receiver = shared.stage.subscribe();
    // The stream's state: the channel, until the class ended and was said to.
    let stream = futures_util::stream::unfold(Some(receiver), |receiver| async move {
        let mut receiver = receiver?;
        receiver.changed().await.ok()?;
        let stage = *receiver.borrow_and_update();
        let event = match stage {
            STAGE_PAUSED => return None,
            // Browsers dispatch no event without data.
            STAGE_ENDED => return Some((Ok(Event::default().event("ended").data("ended")), None)),
            stage => Event::default().event("stage").data(stage.to_string()),
        };
        Some((Ok::<_, std::convert::Infallible>(event), Some(receiver)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

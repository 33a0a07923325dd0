//! The live class over the room's network: the API (`api.rs`, what each
//! request does), the server (`server.rs`) that carries it over HTTP with the
//! students' page (`assets/live/`), and the limits
//! (`limits.rs`) that keep one client from drowning the others; the class's
//! life on the teacher's disk (`teacher.rs`), begun, resumed and handed in. The class
//! itself is `model::live`; its journal and folder are `io::live_journal` and
//! `io::live_folder`.

pub mod api;
mod limits;
pub mod networks;
pub mod server;
pub mod teacher;

pub use api::{Api, LiveState, Reply};
pub use server::{DEFAULT_PORT, LiveServer, MAX_BODY};

//! A plain HTTP/1.1 client over a socket, as a phone's browser speaks to the
//! live class's server: one request a connection, read to its end.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

pub struct Answer {
    pub status: u16,
    /// Lower case, for finding a header whatever its case.
    pub headers: String,
    pub body: String,
}

/// One HTTP/1.1 request, as a browser sends it, the connection closed after.
pub fn request(address: SocketAddr, method: &str, path: &str, body: Option<&[u8]>) -> Answer {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    if let Some(body) = body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("the request sent");
    if let Some(body) = body {
        // A body too large may be refused before it is all sent.
        let _ = stream.write_all(body);
    }
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        headers: headers.to_lowercase(),
        body: body.to_owned(),
    }
}

//! The server over real sockets, as an attacker would try it: an absurd `Content-Length`, heads
//! that never end, huge request lines and headers, bodies that are no article, unbounded lists,
//! and a normal request answered within its deadline while hundreds of hostile connections are
//! open.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use dateline_server::{serve, ServerConfig};
use serde_json::Value;

const STORY: &str = "Chile and Peru signed a fisheries pact in Lima on Monday, officials said.";

/// Starts a server on a free loopback port, in a thread of its own, for the rest of the test run.
fn start(config: ServerConfig) -> SocketAddr {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            serve("127.0.0.1:0".parse().unwrap(), config, |addr| {
                send.send(addr).unwrap();
            })
            .await
            .unwrap();
        });
    });
    receive.recv_timeout(Duration::from_secs(30)).unwrap()
}

fn config() -> ServerConfig {
    ServerConfig {
        header_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(20),
        ..ServerConfig::default()
    }
}

/// Writes `request` (ignoring a connection the server closed early) and reads the whole answer:
/// the status and the body parsed as JSON.
fn exchange(addr: SocketAddr, request: &[u8]) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn assert_json(answer: &(u16, Value), status: u16) {
    assert_eq!(answer.0, status, "{answer:?}");
    assert_eq!(answer.1["error"]["status"], status, "{answer:?}");
}

#[test]
fn an_absurd_content_length_is_413_at_once() {
    let addr = start(config());
    let started = Instant::now();
    let answer = exchange(
        addr,
        b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\nabc",
    );
    assert_json(&answer, 413);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_head_that_never_ends_is_cut_off() {
    let addr = start(config());
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .write_all(b"GET /v1/documents HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let read = stream.read_to_end(&mut rest);
    assert!(read.is_ok(), "closed, not timed out on our side: {read:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // An idle kept-alive connection is closed the same way.
    let mut idle = TcpStream::connect(addr).unwrap();
    idle.write_all(b"GET /v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut all = Vec::new();
    let _ = idle.read_to_end(&mut all);
    assert!(String::from_utf8_lossy(&all).starts_with("HTTP/1.1 404"));
}

#[test]
fn long_request_lines_and_heads_get_json_errors() {
    let addr = start(config());
    let long = format!(
        "GET /v1/search?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "a".repeat(20_000)
    );
    assert_json(&exchange(addr, long.as_bytes()), 414);
    let longer = format!(
        "GET /v1/search?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "a".repeat(100_000)
    );
    let answer = exchange(addr, longer.as_bytes());
    assert!(matches!(answer.0, 414 | 431), "{answer:?}");
    assert_json(&answer, answer.0);
    let big_header = format!(
        "GET /v1/documents HTTP/1.1\r\nHost: x\r\nCookie: {}\r\nConnection: close\r\n\r\n",
        "c".repeat(100_000)
    );
    assert_json(&exchange(addr, big_header.as_bytes()), 431);
}

#[test]
fn bodies_that_are_no_article_are_415() {
    let addr = start(config());
    let post = |content_type: &str, body: &str| {
        format!(
            "POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    assert_json(&exchange(addr, post("image/png", STORY).as_bytes()), 415);
    let form = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n{STORY}\r\n--XyZ--\r\n"
    );
    let answer = exchange(
        addr,
        post("multipart/form-data; boundary=XyZ", &form).as_bytes(),
    );
    assert_json(&answer, 415);
    assert!(answer.1["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--data-binary"));
    let ok = exchange(addr, post("text/plain; charset=utf-8", STORY).as_bytes());
    assert_eq!(ok.0, 200, "{ok:?}");
    let curl_default = exchange(
        addr,
        post("application/x-www-form-urlencoded", STORY).as_bytes(),
    );
    assert_eq!(
        curl_default.0, 200,
        "curl --data-binary's default type is read as text"
    );
}

/// Hundreds of connections that never finish their head, and requests announcing absurd
/// bodies, do not keep a normal request from its answer.
#[test]
fn a_normal_request_is_answered_while_hostile_ones_run() {
    let addr = start(ServerConfig {
        header_timeout: Duration::from_secs(5),
        ..config()
    });
    let mut hostile = Vec::new();
    for k in 0..300 {
        let mut s = TcpStream::connect(addr).unwrap();
        let _ = s.write_all(
            format!("GET /v1/documents?k={k} HTTP/1.1\r\nHost: x\r\nX-Slow: ").as_bytes(),
        );
        hostile.push(s);
    }
    let absurd: Vec<_> = (0..20)
        .map(|_| {
            std::thread::spawn(move || {
                exchange(addr, b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 99999999999\r\n\r\n").0
            })
        })
        .collect();
    let started = Instant::now();
    let request = format!(
        "POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{STORY}",
        STORY.len()
    );
    let (status, body) = exchange(addr, request.as_bytes());
    let took = started.elapsed();
    assert_eq!(status, 200, "{body}");
    assert!(body["events"].is_array());
    assert!(
        took < Duration::from_secs(20),
        "answered after {took:?}, past its deadline"
    );
    for handle in absurd {
        assert_eq!(handle.join().unwrap(), 413);
    }
    drop(hostile);
}

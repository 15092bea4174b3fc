//! A small HTTP/1.1 server on 127.0.0.1 for the tests: fixed routes (status, headers, body,
//! validators, a delay, a flag raised when served), `Connection: close` on every answer, and a
//! log of every request. It stops when dropped: the accept loop ends and is joined; a handler
//! still sleeping on a slow route ends on its own after its delay.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// One path's answer.
#[derive(Clone, Default)]
pub struct Route {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    etag: Option<String>,
    last_modified: Option<String>,
    delay: Duration,
    on_hit: Option<Arc<AtomicBool>>,
}

impl Route {
    /// 200 with this body.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
        Route {
            status: 200,
            body: body.into(),
            ..Route::default()
        }
        .header("Content-Type", content_type)
    }

    /// A status with an empty body.
    pub fn status(status: u16) -> Route {
        Route {
            status,
            ..Route::default()
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sends an `ETag` and answers 304 to a matching `If-None-Match`.
    #[must_use]
    pub fn etag(mut self, etag: &str) -> Route {
        self.etag = Some(etag.to_owned());
        self
    }

    /// Sends `Last-Modified` and answers 304 to a matching `If-Modified-Since`.
    #[must_use]
    pub fn last_modified(mut self, date: &str) -> Route {
        self.last_modified = Some(date.to_owned());
        self
    }

    /// Waits this long before answering.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Route {
        self.delay = delay;
        self
    }

    /// Raises `flag` when the route is served.
    #[must_use]
    pub fn raises(mut self, flag: &Arc<AtomicBool>) -> Route {
        self.on_hit = Some(Arc::clone(flag));
        self
    }
}

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Request {
    /// The path with its query.
    pub path: String,
    /// Headers, names lowercase.
    pub headers: HashMap<String, String>,
}

#[derive(Default)]
struct Shared {
    routes: HashMap<String, Route>,
    requests: Vec<Request>,
}

/// The server; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let shared = Arc::clone(&shared);
                    std::thread::spawn(move || handle(stream, &shared));
                }
            })
        };
        Server {
            addr,
            shared,
            stop,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves `route` at `path` from now on.
    pub fn route(&self, path: &str, route: Route) {
        lock(&self.shared).routes.insert(path.to_owned(), route);
    }

    /// The requests received for `path`, in order.
    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        lock(&self.shared)
            .requests
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }

    /// How many requests `path` received.
    pub fn hits(&self, path: &str) -> usize {
        self.requests_to(path).len()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    Some(Request { path, headers })
}

fn handle(mut stream: TcpStream, shared: &Mutex<Shared>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some(request) = read_request(&stream) else {
        return;
    };
    let route = {
        let mut shared = lock(shared);
        shared.requests.push(request.clone());
        shared.routes.get(&request.path).cloned()
    }
    .unwrap_or_else(|| Route::status(404));
    let etag_matches = route
        .etag
        .as_ref()
        .is_some_and(|e| request.headers.get("if-none-match") == Some(e));
    let date_matches = route
        .last_modified
        .as_ref()
        .is_some_and(|d| request.headers.get("if-modified-since") == Some(d));
    let status = if etag_matches || date_matches {
        304
    } else {
        route.status
    };
    std::thread::sleep(route.delay);
    if let Some(flag) = &route.on_hit {
        flag.store(true, Ordering::SeqCst);
    }
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nConnection: close\r\n",
        reason(status)
    );
    if status != 304 {
        let _ = write!(head, "Content-Length: {}\r\n", route.body.len());
    }
    for (name, value) in &route.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    if let Some(etag) = &route.etag {
        let _ = write!(head, "ETag: {etag}\r\n");
    }
    if let Some(date) = &route.last_modified {
        let _ = write!(head, "Last-Modified: {date}\r\n");
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if status != 304 {
        let _ = stream.write_all(&route.body);
    }
    let _ = stream.flush();
}

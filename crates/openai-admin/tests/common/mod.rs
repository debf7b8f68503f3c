//! Shared test harness: a fake server with a client pointed at it, a sleeper that records
//! instead of waiting, and a one-shot raw HTTP server for hand-written responses.
#![allow(dead_code, clippy::unwrap_used)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fake_admin_api::{FakeOptions, FakeServer, RecordedRequest};
use futures::future::BoxFuture;
use openai_admin::{Client, ClientOptions, Sleeper};
use secrecy::SecretString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Seeded timestamps are relative to this instant, so data is reproducible.
pub const NOW: i64 = 1_750_000_000;

/// Records each requested delay and returns at once.
#[derive(Debug, Default)]
pub struct RecordingSleeper {
    slept: Mutex<Vec<Duration>>,
}

impl RecordingSleeper {
    pub fn delays(&self) -> Vec<Duration> {
        self.slept.lock().unwrap().clone()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.slept.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

pub struct Harness {
    pub server: FakeServer,
    pub client: Client,
    pub sleeper: Arc<RecordingSleeper>,
}

impl Harness {
    /// Requests whose method matches and whose path ends with `suffix`.
    pub fn requests(&self, method: &str, suffix: &str) -> Vec<RecordedRequest> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.method == method && r.path.ends_with(suffix))
            .collect()
    }

    /// A client for the same server with another key or options.
    pub fn client_with(&self, key: &str, options: ClientOptions) -> Client {
        Client::new(&self.server.base_url(), SecretString::from(key), options).unwrap()
    }
}

pub fn fake_options() -> FakeOptions {
    FakeOptions {
        now: Some(NOW),
        ..FakeOptions::default()
    }
}

pub async fn start() -> Harness {
    start_with(fake_options(), |_| {}).await
}

pub async fn start_with(fake: FakeOptions, tweak: impl FnOnce(&mut ClientOptions)) -> Harness {
    let server = FakeServer::start(fake).await.unwrap();
    let sleeper = Arc::new(RecordingSleeper::default());
    let mut options = ClientOptions {
        sleeper: sleeper.clone(),
        ..ClientOptions::default()
    };
    tweak(&mut options);
    let client = Client::new(
        &server.base_url(),
        SecretString::from(server.admin_key()),
        options,
    )
    .unwrap();
    Harness {
        server,
        client,
        sleeper,
    }
}

/// Decoded query pairs of a recorded request.
pub fn query(request: &RecordedRequest) -> Vec<(String, String)> {
    let raw = request.query.as_deref().unwrap_or("");
    url::form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect()
}

/// The value of one query parameter.
pub fn param(request: &RecordedRequest, key: &str) -> Option<String> {
    query(request)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// A raw HTTP server that answers successive connections with `responses` (status, extra
/// headers, body) and counts the requests it received.
pub struct Canned {
    pub base_url: String,
    pub hits: Arc<AtomicUsize>,
    /// Request heads (request line and headers) as received.
    pub heads: Arc<Mutex<Vec<String>>>,
}

impl Canned {
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// A canned reply: status, extra headers, body.
pub type Reply = (u16, Vec<(&'static str, String)>, String);

pub async fn canned(responses: Vec<Reply>) -> Canned {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    tokio::spawn(async move {
        for (status, headers, body) in responses {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let mut buffer = vec![0u8; 64 * 1024];
            let mut read = 0;
            while !buffer[..read].windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer[read..]).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => read += n,
                }
            }
            counter.fetch_add(1, Ordering::SeqCst);
            seen.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&buffer[..read]).into_owned());
            let mut response = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                response.push_str(&format!("{name}: {value}\r\n"));
            }
            response.push_str("\r\n");
            response.push_str(&body);
            let _ = stream.write_all(response.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    });
    Canned {
        base_url,
        hits,
        heads,
    }
}

/// A client for a canned server, recording sleeps.
pub fn canned_client(
    canned: &Canned,
    tweak: impl FnOnce(&mut ClientOptions),
) -> (Client, Arc<RecordingSleeper>) {
    let sleeper = Arc::new(RecordingSleeper::default());
    let mut options = ClientOptions {
        sleeper: sleeper.clone(),
        ..ClientOptions::default()
    };
    tweak(&mut options);
    let client = Client::new(
        &canned.base_url,
        SecretString::from("sk-admin-test"),
        options,
    )
    .unwrap();
    (client, sleeper)
}

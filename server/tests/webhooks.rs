//! Webhooks against a real receiver on 127.0.0.1: signed deliveries, a
//! receiver that fails twice then succeeds, replay, and deliveries that
//! were pending when the server was killed arriving after its restart.
//! SQLite and PostgreSQL.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{databases, Server};
use serde_json::{json, Value};

/// One request the receiver got.
#[derive(Clone, Debug)]
struct Got {
    body: String,
    signature: String,
    delivery: String,
}

/// An HTTP receiver that answers 500 to its first `fail` requests, then 200.
struct Receiver {
    port: u16,
    got: Arc<Mutex<Vec<Got>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Receiver {
    fn start(port: u16, fail: usize) -> Receiver {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let got = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (g, st) = (got.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let mut seen = 0usize;
            while !st.load(std::sync::atomic::Ordering::SeqCst) {
                let Ok((conn, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                };
                conn.set_nonblocking(false).unwrap();
                let mut r = BufReader::new(conn);
                let (mut len, mut signature, mut delivery) = (0usize, String::new(), String::new());
                let mut line = String::new();
                loop {
                    line.clear();
                    if r.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    let (k, v) = line.split_once(':').unwrap_or((&line, ""));
                    let v = v.trim().to_string();
                    match k.to_ascii_lowercase().as_str() {
                        "content-length" => len = v.parse().unwrap_or(0),
                        "x-licensewarden-webhook-signature" => signature = v,
                        "x-licensewarden-delivery" => delivery = v,
                        _ => {}
                    }
                }
                let mut body = vec![0u8; len];
                let _ = r.read_exact(&mut body);
                seen += 1;
                let status = if seen <= fail {
                    "500 Internal Server Error"
                } else {
                    "200 OK"
                };
                if seen > fail {
                    g.lock().unwrap().push(Got {
                        body: String::from_utf8_lossy(&body).into_owned(),
                        signature,
                        delivery,
                    });
                }
                let _ = r.get_mut().write_all(
                    format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                        .as_bytes(),
                );
            }
        });
        Receiver {
            port,
            got,
            stop,
            thread: Some(thread),
        }
    }

    fn received(&self) -> Vec<Got> {
        self.got.lock().unwrap().clone()
    }

    fn wait_for(&self, n: usize, what: &str) -> Vec<Got> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{what}: wanted {n} deliveries, got {:?}", self.received());
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What a receiver checks: the HMAC over "<t>.<body>" and a fresh `t`.
fn verify(secret: &str, g: &Got) -> Value {
    let (t, v1) = g
        .signature
        .strip_prefix("t=")
        .and_then(|s| s.split_once(",v1="))
        .unwrap_or_else(|| panic!("signature header: {:?}", g.signature));
    let mac = licensewarden_guest::protocol::hmac(
        secret.as_bytes(),
        format!("{t}.{}", g.body).as_bytes(),
    );
    assert_eq!(
        licensewarden_server::db::hex(&mac),
        v1,
        "the signature verifies"
    );
    let t: i64 = t.parse().unwrap();
    assert!(
        (licensewarden_server::now_ms() / 1000 - t).abs() < 300,
        "fresh timestamp"
    );
    serde_json::from_str(&g.body).unwrap()
}

#[test]
fn deliveries_are_signed_retried_until_they_land_replayable_and_survive_a_restart() {
    for db in databases("webhooks") {
        let mut s = Server::start_with("webhooks", &db, &["--webhook-retry-seconds", "1"]);
        let receiver = Receiver::start(0, 2);
        let url = format!("http://127.0.0.1:{}/hook", receiver.port);
        let (status, v) = s.admin(
            "POST",
            "/admin/webhooks",
            Some(json!({"url": url, "events": ["license."]})),
        );
        assert_eq!(status, 201, "{v}");
        let id = v["webhook"]["id"].as_str().unwrap().to_string();
        let secret = v["webhook"]["secret"].as_str().unwrap().to_string();
        let (status, v) = s.admin(
            "POST",
            "/admin/webhooks",
            Some(json!({"url": "http://example.com/x", "evnts": []})),
        );
        assert_eq!(status, 400, "{v}");
        assert_eq!(
            v["error"]["fields"].as_array().unwrap().len(),
            2,
            "plain http off loopback and a typo: {v}"
        );
        let (_, list) = s.admin("GET", "/admin/webhooks", None);
        assert!(
            !list.to_string().contains(&secret),
            "the list never shows secrets"
        );

        s.create_license("lic_wh", 3);
        s.admin(
            "POST",
            "/admin/licenses/lic_wh/suspend",
            Some(json!({"reason": "unpaid"})),
        );
        let got = receiver.wait_for(2, "after two failures");
        let mut kinds: Vec<String> = got
            .iter()
            .map(|g| verify(&secret, g)["type"].as_str().unwrap().to_string())
            .collect();
        // Retries may reorder deliveries; receivers order by the event's
        // `id` (time-ordered) when it matters.
        kinds.sort();
        assert_eq!(
            kinds,
            ["license.created", "license.suspended"],
            "{db:?}: both, after the retries"
        );
        let suspended = got
            .iter()
            .map(|g| verify(&secret, g))
            .find(|v| v["type"] == "license.suspended");
        assert_eq!(suspended.unwrap()["details"]["reason"], "unpaid");

        let (_, log) = s.admin("GET", &format!("/admin/webhooks/{id}/deliveries"), None);
        let ds = log["deliveries"].as_array().unwrap();
        assert_eq!(ds.len(), 2, "{log}");
        assert!(ds.iter().all(|d| d["status"] == "delivered"), "{log}");
        let attempts: i64 = ds.iter().map(|d| d["attempts"].as_i64().unwrap()).sum();
        assert_eq!(attempts, 4, "two failures, two successes: {log}");

        let first = ds[0]["id"].as_str().unwrap().to_string();
        assert_eq!(
            s.admin("POST", &format!("/admin/deliveries/{first}/replay"), None)
                .0,
            200
        );
        let got = receiver.wait_for(3, "the replay");
        assert_eq!(got[2].delivery, first, "a replay repeats the delivery id");

        // Pending when the server dies: delivered after its restart.
        let port = receiver.port;
        drop(receiver);
        s.admin(
            "PATCH",
            "/admin/licenses/lic_wh",
            Some(json!({"expires": "2100-01-01"})),
        );
        std::thread::sleep(Duration::from_millis(1500));
        s.kill();
        let receiver = Receiver::start(port, 0);
        s.restart();
        let got = receiver.wait_for(1, "after the restart");
        assert_eq!(
            verify(&secret, &got[0])["type"],
            "license.renewed",
            "{db:?}"
        );

        assert_eq!(
            s.admin("DELETE", &format!("/admin/webhooks/{id}"), None).0,
            200
        );
        s.admin("POST", "/admin/licenses/lic_wh/reinstate", None);
        std::thread::sleep(Duration::from_millis(1500));
        assert_eq!(
            receiver.received().len(),
            1,
            "a disabled webhook gets nothing"
        );
    }
}

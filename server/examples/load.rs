//! Load benchmark: validations per second and p50/p99 latency on 127.0.0.1,
//! with the cost of signing one answer measured beside it.
//!
//! ```text
//! cargo run --release -p licensewarden-server --example load -- [--database URL] [--requests N] [--concurrency C]
//! ```
//!
//! The server runs in this process (the same router as the binary); clients
//! are `C` threads of blocking HTTP, each validating its own registered
//! device with a fresh nonce and MAC per request, exactly as the core builds
//! them. Every loop is bounded by the request count.

use std::sync::Arc;
use std::time::{Duration, Instant};

use licensewarden::issue::{LicenseSpec, SigningKey};
use licensewarden_guest::keys::KeySet;
use licensewarden_guest::protocol::{self, Action, RequestFields};
use licensewarden_guest::{b64, fingerprint};
use licensewarden_server::db::{Db, LicenseRow};
use licensewarden_server::listener::{self, Limits};
use licensewarden_server::{app, AppState};

fn arg(name: &str) -> Option<String> {
    let a: Vec<String> = std::env::args().collect();
    a.iter()
        .position(|x| x == name)
        .and_then(|i| a.get(i + 1).cloned())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let dir = std::env::temp_dir().join(format!("lw-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let database =
        arg("--database").unwrap_or_else(|| format!("sqlite://{}", dir.join("load.db").display()));
    let requests: usize = arg("--requests").map_or(4000, |v| v.parse().unwrap());
    let concurrency: usize = arg("--concurrency").map_or(8, |v| v.parse().unwrap());

    let signing = SigningKey::ed25519_from_seed(Some("srv-load"), [8; 32]);
    let vendor = SigningKey::ed25519_from_seed(Some("vendor-load"), [9; 32]);
    let license_id = format!("lic_load_{}", std::process::id());
    let token = vendor.issue(&LicenseSpec {
        id: license_id.clone(),
        plan: "pro".into(),
        issued_at: "2026-01-01T00:00:00Z".into(),
        ..Default::default()
    });

    // Signing cost per answer, measured in the same run.
    let body = "{\"device_id\":\"00\",\"license_id\":\"x\",\"message\":\"license valid\",\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"result\":\"valid\",\"server_time\":1,\"v\":1}";
    let n = 2000;
    let t = Instant::now();
    for i in 0..n {
        std::hint::black_box(signing.sign_answer(200 + (i % 2) as u16, body));
    }
    let sign_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;

    let rt = tokio::runtime::Runtime::new().unwrap();
    let (url, backend) = rt.block_on(async {
        let db = Db::open(&database).await.expect("database");
        let parts = licensewarden_guest::token::parse(&token).unwrap();
        let lic =
            licensewarden_guest::payload::License::from_payload(&parts.payload, parts.kid).unwrap();
        db.insert_license(&LicenseRow::from_token(
            &token,
            &lic,
            licensewarden_server::now_ms(),
        ))
        .await
        .expect("insert license");
        let state = Arc::new(AppState::new(
            db.clone(),
            signing.clone(),
            None,
            KeySet::default(),
            [0; 32],
        ));
        licensewarden_server::start_background(state.clone())
            .await
            .unwrap();
        let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", tcp.local_addr().unwrap());
        tokio::spawn(listener::serve(
            tcp,
            app(state.clone()),
            Limits::default(),
            state.metrics.clone(),
            std::future::pending(),
            Duration::from_secs(1),
        ));
        (url, db.backend)
    });

    let rk = protocol::request_key(&token);
    let per_thread = requests / concurrency;
    let started = Instant::now();
    let mut latencies: Vec<Duration> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..concurrency)
            .map(|t| {
                let (url, license_id) = (url.clone(), license_id.clone());
                s.spawn(move || {
                    let agent = ureq::AgentBuilder::new()
                        .timeout(Duration::from_secs(10))
                        .build();
                    let device = fingerprint::device_id(&fingerprint::DeviceFacts {
                        mac: format!("02:00:00:00:00:{t:02x}"),
                        hostname: format!("load-{t}"),
                        arch: "x86_64".into(),
                        os: "linux".into(),
                    });
                    let mut lat = Vec::with_capacity(per_thread);
                    for _ in 0..per_thread {
                        let mut raw = [0u8; 16];
                        getrandom::getrandom(&mut raw).unwrap();
                        let nonce = b64::encode(&raw);
                        let req = protocol::build_request(
                            &url,
                            &rk,
                            &RequestFields {
                                action: Action::Validate,
                                license_id: &license_id,
                                device_id: &device,
                                hostname: "load",
                                os: "linux",
                                arch: "x86_64",
                                nonce: &nonce,
                                client_time: licensewarden_server::now_ms() as u64,
                            },
                        );
                        let mut r = agent.post(&req.url);
                        for (k, v) in &req.headers {
                            r = r.set(k, v);
                        }
                        let t = Instant::now();
                        let resp = r.send_string(&req.body).expect("validation answered 200");
                        let _ = resp.into_string();
                        lat.push(t.elapsed());
                    }
                    lat
                })
            })
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let wall = started.elapsed();
    latencies.sort();
    let total = latencies.len();
    println!(
        "{backend}: {total} validations, {concurrency} clients: {:.0}/s, p50 {:.2} ms, p99 {:.2} ms; signing one answer {:.1} µs",
        total as f64 / wall.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        sign_us
    );
    let _ = std::fs::remove_dir_all(&dir);
}

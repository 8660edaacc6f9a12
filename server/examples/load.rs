//! Load benchmark: validations per second and p50/p99 latency on 127.0.0.1,
//! with the cost of signing one answer measured beside it.
//!
//! ```text
//! cargo run --profile bench -p licensewarden-server --example load -- \
//!   [--database URL] [--requests N] [--concurrency C] [--licenses L --devices-per D]
//! ```
//!
//! The server runs in this process (the same router and accept loop as the
//! binary); clients are `C` threads of blocking HTTP with keep-alive, each
//! validating with a fresh nonce and MAC per request, exactly as the core
//! builds them. Every loop is bounded by the request count.
//!
//! Without `--licenses`, each client validates its own device on one
//! license. With `--licenses L --devices-per D` the database is filled (once;
//! kept for the next run) with L licenses of D registered devices each,
//! generated inside the database, and each request validates a random
//! registered device of a random license; the run then prints the database
//! size and the query plans of the validation path (`scripts/scale-server.sh`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use licensewarden_guest::keys::KeySet;
use licensewarden_guest::protocol::{self, Action, RequestFields};
use licensewarden_guest::{b64, fingerprint};
use licensewarden_issue::{LicenseSpec, SigningKey};
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
    let population: Option<(u64, u64)> = arg("--licenses").map(|l| {
        (
            l.parse().unwrap(),
            arg("--devices-per").map_or(5, |d| d.parse().unwrap()),
        )
    });
    let license_id = match population {
        // Every generated license shares this token's request key.
        Some(_) => "scale_0".to_string(),
        None => format!("lic_load_{}", std::process::id()),
    };
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
        let row = LicenseRow::from_token(&token, &lic, licensewarden_server::now_ms());
        match population {
            Some((licenses, per)) => populate(&database, &row, licenses, per).await,
            None => {
                db.insert_license(&row).await.expect("insert license");
            }
        }
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
                        let (license_id, device) = match population {
                            Some((licenses, per)) => {
                                let r = u64::from_le_bytes(raw[..8].try_into().unwrap());
                                let l = r % licenses;
                                let d = (r / licenses) % per;
                                (format!("scale_{l}"), format!("{:064x}", l * per + d))
                            }
                            None => (license_id.clone(), device.clone()),
                        };
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
    if population.is_some() {
        rt.block_on(describe(&database));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The validation path's query, as `Db::standing` sends it (for plans).
const STANDING: &str = "SELECT id, request_key, revoked_at, expires_at, max_devices, \
     (SELECT COUNT(*) FROM devices d WHERE d.license_id = 'scale_7') AS registered, \
     (SELECT COUNT(*) FROM devices d WHERE d.license_id = 'scale_7' AND d.device_id = 'x') AS known, \
     (SELECT COUNT(*) FROM released_devices r WHERE r.license_id = 'scale_7' AND r.device_id = 'x') AS released \
     FROM licenses WHERE id = 'scale_7'";

/// Fill the database with `licenses` licenses of `per` devices each, inside
/// the database (generate_series / a recursive CTE), unless already filled.
async fn populate(database: &str, row: &LicenseRow, licenses: u64, per: u64) {
    use sqlx::Row;
    let pool = sqlx::AnyPool::connect(database).await.unwrap();
    let have: i64 = sqlx::query("SELECT COUNT(*) AS n FROM licenses")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get("n");
    if have as u64 >= licenses {
        eprintln!("using the {have} licenses already in the database");
        return;
    }
    let started = Instant::now();
    let pg = database.starts_with("postgres");
    let series = |n: u64| {
        if pg {
            format!("SELECT i FROM generate_series(0, {}) AS s(i)", n - 1)
        } else {
            format!("WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {}) SELECT i FROM s", n - 1)
        }
    };
    let hex = if pg {
        "lpad(to_hex(i), 64, '0')"
    } else {
        "printf('%064x', i)"
    };
    let lic = format!(
        "INSERT INTO licenses (id, token, request_key, token_sha256, plan, org, features, limits, max_devices, expires, expires_at, revoked_at, created_at, updated_at) \
         SELECT 'scale_' || i, '', '{}', '', 'pro', 'Org ' || i, '[]', '{{}}', {}, NULL, NULL, NULL, 0, 0 FROM ({}) AS g",
        row.request_key,
        per + 1,
        series(licenses)
    );
    sqlx::query(&lic).execute(&pool).await.unwrap();
    let dev = format!(
        "INSERT INTO devices (license_id, device_id, hostname, os, arch, first_seen, last_seen) \
         SELECT 'scale_' || (i / {per}), {hex}, 'host-' || i, 'linux', 'x86_64', 0, 0 FROM ({}) AS g",
        series(licenses * per)
    );
    sqlx::query(&dev).execute(&pool).await.unwrap();
    sqlx::query("ANALYZE").execute(&pool).await.unwrap();
    eprintln!(
        "generated {licenses} licenses and {} devices in {:.0} s",
        licenses * per,
        started.elapsed().as_secs_f64()
    );
}

/// Database size and the validation query's plan.
async fn describe(database: &str) {
    use sqlx::Row;
    let pool = sqlx::AnyPool::connect(database).await.unwrap();
    if database.starts_with("postgres") {
        let size: i64 = sqlx::query("SELECT pg_database_size(current_database()) AS n")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get("n");
        println!("database size: {:.0} MiB", size as f64 / 1048576.0);
        for r in sqlx::query(&format!("EXPLAIN {STANDING}"))
            .fetch_all(&pool)
            .await
            .unwrap()
        {
            println!("  {}", r.get::<String, _>(0));
        }
    } else {
        let path = database
            .trim_start_matches("sqlite://")
            .split('?')
            .next()
            .unwrap();
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        println!("database size: {:.0} MiB", size as f64 / 1048576.0);
        for r in sqlx::query(&format!("EXPLAIN QUERY PLAN {STANDING}"))
            .fetch_all(&pool)
            .await
            .unwrap()
        {
            println!("  {}", r.get::<String, _>(3));
        }
    }
}

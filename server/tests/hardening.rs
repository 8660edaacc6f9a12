//! Findings of an outside test of the server, each kept fixed: strict
//! admin bodies, ids the protocol can validate, deactivations that stick,
//! no tokens at rest, fast failure when the database is gone, and signed
//! answers for everything under `/v1/` whose body the server can know.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{answer, client, databases, post, Backend, Server};
use licensewarden::{ErrorCode, Status};
use licensewarden_guest::protocol::Verdict;
use serde_json::{json, Value};

/// A validate request as the client would send it: (body, headers).
fn validate_request(c: &licensewarden::Licensing) -> (String, Vec<(String, String)>) {
    let req = c
        .online_request(licensewarden::OnlineAction::Validate)
        .unwrap()
        .unwrap();
    (req.body, req.headers)
}

fn pairs(h: &[(String, String)]) -> Vec<(&str, &str)> {
    h.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn licenses(s: &Server) -> Vec<Value> {
    let (status, v) = s.admin("GET", "/admin/licenses", None);
    assert_eq!(status, 200);
    v["licenses"].as_array().unwrap().clone()
}

#[test]
fn a_vendors_typo_never_mints_a_perpetual_or_unlimited_license() {
    for db in databases("typos") {
        let s = Server::start("typos", &db);
        let bodies = [
            (
                json!({"plan": "pro", "expires": 20271231}),
                "'expires' must be a string",
            ),
            (
                json!({"plan": "pro", "expires": ["2027-12-31"]}),
                "'expires' must be a string",
            ),
            (
                json!({"plan": "pro", "expires": {"at": "2027-12-31"}}),
                "'expires' must be a string",
            ),
            (
                json!({"plan": "pro", "expires": true}),
                "'expires' must be a string",
            ),
            (
                json!({"plan": "pro", "expires": null}),
                "'expires' must be a string",
            ),
            (
                json!({"plan": "pro", "expires_at": "2027-12-31"}),
                "did you mean 'expires'",
            ),
            (
                json!({"plan": "pro", "expiry": "2027-12-31"}),
                "did you mean 'expires'",
            ),
            (
                json!({"plan": "pro", "Expires": "2027-12-31"}),
                "did you mean 'expires'",
            ),
            (
                json!({"plan": "pro", "max_devices": 5}),
                "did you mean 'limits.max_devices'",
            ),
            (json!({"plan": "pro", "id": 42}), "'id' must be a string"),
            (
                json!({"plan": "pro", "org": ["Acme"]}),
                "'org' must be a string",
            ),
            (
                json!({"plan": "pro", "limits": {"max_devices": "5"}}),
                "'limits.max_devices' must be a whole number",
            ),
        ];
        for (body, says) in bodies {
            let (status, v) = s.admin("POST", "/admin/licenses", Some(body.clone()));
            assert_eq!(status, 400, "{body}: {v}");
            let message = v["error"]["message"].as_str().unwrap();
            assert!(message.contains(says), "{body}: {message}");
        }
        // Duplicate keys: serde_json would keep the last; the server refuses.
        let r = ureq::post(&format!("{}/admin/licenses", s.url))
            .set("authorization", &format!("Bearer {}", s.admin))
            .send_string(r#"{"plan":"pro","expires":"2020-01-01","expires":"2999-01-01"}"#);
        assert!(matches!(r, Err(ureq::Error::Status(400, _))));
        assert!(licenses(&s).is_empty(), "nothing was created");

        // Every bad field is named at once.
        let (_, v) = s.admin(
            "POST",
            "/admin/licenses",
            Some(json!({"plan": "pro", "expires": 1, "max_devices": 5, "org": 3})),
        );
        assert_eq!(v["error"]["fields"].as_array().unwrap().len(), 3, "{v}");

        // The terms come back as they were given.
        let (status, v) = s.admin(
            "POST",
            "/admin/licenses",
            Some(json!({"id": "lic_terms", "plan": "pro", "features": ["sso"], "limits": {"max_devices": 5, "seats": 10}, "expires": "2027-12-31"})),
        );
        assert_eq!(status, 201, "{v}");
        assert_eq!(v["license"]["expires"], "2027-12-31");
        assert_eq!(v["license"]["expires_at"], "2028-01-01T00:00:00Z");
        assert_eq!(
            v["license"]["limits"],
            json!({"max_devices": 5, "seats": 10})
        );
        assert_eq!(v["license"]["features"], json!(["sso"]));
    }
}

#[test]
fn ids_the_protocol_could_never_validate_are_refused_at_creation() {
    for db in databases("ids") {
        let s = Server::start("ids", &db);
        let long = "a".repeat(129);
        for (id, says) in [
            (long.as_str(), "is 129 bytes long; the limit is 128 bytes"),
            ("a\tb", "control character"),
            ("a\u{7f}b", "control character"),
            ("a\u{85}b", "control character"),
            ("a\nb", "control character"),
            ("a\0b", "control character"),
        ] {
            let (status, v) = s.admin(
                "POST",
                "/admin/licenses",
                Some(json!({"id": id, "plan": "pro"})),
            );
            assert_eq!(status, 400, "{id:?}: {v}");
            assert!(
                v["error"]["message"].as_str().unwrap().contains(says),
                "{v}"
            );
        }
        // The same rule for a token issued elsewhere, and for control
        // characters in org.
        let (status, v) = s.register(&common::issue(&"b".repeat(200), 1));
        assert_eq!(status, 400, "{v}");
        let (status, _) = s.admin(
            "POST",
            "/admin/licenses",
            Some(json!({"plan": "pro", "org": "Acme\u{1b}[31m"})),
        );
        assert_eq!(status, 400);
        // The longest id that is allowed validates.
        let id = "c".repeat(128);
        let token = s.create_license(&id, 1);
        assert_eq!(client(&s, &token, 1, None).activate().unwrap().error, None);
    }
}

#[test]
fn a_freed_slot_stays_free_until_that_device_activates_again() {
    for db in databases("sticky") {
        let s = Server::start("sticky", &db);
        let token = s.create_license("lic_sticky", 2);
        let one = client(&s, &token, 1, None);
        let two = client(&s, &token, 2, None);
        let three = client(&s, &token, 3, None);
        assert_eq!(one.activate().unwrap().error, None);
        assert_eq!(two.activate().unwrap().error, None);

        // Deactivated by the customer: its routine check does not take the
        // slot back, and the slot goes to the third machine.
        one.deactivate().unwrap();
        let snap = one.validate_now().unwrap().snapshot;
        assert_eq!(snap.status, Status::Restricted);
        assert_eq!(snap.error.unwrap().code, ErrorCode::NotValidated);
        assert_eq!(three.activate().unwrap().error, None);

        // Freed by the vendor: the same.
        let device_two = common::device_id(2);
        let (status, _) = s.admin(
            "DELETE",
            &format!("/admin/licenses/lic_sticky/devices/{device_two}"),
            None,
        );
        assert_eq!(status, 200);
        let snap = two.validate_now().unwrap().snapshot;
        assert_eq!(snap.error.unwrap().code, ErrorCode::NotValidated);
        let (_, v) = s.admin("GET", "/admin/licenses/lic_sticky", None);
        assert_eq!(v["license"]["devices"].as_array().unwrap().len(), 1, "{v}");

        // An explicit activation takes a free slot again.
        assert_eq!(two.activate().unwrap().error, None);
        assert_eq!(
            one.activate().unwrap().error.unwrap().code,
            ErrorCode::DeviceLimitExceeded
        );
    }
}

#[test]
fn the_database_is_owner_only_and_holds_no_token() {
    use std::os::unix::fs::PermissionsExt;
    let s = Server::start("atrest", &Backend::Sqlite);
    let token = s.create_license("lic_at_rest", 2);
    assert_eq!(client(&s, &token, 1, None).activate().unwrap().error, None);
    let db = s.dir.join("licenses.db");
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "licenses.db is {mode:o}");
    let signature = token.rsplit('.').next().unwrap();
    for f in ["licenses.db", "licenses.db-wal"] {
        if let Ok(bytes) = std::fs::read(s.dir.join(f)) {
            assert!(
                !bytes
                    .windows(signature.len())
                    .any(|w| w == signature.as_bytes()),
                "{f} holds the customer's token"
            );
        }
    }
}

#[test]
fn a_database_from_before_forgets_its_tokens_at_start() {
    use sqlx::Connection;
    let dir = common::tmpdir("migrate");
    let old = dir.join("migrations");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/0001_init.sql"),
        old.join("0001_init.sql"),
    )
    .unwrap();
    let file = dir.join("licenses.db");
    let token = common::issue("lic_old", 3);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::migrate::Migrator::new(old.as_path())
            .await
            .unwrap()
            .run(&mut conn)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO licenses VALUES ('lic_old', $1, 'pro', 'Acme', 3, NULL, NULL, 1, 1)",
        )
        .bind(&token)
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    });
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let mut s = Server::start("migrate", &Backend::Sqlite);
    s.kill();
    std::fs::copy(&file, s.dir.join("licenses.db")).unwrap();
    let _ = std::fs::remove_file(s.dir.join("licenses.db-wal"));
    let _ = std::fs::remove_file(s.dir.join("licenses.db-shm"));
    std::fs::set_permissions(
        s.dir.join("licenses.db"),
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    s.restart();
    // The license still validates (by its request key) ...
    assert_eq!(client(&s, &token, 1, None).activate().unwrap().error, None);
    let (_, v) = s.admin("GET", "/admin/licenses/lic_old", None);
    assert_eq!(v["license"]["max_devices"], 3);
    // ... and the token is gone from the file.
    let signature = token.rsplit('.').next().unwrap();
    let bytes = std::fs::read(s.dir.join("licenses.db")).unwrap();
    assert!(!bytes
        .windows(signature.len())
        .any(|w| w == signature.as_bytes()));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(s.dir.join("licenses.db"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// A TCP relay the test can cut, standing in for the network between the
/// server and PostgreSQL.
struct Relay {
    port: u16,
    cut: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Relay {
    fn to(target: &str) -> Relay {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let target = target.to_string();
        let c = cut.clone();
        std::thread::spawn(move || {
            for inbound in listener.incoming() {
                let Ok(inbound) = inbound else { break };
                if c.load(Ordering::SeqCst) {
                    continue;
                }
                let Ok(outbound) = TcpStream::connect(&target) else {
                    continue;
                };
                for (mut from, mut to) in [
                    (inbound.try_clone().unwrap(), outbound.try_clone().unwrap()),
                    (outbound, inbound),
                ] {
                    let c = c.clone();
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 16384];
                        from.set_read_timeout(Some(Duration::from_millis(100)))
                            .unwrap();
                        loop {
                            if c.load(Ordering::SeqCst) {
                                let _ = to.shutdown(std::net::Shutdown::Both);
                                let _ = from.shutdown(std::net::Shutdown::Both);
                                return;
                            }
                            match from.read(&mut buf) {
                                Ok(0) => return,
                                Ok(n) => {
                                    if to.write_all(&buf[..n]).is_err() {
                                        return;
                                    }
                                }
                                Err(e)
                                    if e.kind() == std::io::ErrorKind::WouldBlock
                                        || e.kind() == std::io::ErrorKind::TimedOut => {}
                                Err(_) => return,
                            }
                        }
                    });
                }
            }
        });
        Relay { port, cut }
    }

    fn cut(&self) {
        self.cut.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn a_database_outage_is_answered_within_two_seconds_and_shown_in_metrics() {
    let Some(Backend::Postgres(url)) = databases("outage").into_iter().nth(1) else {
        return; // PostgreSQL skipped on purpose (LICENSEWARDEN_SKIP_POSTGRES=1)
    };
    // postgres://user@127.0.0.1:PORT/db -> through the relay.
    let (head, tail) = url.split_once("@").unwrap();
    let (hostport, db) = tail.split_once('/').unwrap();
    let relay = Relay::to(hostport);
    let through = format!("{head}@127.0.0.1:{}/{db}", relay.port);
    let s = Server::start("outage", &Backend::Postgres(through));
    let token = s.create_license("lic_outage", 2);
    let c = client(&s, &token, 1, None);
    assert_eq!(c.activate().unwrap().error, None);
    relay.cut();
    std::thread::sleep(Duration::from_millis(300));

    let started = Instant::now();
    let r = ureq::get(&format!("{}/health", s.url)).call();
    assert!(matches!(r, Err(ureq::Error::Status(503, _))));
    let health = started.elapsed();

    let (body, header_list) = validate_request(&c);
    let headers = pairs(&header_list);
    let started = Instant::now();
    assert_eq!(post(&s, "/v1/validate", &headers, &body), (503, None));
    let validate = started.elapsed();

    let m = ureq::get(&format!("{}/metrics", s.url))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(m.contains("licensewarden_server_database_up 0"), "{m}");
    // Bounded by the pool's 1.5 s acquire timeout, not the 10 s request
    // timeout (a behaviour, with room for a loaded machine).
    assert!(health < Duration::from_secs(5), "/health took {health:?}");
    assert!(
        validate < Duration::from_secs(5),
        "validate took {validate:?}"
    );
}

#[test]
fn everything_under_v1_whose_body_is_known_is_signed() {
    let s = Server::start("signed", &Backend::Sqlite);
    assert_eq!(
        post(&s, "/v1/nope", &[], "{}"),
        (404, Some(Verdict::BadRequest))
    );
    assert_eq!(
        post(&s, "/v1/a/b", &[], "{}"),
        (404, Some(Verdict::BadRequest))
    );
    assert_eq!(
        answer(&s, ureq::get(&format!("{}/v1/validate", s.url)).call()),
        (405, Some(Verdict::BadRequest))
    );
    // A declared body far over the cap is answered at once, before any of
    // it is sent (the request timeout is 10 s; the socket gives up at 5).
    let addr = s.url.trim_start_matches("http://");
    let mut sock = TcpStream::connect(addr).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        sock,
        "POST /v1/validate HTTP/1.1\r\nhost: x\r\ncontent-length: 99999999999\r\n\r\n"
    )
    .unwrap();
    let mut head = [0u8; 64];
    let n = sock
        .read(&mut head)
        .expect("answered without waiting for the body");
    assert!(
        String::from_utf8_lossy(&head[..n]).starts_with("HTTP/1.1 413"),
        "{}",
        String::from_utf8_lossy(&head[..n])
    );
}

#[test]
fn a_replay_is_refused_after_a_kill_9_and_by_another_instance() {
    for db in databases("replay") {
        let mut s = Server::start("replay", &db);
        let token = s.create_license("lic_replay", 2);
        let c = client(&s, &token, 1, None);
        assert_eq!(c.activate().unwrap().error, None);
        let (body, header_list) = validate_request(&c);
        let headers = pairs(&header_list);
        assert_eq!(
            post(&s, "/v1/validate", &headers, &body),
            (200, Some(Verdict::Valid))
        );
        // Past one flush of the in-memory window (SQLite), then kill -9.
        std::thread::sleep(Duration::from_millis(1500));
        s.restart();
        assert_eq!(
            post(&s, "/v1/validate", &headers, &body),
            (401, Some(Verdict::Unauthorized))
        );
        if let Backend::Postgres(_) = db {
            // A second instance on the same database refuses it too.
            let other_keys = s.second_instance("replay-b");
            let (body, header_list) = validate_request(&c);
            let headers = pairs(&header_list);
            assert_eq!(
                post(&s, "/v1/validate", &headers, &body),
                (200, Some(Verdict::Valid))
            );
            assert_eq!(
                post(&other_keys, "/v1/validate", &headers, &body),
                (401, Some(Verdict::Unauthorized))
            );
        }
    }
}

#[test]
fn the_device_limit_is_exact_across_two_instances_on_one_postgresql() {
    let Some(db @ Backend::Postgres(_)) = databases("two").into_iter().nth(1) else {
        return; // PostgreSQL skipped on purpose (LICENSEWARDEN_SKIP_POSTGRES=1)
    };
    let a = Server::start("two-a", &db);
    let b = a.second_instance("two-b");
    let token = a.create_license("lic_two", 3);
    // Half of the machines ask one instance, half the other; half activate,
    // half join with a routine validation, all at once.
    let clients: Vec<_> = (0..40)
        .map(|n| client(if n % 2 == 0 { &a } else { &b }, &token, n, None))
        .collect();
    let barrier = std::sync::Barrier::new(clients.len());
    let results: Vec<Option<ErrorCode>> = std::thread::scope(|scope| {
        let handles: Vec<_> = clients
            .iter()
            .enumerate()
            .map(|(n, c)| {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    let out = if n % 4 < 2 {
                        c.activate()
                    } else {
                        c.validate_now()
                    };
                    out.unwrap().error.map(|e| e.code)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = results.iter().filter(|r| r.is_none()).count();
    assert_eq!(ok, 3, "{results:?}");
    assert!(results
        .iter()
        .all(|r| r.is_none() || *r == Some(ErrorCode::DeviceLimitExceeded)));
    let (_, v) = b.admin("GET", "/admin/licenses/lic_two", None);
    assert_eq!(v["license"]["devices"].as_array().unwrap().len(), 3);
}

#[test]
fn a_second_server_on_the_same_sqlite_file_is_refused_at_start() {
    let s = Server::start("single", &Backend::Sqlite);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_licensewarden-server"))
        .current_dir(&s.dir)
        .args(["--database", &s.database, "--listen", "127.0.0.1:0"])
        .env("LICENSEWARDEN_ADMIN_TOKEN", &s.admin)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("in use by another licensewarden-server"),
        "{err}"
    );
    // The first one is unaffected.
    let (status, _) = s.admin("GET", "/admin/licenses", None);
    assert_eq!(status, 200);
}

//! The server end to end, on SQLite and on PostgreSQL, driven by real
//! clients (the Rust host running the component) and by raw HTTP.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Barrier};

use common::{client, client_with, databases, issue, post, Server};
use licensewarden::{Clock, ErrorCode, OnlineAction, Status};
use licensewarden_guest::protocol::Verdict;

#[test]
fn activate_validate_deactivate_and_revoke() {
    for db in databases("lifecycle") {
        let s = Server::start("lifecycle", &db);
        let token = s.create_license("lic_life", 5);
        let c = client(&s, &token, 1, None);
        assert_eq!(
            c.snapshot().status,
            Status::Restricted,
            "{db:?}: restricted before the first check"
        );
        let out = c.activate().unwrap();
        assert_eq!(out.error, None, "{db:?}");
        assert_eq!(out.snapshot.status, Status::Active);
        let on = c.info().online.unwrap();
        assert_eq!((on.devices_registered, on.devices_max), (Some(1), Some(5)));
        assert!(c.check_feature("api").is_ok());

        assert_eq!(
            c.validate_now().unwrap().error,
            None,
            "validating again keeps one device"
        );
        assert_eq!(c.info().online.unwrap().devices_registered, Some(1));

        let out = c.deactivate().unwrap();
        assert_eq!(out.snapshot.status, Status::Restricted);
        assert_eq!(
            c.validate_if_due().unwrap(),
            None,
            "no automatic re-registration after deactivate"
        );
        let (_, v) = s.admin("GET", "/admin/licenses/lic_life", None);
        assert_eq!(v["license"]["devices"].as_array().unwrap().len(), 0);

        assert_eq!(c.activate().unwrap().snapshot.status, Status::Active);
        let (status, _) = s.admin("POST", "/admin/licenses/lic_life/revoke", None);
        assert_eq!(status, 200);
        let out = c.validate_now().unwrap();
        assert_eq!(
            out.error.as_ref().map(|e| e.code),
            Some(ErrorCode::Revoked),
            "{db:?}"
        );
        assert_eq!(out.snapshot.status, Status::Invalid);
        assert!(c.check_feature("api").is_err());
        assert!(
            c.check_feature("basic").is_ok(),
            "community features stay on"
        );
    }
}

#[test]
fn unknown_license_is_not_found_and_device_limit_names_registered_and_max() {
    for db in databases("limit") {
        let s = Server::start("limit", &db);
        let stranger = issue("lic_unregistered", 1);
        let out = client(&s, &stranger, 1, None).validate_now().unwrap();
        assert_eq!(
            out.error.map(|e| e.code),
            Some(ErrorCode::LicenseNotFound),
            "{db:?}"
        );

        let token = s.create_license("lic_two", 2);
        for n in 1..=2 {
            assert_eq!(client(&s, &token, n, None).activate().unwrap().error, None);
        }
        let out = client(&s, &token, 3, None).activate().unwrap();
        let e = out.error.expect("third device refused");
        assert_eq!(e.code, ErrorCode::DeviceLimitExceeded);
        assert_eq!(
            (e.detail("registered"), e.detail("max")),
            (Some("2"), Some("2")),
            "{e:?}"
        );
        assert!(e.message.contains("2 of 2"), "{}", e.message);
    }
}

#[test]
fn device_limit_holds_under_50_concurrent_activations() {
    for db in databases("concurrency") {
        let s = Server::start("concurrency", &db);
        let token = s.create_license("lic_three", 3);
        let clients: Vec<_> = (0..50).map(|n| client(&s, &token, n, None)).collect();
        let barrier = Arc::new(Barrier::new(clients.len()));
        let results: Vec<Option<ErrorCode>> = std::thread::scope(|scope| {
            let handles: Vec<_> = clients
                .iter()
                .map(|c| {
                    let b = barrier.clone();
                    scope.spawn(move || {
                        b.wait();
                        c.activate().unwrap().error.map(|e| e.code)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let ok = results.iter().filter(|r| r.is_none()).count();
        let full = results
            .iter()
            .filter(|r| **r == Some(ErrorCode::DeviceLimitExceeded))
            .count();
        assert_eq!((ok, full), (3, 47), "{db:?}: {results:?}");
        let (_, v) = s.admin("GET", "/admin/licenses/lic_three", None);
        assert_eq!(v["license"]["devices"].as_array().unwrap().len(), 3);
        // The same device activating twice counts once.
        let winner = results.iter().position(Option::is_none).unwrap();
        assert_eq!(clients[winner].activate().unwrap().error, None);
        let (_, v) = s.admin("GET", "/admin/licenses/lic_three", None);
        assert_eq!(v["license"]["devices"].as_array().unwrap().len(), 3);
    }
}

#[test]
fn answered_activations_survive_kill_9() {
    for db in databases("crash") {
        let mut s = Server::start("crash", &db);
        let token = s.create_license("lic_crash", 20);
        let clients: Vec<_> = (0..30).map(|n| client(&s, &token, n, None)).collect();
        let answered = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for (n, c) in clients.iter().enumerate() {
                let answered = &answered;
                scope.spawn(move || {
                    if let Ok(o) = c.activate() {
                        if o.error.is_none() {
                            answered.lock().unwrap().push(n);
                        }
                    }
                    // Keep writing until the server dies under us.
                    for _ in 0..50 {
                        if c.validate_now().map_or(true, |o| o.error.is_some()) {
                            break;
                        }
                    }
                });
            }
            // Kill while the clients are mid-flight.
            std::thread::sleep(std::time::Duration::from_millis(150));
            s.kill();
        });
        s.restart();
        let (_, v) = s.admin("GET", "/admin/licenses/lic_crash", None);
        let devices: Vec<String> = v["license"]["devices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["hostname"].as_str().unwrap().to_string())
            .collect();
        assert!(
            devices.len() <= 20,
            "{db:?}: over the limit: {}",
            devices.len()
        );
        for n in answered.lock().unwrap().iter() {
            assert!(
                devices.contains(&format!("host-{n}")),
                "{db:?}: answered activation of host-{n} was lost"
            );
        }
    }
}

#[test]
fn bad_input_gets_a_signed_error_never_a_500_and_writes_nothing() {
    for db in databases("badinput") {
        let s = Server::start("badinput", &db);
        let token = s.create_license("lic_bad", 5);
        let c = client(&s, &token, 1, None);
        let req = c.online_request(OnlineAction::Validate).unwrap().unwrap();
        let h = |r: &licensewarden::Request| -> Vec<(String, String)> { r.headers.clone() };
        let headers: Vec<(String, String)> = h(&req);
        let hv: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();

        assert_eq!(
            post(&s, "/v1/validate", &hv, &"x".repeat(5000)),
            (413, Some(Verdict::BadRequest))
        );
        assert_eq!(
            post(&s, "/v1/validate", &hv, "{\"v\":1,"),
            (400, Some(Verdict::BadRequest))
        );
        assert_eq!(
            post(&s, "/v1/activate", &hv, &req.body),
            (400, Some(Verdict::BadRequest)),
            "action/path mismatch"
        );
        let wrong_mac: Vec<(&str, &str)> = hv
            .iter()
            .map(|(k, v)| {
                if *k == "authorization" {
                    (*k, "LW1-HMAC-SHA256 AAAA")
                } else {
                    (*k, *v)
                }
            })
            .collect();
        assert_eq!(
            post(&s, "/v1/validate", &wrong_mac, &req.body),
            (401, Some(Verdict::Unauthorized))
        );
        let no_date: Vec<(&str, &str)> = hv
            .iter()
            .filter(|(k, _)| *k != "x-licensewarden-date")
            .copied()
            .collect();
        assert_eq!(
            post(&s, "/v1/validate", &no_date, &req.body),
            (401, Some(Verdict::Unauthorized))
        );
        for evil in ["x'; DROP TABLE licenses; --", "lic_bad' OR '1'='1"] {
            let body = req
                .body
                .replace("\"lic_bad\"", &serde_json::to_string(evil).unwrap());
            assert_eq!(
                post(&s, "/v1/validate", &hv, &body),
                (404, Some(Verdict::NotFound)),
                "{evil:?}"
            );
        }
        for evil in ["\u{0}\u{1b}[2J", "a\nb"] {
            let body = req
                .body
                .replace("\"lic_bad\"", &serde_json::to_string(evil).unwrap());
            assert_eq!(
                post(&s, "/v1/validate", &hv, &body),
                (400, Some(Verdict::BadRequest)),
                "{evil:?}"
            );
            let body = req
                .body
                .replace("\"host-1\"", &serde_json::to_string(evil).unwrap());
            assert_eq!(
                post(&s, "/v1/validate", &hv, &body),
                (400, Some(Verdict::BadRequest)),
                "{evil:?}"
            );
        }
        let (_, v) = s.admin("GET", "/admin/licenses/lic_bad", None);
        assert_eq!(
            v["license"]["devices"].as_array().unwrap().len(),
            0,
            "{db:?}: nothing written"
        );

        // The genuine request once, then its replay.
        assert_eq!(
            post(&s, "/v1/validate", &hv, &req.body),
            (200, Some(Verdict::Valid))
        );
        assert_eq!(
            post(&s, "/v1/validate", &hv, &req.body),
            (401, Some(Verdict::Unauthorized)),
            "replay"
        );
        let (status, _) = s.admin("GET", "/admin/licenses", None);
        assert_eq!(status, 200, "the licenses table survived");
    }
}

#[test]
fn server_stopped_gives_grace_and_restarted_recovers() {
    for db in databases("grace") {
        let mut s = Server::start("grace", &db);
        let token = s.create_license("lic_grace", 5);
        let offset = Arc::new(AtomicI64::new(0));
        let o = offset.clone();
        let clock = Clock::from_fn(move || {
            (licensewarden_server::now_ms() + o.load(Ordering::SeqCst)) as u64
        });
        let c = client_with(&s, &token, 1, None, clock);
        assert_eq!(c.activate().unwrap().error, None);
        s.stop();
        offset.store(25 * 3600 * 1000, Ordering::SeqCst);
        let out = c
            .validate_if_due()
            .unwrap()
            .expect("a check is due after the lease");
        assert_eq!(
            out.error.map(|e| e.code),
            Some(ErrorCode::Offline),
            "{db:?}"
        );
        assert_eq!(out.snapshot.status, Status::Grace);
        let e = out.snapshot.error.unwrap();
        assert!(
            e.message.contains("46h 5") || e.message.contains("47h 0"),
            "hours left are named: {}",
            e.message
        );
        assert!(c.check_feature("api").is_ok(), "grace keeps paid features");

        s.restart();
        offset.store(0, Ordering::SeqCst);
        let out = c.validate_now().unwrap();
        assert_eq!(out.error, None, "{db:?}");
        assert_eq!(out.snapshot.status, Status::Active, "recovered at once");
    }
}

#[test]
fn tampered_state_file_is_detected_and_revalidated() {
    let s = Server::start("tamper", &common::Backend::Sqlite);
    let token = s.create_license("lic_state", 5);
    let dir = common::tmpdir("tamper-state");
    assert_eq!(
        client(&s, &token, 1, Some(&dir)).activate().unwrap().error,
        None
    );
    let again = client(&s, &token, 1, Some(&dir));
    assert_eq!(
        again.snapshot().status,
        Status::Active,
        "the sealed state carries the lease"
    );
    assert_eq!(
        again.validate_if_due().unwrap(),
        None,
        "no network call within the lease"
    );

    let file = dir.join("validation.state");
    let mut bytes = std::fs::read(&file).unwrap();
    let i = bytes.len() - 5;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    std::fs::write(&file, bytes).unwrap();
    let c = client(&s, &token, 1, Some(&dir));
    let snap = c.snapshot();
    assert_eq!(snap.status, Status::Restricted);
    assert_eq!(snap.error.map(|e| e.code), Some(ErrorCode::StateTampered));
    assert_eq!(
        c.info().online.unwrap().state_error.map(|e| e.code),
        Some(ErrorCode::StateTampered)
    );
    let out = c.validate_if_due().unwrap().expect("a check is due");
    assert_eq!(out.snapshot.status, Status::Active);

    // A flipped high bit makes the file invalid UTF-8: still tampered, not
    // a state that was never there.
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[10] ^= 0x80;
    std::fs::write(&file, bytes).unwrap();
    let c = client(&s, &token, 1, Some(&dir));
    assert_eq!(
        c.snapshot().error.map(|e| e.code),
        Some(ErrorCode::StateTampered)
    );
    let out = c.validate_if_due().unwrap().expect("a check is due");
    assert_eq!(out.snapshot.status, Status::Active);

    // Copied to another machine: another device id, so it does not open.
    let other = client(&s, &token, 2, Some(&dir));
    assert_eq!(
        other.snapshot().error.map(|e| e.code),
        Some(ErrorCode::StateTampered)
    );
}

#[test]
fn admin_api_needs_the_token_and_health_and_metrics_answer() {
    let s = Server::start("admin", &common::Backend::Sqlite);
    let r = ureq::get(&format!("{}/admin/licenses", s.url))
        .set("authorization", "Bearer nope")
        .call();
    assert!(matches!(r, Err(ureq::Error::Status(401, _))));
    let r = ureq::get(&format!("{}/admin/licenses", s.url)).call();
    assert!(matches!(r, Err(ureq::Error::Status(401, _))));
    let health = ureq::get(&format!("{}/health", s.url))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(health.contains("\"ok\""), "{health}");
    let token = issue("lic_registered", 2);
    assert_eq!(s.register(&token).0, 201);
    assert_eq!(s.register(&token).0, 409, "registering twice is a conflict");
    let forged =
        common::issue("lic_x", 1).replace("lg1.ed25519.vendor-1.", "lg1.ed25519.vendor-1.e30");
    assert_eq!(s.register(&forged).0, 400);
    assert_eq!(client(&s, &token, 1, None).activate().unwrap().error, None);
    let m = ureq::get(&format!("{}/metrics", s.url))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(
        m.contains("licensewarden_server_validations_total{result=\"valid\"} 1"),
        "{m}"
    );
    assert!(m.contains("licensewarden_server_devices 1"), "{m}");
    assert!(
        m.contains("licensewarden_server_request_duration_seconds_count 1"),
        "{m}"
    );
}

/// The `licensewarden` CLI built next to this test (same target dir).
fn cli() -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let cli = dir.join("licensewarden");
    assert!(
        cli.exists(),
        "{} is built by `cargo test --workspace`",
        cli.display()
    );
    cli
}

#[test]
fn cli_activates_shows_devices_refreshes_and_deactivates() {
    let s = Server::start("cli", &common::Backend::Sqlite);
    let token = s.create_license("lic_cli", 5);
    let dir = common::tmpdir("cli-state");
    std::fs::write(
        dir.join("vendor.pub"),
        common::vendor().trusted_key().to_json(),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(cli())
            .args(args)
            .args(["--product", "acme", "--public-key"])
            .arg(dir.join("vendor.pub"))
            .args(["--key", &token, "--server", &s.url, "--server-key"])
            .arg(s.dir.join("server.pub"))
            .arg("--state-dir")
            .arg(&dir)
            .env("HOME", &dir)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["activate"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("(1 of 5 devices registered with the license server)"),
        "{out}"
    );
    assert!(
        out.contains("Active (online, last validated 0h 0m ago)"),
        "{out}"
    );
    let (code, out, _) = run(&["info", "--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["status"], "active");
    assert_eq!(v["online"]["devices_registered"], 1);
    assert!(v["online"]["last_validated"].is_string());
    s.admin("POST", "/admin/licenses/lic_cli/revoke", None);
    let (_, out, _) = run(&["info"]);
    assert!(
        out.contains("Status:     Active"),
        "within the lease info does not call the server: {out}"
    );
    let (_, out, _) = run(&["info", "--refresh"]);
    assert!(out.contains("revoked"), "{out}");
    assert!(
        out.contains("Status:     REVOKED by the vendor"),
        "the status names the server's reason, not the key: {out}"
    );
    let (code, _, err) = run(&["deactivate"]);
    assert_eq!(code, Some(1), "a revoked license cannot deactivate: {err}");
    assert!(err.contains("revoked"), "{err}");
}

#[test]
fn cli_activate_that_cannot_save_its_state_fails_naming_the_path() {
    let s = Server::start("cli-unsaved", &common::Backend::Sqlite);
    let token = s.create_license("lic_cli_unsaved", 5);
    let dir = common::tmpdir("cli-unsaved");
    std::fs::write(
        dir.join("vendor.pub"),
        common::vendor().trusted_key().to_json(),
    )
    .unwrap();
    // A regular file where the state directory should be: no directory can
    // be made under it, even by root.
    let blocked = dir.join("not-a-dir");
    std::fs::write(&blocked, "x").unwrap();
    let out = std::process::Command::new(cli())
        .args(["activate", "--product", "acme", "--public-key"])
        .arg(dir.join("vendor.pub"))
        .args(["--key", &token, "--server", &s.url, "--server-key"])
        .arg(s.dir.join("server.pub"))
        .arg("--state-dir")
        .arg(blocked.join("state"))
        .env("HOME", &dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("state-not-saved"), "{err}");
    assert!(err.contains("not-a-dir"), "{err}");
}

#[test]
fn ready_waits_for_the_first_check_so_a_fresh_install_is_not_refused() {
    let db = databases("ready").into_iter().next().expect("sqlite");
    let s = Server::start("ready", &db);
    let token = s.create_license("lic_ready", 5);
    let c = client(&s, &token, 1, None);
    assert_eq!(
        c.snapshot().error.map(|e| e.code),
        Some(ErrorCode::NotValidated),
        "no check made yet"
    );
    let snap = c.ready(licensewarden::FIRST_CHECK_WAIT);
    assert_eq!(snap.status, Status::Active, "{:?}", snap.error);
    assert!(c.check_feature("api").is_ok());
    // An answer is held: nothing is due, so ready has nothing to wait for.
    assert!(c.validate_if_due().unwrap().is_none());
}

//! A license's life on the server reaching running products: renew,
//! change features and limits, suspend and reinstate, revoke and
//! un-revoke, delete; the audit trail; heartbeats and the revoked TTL
//! with an injected clock; the admin CLI. SQLite and PostgreSQL.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{client, databases, Backend, Server};
use licensewarden::{ErrorCode, Status};
use licensewarden_guest::time;
use serde_json::{json, Value};

/// Protocol events are written by the server's once-a-second flush.
fn events_of(s: &Server, id: &str, want: &[&str]) -> Vec<String> {
    let mut kinds = Vec::new();
    for _ in 0..50 {
        let (status, v) = s.admin(
            "GET",
            &format!("/admin/events?license={id}&limit=1000"),
            None,
        );
        assert_eq!(status, 200, "{v}");
        kinds = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_str().unwrap().to_string())
            .collect();
        if want.iter().all(|w| kinds.iter().any(|k| k == w)) {
            return kinds;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("events of {id}: wanted {want:?}, got {kinds:?}");
}

#[test]
fn every_change_reaches_a_running_product_at_its_next_check_keeping_key_and_devices() {
    for db in databases("lifecycle-ops") {
        let s = Server::start("lifecycle-ops", &db);
        let token = s.create_license("lic_ops", 2);
        let c = client(&s, &token, 1, None);
        assert_eq!(c.activate().unwrap().snapshot.status, Status::Active);
        assert!(c.check_feature("audit").is_err());

        // Renew: the product shows the new expiry, no new key.
        let (status, v) = s.admin(
            "PATCH",
            "/admin/licenses/lic_ops",
            Some(json!({"expires": "2100-06-30"})),
        );
        assert_eq!(status, 200, "{db:?}: {v}");
        assert_eq!(v["license"]["expires"], "2100-06-30");
        assert_eq!(c.validate_now().unwrap().error, None, "{db:?}");
        let info = c.info();
        assert_eq!(
            info.expires_at,
            time::parse("2100-07-01").map(|i| i.ms),
            "{db:?}: the server's expiry is the license's"
        );
        let changed = info.online.unwrap().terms_changed.unwrap_or_default();
        assert!(
            changed.starts_with("renewed: expires 2100-06-30 (the key says 2099-12-31)"),
            "{changed}"
        );

        // Features and limits: a running product gains them at once.
        let (status, _) = s.admin(
            "PATCH",
            "/admin/licenses/lic_ops",
            Some(json!({"features": ["audit"], "limits": {"max_devices": 3}})),
        );
        assert_eq!(status, 200);
        c.validate_now().unwrap();
        assert!(c.check_feature("audit").is_ok(), "{db:?}: upgrade unlocks");
        assert_eq!(c.info().online.unwrap().devices_max, Some(3));

        // Suspend: community tier with the vendor's reason, not a 503.
        let (status, _) = s.admin(
            "POST",
            "/admin/licenses/lic_ops/suspend",
            Some(json!({"reason": "invoice 1042 is unpaid"})),
        );
        assert_eq!(status, 200);
        let out = c.validate_now().unwrap();
        let e = out.error.unwrap();
        assert_eq!(e.code, ErrorCode::Suspended, "{db:?}");
        assert!(
            e.message.contains("invoice 1042 is unpaid"),
            "{}",
            e.message
        );
        assert!(!out.snapshot.blocking);
        assert!(c.check_feature("api").is_err());
        assert!(c.check_feature("basic").is_ok(), "community tier stays on");
        let (status, v) = s.admin(
            "POST",
            "/admin/licenses/lic_ops/suspend",
            Some(json!({"reason": "a\u{1b}[31m"})),
        );
        assert_eq!(
            status, 400,
            "a reason with control characters is refused: {v}"
        );

        // Reinstate, revoke, un-revoke.
        assert_eq!(
            s.admin("POST", "/admin/licenses/lic_ops/reinstate", None).0,
            200
        );
        assert_eq!(c.validate_now().unwrap().snapshot.status, Status::Active);
        let (status, v) = s.admin("POST", "/admin/licenses/lic_ops/reinstate", None);
        assert_eq!(status, 409, "not suspended: {v}");
        assert_eq!(
            s.admin("POST", "/admin/licenses/lic_ops/revoke", None).0,
            200
        );
        assert_eq!(
            c.validate_now().unwrap().error.map(|e| e.code),
            Some(ErrorCode::Revoked)
        );
        assert_eq!(
            s.admin("POST", "/admin/licenses/lic_ops/unrevoke", None).0,
            200
        );
        assert_eq!(
            c.validate_now().unwrap().snapshot.status,
            Status::Active,
            "{db:?}"
        );
        assert!(
            c.check_feature("audit").is_ok(),
            "the terms survived it all"
        );

        // Devices: the same one, listed with its facts.
        let (_, v) = s.admin("GET", "/admin/licenses/lic_ops/devices", None);
        let devices = v["devices"].as_array().unwrap();
        assert_eq!(devices.len(), 1, "{v}");
        assert_eq!(devices[0]["hostname"], "host-1");

        // Refused changes name the problem.
        let (status, v) = s.admin(
            "PATCH",
            "/admin/licenses/lic_ops",
            Some(json!({"expiry": "2101-01-01", "id": "other", "lease_minutes": 1})),
        );
        assert_eq!(status, 400);
        assert_eq!(v["error"]["fields"].as_array().unwrap().len(), 3, "{v}");
        assert_eq!(
            s.admin(
                "PATCH",
                "/admin/licenses/nope",
                Some(json!({"plan": "pro"}))
            )
            .0,
            404
        );

        // Delete: license-not-found at the next check; the trail stays.
        assert_eq!(s.admin("DELETE", "/admin/licenses/lic_ops", None).0, 200);
        assert_eq!(
            c.validate_now().unwrap().error.map(|e| e.code),
            Some(ErrorCode::LicenseNotFound),
            "{db:?}"
        );
        assert_eq!(s.admin("GET", "/admin/licenses/lic_ops", None).0, 404);
        let kinds = events_of(
            &s,
            "lic_ops",
            &[
                "license.created",
                "device.registered",
                "license.renewed",
                "license.changed",
                "license.suspended",
                "check.refused",
                "license.reinstated",
                "license.revoked",
                "license.unrevoked",
                "license.deleted",
            ],
        );
        assert_eq!(kinds.first().map(String::as_str), Some("license.created"));
        let (_, v) = s.admin("GET", "/admin/events?type=license.&limit=2", None);
        assert_eq!(v["events"].as_array().unwrap().len(), 2);
        let next = v["next"].as_str().expect("a next page").to_string();
        let (_, v2) = s.admin(
            "GET",
            &format!("/admin/events?type=license.&after={next}"),
            None,
        );
        assert!(
            v2["events"][0]["id"].as_str().unwrap() > next.as_str(),
            "pages go forward"
        );
        let (status, _) = s.admin("GET", "/admin/events?bogus=1", None);
        assert_eq!(status, 400);
    }
}

#[test]
fn renewals_racing_validations_lose_nothing_and_answer_no_5xx() {
    for db in databases("lifecycle-race") {
        let s = Arc::new(Server::start("lifecycle-race", &db));
        let token = s.create_license("lic_race", 10);
        let clients: Vec<_> = (0..4).map(|n| client(&s, &token, n, None)).collect();
        for c in &clients {
            assert_eq!(c.activate().unwrap().error, None);
        }
        std::thread::scope(|scope| {
            for (n, c) in clients.iter().enumerate() {
                scope.spawn(move || {
                    for _ in 0..10 {
                        let out = c.validate_now().unwrap();
                        assert_eq!(out.error, None, "client {n}");
                    }
                });
            }
            // New devices register (each a durable write) while the
            // renewals run: no change may meet "database is locked".
            let (s2, token2) = (s.clone(), token.clone());
            scope.spawn(move || {
                for n in 10..16 {
                    let c = client(&s2, &token2, n, None);
                    assert_eq!(c.activate().unwrap().error, None, "device {n}");
                }
            });
            let s = s.clone();
            scope.spawn(move || {
                for year in 2100..2120 {
                    let (status, v) = s.admin(
                        "PATCH",
                        "/admin/licenses/lic_race",
                        Some(json!({"expires": format!("{year}-01-01")})),
                    );
                    assert_eq!(status, 200, "{v}");
                }
            });
        });
        let (_, v) = s.admin("GET", "/admin/licenses/lic_race", None);
        assert_eq!(
            v["license"]["expires"], "2119-01-01",
            "{db:?}: the last renewal holds"
        );
        assert_eq!(v["license"]["devices"].as_array().unwrap().len(), 10);
        clients[0].validate_now().unwrap();
        assert_eq!(
            clients[0].info().expires_at,
            time::parse("2119-01-02").map(|i| i.ms)
        );
        let kinds = events_of(&s, "lic_race", &["license.renewed"]);
        assert_eq!(
            kinds.iter().filter(|k| *k == "license.renewed").count(),
            20,
            "{db:?}: every renewal is in the trail"
        );
    }
}

/// The library's state over `db`, for sweeps with an injected clock.
async fn state_on(db: &Backend, dir: &std::path::Path) -> Arc<licensewarden_server::AppState> {
    let url = match db {
        Backend::Sqlite => format!("sqlite://{}", dir.join("sweep.db").display()),
        Backend::Postgres(u) => u.clone(),
    };
    let database = licensewarden_server::db::Db::open(&url).await.unwrap();
    Arc::new(
        licensewarden_server::AppState::new(
            database,
            licensewarden_issue::SigningKey::ed25519_from_seed(Some("srv"), [9; 32]),
            None,
            licensewarden_guest::keys::KeySet::default(),
            [0; 32],
        )
        .with_settings(licensewarden_server::Settings {
            revoked_ttl_ms: Some(30 * 24 * 3600 * 1000),
            ..Default::default()
        }),
    )
}

#[test]
fn heartbeats_release_dead_devices_and_the_revoked_ttl_deletes_with_an_injected_clock() {
    use licensewarden_server::db::{DeviceRow, Event, LicenseRow};
    let rt = tokio::runtime::Runtime::new().unwrap();
    for db in databases("lifecycle-sweep") {
        let dir = common::tmpdir("lifecycle-sweep");
        rt.block_on(async {
            let state = state_on(&db, &dir).await;
            let t0 = 1_900_000_000_000i64;
            let hour = 3_600_000i64;
            for id in ["lic_hb", "lic_old", "lic_exp"] {
                let lic = licensewarden_guest::payload::License::from_payload(
                    format!(r#"{{"id":"{id}","plan":"pro","issued_at":"2026-01-01"}}"#).as_bytes(),
                    "k",
                )
                .unwrap();
                let row = LicenseRow::from_token(&format!("token-{id}"), &lic, t0);
                assert!(state.db.insert_license(&row).await.unwrap());
            }
            for (n, seen) in [(1, t0), (2, t0 + 3 * hour)] {
                let d = DeviceRow {
                    device_id: format!("{n:064}"),
                    hostname: format!("pod-{n}"),
                    os: "linux".into(),
                    arch: "x86_64".into(),
                    first_seen: seen,
                    last_seen: seen,
                };
                state.db.register("lic_hb", &d, 0, true).await.unwrap();
            }
            let ev = |kind: &str| Event::new(t0, "lic_hb", "", kind, "admin", Value::Null);
            state
                .db
                .modify("lic_hb", ev("license.changed"), |l| {
                    l.heartbeat_ms = Some(2 * hour);
                    Ok(Value::Null)
                })
                .await
                .unwrap()
                .unwrap()
                .unwrap();
            state
                .db
                .modify("lic_old", ev("license.revoked"), |l| {
                    l.revoked_at = Some(t0);
                    Ok(Value::Null)
                })
                .await
                .unwrap()
                .unwrap()
                .unwrap();

            state
                .db
                .modify("lic_exp", ev("license.renewed"), |l| {
                    l.expires = Some("2030-03-10".into());
                    l.expires_at = Some(t0 + 10 * 24 * hour);
                    Ok(Value::Null)
                })
                .await
                .unwrap()
                .unwrap()
                .unwrap();
            licensewarden_server::lifecycle::sweep(&state, t0 + hour).await;
            assert_eq!(
                state.db.devices("lic_hb").await.unwrap().len(),
                2,
                "{db:?}: within the window"
            );
            licensewarden_server::lifecycle::sweep(&state, t0 + 4 * hour).await;
            let left = state.db.devices("lic_hb").await.unwrap();
            assert_eq!(left.len(), 1, "{db:?}: pod-1 missed its heartbeat");
            assert_eq!(left[0].hostname, "pod-2");
            assert!(
                state.db.license("lic_old").await.unwrap().is_some(),
                "the TTL has not passed"
            );

            licensewarden_server::lifecycle::sweep(&state, t0 + 31 * 24 * hour).await;
            assert!(
                state.db.license("lic_old").await.unwrap().is_none(),
                "{db:?}: revoked longer than the TTL: deleted"
            );
            assert!(
                state.db.license("lic_hb").await.unwrap().is_some(),
                "not revoked: kept"
            );
            let events = state
                .db
                .events(&licensewarden_server::db::EventFilter {
                    limit: 100,
                    ..Default::default()
                })
                .await
                .unwrap();
            let kinds: Vec<_> = events
                .iter()
                .map(|e| (e.license_id.as_str(), e.kind.as_str()))
                .collect();
            assert!(kinds.contains(&("lic_hb", "device.released")), "{kinds:?}");
            assert!(kinds.contains(&("lic_old", "license.deleted")), "{kinds:?}");
            let notices: Vec<_> = events
                .iter()
                .filter(|e| e.kind == "license.expiring")
                .collect();
            assert_eq!(
                notices.len(),
                1,
                "{db:?}: one notice per expiry, however many sweeps: {kinds:?}"
            );
            assert_eq!(notices[0].license_id, "lic_exp");
            assert!(
                notices[0].details.contains("\"days_left\":10"),
                "{}",
                notices[0].details
            );
            state.db.close().await;
        });
    }
}

fn admin_cli(
    s: &Server,
    token_file: &std::path::Path,
    args: &[&str],
) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_licensewarden-server"))
        .arg("admin")
        .args(["--server", &s.url, "--token-file"])
        .arg(token_file)
        .args(args)
        .env_remove("LICENSEWARDEN_ADMIN_TOKEN")
        .env_remove("LICENSEWARDEN_SERVER_URL")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_admin_cli_does_every_operation_and_a_product_sees_them() {
    let s = Server::start("lifecycle-cli", &Backend::Sqlite);
    let dir = common::tmpdir("lifecycle-cli");
    let token_file = dir.join("admin.token");
    std::fs::write(&token_file, format!("{}\n", s.admin)).unwrap();
    let run = |args: &[&str]| admin_cli(&s, &token_file, args);

    let (code, out, err) = run(&[
        "--json",
        "create",
        "--plan",
        "pro",
        "--id",
        "lic_cli2",
        "--limit",
        "max_devices=2",
        "--expires",
        "2099-12-31",
    ]);
    assert_eq!(code, Some(0), "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let key = v["token"].as_str().unwrap().to_string();
    let c = client(&s, &key, 1, None);
    c.activate().unwrap();

    let (code, out, err) = run(&["renew", "lic_cli2", "--expires", "2100-01-31"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("expires 2100-01-31"), "{out}");
    let (code, _, err) = run(&[
        "change",
        "lic_cli2",
        "--features",
        "audit",
        "--limit",
        "max_devices=4",
    ]);
    assert_eq!(code, Some(0), "{err}");
    c.validate_now().unwrap();
    assert!(c.check_feature("audit").is_ok());
    assert_eq!(c.info().online.unwrap().devices_max, Some(4));

    let (code, _, _) = run(&["suspend", "lic_cli2", "--reason", "payment overdue"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        c.validate_now().unwrap().error.map(|e| e.code),
        Some(ErrorCode::Suspended)
    );
    assert_eq!(run(&["reinstate", "lic_cli2"]).0, Some(0));
    let (code, out, _) = run(&["show", "lic_cli2"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("device ") && out.contains("host-1"), "{out}");
    let (code, out, _) = run(&["devices", "lic_cli2"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("host-1"), "{out}");

    let (code, _, err) = run(&["reinstate", "lic_cli2"]);
    assert_eq!(code, Some(1), "the server refuses: not suspended");
    assert!(err.contains("HTTP 409 conflict"), "{err}");
    let (code, _, err) = run(&["delete", "lic_cli2"]);
    assert_eq!(code, Some(2), "deleting needs --yes");
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(run(&["delete", "lic_cli2", "--yes"]).0, Some(0));
    let (code, out, _) = run(&["events", "--license", "lic_cli2"]);
    assert_eq!(code, Some(0));
    for kind in [
        "license.created",
        "license.renewed",
        "license.changed",
        "license.suspended",
        "license.deleted",
    ] {
        assert!(out.contains(kind), "{kind} in {out}");
    }

    let (code, out, err) = run(&["tokens", "create", "auditor", "--scope", "read"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("auditor (read): lwa_") && out.contains("not shown again"),
        "{out}"
    );
    let (code, out, _) = run(&["tokens", "list"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("auditor  read") && !out.contains("lwa_"),
        "{out}"
    );
    assert_eq!(run(&["tokens", "revoke", "auditor"]).0, Some(0));
    let (code, out, err) = run(&[
        "webhooks",
        "create",
        "https://hooks.example.com/lw",
        "--event",
        "license.",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("signing secret: whsec_"), "{out}");
    let wh = out.split_whitespace().next().unwrap().to_string();
    let (code, out, _) = run(&["webhooks", "list"]);
    assert_eq!(code, Some(0));
    assert!(out.contains(&wh) && !out.contains("whsec_"), "{out}");
    assert_eq!(run(&["webhooks", "disable", &wh]).0, Some(0));
    let (code, _, err) = run(&["webhooks", "create", "http://hooks.example.com/lw"]);
    assert_eq!(code, Some(1), "plain http off loopback is refused");
    assert!(err.contains("https"), "{err}");

    let (code, _, err) = admin_cli(&s, &dir.join("missing.token"), &["list"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("missing.token") && err.contains("LICENSEWARDEN_ADMIN_TOKEN"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_licensewarden-server"))
        .args(["admin", "--server", "https://license.example.com", "list"])
        .env("LICENSEWARDEN_ADMIN_TOKEN", "x".repeat(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SSH tunnel"));
    std::fs::write(&token_file, "wrong-token-0123456789\n").unwrap();
    let (code, _, err) = run(&["list"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("HTTP 401 unauthorized"), "{err}");
}

#[test]
fn the_cli_shows_a_renewal_after_info_refresh() {
    let s = Server::start("lifecycle-cli-info", &Backend::Sqlite);
    let token = s.create_license("lic_info", 5);
    let dir = common::tmpdir("lifecycle-cli-info");
    std::fs::write(
        dir.join("vendor.pub"),
        common::vendor().trusted_key().to_json(),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let exe = std::env::current_exe().unwrap();
        let cli = exe
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join("licensewarden");
        let out = std::process::Command::new(cli)
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
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = run(&["activate"]);
    assert!(out.contains("2099-12-31"), "{out}");
    s.admin(
        "PATCH",
        "/admin/licenses/lic_info",
        Some(json!({"expires": "2100-03-31", "plan": "enterprise"})),
    );
    let out = run(&["info"]);
    assert!(
        !out.contains("2100-03-31"),
        "within the lease info does not call the server: {out}"
    );
    let out = run(&["info", "--refresh"]);
    assert!(out.contains("2100-03-31"), "{out}");
    assert!(
        out.contains("Terms:") && out.contains("plan changed from pro to enterprise"),
        "{out}"
    );
}

fn call(s: &Server, token: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let r = ureq::request(method, &format!("{}{path}", s.url))
        .set("authorization", &format!("Bearer {token}"));
    let r = match body {
        Some(b) => r.send_string(&b.to_string()),
        None => r.call(),
    };
    match r {
        Ok(resp) | Err(ureq::Error::Status(_, resp)) => {
            let status = resp.status();
            (
                status,
                serde_json::from_str(&resp.into_string().unwrap()).unwrap_or(Value::Null),
            )
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn named_tokens_have_scopes_are_shown_once_and_name_themselves_in_events() {
    for db in databases("lifecycle-tokens") {
        let s = Server::start("lifecycle-tokens", &db);
        let (status, ci) = s.admin(
            "POST",
            "/admin/tokens",
            Some(json!({"name": "ci", "scope": "read"})),
        );
        assert_eq!(status, 201, "{ci}");
        let (_, ops) = s.admin(
            "POST",
            "/admin/tokens",
            Some(json!({"name": "ops", "scope": "admin"})),
        );
        let (ci, ops) = (
            ci["token"].as_str().unwrap().to_string(),
            ops["token"].as_str().unwrap().to_string(),
        );
        assert!(ci.starts_with("lwa_") && ci.len() > 30);
        let (status, v) = s.admin(
            "POST",
            "/admin/tokens",
            Some(json!({"name": "ci", "scope": "admin"})),
        );
        assert_eq!(status, 409, "{v}");
        let (status, v) = s.admin(
            "POST",
            "/admin/tokens",
            Some(json!({"name": "root", "scope": "admin", "x": 1})),
        );
        assert_eq!(status, 400);
        assert_eq!(v["error"]["fields"].as_array().unwrap().len(), 2, "{v}");

        assert_eq!(
            call(&s, &ci, "GET", "/admin/licenses", None).0,
            200,
            "read may read"
        );
        let (status, v) = call(
            &s,
            &ci,
            "POST",
            "/admin/licenses",
            Some(json!({"plan": "pro"})),
        );
        assert_eq!(status, 403, "read may not change: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains("'ci' has scope 'read'"),
            "{v}"
        );
        assert_eq!(
            call(
                &s,
                &ci,
                "POST",
                "/admin/tokens",
                Some(json!({"name": "x", "scope": "admin"}))
            )
            .0,
            403
        );
        let (status, _) = call(
            &s,
            &ops,
            "POST",
            "/admin/licenses",
            Some(json!({"id": "lic_tok", "plan": "pro"})),
        );
        assert_eq!(status, 201);

        let (_, v) = s.admin("GET", "/admin/events?license=lic_tok", None);
        assert_eq!(v["events"][0]["actor"], "admin:ops", "{v}");
        let (_, v) = s.admin("GET", "/admin/events?type=token.", None);
        let actors: Vec<_> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["actor"].as_str().unwrap())
            .collect();
        assert_eq!(actors, ["admin:root", "admin:root"], "{v}");

        let (_, list) = call(&s, &ci, "GET", "/admin/tokens", None);
        let text = list.to_string();
        assert!(
            !text.contains(&ci) && !text.contains(&ops),
            "tokens are shown once: {text}"
        );
        assert_eq!(list["tokens"].as_array().unwrap().len(), 2);
        assert!(list["tokens"][1]["last_used_at"].is_string(), "{list}");

        assert_eq!(s.admin("DELETE", "/admin/tokens/ops", None).0, 200);
        assert_eq!(
            call(&s, &ops, "GET", "/admin/licenses", None).0,
            401,
            "revoked"
        );
        assert_eq!(s.admin("DELETE", "/admin/tokens/ops", None).0, 404);
        if let Backend::Sqlite = db {
            std::thread::sleep(Duration::from_millis(1200));
            let mut bytes = std::fs::read(s.dir.join("licenses.db")).unwrap();
            if let Ok(wal) = std::fs::read(s.dir.join("licenses.db-wal")) {
                bytes.extend(wal);
            }
            let hay = String::from_utf8_lossy(&bytes);
            assert!(
                !hay.contains(&ci[4..]) && !hay.contains(&ops[4..]),
                "no token at rest"
            );
        }
    }
}

#[test]
fn the_lease_is_the_licenses_own_else_its_plans_else_the_servers() {
    use licensewarden_server::db::LicenseRow;
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = common::tmpdir("lifecycle-lease");
    rt.block_on(async {
        let state = state_on(&Backend::Sqlite, &dir).await;
        let mut settings = state.settings.clone();
        settings.plan_lease_ms = vec![("trial".into(), 15 * 60_000)];
        let state = Arc::try_unwrap(state)
            .unwrap_or_else(|_| panic!("one owner"))
            .with_settings(settings);
        let lic = |plan: &str| {
            let l = licensewarden_guest::payload::License::from_payload(
                format!(r#"{{"id":"x","plan":"{plan}","issued_at":"2026-01-01"}}"#).as_bytes(),
                "k",
            )
            .unwrap();
            LicenseRow::from_token("t", &l, 0)
        };
        assert_eq!(
            state.lease_ms(&lic("pro")),
            24 * 3_600_000,
            "the server's default"
        );
        assert_eq!(state.lease_ms(&lic("trial")), 15 * 60_000, "the plan's");
        let mut own = lic("trial");
        own.lease_ms = Some(5 * 60_000);
        assert_eq!(state.lease_ms(&own), 5 * 60_000, "the license's own wins");
        state.db.close().await;
    });
}

//! Air-gapped activation by file, end to end: a machine that never reaches
//! the server writes a request file, the vendor's server (admin API, admin
//! CLI, customer portal) turns it into an activation file, and the machine
//! installs it (docs/air-gapped.md).

mod common;

use common::{client, client_with, databases, tmpdir, Backend, Server};
use licensewarden::{Clock, ErrorCode, Status};
use serde_json::{json, Value};

const DAY_MS: u64 = 24 * 3600 * 1000;

fn activate_by_file(s: &Server, request: &str) -> (u16, Value) {
    s.admin(
        "POST",
        "/admin/offline-activations",
        Some(json!({ "request": request })),
    )
}

#[test]
fn an_activation_file_activates_only_its_device_and_counts_against_the_device_limit() {
    for db in databases("air-gapped") {
        let s = Server::start("air-gapped", &db);
        let token = s.create_license("lic_gap", 1);
        let state = tmpdir("air-gapped-state");
        let machine = client(&s, &token, 1, Some(&state));
        assert_eq!(machine.snapshot().status, Status::Restricted);

        let request = machine.offline_request().expect("request file");
        let (status, v) = activate_by_file(&s, &request);
        assert_eq!(status, 201, "{v}");
        let file = v["activation"].as_str().unwrap().to_string();
        assert_eq!(v["device_id"], json!(common::device_id(1)));
        assert_eq!(v["hostname"], json!("host-1"));

        let out = machine.install_activation(&file);
        assert!(out.error.is_none(), "{:?}", out.error);
        assert_eq!(out.snapshot.status, Status::Active);
        assert!(machine.check_feature("api").is_ok());
        let info = machine.info();
        let online = info.online.expect("online facts");
        let until = online.grace_ends.expect("the file's end");
        let now = Clock::system().now_ms();
        assert!(
            until > now + 29 * DAY_MS && until <= now + 30 * DAY_MS + 60_000,
            "30 days by default: {until}"
        );

        // The file is the device's slot: the license's only one.
        let (_, devices) = s.admin("GET", "/admin/licenses/lic_gap/devices", None);
        assert_eq!(
            devices["devices"].as_array().map(Vec::len),
            Some(1),
            "{devices}"
        );
        // The audit trail tells the file from a check (events are written
        // in batches: wait for it).
        let mut events = serde_json::Value::Null;
        for _ in 0..100 {
            events = s.admin("GET", "/admin/events?license=lic_gap", None).1;
            if events.to_string().contains("device.registered") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(events.to_string().contains(r#""via":"file""#), "{events}");
        let other = client(&s, &token, 2, None);
        let (status, v) = activate_by_file(&s, &other.offline_request().unwrap());
        assert_eq!(status, 409, "{v}");
        assert_eq!(v["error"]["code"], json!("device-limit"), "{v}");
        let online_other = client(&s, &token, 3, None);
        let out = online_other.activate().unwrap();
        assert_eq!(
            out.error.map(|e| e.code),
            Some(ErrorCode::DeviceLimitExceeded)
        );

        // Another machine cannot use this one's file.
        let out = other.install_activation(&file);
        let e = out.error.expect("refused");
        assert_eq!(e.code, ErrorCode::BadResponse);
        assert!(e.message.contains("another device"), "{}", e.message);
        assert_eq!(out.snapshot.status, Status::Restricted);

        // A restart keeps it (sealed state), and the same file again
        // extends nothing.
        drop(machine);
        let again = client(&s, &token, 1, Some(&state));
        assert_eq!(again.snapshot().status, Status::Active);
        let out = again.install_activation(&file);
        assert!(out.error.is_none(), "{:?}", out.error);
        assert_eq!(again.info().online.unwrap().grace_ends, Some(until));

        // A revoked license gets no file.
        s.admin("POST", "/admin/licenses/lic_gap/revoke", Some(json!({})));
        let (status, v) = activate_by_file(&s, &again.offline_request().unwrap());
        assert_eq!(status, 403, "{v}");
        assert_eq!(v["error"]["code"], json!("revoked"), "{v}");
        if let Backend::Postgres(_) = db {
            continue;
        }
        // Tampered or misdirected requests are refused by name.
        let req = client(&s, &token, 4, None).offline_request().unwrap();
        let forged = req.replace("host-4", "host-5");
        let (status, v) = activate_by_file(&s, &forged);
        assert_eq!(status, 401, "{v}");
        let (status, v) = s.admin(
            "POST",
            "/admin/offline-activations",
            Some(json!({"request": req, "valid_until": "2099-01-01"})),
        );
        assert_eq!(status, 400, "admin bodies are strict: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains("unknown member"),
            "{v}"
        );
        let (status, v) = activate_by_file(&s, "{\"licensewarden\":\"activation\",\"v\":1}");
        assert_eq!(status, 400, "{v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains("not an offline activation request"),
            "{v}"
        );
    }
}

#[test]
fn an_activation_file_runs_out_and_a_late_one_is_refused() {
    let s = Server::start_with(
        "air-gapped-days",
        &Backend::Sqlite,
        &["--activation-file-days", "2"],
    );
    let token = s.create_license("lic_days", 5);
    let offset = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let o = offset.clone();
    let clock = Clock::from_fn(move || {
        Clock::system().now_ms() + o.load(std::sync::atomic::Ordering::SeqCst)
    });
    let machine = client_with(&s, &token, 1, None, clock);
    let (status, v) = activate_by_file(&s, &machine.offline_request().unwrap());
    assert_eq!(status, 201, "{v}");
    let file = v["activation"].as_str().unwrap();
    assert!(machine.install_activation(file).error.is_none());

    offset.store(3 * DAY_MS, std::sync::atomic::Ordering::SeqCst);
    let snap = machine.refresh().unwrap();
    assert_eq!(snap.status, Status::Restricted);
    let e = snap.error.clone().expect("why");
    assert_eq!(e.code, ErrorCode::ActivationExpired);
    assert!(e.message.contains("--offline-request"), "{}", e.message);

    let late = client_with(&s, &token, 2, None, {
        let o = offset.clone();
        Clock::from_fn(move || {
            Clock::system().now_ms() + o.load(std::sync::atomic::Ordering::SeqCst)
        })
    });
    offset.store(0, std::sync::atomic::Ordering::SeqCst);
    let (_, v) = activate_by_file(&s, &late.offline_request().unwrap());
    offset.store(3 * DAY_MS, std::sync::atomic::Ordering::SeqCst);
    let out = late.install_activation(v["activation"].as_str().unwrap());
    assert_eq!(
        out.error.map(|e| e.code),
        Some(ErrorCode::ActivationExpired)
    );
}

#[test]
fn the_cli_and_the_admin_cli_carry_an_activation_on_files() {
    let s = Server::start("air-gapped-cli", &Backend::Sqlite);
    let token = s.create_license("lic_cli_gap", 2);
    let dir = tmpdir("air-gapped-cli");
    std::fs::write(
        dir.join("vendor.pub"),
        common::vendor().trusted_key().to_json(),
    )
    .unwrap();
    std::fs::copy(s.dir.join("server.pub"), dir.join("server.pub")).unwrap();
    std::fs::write(dir.join("admin.token"), &s.admin).unwrap();
    let exe = std::env::current_exe().unwrap();
    let cli = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("licensewarden");
    // The machine is air-gapped: its server URL leads nowhere.
    let machine = |args: &[&str]| {
        let out = std::process::Command::new(&cli)
            .current_dir(&dir)
            .args(args)
            .args([
                "--product",
                "acme",
                "--public-key",
                "vendor.pub",
                "--key",
                &token,
            ])
            .args([
                "--server",
                "http://127.0.0.1:9",
                "--server-key",
                "server.pub",
            ])
            .args(["--state-dir", "state"])
            .env("HOME", &dir)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = machine(&["activate", "--offline-request", "request.json"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("offline-activate --request request.json"),
        "{out}"
    );
    let (code, _, err) = machine(&["activate", "--offline-request", "request.json"]);
    assert_eq!(
        code,
        Some(2),
        "an existing file is never overwritten: {err}"
    );

    let admin = std::process::Command::new(env!("CARGO_BIN_EXE_licensewarden-server"))
        .current_dir(&dir)
        .args(["admin", "--server", &s.url, "--token-file", "admin.token"])
        .args([
            "offline-activate",
            "--request",
            "request.json",
            "--out",
            "activation.lwa",
        ])
        .env_remove("LICENSEWARDEN_ADMIN_TOKEN")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&admin.stdout);
    assert!(
        admin.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&admin.stderr)
    );
    assert!(said.contains("activated lic_cli_gap"), "{said}");

    let (code, out, err) = machine(&["activate", "--offline-response", "activation.lwa"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("Active (activation file, 719h"), "{out}");
    assert!(out.contains("Activation: by file, until 20"), "{out}");
    let (code, out, err) = machine(&["info", "--json"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], json!("active"), "{v}");

    // The request given where the answer belongs says which is which.
    let (code, _, err) = machine(&["activate", "--offline-response", "request.json"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("it is the request file"), "{err}");
}

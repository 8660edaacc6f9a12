//! The vendor changes a license on the real licensewarden-server and a
//! running axum service (the licensewarden layers, served on 127.0.0.1)
//! follows at its next check: an upgrade unlocks a route, a suspension
//! leaves the community tier with the vendor's reason, reinstating brings
//! the plan back. The server binary is the workspace's
//! (`cargo test --workspace` builds it).

use licensewarden::TrustedKeyFile as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::Router;
use licensewarden::axum_layer::{license_gate, require_feature, RequireFeature};
use licensewarden::{ErrorCode, FileStore, Licensing, OnlineSettings, TrustedKey};

const ADMIN: &str = "axum-test-admin-token-0123456789";

struct LicenseServer {
    child: Child,
    url: String,
    dir: std::path::PathBuf,
}

impl Drop for LicenseServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server() -> LicenseServer {
    let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/debug/licensewarden-server");
    assert!(
        bin.exists(),
        "{} is built by `cargo test --workspace`",
        bin.display()
    );
    let dir = std::env::temp_dir().join(format!("lw-axum-lifecycle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let vendor = licensewarden_issue::SigningKey::ed25519_from_seed(Some("axum-vendor"), [7; 32]);
    std::fs::write(dir.join("vendor.key"), vendor.to_json()).unwrap();
    let mut child = Command::new(bin)
        .current_dir(&dir)
        .args(["--listen", "127.0.0.1:0", "--issuing-key", "vendor.key"])
        .env("LICENSEWARDEN_ADMIN_TOKEN", ADMIN)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    LicenseServer { child, url, dir }
}

/// One HTTP/1.1 exchange: (status, body).
fn http(url: &str, method: &str, path: &str, auth: Option<&str>, body: &str) -> (u16, String) {
    let host = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(host).unwrap();
    let auth = auth.map_or(String::new(), |t| format!("authorization: Bearer {t}\r\n"));
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nhost: {host}\r\n{auth}content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out.split(' ').nth(1).unwrap().parse().unwrap();
    (
        status,
        out.split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string(),
    )
}

#[test]
fn an_upgrade_suspension_and_reinstatement_reach_a_running_axum_service() {
    let server = start_server();
    let admin =
        |method: &str, path: &str, body: &str| http(&server.url, method, path, Some(ADMIN), body);
    let (status, body) = admin(
        "POST",
        "/admin/licenses",
        r#"{"id":"lic_axum","plan":"pro","features":["api_access"],"limits":{"max_devices":2},"expires":"2099-12-31"}"#,
    );
    assert_eq!(status, 201, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let key = v["token"].as_str().unwrap().to_string();
    let vendor = licensewarden_issue::SigningKey::ed25519_from_seed(Some("axum-vendor"), [7; 32]);
    let server_key = TrustedKey::from_file(&server.dir.join("server.pub")).unwrap();
    let mut online = OnlineSettings::new(server.url.clone(), server_key);
    online.background = false;
    let lic = Arc::new(
        Licensing::builder("acme")
            .trusted_key(vendor.trusted_key())
            .key(&key)
            .env(|_| None)
            .state_store(FileStore::memory())
            .online(online)
            .build()
            .unwrap(),
    );

    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = Router::new()
        .route("/api/devices", get(|| async { "devices" }))
        .route(
            "/api/sso",
            get(|| async { "sso" }).route_layer(from_fn_with_state(
                RequireFeature::new(lic.clone(), "sso"),
                require_feature,
            )),
        )
        .layer(from_fn_with_state(lic.clone(), license_gate));
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let svc = format!("http://{}", listener.local_addr().unwrap());
    rt.spawn(async move { axum::serve(listener, app).await });
    let get = |path: &str| http(&svc, "GET", path, None, "").0;

    assert_eq!(lic.activate().unwrap().error, None);
    assert_eq!(get("/api/sso"), 403, "pro without sso");

    let (status, _) = admin(
        "PATCH",
        "/admin/licenses/lic_axum",
        r#"{"features":["api_access","sso"],"expires":"2100-01-31"}"#,
    );
    assert_eq!(status, 200);
    assert_eq!(lic.validate_now().unwrap().error, None, "the next check");
    assert_eq!(
        get("/api/sso"),
        200,
        "the upgrade unlocks sso in the running service"
    );
    let info = lic.info();
    assert!(info
        .online
        .unwrap()
        .terms_changed
        .unwrap()
        .contains("features added: sso"));

    let (status, _) = admin(
        "POST",
        "/admin/licenses/lic_axum/suspend",
        r#"{"reason":"invoice 7 is unpaid"}"#,
    );
    assert_eq!(status, 200);
    let e = lic.validate_now().unwrap().error.unwrap();
    assert_eq!(e.code, ErrorCode::Suspended);
    assert!(e.message.contains("invoice 7 is unpaid"), "{}", e.message);
    assert_eq!(get("/api/devices"), 200, "community tier, not a 503");
    assert_eq!(get("/api/sso"), 403);

    assert_eq!(
        admin("POST", "/admin/licenses/lic_axum/reinstate", "").0,
        200
    );
    assert_eq!(lic.validate_now().unwrap().error, None);
    assert_eq!(get("/api/sso"), 200, "reinstated");
}

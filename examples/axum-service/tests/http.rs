//! Starts the real axum service on 127.0.0.1 and drives it over HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use licensewarden_issue::{LicenseSpec, SigningKey};

const POLICY: &str = r#"{"plans":{"community":{"features":[]},"pro":{"features":["api_access"],"limits":{"max_devices":5}}},"features":["sso"],"metrics_prefix":"acme"}"#;

struct Service {
    child: Child,
    addr: String,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(key: Option<&str>, dir: &std::path::Path) -> Service {
    let signer = SigningKey::ed25519_from_seed(Some("svc-1"), [5; 32]);
    std::fs::write(dir.join("public.key"), signer.trusted_key().to_json()).unwrap();
    std::fs::write(dir.join("policy.json"), POLICY).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_axum-service"));
    cmd.args(["--public-key", dir.join("public.key").to_str().unwrap()])
        .args(["--policy", dir.join("policy.json").to_str().unwrap()])
        .env_remove("ACME_LICENSE_KEY")
        .env_remove("ACME_LICENSE_KEY_FILE")
        .env("HOME", dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(k) = key {
        cmd.env("ACME_LICENSE_KEY", k);
    }
    let mut child = cmd.spawn().expect("start axum-service");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .expect("service prints its address")
        .to_string();
    Service { child, addr }
}

fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp[9..12].parse().unwrap();
    let body = resp
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn issue(expires: &str) -> String {
    SigningKey::ed25519_from_seed(Some("svc-1"), [5; 32]).issue(&LicenseSpec {
        id: "lic_svc".into(),
        plan: "pro".into(),
        issued_at: "2020-01-01".into(),
        expires_at: Some(expires.into()),
        ..Default::default()
    })
}

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("lg-axum-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn valid_license_serves_licensed_routes_and_names_missing_features() {
    let svc = start(Some(&issue("2099-12-31")), &tmpdir("valid"));
    assert_eq!(get(&svc.addr, "/api/devices").0, 200);
    assert_eq!(get(&svc.addr, "/api/query").0, 200);
    let (status, body) = get(&svc.addr, "/api/sso");
    assert_eq!(status, 403);
    assert!(body.contains("\"code\":\"feature-not-licensed\""), "{body}");
    assert!(
        body.contains("\"feature\":\"sso\"") && body.contains("\"plan\":\"pro\""),
        "{body}"
    );
    let (status, metrics) = get(&svc.addr, "/metrics");
    assert_eq!(status, 200);
    assert!(metrics.contains("acme_license_valid 1"), "{metrics}");
}

#[test]
fn expired_license_blocks_new_requests_but_not_health_or_metrics() {
    let svc = start(Some(&issue("2021-01-01")), &tmpdir("expired"));
    let (status, body) = get(&svc.addr, "/api/devices");
    assert_eq!(status, 503);
    assert!(body.contains("\"code\":\"expired\""), "{body}");
    assert_eq!(get(&svc.addr, "/api/query").0, 503);
    assert_eq!(get(&svc.addr, "/health"), (200, "ok".to_string()));
    assert_eq!(get(&svc.addr, "/ready").0, 200);
    let (status, metrics) = get(&svc.addr, "/metrics");
    assert_eq!(status, 200);
    assert!(
        metrics.contains("acme_license_info{plan=\"pro\",status=\"expired\"} 1"),
        "{metrics}"
    );
    assert_eq!(get(&svc.addr, "/health/../api/devices").0, 503);
    let (status, body) = get(&svc.addr, "/license");
    assert_eq!(
        status, 200,
        "operators see the license after expiry: {body}"
    );
    assert!(body.contains("\"status\":\"expired\""), "{body}");
}

#[test]
fn no_key_runs_as_community_and_gates_paid_routes() {
    let svc = start(None, &tmpdir("none"));
    assert_eq!(get(&svc.addr, "/api/devices").0, 200);
    let (status, body) = get(&svc.addr, "/api/query");
    assert_eq!(status, 403);
    assert!(body.contains("\"plan\":\"community\""), "{body}");
}

#[test]
fn tampered_key_gets_community_not_pro() {
    let mut k = issue("2099-12-31");
    let last = k.pop().unwrap();
    k.push(if last == 'A' { 'B' } else { 'A' });
    let svc = start(Some(&k), &tmpdir("tampered"));
    assert_eq!(get(&svc.addr, "/api/query").0, 403);
}

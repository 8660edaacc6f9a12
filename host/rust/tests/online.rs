//! The Rust host's online flow: the background thread never blocks or
//! slows a request path, even when the server hangs.

use std::io::Read;
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use licensewarden::{FileStore, Licensing, OnlineSettings, Status};
use licensewarden_issue::{LicenseSpec, SigningKey};

#[test]
fn a_hanging_server_never_blocks_request_paths() {
    let vendor = SigningKey::ed25519_from_seed(Some("v-1"), [4; 32]);
    let server_key = SigningKey::ed25519_from_seed(Some("srv-1"), [5; 32]);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (accepted_tx, accepted) = mpsc::channel();
    let (release, release_rx) = mpsc::channel::<()>();
    let hang = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut buf = [0u8; 1024];
        let _ = conn.read(&mut buf);
        accepted_tx.send(()).unwrap();
        // Hold the request unanswered until the test is done (or 30 s).
        release_rx.recv_timeout(Duration::from_secs(30)).is_ok()
    });
    let token = vendor.issue(&LicenseSpec {
        id: "lic_hang".into(),
        plan: "pro".into(),
        issued_at: "2026-01-01T00:00:00Z".into(),
        ..Default::default()
    });
    let mut online = OnlineSettings::new(url, server_key.trusted_key());
    online.timeout = Duration::from_secs(60);
    let lic = Licensing::builder("acme")
        .trusted_key(vendor.trusted_key())
        .policy_json(r#"{"plans": {"community": {"features": ["basic"]}, "pro": {"features": ["basic", "api"]}}}"#)
        .key(token)
        .env(|_| None)
        .state_store(FileStore::memory())
        .online(online)
        .build()
        .unwrap();
    accepted
        .recv_timeout(Duration::from_secs(30))
        .expect("the background thread sends the first check");
    // The check is in flight and the server is not answering: every request
    // path still answers from the core.
    assert_eq!(lic.snapshot().status, Status::Restricted);
    assert!(lic.check_feature("basic").is_ok());
    assert!(lic.check_feature("api").is_err());
    assert!(lic.gate("/api", None).allow);
    assert_eq!(lic.info().status, Status::Restricted);
    assert!(lic.metrics().contains("status=\"restricted\""));
    release.send(()).unwrap();
    assert!(
        hang.join().unwrap(),
        "request paths returned while the server hung"
    );
}

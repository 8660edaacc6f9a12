//! The offline grace period as operators see it: allowed responses carry
//! `x-license-warning` (the core's text), over real HTTP on 127.0.0.1.
#![cfg(feature = "axum")]

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::Router;
use licensewarden::axum_layer::license_gate;
use licensewarden::{Clock, FileStore, Licensing, OnlineAction, OnlineSettings, Response, Status};
use licensewarden_issue::{LicenseSpec, SigningKey};

const T0: u64 = 1_780_272_000_000; // 2026-06-01T00:00:00Z
const HOUR: u64 = 3_600_000;

/// A license validated once at T0 by a (simulated) server, on a clock the
/// test moves.
fn validated_once() -> (Licensing, Arc<AtomicU64>) {
    let vendor = SigningKey::ed25519_from_seed(Some("v-grace"), [3; 32]);
    let server = SigningKey::ed25519_from_seed(Some("srv-grace"), [8; 32]);
    let now = Arc::new(AtomicU64::new(T0));
    let clock = {
        let now = now.clone();
        Clock::from_fn(move || now.load(Ordering::SeqCst))
    };
    let token = vendor.issue(&LicenseSpec {
        id: "lic_grace".into(),
        plan: "pro".into(),
        issued_at: "2026-01-01".into(),
        ..Default::default()
    });
    let mut online = OnlineSettings::new("https://license.example.com", server.trusted_key());
    online.background = false;
    let lic = Licensing::builder("acme")
        .trusted_key(vendor.trusted_key())
        .policy_json(r#"{"plans": {"pro": {"features": ["api"]}}}"#)
        .key(token)
        .clock(clock)
        .env(|_| None)
        .state_store(FileStore::memory())
        .online(online)
        .build()
        .unwrap();
    let req = lic.online_request(OnlineAction::Validate).unwrap().unwrap();
    let asked: serde_json::Value = serde_json::from_str(&req.body).unwrap();
    let body = serde_json::json!({
        "device_id": asked["device_id"], "devices": {"max": 5, "registered": 1},
        "lease_ms": 24 * HOUR, "license_id": asked["license_id"], "message": "ok",
        "nonce": asked["nonce"], "result": "valid", "server_time": T0, "v": 1,
    })
    .to_string();
    let answer = Response {
        status: 200,
        headers: vec![(
            "x-licensewarden-signature".into(),
            server.sign_answer(200, &body),
        )],
        body,
    };
    let out = lic.apply_response(Ok(&answer));
    assert_eq!(out.error, None, "the signed answer is accepted");
    (lic, now)
}

#[test]
fn allowed_responses_in_grace_carry_the_cores_warning() {
    let (lic, now) = validated_once();
    assert_eq!(lic.snapshot().status, Status::Active);
    assert_eq!(lic.warning(), None, "no warning while the lease holds");
    now.store(T0 + 25 * HOUR, Ordering::SeqCst);
    assert_eq!(lic.snapshot().status, Status::Grace);
    let warning = lic.warning().expect("a warning in grace");
    assert!(
        warning.contains("offline grace period active (47h 0m remaining"),
        "{warning}"
    );

    let lic = Arc::new(lic);
    let app = Router::new()
        .route("/api/devices", get(|| async { "[]" }))
        .layer(from_fn_with_state(lic.clone(), license_gate));
    let (_rt, base) = common::serve(app);
    let r = ureq::get(&format!("{base}/api/devices")).call().unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.header("x-license-warning"), Some(warning.as_str()));
}

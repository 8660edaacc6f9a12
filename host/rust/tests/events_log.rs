//! License events reach `tracing`: the status at start and when it changes
//! (expiry), a soft cap newly exceeded (once, not per call). A test binary
//! of its own: tracing caches each call site's interest process-wide.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use licensewarden::{Clock, Licensing};
use licensewarden_issue::{LicenseSpec, SigningKey};

#[test]
fn start_up_expiry_and_a_soft_cap_are_logged_once_each() {
    let vendor = SigningKey::ed25519_from_seed(Some("events"), [5; 32]);
    let key = vendor.issue(&LicenseSpec {
        id: "lic_events".into(),
        org: Some("Acme Corp".into()),
        plan: "pro".into(),
        issued_at: "2026-01-01".into(),
        expires_at: Some("2026-06-30".into()),
        ..Default::default()
    });
    // 2026-06-01, then 2026-07-02.
    let now = Arc::new(AtomicU64::new(1_780_272_000_000));
    let clock = {
        let now = now.clone();
        Clock::from_fn(move || now.load(Ordering::SeqCst))
    };
    let out = common::Captured::default();
    let writer = out.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let lic = Licensing::builder("acme")
            .trusted_key(vendor.trusted_key())
            .policy_json(r#"{"plans": {"pro": {"features": ["sso"], "limits": {"seats": 5}}}, "soft_caps": ["seats"]}"#)
            .key(key.clone())
            .clock(clock)
            .without_home()
            .build()
            .unwrap();
        for n in [6, 7, 8] {
            lic.check_cap("seats", n);
        }
        now.store(1_782_950_400_000, Ordering::SeqCst);
        let _ = lic.check_feature("sso");
        let _ = lic.snapshot();
    });
    let log = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("INFO") && log.contains("licensewarden: license status active: plan pro, license lic_events for Acme Corp, expires 2026-06-30"),
        "{log}"
    );
    assert_eq!(
        log.matches("cap exceeded: 'seats' is 6").count(),
        1,
        "{log}"
    );
    assert!(
        log.contains("license status changed from active to expired"),
        "{log}"
    );
    assert_eq!(
        log.matches("changed from active to expired").count(),
        1,
        "{log}"
    );
    assert!(!log.contains(&key), "the key reached the log");
}

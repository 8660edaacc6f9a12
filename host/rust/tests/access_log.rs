//! Access decisions reach `tracing` at debug level. A test binary of its
//! own: tracing caches each call site's interest process-wide, so a
//! scoped subscriber can miss events while other tests run in parallel.

mod common;

use licensewarden::{AccessSubject, Licensing};
use licensewarden_issue::{LicenseSpec, SigningKey};

const RBAC_YAML: &str = include_str!("../../../tests/fixtures/rbac-ops.yaml");

fn licensing() -> Licensing {
    let vendor = SigningKey::ed25519_from_seed(Some("rbac-test"), [7; 32]);
    let key = vendor.issue(&LicenseSpec {
        id: "lic_rbac".into(),
        plan: "enterprise".into(),
        issued_at: "2026-01-01".into(),
        expires_at: Some("2099-12-31".into()),
        ..Default::default()
    });
    Licensing::builder("acme")
        .trusted_key(vendor.trusted_key())
        .policy_json(r#"{"plans": {"enterprise": {"all_features": true}}}"#)
        .key(key)
        .without_home()
        .access_policy(RBAC_YAML)
        .build()
        .unwrap()
}

#[test]
fn every_decision_is_logged_at_debug_level_with_names_escaped() {
    let lic = licensing();
    let out = common::Captured::default();
    let writer = out.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let ops = AccessSubject {
        roles: vec![],
        groups: vec!["network-ops-team".into()],
    };
    tracing::subscriber::with_default(subscriber, || {
        lic.authorize(&ops, "firewall\u{1b}[31m", "execute");
        lic.authorize(&ops, "topology_map", "execute");
    });
    let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("licensewarden: rbac deny"), "{text}");
    assert!(text.contains("licensewarden: rbac allow"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "an escape sequence reached the log: {text}"
    );
}

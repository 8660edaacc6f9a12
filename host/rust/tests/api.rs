//! The Rust API over the component: errors with stable codes, the snapshot
//! never outliving valid-until, memoised denials, key re-resolution.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use licensewarden::{Clock, ErrorCode, Licensing, Status};
use licensewarden_issue::{LicenseSpec, SigningKey};

const POLICY: &str = r#"{"plans":{"community":{"features":["basic"]},"pro":{"features":["api_access","basic"],"limits":{"max_devices":5}},"enterprise":{"all_features":true}},"features":["sso"]}"#;
const NOW: u64 = 1_780_000_000_000; // 2026-05-28T20:26:40Z

fn signer() -> SigningKey {
    SigningKey::ed25519_from_seed(Some("api-1"), [6; 32])
}

fn token(plan: &str, expires: Option<&str>) -> String {
    signer().issue(&LicenseSpec {
        id: format!("lic_{plan}"),
        plan: plan.into(),
        issued_at: "2026-01-01".into(),
        expires_at: expires.map(str::to_string),
        ..Default::default()
    })
}

fn builder(clock: Clock) -> licensewarden::LicensingBuilder {
    Licensing::builder("acme-api")
        .trusted_key(signer().trusted_key())
        .policy_json(POLICY)
        .clock(clock)
        .env(|_| None)
        .home_dir("/nonexistent-licensewarden-home")
}

#[test]
fn missing_feature_is_an_error_naming_feature_and_plan() {
    let lic = builder(Clock::fixed(NOW))
        .key(token("pro", None))
        .build()
        .unwrap();
    lic.check_feature("api_access").unwrap();
    let e = lic.check_feature("sso").unwrap_err();
    assert_eq!(e.code, ErrorCode::FeatureNotLicensed);
    assert_eq!(e.detail("feature"), Some("sso"));
    assert_eq!(e.detail("plan"), Some("pro"));
    assert!(e.message.contains("upgrade"), "{}", e.message);
}

#[test]
fn a_flood_of_denied_checks_asks_the_core_once_per_snapshot() {
    let now = Arc::new(AtomicU64::new(NOW));
    let clock = {
        let now = now.clone();
        Clock::from_fn(move || now.load(Ordering::SeqCst))
    };
    let lic = builder(clock)
        .key(token("pro", Some("2026-05-28T20:26:50Z")))
        .build()
        .unwrap();
    let first = lic.check_feature("sso").unwrap_err();
    let gate = lic.gate("/api/sso", Some("sso"));
    let calls = lic.core_calls();
    for _ in 0..1000 {
        assert_eq!(lic.check_feature("sso").unwrap_err(), first);
        assert!(!lic.has_feature("sso"));
        assert_eq!(lic.gate("/api/sso", Some("sso")), gate);
        lic.check_feature("api_access").unwrap();
    }
    assert_eq!(
        lic.core_calls(),
        calls,
        "memoised denials and snapshot answers make no core call"
    );
    // Past valid-until the memo goes with the snapshot: the core answers anew.
    now.store(NOW + 20_000, Ordering::SeqCst);
    assert_eq!(
        lic.check_feature("sso").unwrap_err().code,
        ErrorCode::Expired
    );
    assert_eq!(lic.gate("/api/sso", Some("sso")).http_status, 503);
}

#[test]
fn cached_snapshot_is_not_trusted_past_valid_until() {
    let now = Arc::new(AtomicU64::new(NOW));
    let clock = {
        let now = now.clone();
        Clock::from_fn(move || now.load(Ordering::SeqCst))
    };
    let lic = builder(clock)
        .key(token("pro", Some("2026-05-28T20:26:50Z")))
        .build()
        .unwrap();
    lic.check_feature("api_access").unwrap();
    assert_eq!(lic.snapshot().valid_until, Some(NOW + 10_000));
    now.store(NOW + 10_000, Ordering::SeqCst);
    assert_eq!(
        lic.check_feature("api_access").unwrap_err().code,
        ErrorCode::Expired
    );
    let g = lic.gate("/api", None);
    assert_eq!((g.allow, g.http_status), (false, 503));
    assert!(lic.gate("/health", None).allow);
    assert_eq!(lic.info().days_remaining, Some(0));
}

#[test]
fn renewed_license_file_is_picked_up_without_restart() {
    let home = std::env::temp_dir().join(format!("lg-api-home-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".acme-api")).unwrap();
    let file = home.join(".acme-api/license.key");
    std::fs::write(&file, format!("{}\n", token("pro", None))).unwrap();
    let now = Arc::new(AtomicU64::new(NOW));
    let clock = {
        let now = now.clone();
        Clock::from_fn(move || now.load(Ordering::SeqCst))
    };
    let lic = builder(clock)
        .home_dir(&home)
        .reload_interval(std::time::Duration::from_millis(1_000))
        .build()
        .unwrap();
    assert_eq!(lic.plan(), "pro");
    assert!(
        lic.key_source().starts_with("file:"),
        "{}",
        lic.key_source()
    );
    std::fs::write(&file, token("enterprise", None)).unwrap();
    now.store(NOW + 1_500, Ordering::SeqCst);
    lic.check_feature("sso").unwrap();
    assert_eq!(lic.plan(), "enterprise");
    std::fs::remove_dir_all(home).unwrap();
}

#[test]
fn a_changed_policy_file_is_picked_up_and_a_broken_one_keeps_the_last() {
    let dir = std::env::temp_dir().join(format!("lg-api-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("policy.json");
    std::fs::write(&file, r#"{"plans": {"pro": {"features": ["api_access"]}}}"#).unwrap();
    let now = Arc::new(AtomicU64::new(NOW));
    let clock = {
        let now = now.clone();
        Clock::from_fn(move || now.load(Ordering::SeqCst))
    };
    let lic = Licensing::builder("acme-api")
        .trusted_key(signer().trusted_key())
        .policy_file(&file)
        .key(token("pro", None))
        .clock(clock)
        .env(|_| None)
        .without_home()
        .reload_interval(std::time::Duration::from_millis(1_000))
        .build()
        .unwrap();
    assert!(lic.check_feature("sso").is_err());
    std::fs::write(
        &file,
        r#"{"plans": {"pro": {"features": ["api_access", "sso"]}}}"#,
    )
    .unwrap();
    now.store(NOW + 1_500, Ordering::SeqCst);
    lic.check_feature("sso").unwrap();
    // Refused: the policy in force stays (a typo must not take features away).
    std::fs::write(
        &file,
        r#"{"plans": {"pro": {"features": ["api_access"]}}, "soft_cap": []}"#,
    )
    .unwrap();
    now.store(NOW + 3_000, Ordering::SeqCst);
    lic.check_feature("sso").unwrap();
    assert_eq!(lic.plan(), "pro");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_policy_is_invalid_config_naming_the_field() {
    let e = Licensing::builder("x")
        .policy_json(r#"{"plans":{},"soft_cap":[]}"#)
        .env(|_| None)
        .build()
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidConfig);
    assert!(e.message.contains("soft_cap"), "{}", e.message);
}

#[test]
fn no_key_anywhere_is_the_community_tier_not_an_error() {
    let lic = builder(Clock::fixed(NOW)).build().unwrap();
    let info = lic.info();
    assert_eq!(info.status, Status::Community);
    assert_eq!(info.key_source, "none");
    lic.check_feature("basic").unwrap();
    assert_eq!(
        lic.check_feature("api_access").unwrap_err().code,
        ErrorCode::FeatureNotLicensed
    );
}

#[test]
fn one_licensing_is_shared_across_threads() {
    let lic = Arc::new(
        builder(Clock::system())
            .key(token("pro", None))
            .build()
            .unwrap(),
    );
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let lic = lic.clone();
            std::thread::spawn(move || {
                for i in 0..200 {
                    lic.check_feature("api_access").unwrap();
                    lic.check_cap("max_devices", (i + t) % 7);
                    assert!(lic.info().valid);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn a_core_failure_while_applying_an_answer_fails_closed_without_hanging() {
    let broken = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clock = {
        let broken = broken.clone();
        Clock::from_fallible_fn(move || (!broken.load(Ordering::SeqCst)).then_some(NOW))
    };
    let lic = builder(clock).key(token("pro", None)).build().unwrap();
    broken.store(true, Ordering::SeqCst);
    let out = lic.apply_response(Err("connection refused"));
    assert_eq!(out.error.map(|e| e.code), Some(ErrorCode::Internal));
    assert!(out.snapshot.blocking);
    broken.store(false, Ordering::SeqCst);
    assert_eq!(lic.snapshot().plan, "pro");
}

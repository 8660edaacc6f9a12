//! What a refused device and a refused feature tell the customer: the real
//! cause (a device limit, a revocation), what to do about it in the
//! vendor's words, and never "upgrade" to someone who already pays.

use licensewarden_guest::fingerprint::DeviceFacts;
use licensewarden_guest::instance::{Config, Instance};
use licensewarden_guest::online::{OnlineAction, OnlineInput, Stored, DEFAULT_DEVICE_LIMIT_HINT};
use licensewarden_guest::protocol::{self, Answer, Response, Verdict};
use licensewarden_guest::ErrorCode;

const NOW: u64 = 1_780_000_000_000;

mod common;
use common::{server, server_key, signed, vendor_key};

fn pro_key() -> String {
    key_expiring("2027-01-01")
}

fn key_expiring(expires: &str) -> String {
    signed(&format!(
        r#"{{"expires_at":"{expires}","id":"lic_paid","issued_at":"2026-01-01","plan":"pro"}}"#
    ))
}

fn facts() -> DeviceFacts {
    DeviceFacts {
        mac: "02:00:00:00:00:01".into(),
        hostname: "host".into(),
        arch: "x86_64".into(),
        os: "linux".into(),
    }
}

fn product(policy_extra: &str) -> Instance {
    let mut i = Instance::default();
    i.configure(&Config {
        trusted_keys: vec![vendor_key()],
        policy_json: format!(
            r#"{{"plans":{{"pro":{{"features":["reports"]}}}},"upgrade_url":"https://vendor.example/upgrade"{policy_extra}}}"#
        ),
        demo_mode: false,
        online: Some(OnlineInput {
            server_url: "https://license.example.com".into(),
            server_keys: vec![server_key()],
            ..OnlineInput::default()
        }),
        gateway_cache_bytes: 0,
    })
    .unwrap();
    let facts = DeviceFacts {
        mac: "02:00:00:00:00:01".into(),
        hostname: "host".into(),
        arch: "x86_64".into(),
        os: "linux".into(),
    };
    i.load_with_state(
        Some(&pro_key()),
        "explicit",
        NOW,
        &facts,
        &Stored::default(),
    );
    i
}

/// Activate and let the server answer `verdict`.
fn answered(i: &mut Instance, verdict: Verdict) -> Vec<(String, String)> {
    let req = i
        .online_request(OnlineAction::Activate, NOW, &[1; 16])
        .unwrap()
        .unwrap();
    let sent: serde_json::Value = serde_json::from_str(&req.body).unwrap();
    let a = Answer {
        verdict,
        status: 0,
        license_id: "lic_paid".into(),
        device_id: sent["device_id"].as_str().unwrap().into(),
        nonce: sent["nonce"].as_str().unwrap().into(),
        server_time: NOW,
        lease_ms: None,
        registered: Some(2),
        max: Some(2),
        message: "refused".into(),
        terms: None,
        offline_until: None,
    };
    let body = protocol::answer_body(&a);
    let status = verdict.status(false);
    let sig = server()
        .sk
        .sign(protocol::signing_input(status, &body), None);
    let r = Response {
        status,
        headers: vec![(
            protocol::SIGNATURE_HEADER.into(),
            protocol::signature_header("s1", sig.as_ref()),
        )],
        body,
    };
    i.apply_response(Ok(&r), NOW, &[0; 24], &DeviceFacts::default)
        .save
}

#[test]
fn a_device_limit_says_how_to_free_a_slot_in_the_vendors_words() {
    let mut i = product(r#","device_limit_hint":"free a slot at https://portal.vendor.example""#);
    answered(&mut i, Verdict::DeviceLimit);
    let e = i.snapshot(NOW).error.unwrap();
    assert_eq!(e.code, ErrorCode::DeviceLimitExceeded);
    assert!(
        e.message
            .ends_with("2 of 2 devices registered; free a slot at https://portal.vendor.example"),
        "{}",
        e.message
    );
    let mut plain = product("");
    answered(&mut plain, Verdict::DeviceLimit);
    let e = plain.snapshot(NOW).error.unwrap();
    assert!(
        e.message.ends_with(DEFAULT_DEVICE_LIMIT_HINT),
        "{}",
        e.message
    );
    assert!(e.message.contains("Deactivate(ctx)") && e.message.contains("deactivate()"));
}

#[test]
fn a_feature_refused_for_a_device_limit_or_a_revocation_keeps_that_cause() {
    for (verdict, code) in [
        (Verdict::DeviceLimit, ErrorCode::DeviceLimitExceeded),
        (Verdict::Revoked, ErrorCode::Revoked),
    ] {
        let mut i = product("");
        answered(&mut i, verdict);
        let e = i.check_feature("reports", NOW).unwrap_err();
        assert_eq!(e.code, code);
        assert_eq!(e.detail("feature"), Some("reports"));
        assert!(!e.message.contains("upgrade to a plan"), "{}", e.message);
        let g = i.gate("/api/reports", Some("reports"), NOW);
        assert_eq!((g.http_status, g.error.map(|e| e.code)), (403, Some(code)));
    }
}

#[test]
fn a_policy_device_limit_hint_is_bounded_text() {
    let mut i = Instance::default();
    for bad in [r#""""#, r#""a\nb""#, &format!("\"{}\"", "x".repeat(257))] {
        let e = i
            .configure(&Config {
                policy_json: format!(r#"{{"device_limit_hint":{bad}}}"#),
                ..Config::default()
            })
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidConfig, "{bad}");
        assert!(e.message.contains("device_limit_hint"), "{}", e.message);
    }
}

#[test]
fn a_last_error_read_from_the_saved_state_says_it_was_seen_by_another_check() {
    let mut i = product("");
    i.online_request(OnlineAction::Validate, NOW, &[1; 16])
        .unwrap()
        .unwrap();
    let out = i.apply_response(
        Err("TypeError: fetch failed (ECONNREFUSED)"),
        NOW,
        &[0; 24],
        &DeviceFacts::default,
    );
    let own = i.info(NOW, &facts()).online.unwrap().last_error.unwrap();
    assert!(
        !own.message.contains("sharing this state"),
        "{}",
        own.message
    );
    let mut next = product("");
    let stored = Stored {
        state: Some(&out.save[0].1),
        ..Stored::default()
    };
    next.load_with_state(Some(&pro_key()), "explicit", NOW + 1, &facts(), &stored);
    let e = next
        .info(NOW + 1, &facts())
        .online
        .unwrap()
        .last_error
        .unwrap();
    assert!(e.message.contains("ECONNREFUSED"), "{}", e.message);
    assert_eq!(
        e.message.matches("by a process sharing this state").count(),
        1,
        "{}",
        e.message
    );
}

#[test]
fn a_renewed_key_of_the_same_license_keeps_what_the_device_knows() {
    let mut i = product("");
    answered(&mut i, Verdict::Valid);
    assert_eq!(i.snapshot(NOW).status.as_str(), "active");
    // The renewal arrives as a new key file: same license, later expiry.
    let renewed = key_expiring("2028-01-01");
    let snap = i.load_with_state(
        Some(&renewed),
        "file:license.key",
        NOW + 5,
        &facts(),
        &Stored::default(),
    );
    assert_eq!(
        snap.status.as_str(),
        "active",
        "no restricted window after a renewal"
    );
    assert_eq!(snap.error, None);
    // Saved again under the new key, so a restart opens it too.
    let saved = i.take_resealed(&[7; 24]);
    assert_eq!(saved.len(), 2);
    assert!(i.take_resealed(&[8; 24]).is_empty(), "once");
    let mut restarted = product("");
    let stored = Stored {
        state: Some(&saved[0].1),
        witness: Some(&saved[1].1),
        newest_change: 0,
    };
    let snap = restarted.load_with_state(
        Some(&renewed),
        "file:license.key",
        NOW + 6,
        &facts(),
        &stored,
    );
    assert_eq!(snap.status.as_str(), "active", "{:?}", snap.error);
    // Another license's key starts afresh.
    let other = signed(r#"{"id":"lic_other","issued_at":"2026-01-01","plan":"pro"}"#);
    let snap = restarted.load_with_state(
        Some(&other),
        "explicit",
        NOW + 7,
        &facts(),
        &Stored::default(),
    );
    assert_eq!(snap.error.map(|e| e.code), Some(ErrorCode::NotValidated));
}

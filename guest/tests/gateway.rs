//! Gateway mode, natively: one instance, many callers' keys, and the
//! server's status list. The same rules run through the component in
//! `tests/vectors/gateway.json`.

use licensewarden_guest::fingerprint::DeviceFacts;
use licensewarden_guest::instance::{Config, Instance};
use licensewarden_guest::online::{OnlineAction, OnlineInput};
use licensewarden_guest::protocol::{self, Response};
use licensewarden_guest::{b64, token, ErrorCode};

const NOW: u64 = 1_780_000_000_000;

mod common;
use common::{server, server_key, signed, vendor_key};

fn key(id: &str, extra: &str) -> String {
    signed(&format!(
        r#"{{"id":"{id}","issued_at":"2026-01-01","plan":"pro"{extra}}}"#
    ))
}

fn forged(id: &str) -> String {
    let good = key(id, "");
    let (signed, _) = good.rsplit_once('.').unwrap();
    format!("{signed}.{}", b64::encode(&[7u8; 64]))
}

fn gateway(status_token: Option<&str>) -> Instance {
    let mut i = Instance::default();
    i.configure(&Config {
        trusted_keys: vec![vendor_key()],
        policy_json: r#"{"plans":{"pro":{"features":["sso"]}},"exempt_paths":["/health"]}"#.into(),
        demo_mode: false,
        online: status_token.map(|t| OnlineInput {
            server_url: "http://127.0.0.1:9".into(),
            server_keys: vec![server_key()],
            status_token: Some(t.into()),
            ..OnlineInput::default()
        }),
        gateway_cache_bytes: 0,
    })
    .unwrap();
    i
}

fn status(
    i: &mut Instance,
    key: Option<&str>,
    path: &str,
    feature: Option<&str>,
) -> (u16, Option<ErrorCode>) {
    let (d, _) = i.gate_key(key, path, feature, NOW);
    (d.gate.http_status, d.gate.error.map(|e| e.code))
}

#[test]
fn each_callers_key_is_decided_on_its_own_terms() {
    let mut g = gateway(None);
    let live = key("live", r#","features":["sso"]"#);
    let lapsed = key("lapsed", r#","expires_at":"2026-02-01""#);
    assert_eq!(
        status(&mut g, Some(&live), "/api", Some("sso")),
        (200, None)
    );
    assert_eq!(
        status(&mut g, Some(&lapsed), "/api", None),
        (503, Some(ErrorCode::Expired))
    );
    assert_eq!(
        status(&mut g, Some(&lapsed), "/health", None),
        (200, None),
        "exempt"
    );
    assert_eq!(
        status(&mut g, Some(&live), "/api", None),
        (200, None),
        "one key's expiry is not another's"
    );
    assert_eq!(
        status(&mut g, None, "/api", None),
        (401, Some(ErrorCode::NoLicense))
    );
    let (d, snap) = g.gate_key(Some(&live), "/api", None, NOW);
    assert_eq!(d.license_id.as_deref(), Some("live"));
    // The allowed caller's terms come with the decision, as key-snapshot gives them.
    assert_eq!(snap, Some(g.key_snapshot(&live, NOW).unwrap()));
    assert!(snap.unwrap().features.contains("sso"));
}

#[test]
fn garbage_takes_no_cache_slot_and_a_forgery_is_checked_once() {
    let mut g = gateway(None);
    for junk in ["", "garbage", "lg1.ed25519.nokid.e30.AAAA", "lg9.x.y.z.w"] {
        let (code, _) = status(&mut g, Some(junk), "/api", None);
        assert_eq!(code, 401, "{junk}");
    }
    assert_eq!(g.gateway_stats().cache.rejected, 0, "no crypto, no slot");
    let f = forged("evil");
    assert_eq!(
        status(&mut g, Some(&f), "/api", None),
        (401, Some(ErrorCode::BadSignature))
    );
    assert_eq!(
        status(&mut g, Some(&f), "/api", None),
        (401, Some(ErrorCode::BadSignature))
    );
    assert_eq!(g.gateway_stats().cache.rejected, 1);
}

#[test]
fn a_flood_of_forged_keys_leaves_the_paying_key_cached() {
    let mut g = gateway(None);
    let paying = key("paying", "");
    status(&mut g, Some(&paying), "/api", None);
    for n in 0..5_000 {
        status(&mut g, Some(&forged(&format!("f{n}"))), "/api", None);
    }
    let s = g.gateway_stats();
    assert_eq!(s.cache.verified, 1, "the paying key is still held");
    assert!(s.cache.rejected <= 4096);
    assert_eq!(status(&mut g, Some(&paying), "/api", None), (200, None));
}

#[test]
fn the_negative_cache_never_answers_for_a_key_that_verifies() {
    let mut g = gateway(None);
    let good = key("good", "");
    let forgery = forged("good");
    assert_eq!(status(&mut g, Some(&forgery), "/api", None).0, 401);
    assert_eq!(
        status(&mut g, Some(&good), "/api", None),
        (200, None),
        "a different token, a different digest"
    );
}

fn sign_answer(status: u16, body: &str) -> Response {
    let sig = server()
        .sk
        .sign(protocol::signing_input(status, body), None);
    Response {
        status,
        headers: vec![(
            protocol::SIGNATURE_HEADER.into(),
            protocol::signature_header("s1", sig.as_ref()),
        )],
        body: body.into(),
    }
}

fn list_answer(nonce: &str, serial: u64, licenses: &str) -> Response {
    sign_answer(
        200,
        &format!(
            r#"{{"licenses":[{licenses}],"more":false,"nonce":"{nonce}","result":"status","serial":{serial},"server_time":{NOW},"v":1}}"#
        ),
    )
}

fn fetch(g: &mut Instance, serial: u64, licenses: &str) -> Option<ErrorCode> {
    let req = g
        .online_request(OnlineAction::Validate, NOW, &[1; 16])
        .unwrap()
        .unwrap();
    assert!(req.url.ends_with("/v1/status"));
    assert_eq!(req.headers[0].1, "Bearer st_secret");
    let nonce = b64::encode(&[1; 16]);
    let answer = list_answer(&nonce, serial, licenses);
    g.apply_response(Ok(&answer), NOW, &[0; 24], &DeviceFacts::default)
        .error
        .map(|e| e.code)
}

#[test]
fn the_status_list_revokes_suspends_renews_and_deletes_without_a_device() {
    let mut g = gateway(Some("st_secret"));
    let a = key("a", "");
    let b = key("b", r#","expires_at":"2026-02-01""#);
    let c = key("c", "");
    assert_eq!(status(&mut g, Some(&a), "/api", None), (200, None));
    let renewed = r#"{"id":"b","state":"active","terms":{"expires_at":"2027-12-31","features":["sso"],"issued_at":"2026-01-01","id":"b","plan":"pro"}}"#;
    let lists = format!(
        r#"{{"id":"a","reason":"unpaid","state":"suspended"}},{renewed},{{"id":"c","state":"deleted"}}"#
    );
    assert_eq!(fetch(&mut g, 7, &lists), None);
    assert_eq!(
        status(&mut g, Some(&a), "/api", None),
        (403, Some(ErrorCode::Suspended))
    );
    assert_eq!(
        status(&mut g, Some(&a), "/health", None).0,
        403,
        "standing is checked on every path"
    );
    assert_eq!(
        status(&mut g, Some(&b), "/api", Some("sso")),
        (200, None),
        "renewed and upgraded"
    );
    assert_eq!(
        status(&mut g, Some(&c), "/api", None),
        (403, Some(ErrorCode::LicenseNotFound))
    );
    assert_eq!(g.gateway_stats().status_serial, 7);
    // Reinstated: the delta names it active without terms.
    assert_eq!(
        fetch(
            &mut g,
            9,
            r#"{"id":"a","state":"active"},{"id":"c","reason":"","state":"revoked"}"#
        ),
        None
    );
    assert_eq!(status(&mut g, Some(&a), "/api", None), (200, None));
    assert_eq!(
        status(&mut g, Some(&c), "/api", None),
        (403, Some(ErrorCode::Revoked))
    );
    assert_eq!(g.gateway_stats().status_licenses, 2);
}

#[test]
fn a_replayed_or_older_status_list_is_refused_and_the_list_held_stays() {
    let mut g = gateway(Some("st_secret"));
    let a = key("a", "");
    assert_eq!(fetch(&mut g, 5, r#"{"id":"a","state":"revoked"}"#), None);
    g.online_request(OnlineAction::Validate, NOW, &[2; 16])
        .unwrap();
    let stale = list_answer(&b64::encode(&[1; 16]), 6, r#"{"id":"a","state":"active"}"#);
    let e = g
        .apply_response(Ok(&stale), NOW, &[0; 24], &DeviceFacts::default)
        .error
        .unwrap();
    assert_eq!(e.code, ErrorCode::BadResponse);
    assert_eq!(
        fetch(&mut g, 4, r#"{"id":"a","state":"active"}"#),
        Some(ErrorCode::BadResponse)
    );
    let mut unsigned = list_answer(&b64::encode(&[1; 16]), 9, "");
    unsigned.headers.clear();
    g.online_request(OnlineAction::Validate, NOW, &[1; 16])
        .unwrap();
    assert_eq!(
        g.apply_response(Ok(&unsigned), NOW, &[0; 24], &DeviceFacts::default)
            .error
            .unwrap()
            .code,
        ErrorCode::Offline
    );
    assert_eq!(
        status(&mut g, Some(&a), "/api", None),
        (403, Some(ErrorCode::Revoked))
    );
    let info = g.info(NOW, &Default::default()).online.unwrap();
    assert_eq!(info.last_error.unwrap().code, ErrorCode::Offline);
}

#[test]
fn a_gateway_registers_no_device() {
    let mut g = gateway(Some("st_secret"));
    let e = g
        .online_request(OnlineAction::Activate, NOW, &[1; 16])
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidConfig);
    assert!(g
        .online_request(OnlineAction::ValidateIfDue, NOW, &[1; 16])
        .unwrap()
        .is_some());
    assert!(
        g.online_request(OnlineAction::ValidateIfDue, NOW + 1, &[1; 16])
            .unwrap()
            .is_none(),
        "retry later"
    );
}

#[test]
fn a_handler_reads_the_callers_terms_on_demand() {
    let mut g = gateway(None);
    let live = key("live", r#","features":["sso"]"#);
    let snap = g.key_snapshot(&live, NOW).unwrap();
    assert_eq!(snap.plan, "pro");
    assert!(snap.features.contains("sso"));
    assert_eq!(
        g.gateway_stats().cache.verified,
        1,
        "verified once, then cached"
    );
    assert_eq!(
        g.key_snapshot(&forged("x"), NOW).unwrap_err().code,
        ErrorCode::BadSignature
    );
    assert_eq!(
        g.key_snapshot("junk", NOW).unwrap_err().code,
        ErrorCode::Malformed
    );
}

#[test]
fn a_refusal_tells_the_caller_nothing_of_the_gateways_trusted_keys() {
    let mut g = gateway(None);
    let wrong_alg = token::signed_part_named("hs256", "k1", br#"{"id":"x"}"#) + ".AAAA";
    for (junk, code) in [
        ("lg1.ed25519.nokid.e30.AAAA", ErrorCode::UnknownKeyId),
        (wrong_alg.as_str(), ErrorCode::WrongAlgorithm),
    ] {
        let (d, _) = g.gate_key(Some(junk), "/api", None, NOW);
        let e = d.gate.error.expect("refused");
        assert_eq!((d.gate.http_status, e.code), (401, code));
        for secret in ["'k1'", "trusted:", "ed25519"] {
            assert!(
                !e.message.contains(secret) && !d.gate.body.contains(secret),
                "{secret} leaked: {}",
                d.gate.body
            );
        }
    }
    // The instance's own answer (an operator's view) keeps the detail.
    let own = g.verify("lg1.ed25519.nokid.e30.AAAA", NOW).unwrap_err();
    assert!(own.message.contains("k1"), "{}", own.message);
}

//! The license's life on the server, as products see it: terms carried in
//! signed `valid` answers (renewal, upgrade, downgrade, new limits),
//! suspension and reinstatement, deletion, the server's lease, and what an
//! expired license leaves under each `on_expiry` policy.

use serde_json::{json, Value};

use super::{ms, status, Gen, Reply, Verdict, H, URL};
use crate::gen::policy;

/// The key's expiry instant: `expires_at: "2026-12-31"` ends at midnight.
const KEY_END: &str = "2027-01-01T00:00:00Z";

/// Terms as a license server sends them for the vectors' license.
fn terms(plan: &str, expires: Option<&str>, features: &[&str], limits: Value) -> Value {
    let mut t = json!({"id": "lic_pro_1", "org": "Acme Corp", "plan": plan,
        "issued_at": "2026-01-01T00:00:00Z", "features": features, "limits": limits,
        "updated_at": "2026-06-01T00:00:00Z"});
    if let Some(e) = expires {
        t["expires_at"] = json!(e);
    }
    t
}

fn valid_with(t: Value) -> Reply {
    Reply {
        terms: Some(t),
        ..super::reply(Verdict::Valid)
    }
}

#[allow(clippy::too_many_lines)]
pub(super) fn cases(g: &mut Gen) {
    let due = json!({"request": {"method": "POST", "url": format!("{URL}/v1/validate")}});

    let mut c = g.case(
        "terms-renewal-picked-up",
        "An expired key keeps checking; a valid answer whose signed terms carry a later expiry makes the license active again without a new key, and the terms survive a restart",
    );
    let end = ms(KEY_END) as i64 - c.at(0) as i64;
    c.validate_ok(c.at(0));
    c.snapshot(
        c.at(end + H as i64),
        json!({"status": "expired", "blocking": true, "code": "expired"}),
    );
    c.request(c.at(end + H as i64), "validate-if-due", due.clone());
    c.answer(
        c.at(end + H as i64),
        valid_with(terms("pro", Some("2027-12-31"), &[], json!({}))),
        json!({"code": null, "status": "active"}),
    );
    c.snapshot(
        c.at(end + H as i64),
        json!({"status": "active", "plan": "pro", "blocking": false,
        "valid_until": c.at(end + 25 * H as i64)}),
    );
    c.info(c.at(end + H as i64), json!({"status": "active", "plan": "pro", "expires_at": ms("2028-01-01T00:00:00Z"),
        "online": {"terms_changed": "renewed: expires 2027-12-31 (the key says 2026-12-31) (license server, 2027-01-01T01:00:00Z)"}}));
    c.gate(
        c.at(end + H as i64),
        "/api/devices",
        Some("api_access"),
        json!({"allow": true, "status": 200}),
    );
    c.restart(
        c.at(end + 2 * H as i64),
        json!({"status": "active", "plan": "pro"}),
    );
    g.push(c);

    let mut c = g.case(
        "terms-expired-key-checks-every-retry",
        "An expired key whose server also says expired asks again once per retry hour, never more often",
    );
    let end = ms(KEY_END) as i64 - c.at(0) as i64;
    c.request(c.at(end), "validate-if-due", due.clone());
    c.answer(
        c.at(end),
        super::reply(Verdict::Expired),
        json!({"code": "expired", "status": "expired"}),
    );
    c.request(
        c.at(end + H as i64 - 1),
        "validate-if-due",
        json!({"request": null}),
    );
    c.request(c.at(end + H as i64), "validate-if-due", due.clone());
    g.push(c);

    let mut c = g.case(
        "terms-upgrade-unlocks-feature",
        "A plan upgrade in the signed terms unlocks the new plan's features at the next check",
    );
    c.gate(
        c.at(0),
        "/api/sso",
        Some("sso"),
        json!({"allow": false, "status": 403}),
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    c.answer(
        c.at(0),
        valid_with(terms("enterprise", Some("2026-12-31"), &[], json!({}))),
        json!({"code": null, "status": "active"}),
    );
    c.snapshot(
        c.at(0),
        json!({"status": "active", "plan": "enterprise", "all_features": true}),
    );
    c.gate(
        c.at(0),
        "/api/sso",
        Some("sso"),
        json!({"allow": true, "status": 200}),
    );
    c.info(
        c.at(0),
        json!({"plan": "enterprise", "online": {"terms_changed":
        "plan changed from pro to enterprise (license server, 2026-06-01T00:00:00Z)"}}),
    );
    g.push(c);

    let mut c = g.case(
        "terms-downgrade-removes-feature",
        "A downgrade in the signed terms removes the old plan's features at the next check after the lease",
    );
    c.validate_ok(c.at(0));
    c.gate(
        c.at(0),
        "/api/x",
        Some("api_access"),
        json!({"allow": true, "status": 200}),
    );
    c.request(c.at(24 * H as i64), "validate-if-due", due.clone());
    c.answer(
        c.at(24 * H as i64),
        valid_with(terms("community", Some("2026-12-31"), &[], json!({}))),
        json!({"code": null, "status": "active"}),
    );
    c.gate(
        c.at(24 * H as i64),
        "/api/x",
        Some("api_access"),
        json!({"allow": false, "status": 403, "code": "feature-not-licensed"}),
    );
    c.snapshot(
        c.at(24 * H as i64),
        json!({"status": "active", "plan": "community", "features": ["basic_discovery"]}),
    );
    g.push(c);

    let mut c = g.case(
        "terms-features-and-limits-changed",
        "Features and limits set by the server are the license's; info says what changed from the key",
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    c.answer(
        c.at(0),
        valid_with(terms(
            "pro",
            Some("2026-12-31"),
            &["audit_logging"],
            json!({"max_devices": 10}),
        )),
        json!({"code": null, "status": "active"}),
    );
    c.gate(
        c.at(0),
        "/api/audit",
        Some("audit_logging"),
        json!({"allow": true, "status": 200}),
    );
    c.info(c.at(0), json!({"online": {"terms_changed":
        "features added: audit_logging; max_devices - -> 10 (license server, 2026-06-01T00:00:00Z)"}}));
    g.push(c);

    let mut c = g.case(
        "suspended-runs-community-with-reason",
        "A suspended license runs the community tier (not a 503) with the vendor's reason; the next check after the retry hour reinstates it",
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    c.answer(
        c.at(0),
        Reply {
            devices: None,
            message: Some("invoice 1042 is unpaid".into()),
            ..super::reply(Verdict::Suspended)
        },
        json!({"code": "suspended", "status": "invalid", "details": {"license_id": "lic_pro_1"}}),
    );
    c.snapshot(
        c.at(0),
        json!({"status": "invalid", "code": "suspended", "plan": "community",
        "features": ["basic_discovery"], "blocking": false}),
    );
    c.gate(
        c.at(0),
        "/api/devices",
        None,
        json!({"allow": true, "status": 200}),
    );
    c.gate(
        c.at(0),
        "/api/x",
        Some("api_access"),
        json!({"allow": false, "status": 403, "code": "suspended"}),
    );
    c.request(
        c.at(H as i64 - 1),
        "validate-if-due",
        json!({"request": null}),
    );
    c.validate_ok(c.at(H as i64));
    c.snapshot(
        c.at(H as i64),
        json!({"status": "active", "plan": "pro", "code": null}),
    );
    g.push(c);

    let mut c = g.case(
        "deleted-license-not-found-after-valid",
        "A license the vendor deleted is license-not-found at the next check, community tier",
    );
    c.validate_ok(c.at(0));
    c.request(c.at(24 * H as i64), "validate-if-due", due.clone());
    c.answer(
        c.at(24 * H as i64),
        Reply {
            devices: None,
            ..super::reply(Verdict::NotFound)
        },
        json!({"code": "license-not-found", "status": "invalid"}),
    );
    c.snapshot(
        c.at(24 * H as i64),
        json!({"plan": "community", "blocking": false}),
    );
    g.push(c);

    let mut c = g.case(
        "terms-altered-after-signing",
        "Terms changed after the server signed the answer (a plan raised in transit) do not verify",
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    let good = valid_with(terms("pro", Some("2026-12-31"), &[], json!({})));
    let body = c.answer_body(c.at(0), &good);
    let sig = c.server.sign_answer(200, &body);
    let altered = body.replace("\"plan\":\"pro\"", "\"plan\":\"enterprise\"");
    assert_ne!(altered, body);
    c.raw(
        c.at(0),
        200,
        json!({"x-licensewarden-signature": sig}),
        &altered,
        json!({"code": "bad-signature", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "terms-for-another-license",
        "Signed terms naming another license id are refused (bad-response), never applied",
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    let mut t = terms("enterprise", None, &[], json!({}));
    t["id"] = json!("lic_other");
    c.answer(
        c.at(0),
        valid_with(t),
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "terms-not-a-license",
        "Signed terms that are not a valid license (no plan, a bad limit) are refused (bad-response)",
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    let mut t = terms("pro", None, &[], json!({}));
    t.as_object_mut().unwrap().remove("plan");
    c.answer(
        c.at(0),
        valid_with(t),
        json!({"code": "bad-response", "status": "restricted"}),
    );
    c.request(c.at(H as i64), "validate-if-due", due.clone());
    c.answer(
        c.at(H as i64),
        valid_with(terms("pro", None, &[], json!({"max_devices": -1}))),
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "server-lease-shortens-checks",
        "A lease the server sets per license (15 min) ends the active period and makes the next check due then",
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    c.answer(
        c.at(0),
        Reply {
            lease_ms: Some(15 * 60 * 1000),
            ..super::reply(Verdict::Valid)
        },
        json!({"status": "active"}),
    );
    c.snapshot(
        c.at(0),
        json!({"status": "active", "valid_until": c.at(15 * 60 * 1000)}),
    );
    c.request(c.at(15 * 60 * 1000), "validate-if-due", due.clone());
    g.push(c);

    let mut c = g.case(
        "server-lease-floor",
        "A server lease under 5 minutes is read as 5 minutes: a server cannot make products check constantly",
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    c.answer(
        c.at(0),
        Reply {
            lease_ms: Some(1000),
            ..super::reply(Verdict::Valid)
        },
        json!({"status": "active"}),
    );
    c.snapshot(
        c.at(0),
        json!({"status": "active", "valid_until": c.at(5 * 60 * 1000)}),
    );
    g.push(c);

    let community_policy = |mut cfg: Value| {
        let mut p = policy();
        p["on_expiry"] = json!("community");
        cfg["policy"] = p;
        cfg
    };
    let mut c = g.case_with(
        "on-expiry-community-server-says-expired",
        "With on_expiry \"community\", a license the server says expired runs the community tier instead of answering 503",
        community_policy(g.config()),
        Some(&g.token.clone()),
    );
    c.request(c.at(0), "validate-if-due", due.clone());
    c.answer(
        c.at(0),
        super::reply(Verdict::Expired),
        json!({"code": "expired", "status": "expired"}),
    );
    c.snapshot(
        c.at(0),
        json!({"status": "expired", "plan": "community", "blocking": false,
        "features": ["basic_discovery"], "code": "expired"}),
    );
    c.gate(
        c.at(0),
        "/api/devices",
        None,
        json!({"allow": true, "status": 200}),
    );
    g.push(c);

    let mut c = g.case_with(
        "on-expiry-community-key-expired",
        "With on_expiry \"community\", an expired key runs the community tier until the server renews it",
        community_policy(g.config()),
        Some(&g.token.clone()),
    );
    let end = ms(KEY_END) as i64 - c.at(0) as i64;
    c.snapshot(
        c.at(end),
        json!({"status": "expired", "plan": "community", "blocking": false}),
    );
    c.gate(
        c.at(end),
        "/api/devices",
        None,
        json!({"allow": true, "status": 200}),
    );
    c.request(c.at(end), "validate-if-due", due.clone());
    c.answer(
        c.at(end),
        valid_with(terms("pro", Some("2027-06-30"), &[], json!({}))),
        status("active", Value::Null),
    );
    g.push(c);

    let mut c = g.case(
        "on-expiry-block-is-the-default",
        "Without on_expiry, an expired key blocks non-exempt requests with 503 (exempt paths stay open)",
    );
    let end = ms(KEY_END) as i64 - c.at(0) as i64;
    c.gate(
        c.at(end),
        "/api/devices",
        None,
        json!({"allow": false, "status": 503, "code": "expired"}),
    );
    c.gate(
        c.at(end),
        "/health",
        None,
        json!({"allow": true, "status": 200}),
    );
    g.push(c);
}

//! `tests/vectors/info.json`: info: status, flags, limits, days remaining.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "info: status, flags, limits, days remaining";

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let (a, b) = (g.k.a.clone(), g.k.b.clone());
    let pro = a.issue(&spec("pro"));
    let expiring = a.issue(&LicenseSpec {
        expires_at: Some("2026-06-03".into()),
        ..spec("pro")
    });
    g.case("info/days-remaining-rounds-up", "2.5 days left shows 3", json!({"op": "info", "key": expiring, "now_ms": ms("2026-06-01T12:00:00Z")}),
        json!({"info": {"valid": true, "status": "active", "days_remaining": 3, "expires_text": "2026-06-03", "expires_at": ms("2026-06-04T00:00:00Z")}}));
    let exact = a.issue(&LicenseSpec {
        expires_at: Some("2026-06-03T00:00:00Z".into()),
        ..spec("pro")
    });
    g.case(
        "info/days-remaining-exact",
        "Exactly 2 days left shows 2",
        json!({"op": "info", "key": exact}),
        json!({"info": {"days_remaining": 2}}),
    );
    g.case(
        "info/days-remaining-last-millisecond",
        "One millisecond left shows 1",
        json!({"op": "info", "key": exact, "now_ms": ms("2026-06-03T00:00:00Z") - 1}),
        json!({"info": {"days_remaining": 1, "status": "active"}}),
    );
    g.case("info/active-pro", "Plan, org, flags and limits of a pro license", json!({"op": "info", "key": pro}),
        json!({"info": {"valid": true, "status": "active", "plan": "pro", "org": "Acme Corp", "license_id": "lic_pro_1", "kid": "k-2026a", "key_source": "explicit",
            "features": {"api_access": true, "audit_logging": false, "basic_discovery": true, "rbac": true, "sso": false},
            "limits": {"max_devices": {"max": 5, "current": 0, "soft": false}, "max_identities": {"max": 1000, "current": 0, "soft": true}},
            "days_remaining": 214, "demo": false, "error_code": null}}));
    g.case("info/expired", "Expired: 0 days, every flag off, error expired", json!({"op": "info", "key": pro, "now_ms": ms("2027-01-02T00:00:00Z")}),
        json!({"info": {"valid": false, "status": "expired", "days_remaining": 0, "error_code": "expired", "features": {"api_access": false, "basic_discovery": false}}}));
    g.case("info/community-no-key", "No key: community tier, not an error state", json!({"op": "info"}),
        json!({"info": {"valid": false, "status": "community", "plan": "community", "key_source": "none", "license_id": null, "days_remaining": null,
            "features": {"api_access": false, "basic_discovery": true}, "limits": {"max_devices": {"max": 1}}, "error_code": "no-license"}}));
    let tampered = flip_signature_bit(&pro, 0, 0x80);
    g.case("info/invalid-key", "A rejected key: community tier, the reason shown, nothing from the untrusted payload", json!({"op": "info", "key": tampered}),
        json!({"info": {"valid": false, "status": "invalid", "plan": "community", "org": null, "license_id": null, "error_code": "bad-signature"}}));
    g.case("info/enterprise-unlocks-all", "Enterprise turns every known flag on", json!({"op": "info", "key": b.issue(&spec("enterprise"))}),
        json!({"info": {"plan": "enterprise", "features": {"api_access": true, "audit_logging": true, "basic_discovery": true, "rbac": true, "sso": true}}}));
    let mut demo = g.config();
    demo["demo_mode"] = json!(true);
    g.case("info/demo-mode", "Demo mode: everything on and reported as demo", json!({"op": "info", "config": demo}),
        json!({"info": {"valid": true, "status": "demo", "demo": true, "features": {"sso": true, "api_access": true}, "error_code": null}}));
    let mut demo_policy = g.config();
    demo_policy["policy"]["demo"] = json!(true);
    g.case(
        "info/demo-mode-from-policy",
        "Demo mode set in the policy",
        json!({"op": "info", "config": demo_policy}),
        json!({"info": {"status": "demo"}}),
    );
    let perpetual = a.issue(&LicenseSpec {
        expires_at: None,
        ..spec("pro")
    });
    g.case(
        "info/perpetual",
        "No expiry: no days remaining figure",
        json!({"op": "info", "key": perpetual}),
        json!({"info": {"status": "active", "days_remaining": null, "expires_at": null}}),
    );
    let nbf = a.issue(&LicenseSpec {
        not_before: Some("2026-07-01".into()),
        ..spec("pro")
    });
    g.case("info/not-yet-valid", "Before not_before: community tier meanwhile", json!({"op": "info", "key": nbf}),
        json!({"info": {"status": "not-yet-valid", "plan": "community", "error_code": "not-yet-valid", "features": {"api_access": false}}}));
    let custom = a.issue(&LicenseSpec {
        features: vec!["sso".into()],
        limits: vec![("max_devices".into(), 10)],
        ..spec("pro")
    });
    g.case("info/license-overrides-plan", "Token features add to the plan; token limits override it", json!({"op": "info", "key": custom}),
        json!({"info": {"features": {"sso": true, "api_access": true}, "limits": {"max_devices": {"max": 10}}}}));
    g.take()
}

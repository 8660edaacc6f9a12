//! `tests/vectors/gate.json`: gate: 503 after expiry with exempt paths, 403 for missing features.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "gate: 503 after expiry with exempt paths, 403 for missing features";

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let a = g.k.a.clone();
    let pro = a.issue(&spec("pro"));
    let later = ms("2027-01-01T00:00:00Z");
    let allow = json!({"allow": true, "status": 200, "code": null, "body": ""});
    g.case(
        "gate/active-plain-route",
        "Active license, no feature needed",
        json!({"op": "gate", "key": pro, "path": "/api/devices"}),
        allow.clone(),
    );
    g.case(
        "gate/active-feature-route",
        "Feature present",
        json!({"op": "gate", "key": pro, "path": "/api/query", "feature": "api_access"}),
        allow.clone(),
    );
    g.case(
        "gate/missing-feature-403",
        "Feature missing: 403 naming it",
        json!({"op": "gate", "key": pro, "path": "/sso/login", "feature": "sso"}),
        json!({"allow": false, "status": 403, "code": "feature-not-licensed"}),
    );
    g.case(
        "gate/expired-503",
        "After expiry new requests get 503",
        json!({"op": "gate", "key": pro, "path": "/api/devices", "now_ms": later}),
        json!({"allow": false, "status": 503, "code": "expired"}),
    );
    g.case("gate/expired-feature-route-503", "Expiry wins over feature checks", json!({"op": "gate", "key": pro, "path": "/api/query", "feature": "api_access", "now_ms": later}), json!({"allow": false, "status": 503, "code": "expired"}));
    for (id, path) in [
        ("health", "/health"),
        ("ready", "/ready"),
        ("metrics", "/metrics"),
        ("license-status", "/license"),
        ("login", "/login"),
        ("health-subpath", "/health/live"),
        ("query-string", "/metrics?format=text"),
    ] {
        g.case(
            &format!("gate/expired-exempt-{id}"),
            "Exempt paths stay open after expiry",
            json!({"op": "gate", "key": pro, "path": path, "now_ms": later}),
            allow.clone(),
        );
    }
    for (id, path) in [
        ("traversal", "/health/../admin"),
        ("prefix-not-segment", "/healthz"),
        ("encoded", "/health/%2e%2e/admin"),
        ("double-slash", "//health"),
    ] {
        g.case(
            &format!("gate/expired-not-exempt-{id}"),
            "Look-alike paths are not exempt",
            json!({"op": "gate", "key": pro, "path": path, "now_ms": later}),
            json!({"allow": false, "status": 503}),
        );
    }
    g.case(
        "gate/community-feature-route",
        "No key, paid route: 403",
        json!({"op": "gate", "path": "/api/query", "feature": "api_access"}),
        json!({"allow": false, "status": 403, "code": "feature-not-licensed"}),
    );
    g.case(
        "gate/community-plain-route",
        "No key, plain route: allowed",
        json!({"op": "gate", "path": "/"}),
        allow,
    );
    g.take()
}

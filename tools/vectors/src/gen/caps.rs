//! `tests/vectors/caps.json`: check-cap: within, soft and hard caps, 0 = unlimited.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "check-cap: within, soft and hard caps, 0 = unlimited";

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let (a, b) = (g.k.a.clone(), g.k.b.clone());
    let pro = a.issue(&spec("pro"));
    let cap = |cap: &str, current: u64| json!({"op": "check_cap", "key": pro, "cap": cap, "current": current});
    g.case(
        "cap/within",
        "3 of 5 devices",
        cap("max_devices", 3),
        json!({"outcome": "within", "max": 5, "code": null}),
    );
    g.case(
        "cap/at-cap",
        "Exactly at the cap is within",
        cap("max_devices", 5),
        json!({"outcome": "within"}),
    );
    g.case(
        "cap/hard-exceeded",
        "One over a hard cap",
        cap("max_devices", 6),
        json!({"outcome": "hard-exceeded", "code": "cap-exceeded"}),
    );
    g.case(
        "cap/soft-exceeded",
        "Over a soft cap: warn and allow",
        cap("max_identities", 1001),
        json!({"outcome": "soft-exceeded", "code": "cap-exceeded"}),
    );
    g.case(
        "cap/absent-cap",
        "A cap the license does not set",
        cap("max_widgets", 1_000_000),
        json!({"outcome": "within", "max": 0}),
    );
    g.case("cap/zero-means-unlimited", "0 means no cap", json!({"op": "check_cap", "key": b.issue(&spec("enterprise")), "cap": "max_devices", "current": 1_000_000}), json!({"outcome": "within", "max": 0}));
    let custom = a.issue(&LicenseSpec {
        limits: vec![("max_devices".into(), 10)],
        ..spec("pro")
    });
    g.case(
        "cap/token-overrides-plan",
        "Token limit 10 beats plan limit 5",
        json!({"op": "check_cap", "key": custom, "cap": "max_devices", "current": 8}),
        json!({"outcome": "within", "max": 10}),
    );
    g.case(
        "cap/community-one-device",
        "Community tier: one device",
        json!({"op": "check_cap", "cap": "max_devices", "current": 2}),
        json!({"outcome": "hard-exceeded", "max": 1}),
    );
    g.take()
}

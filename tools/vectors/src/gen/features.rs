//! `tests/vectors/features.json`: check-feature: plans, token features, community, demo, expiry.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "check-feature: plans, token features, community, demo, expiry";

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let (a, b) = (g.k.a.clone(), g.k.b.clone());
    let pro = a.issue(&spec("pro"));
    let ok = json!({"ok": true});
    g.case(
        "feature/pro-has-api-access",
        "A plan feature",
        json!({"op": "check_feature", "key": pro, "feature": "api_access"}),
        ok.clone(),
    );
    g.case("feature/pro-lacks-sso", "Denied naming feature and plan", json!({"op": "check_feature", "key": pro, "feature": "sso"}),
        json!({"ok": false, "code": "feature-not-licensed", "details": {"feature": "sso", "plan": "pro"}}));
    g.case(
        "feature/unknown-feature",
        "A feature no plan mentions is denied too",
        json!({"op": "check_feature", "key": pro, "feature": "teleport"}),
        bad("feature-not-licensed"),
    );
    let custom = a.issue(&LicenseSpec {
        features: vec!["sso".into()],
        ..spec("pro")
    });
    g.case(
        "feature/token-adds-feature",
        "A feature granted by the token itself",
        json!({"op": "check_feature", "key": custom, "feature": "sso"}),
        ok.clone(),
    );
    g.case("feature/enterprise-unlocks-all", "Enterprise allows any feature name", json!({"op": "check_feature", "key": b.issue(&spec("enterprise")), "feature": "anything_new"}), ok.clone());
    g.case(
        "feature/community-basic",
        "Community tier features work without a key",
        json!({"op": "check_feature", "feature": "basic_discovery"}),
        ok.clone(),
    );
    g.case(
        "feature/community-lacks-paid",
        "Paid features need a key",
        json!({"op": "check_feature", "feature": "api_access"}),
        json!({"ok": false, "code": "feature-not-licensed", "details": {"plan": "community"}}),
    );
    g.case("feature/expired", "After expiry every check says expired", json!({"op": "check_feature", "key": pro, "feature": "api_access", "now_ms": ms("2027-01-01T00:00:00Z")}),
        json!({"ok": false, "code": "expired", "details": {"feature": "api_access"}}));
    let mut demo = g.config();
    demo["demo_mode"] = json!(true);
    g.case(
        "feature/demo",
        "Demo mode allows everything",
        json!({"op": "check_feature", "config": demo, "feature": "sso"}),
        ok.clone(),
    );
    g.case("feature/tampered-key-gets-community", "A rejected key never grants more than community", json!({"op": "check_feature", "key": g.k.forged_a.issue(&spec("enterprise")), "feature": "sso"}), bad("bad-signature"));
    g.case("feature/unknown-plan-uses-token-features", "A plan the policy does not know grants only the token's features",
        json!({"op": "check_feature", "key": a.issue(&LicenseSpec { features: vec!["rbac".into()], ..spec("legacy") }), "feature": "api_access"}), bad("feature-not-licensed"));
    g.take()
}

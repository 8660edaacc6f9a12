//! `tests/vectors/metrics.json`: metrics: Prometheus text.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "metrics: Prometheus text";

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let pro = g.k.a.issue(&spec("pro"));
    let text = "# HELP acme_license_info Current license status and plan (always 1).\n# TYPE acme_license_info gauge\nacme_license_info{plan=\"pro\",status=\"active\"} 1\n# HELP acme_license_valid 1 when a verified license or demo mode is in force.\n# TYPE acme_license_valid gauge\nacme_license_valid 1\n# HELP acme_license_expires_at License expiry as a unix timestamp in seconds; 0 when it never expires.\n# TYPE acme_license_expires_at gauge\nacme_license_expires_at 1798761600\n# HELP acme_license_limit_max Licensed cap per limit; 0 means no cap.\n# TYPE acme_license_limit_max gauge\nacme_license_limit_max{limit=\"max_devices\"} 5\nacme_license_limit_max{limit=\"max_identities\"} 1000\n# HELP acme_license_limit_current Last usage reported per limit.\n# TYPE acme_license_limit_current gauge\nacme_license_limit_current{limit=\"max_devices\"} 3\nacme_license_limit_current{limit=\"max_identities\"} 1200\n# HELP acme_license_feature_enabled 1 when the feature is enabled for the current license.\n# TYPE acme_license_feature_enabled gauge\nacme_license_feature_enabled{feature=\"api_access\"} 1\nacme_license_feature_enabled{feature=\"audit_logging\"} 0\nacme_license_feature_enabled{feature=\"basic_discovery\"} 1\nacme_license_feature_enabled{feature=\"rbac\"} 1\nacme_license_feature_enabled{feature=\"sso\"} 0\n";
    g.case("metrics/active-with-usage", "Prometheus text with the configured prefix and reported usage", json!({"op": "metrics", "key": pro, "usage": [["max_devices", 3], ["max_identities", 1200]]}), json!({"metrics": text}));
    let mut default_prefix = g.config();
    default_prefix["policy"] = Value::Null;
    g.case("metrics/community-default-prefix", "No policy, no key", json!({"op": "metrics", "config": default_prefix}),
        json!({"metrics": "# HELP licensewarden_license_info Current license status and plan (always 1).\n# TYPE licensewarden_license_info gauge\nlicensewarden_license_info{plan=\"community\",status=\"community\"} 1\n# HELP licensewarden_license_valid 1 when a verified license or demo mode is in force.\n# TYPE licensewarden_license_valid gauge\nlicensewarden_license_valid 0\n# HELP licensewarden_license_expires_at License expiry as a unix timestamp in seconds; 0 when it never expires.\n# TYPE licensewarden_license_expires_at gauge\nlicensewarden_license_expires_at 0\n# HELP licensewarden_license_limit_max Licensed cap per limit; 0 means no cap.\n# TYPE licensewarden_license_limit_max gauge\n# HELP licensewarden_license_limit_current Last usage reported per limit.\n# TYPE licensewarden_license_limit_current gauge\n# HELP licensewarden_license_feature_enabled 1 when the feature is enabled for the current license.\n# TYPE licensewarden_license_feature_enabled gauge\n"}));
    g.take()
}

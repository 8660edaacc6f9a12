//! Prometheus text exposition, identical in every host.

use std::fmt::Write as _;

use crate::report::Info;

fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Render `info` with every metric name prefixed by `prefix`.
pub fn render(info: &Info, prefix: &str) -> String {
    let mut out = String::new();
    let mut gauge = |name: &str, help: &str, samples: Vec<(String, u64)>| {
        let _ = writeln!(out, "# HELP {prefix}_{name} {help}");
        let _ = writeln!(out, "# TYPE {prefix}_{name} gauge");
        for (labels, value) in samples {
            let _ = writeln!(out, "{prefix}_{name}{labels} {value}");
        }
    };
    gauge(
        "license_info",
        "Current license status and plan (always 1).",
        vec![(
            format!(
                "{{plan=\"{}\",status=\"{}\"}}",
                label(&info.plan),
                info.status.as_str()
            ),
            1,
        )],
    );
    gauge(
        "license_valid",
        "1 when a verified license or demo mode is in force.",
        vec![(String::new(), u64::from(info.valid))],
    );
    gauge(
        "license_expires_at",
        "License expiry as a unix timestamp in seconds; 0 when it never expires.",
        vec![(String::new(), info.expires_at.map_or(0, |ms| ms / 1000))],
    );
    gauge(
        "license_limit_max",
        "Licensed cap per limit; 0 means no cap.",
        info.limits
            .iter()
            .map(|l| (format!("{{limit=\"{}\"}}", label(&l.name)), l.max))
            .collect(),
    );
    gauge(
        "license_limit_current",
        "Last usage reported per limit.",
        info.limits
            .iter()
            .map(|l| (format!("{{limit=\"{}\"}}", label(&l.name)), l.current))
            .collect(),
    );
    gauge(
        "license_feature_enabled",
        "1 when the feature is enabled for the current license.",
        info.features
            .iter()
            .map(|f| {
                (
                    format!("{{feature=\"{}\"}}", label(&f.name)),
                    u64::from(f.enabled),
                )
            })
            .collect(),
    );
    if let Some(on) = &info.online {
        let secs = |ms: Option<u64>| ms.map_or(0, |ms| ms / 1000);
        gauge(
            "license_last_validated_timestamp_seconds",
            "Signed server time of the last successful online check (unix seconds); 0 before the first.",
            vec![(String::new(), secs(on.last_validated))],
        );
        gauge(
            "license_grace_ends_timestamp_seconds",
            "When the offline grace period ends (unix seconds); 0 before the first successful check.",
            vec![(String::new(), secs(on.grace_ends))],
        );
        gauge(
            "license_devices_registered",
            "Devices registered on the license, as the license server last said.",
            vec![(String::new(), on.devices_registered.unwrap_or(0))],
        );
        gauge(
            "license_devices_max",
            "The license's device limit as the license server last said; 0 means none.",
            vec![(String::new(), on.devices_max.unwrap_or(0))],
        );
    }
    if let Some(a) = &info.access {
        gauge(
            "rbac_policy_enforced",
            "1 when the access (RBAC) policy is enforced; 0 when it is refused or the plan lacks rbac.",
            vec![(String::new(), u64::from(a.enforced))],
        );
        gauge(
            "rbac_policy_patterns",
            "Patterns in the access policy in force.",
            vec![(String::new(), u64::from(a.patterns))],
        );
        gauge(
            "rbac_policy_error",
            "1 when the last access policy (re)load was refused (the previous policy, if any, stays).",
            vec![(String::new(), u64::from(a.error.is_some()))],
        );
    }
    out
}

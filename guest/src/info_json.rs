//! The one JSON shape of `license info`: what `licensewarden info --json`
//! prints and what every host's info serialises to, byte for byte (keys
//! sorted, no whitespace). Features and limits are objects keyed by name,
//! instants are RFC 3339 UTC strings, the license's expiry as written is
//! `expires`. Each host's typed info keeps its language's field names; this
//! is the interchange form (tests/vectors/info.json).

use crate::error::LicenseError;
use crate::json::Value;
use crate::online::OnlineInfo;
use crate::report::Info;
use crate::time;

fn error(e: Option<&LicenseError>) -> Value {
    e.map_or(Value::Null, |e| {
        Value::object(vec![
            ("code", Value::from(e.code.as_str())),
            ("message", Value::from(e.message.as_str())),
        ])
    })
}

fn instant(ms: Option<u64>) -> Value {
    ms.map_or(Value::Null, |t| Value::String(time::format_datetime(t)))
}

fn online(o: &OnlineInfo) -> Value {
    Value::object(vec![
        ("activation_ends", instant(o.activation_ends)),
        ("devices_max", Value::from(o.devices_max)),
        ("devices_registered", Value::from(o.devices_registered)),
        ("grace_ends", instant(o.grace_ends)),
        ("last_error", error(o.last_error.as_ref())),
        ("last_validated", instant(o.last_validated)),
        ("next_check", instant(o.next_check)),
        ("server_url", Value::from(o.server_url.as_str())),
        ("state_error", error(o.state_error.as_ref())),
        ("terms_changed", Value::from(o.terms_changed.as_deref())),
    ])
}

/// `info` as the canonical JSON object.
pub fn render(i: &Info) -> String {
    let features = Value::Object(
        i.features
            .iter()
            .map(|f| (f.name.clone(), Value::from(f.enabled)))
            .collect(),
    );
    let limits = Value::Object(
        i.limits
            .iter()
            .map(|l| {
                (
                    l.name.clone(),
                    Value::object(vec![
                        ("current", Value::from(l.current)),
                        ("max", Value::from(l.max)),
                        ("soft", Value::from(l.soft)),
                    ]),
                )
            })
            .collect(),
    );
    let mut members = vec![
        (
            "days_remaining",
            Value::from(i.days_remaining.map(u64::from)),
        ),
        ("demo", Value::from(i.demo)),
        ("device_id", Value::from(i.device_id.as_str())),
        ("error", error(i.error.as_ref())),
        ("expires", Value::from(i.expires_text.as_deref())),
        ("expires_at", instant(i.expires_at)),
        ("features", features),
        ("key_source", Value::from(i.key_source.as_str())),
        ("kid", Value::from(i.kid.as_deref())),
        ("license_id", Value::from(i.license_id.as_deref())),
        ("limits", limits),
        ("online", i.online.as_ref().map_or(Value::Null, online)),
        ("org", Value::from(i.org.as_deref())),
        ("plan", Value::from(i.plan.as_str())),
        ("status", Value::from(i.status.as_str())),
        ("valid", Value::from(i.valid)),
    ];
    // Only once a policy was configured, so that products without one keep
    // the shape they had.
    if let Some(a) = &i.access {
        members.push((
            "access",
            Value::object(vec![
                ("enforced", Value::from(a.enforced)),
                ("error", error(a.error.as_ref())),
                ("message", Value::from(a.message.as_str())),
                ("patterns", Value::from(u64::from(a.patterns))),
                ("roles", Value::from(u64::from(a.roles))),
            ]),
        ));
    }
    Value::object(members).to_canonical()
}

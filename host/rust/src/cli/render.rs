//! `license info` as text for operators and as a stable JSON object.

use licensegate::{time, Info, Status};
use serde_json::json;

fn title(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn status_text(i: &Info) -> String {
    match i.status {
        Status::Active => "Active".into(),
        Status::Community => "Community (no license key found)".into(),
        Status::Expired => "EXPIRED — new requests are blocked until the license is renewed".into(),
        Status::NotYetValid => "Not yet valid — community tier until then".into(),
        Status::Invalid => "INVALID key — community tier applies".into(),
        Status::Demo => "Demo mode — every feature enabled".into(),
    }
}

/// Human-readable info.
pub fn info_text(product: &str, i: &Info) -> String {
    let mut o = String::new();
    let mut line = |k: &str, v: String| o.push_str(&format!("{k:<12}{v}\n"));
    line("Product:", product.to_string());
    line("Plan:", title(&i.plan));
    line("Status:", status_text(i));
    if let Some(org) = &i.org {
        line("Org:", org.clone());
    }
    if let Some(id) = &i.license_id {
        line("License:", id.clone());
    }
    match (&i.expires_text, i.expires_at, i.days_remaining) {
        (Some(t), _, Some(d)) => line("Expires:", format!("{t} ({d} days remaining)")),
        (None, Some(ms), Some(d)) => line(
            "Expires:",
            format!("{} ({d} days remaining)", time::format_datetime(ms)),
        ),
        _ if i.license_id.is_some() => line("Expires:", "never".into()),
        _ => {}
    }
    line("Key source:", i.key_source.clone());
    if !i.device_id.is_empty() {
        line(
            "Device:",
            format!("{}…", &i.device_id[..12.min(i.device_id.len())]),
        );
    }
    if let Some(e) = &i.error {
        if i.status != Status::Community {
            line("Error:", format!("{} — {}", e.code, e.message));
        }
    }
    o.push_str("Feature Flags:\n");
    let width = i
        .features
        .iter()
        .map(|f| f.name.len())
        .max()
        .unwrap_or(0)
        .max(20);
    for f in &i.features {
        o.push_str(&format!("  {:<width$} {}\n", f.name, f.enabled));
    }
    o.push_str("Limits:\n");
    for l in &i.limits {
        let max = if l.max == 0 {
            "unlimited".to_string()
        } else {
            l.max.to_string()
        };
        let soft = if l.soft { ", soft" } else { "" };
        o.push_str(&format!(
            "  {:<width$} {max} (current {}{soft})\n",
            l.name, l.current
        ));
    }
    o
}

/// Stable JSON object; field names are part of the CLI's contract.
pub fn info_json(i: &Info) -> String {
    let (features, limits) = licensegate::conformance::info_maps(i);
    json!({
        "valid": i.valid,
        "status": i.status.as_str(),
        "plan": i.plan,
        "org": i.org,
        "license_id": i.license_id,
        "kid": i.kid,
        "key_source": i.key_source,
        "expires": i.expires_text,
        "expires_at": i.expires_at.map(time::format_datetime),
        "days_remaining": i.days_remaining,
        "demo": i.demo,
        "device_id": i.device_id,
        "features": features,
        "limits": limits,
        "error": i.error.as_ref().map(|e| json!({"code": e.code.as_str(), "message": e.message})),
    })
    .to_string()
}

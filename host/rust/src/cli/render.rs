//! `license info` as text for operators and as a stable JSON object.

use licensewarden::{time, ErrorCode, Info, Status};

/// `s` safe to print on a terminal: control characters (C0, DEL, C1 such
/// as U+009B, the one-byte CSI) and bidirectional overrides are shown as
/// `\u{..}` escapes, everything else as it is. Payload text is signed by
/// the vendor, but a terminal must never be steered by it.
pub fn shown(s: &str) -> String {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if unsafe_char(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn title(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn ago(now: u64, then: u64) -> String {
    time::format_duration(now.saturating_sub(then))
}

fn status_text(i: &Info, now: u64) -> String {
    match i.status {
        Status::Active => match i.online.as_ref().map(|o| (o.last_validated, o.activation_ends)) {
            Some((_, Some(end))) => format!(
                "Active (activation file, {} remaining)",
                time::format_duration(end.saturating_sub(now))
            ),
            Some((Some(t), None)) => format!("Active (online, last validated {} ago)", ago(now, t)),
            None | Some((None, None)) => "Active".into(),
        },
        Status::Grace => match i.online.as_ref().and_then(|o| o.grace_ends) {
            Some(end) => format!(
                "WARNING: offline grace period active ({} remaining)",
                time::format_duration(end.saturating_sub(now))
            ),
            None => "WARNING: offline grace period active".into(),
        },
        Status::Restricted => "RESTRICTED — paid features off, community features on until the license server confirms the license".into(),
        Status::Community => "Community (no license key found)".into(),
        Status::Expired => "EXPIRED — new requests are blocked until the license is renewed".into(),
        Status::NotYetValid => "Not yet valid — community tier until then".into(),
        // The key itself is fine when the license server refused the
        // license: name the server's reason, not the key.
        Status::Invalid => match i.error.as_ref().map(|e| e.code) {
            Some(ErrorCode::Revoked) => "REVOKED by the vendor — community tier applies".into(),
            Some(ErrorCode::Suspended) => {
                "SUSPENDED by the vendor — community tier applies until the license is reinstated".into()
            }
            Some(ErrorCode::LicenseNotFound) => {
                "NOT FOUND on the license server — community tier applies".into()
            }
            Some(ErrorCode::DeviceLimitExceeded) => {
                "DEVICE LIMIT reached — community tier applies on this device".into()
            }
            _ => "INVALID key — community tier applies".into(),
        },
        Status::Demo => "Demo mode — every feature enabled".into(),
    }
}

/// Human-readable info.
pub fn info_text(product: &str, i: &Info) -> String {
    let now = licensewarden::Clock::system().now_ms();
    let mut o = String::new();
    let mut line = |k: &str, v: String| o.push_str(&format!("{k:<12}{}\n", shown(&v)));
    line("Product:", product.to_string());
    line("Plan:", title(&i.plan));
    line("Status:", status_text(i, now));
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
    if i.key_source == "none" {
        // Without a key the community tier is silent about where it looked:
        // name the places, and that --product chooses them.
        let places = licensewarden::keysource::places(product);
        let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
        let file = licensewarden::keysource::default_key_file(product, home.as_ref())
            .map_or("~/.<product>/license.key".into(), |p| {
                p.display().to_string()
            });
        line(
            "Key source:",
            format!(
                "none: searched {}, {} and {file} (--product NAME selects another product's names)",
                places.key_var, places.file_var
            ),
        );
    } else {
        line("Key source:", i.key_source.clone());
    }
    if !i.device_id.is_empty() {
        let short = &i.device_id[..12.min(i.device_id.len())];
        match i
            .online
            .as_ref()
            .map(|o| (o.devices_registered, o.devices_max))
        {
            Some((Some(r), Some(m))) if m > 0 => line(
                "Device:",
                format!("{short}… ({r} of {m} devices registered with the license server)"),
            ),
            Some((Some(r), _)) => line(
                "Device:",
                format!("{short}… ({r} devices registered with the license server, no limit)"),
            ),
            _ => line("Device:", format!("{short}…")),
        }
    }
    if let Some(on) = &i.online {
        line("Server:", on.server_url.clone());
        if let Some(t) = on.last_validated {
            line(
                "Validated:",
                format!("{} ({} ago)", time::format_datetime(t), ago(now, t)),
            );
        }
        if let Some(t) = on.activation_ends {
            line(
                "Activation:",
                format!("by file, until {}", time::format_datetime(t)),
            );
        }
        if let Some(t) = on.next_check {
            line("Next check:", time::format_datetime(t));
        }
        if let Some(t) = &on.terms_changed {
            line("Terms:", t.clone());
        }
        if let (Some(e), true) = (
            &on.last_error,
            i.error.as_ref().map(|x| x.code) != on.last_error.as_ref().map(|x| x.code),
        ) {
            line("Last check:", format!("{} — {}", e.code, e.message));
        }
        if let Some(e) = &on.state_error {
            line("State:", format!("{} — {}", e.code, e.message));
        }
    }
    if let Some(a) = &i.access {
        line("Access:", shown(&a.message));
        if let Some(e) = &a.error {
            line("RBAC error:", shown(&format!("{} — {}", e.code, e.message)));
        }
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
        o.push_str(&format!("  {:<width$} {}\n", shown(&f.name), f.enabled));
    }
    o.push_str("Device Limits:\n");
    for l in &i.limits {
        let max = if l.max == 0 {
            "unlimited".to_string()
        } else {
            l.max.to_string()
        };
        let soft = if l.soft { ", soft" } else { "" };
        o.push_str(&format!(
            "  {:<width$} {max} (in use here: {}{soft})\n",
            shown(&l.name),
            l.current
        ));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn terminal_escapes_in_payload_text_are_shown_not_sent() {
        assert_eq!(shown("Acme Inc."), "Acme Inc.");
        assert_eq!(shown("Bücher GmbH"), "Bücher GmbH");
        assert_eq!(shown("A\u{1b}[31mB"), "A\\u{1b}[31mB");
        assert_eq!(shown("A\u{9b}2J"), "A\\u{9b}2J");
        assert_eq!(shown("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(shown("a\nb\u{7f}"), "a\\u{a}b\\u{7f}");
    }
}

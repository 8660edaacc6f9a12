//! Device id: the same machine facts give the same id in every host.

use crate::crypto::{hex, sha256};

/// Facts about the machine, as the host reports them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceFacts {
    /// Primary MAC address.
    pub mac: String,
    /// Host name.
    pub hostname: String,
    /// CPU architecture.
    pub arch: String,
    /// Operating system.
    pub os: String,
}

/// Canonical form: trimmed, lowercased, MAC separators normalised to `:`,
/// one `name=value` line each under a versioned tag.
pub fn canonical(f: &DeviceFacts) -> String {
    let norm = |s: &str| s.trim().to_ascii_lowercase();
    let mac = norm(&f.mac).replace('-', ":");
    format!(
        "licensewarden/device/v1\nmac={mac}\nhostname={}\narch={}\nos={}\n",
        norm(&f.hostname),
        norm(&f.arch),
        norm(&f.os)
    )
}

/// Hex sha256 of the canonical facts.
pub fn device_id(f: &DeviceFacts) -> String {
    hex(&sha256(canonical(f).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_differences_do_not_change_the_id() {
        let a = DeviceFacts {
            mac: "02-42-AC-11-00-02".into(),
            hostname: "Build-01 ".into(),
            arch: "x86_64".into(),
            os: "Linux".into(),
        };
        let b = DeviceFacts {
            mac: "02:42:ac:11:00:02".into(),
            hostname: "build-01".into(),
            arch: "X86_64".into(),
            os: "linux".into(),
        };
        assert_eq!(device_id(&a), device_id(&b));
        assert_eq!(device_id(&a).len(), 64);
    }
}

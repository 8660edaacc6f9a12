//! Device facts for the device id: primary MAC, hostname, arch, OS.

pub use licensewarden_guest::fingerprint::DeviceFacts;

/// Facts about this machine. The primary MAC is the first non-loopback,
/// non-zero interface address in name order (stable across reboots).
pub fn local_facts() -> DeviceFacts {
    DeviceFacts {
        mac: primary_mac().unwrap_or_default(),
        hostname: hostname(),
        arch: std::env::consts::ARCH.to_string(),
        os: std::env::consts::OS.to_string(),
    }
}

fn primary_mac() -> Option<String> {
    let mut names: Vec<_> = std::fs::read_dir("/sys/class/net")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n != "lo")
        .collect();
    names.sort();
    names.into_iter().find_map(|n| {
        let mac = std::fs::read_to_string(format!("/sys/class/net/{n}/address")).ok()?;
        let mac = mac.trim().to_string();
        (!mac.is_empty() && mac != "00:00:00:00:00:00").then_some(mac)
    })
}

fn hostname() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_default()
}

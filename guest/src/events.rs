//! The lines a host logs about the license (start-up, expiry, grace,
//! restricted mode, a renewal): worded once here so every host's log says
//! the same thing. The key never appears in them.

use crate::decision::Status;
use crate::escape::printable;
use crate::report::Info;

/// How loud an event is, for the host's own logger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The license is in force (or the community tier, or demo mode).
    Info,
    /// Something an operator should look at soon: grace, restricted mode,
    /// a license that starts later.
    Warn,
    /// Requests are refused or the key was rejected.
    Error,
}

/// One line to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// How loud.
    pub level: Level,
    /// The line.
    pub message: String,
}

/// Most lines queued for the host; older ones are dropped first.
pub const MAX_QUEUED: usize = 16;

/// Lines waiting for the host, bounded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue(Vec<Event>);

impl Queue {
    /// Queue `e`, dropping the oldest line when full.
    pub fn push(&mut self, e: Event) {
        if self.0.len() == MAX_QUEUED {
            self.0.remove(0);
        }
        self.0.push(e);
    }

    /// Every queued line, oldest first, leaving the queue empty.
    pub fn take(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.0)
    }
}

/// The line for a cap newly exceeded (`e`: the check's `cap-exceeded`).
pub fn cap_event(outcome: crate::report::CapOutcome, e: &crate::error::LicenseError) -> Event {
    Event {
        level: if outcome == crate::report::CapOutcome::SoftExceeded {
            Level::Warn
        } else {
            Level::Error
        },
        message: format!("cap exceeded: {}", e.message),
    }
}

/// The line for an online check that newly fails (`error`) or succeeds
/// again (`None`), with the snapshot it left.
pub fn online_event(
    error: Option<&crate::error::LicenseError>,
    snap: &crate::decision::Snapshot,
) -> Event {
    match error {
        Some(e) => Event {
            level: Level::Warn,
            message: format!(
                "online license check failed ({}): {}; status {}",
                e.code.as_str(),
                e.message,
                snap.status.as_str()
            ),
        },
        None => Event {
            level: Level::Info,
            message: format!(
                "online license check succeeded again; status {}",
                snap.status.as_str()
            ),
        },
    }
}

/// The event for the status in `info` after it was `before` (`None`: the
/// host just started). `None` when the status did not change.
pub fn status_event(before: Option<Status>, info: &Info) -> Option<Event> {
    if before == Some(info.status) {
        return None;
    }
    let level = match info.status {
        Status::Active | Status::Community | Status::Demo => Level::Info,
        Status::Grace | Status::Restricted | Status::NotYetValid => Level::Warn,
        Status::Expired | Status::Invalid => Level::Error,
    };
    let mut m = match before {
        None => format!("license status {}", info.status.as_str()),
        Some(b) => format!(
            "license status changed from {} to {}",
            b.as_str(),
            info.status.as_str()
        ),
    };
    m.push_str(&format!(": plan {}", printable(&info.plan, 64)));
    if let Some(id) = &info.license_id {
        m.push_str(&format!(", license {}", printable(id, 128)));
    }
    if let Some(org) = &info.org {
        m.push_str(&format!(" for {}", printable(org, 128)));
    }
    if let Some(e) = info.expires_text.as_ref().filter(|e| !e.is_empty()) {
        m.push_str(&format!(", expires {}", printable(e, 64)));
        if let Some(d) = info
            .days_remaining
            .filter(|_| info.status != Status::Expired)
        {
            m.push_str(&format!(" ({d} days left)"));
        }
    }
    m.push_str(&format!("; key from {}", info.key_source));
    if let Some(e) = &info.error {
        m.push_str(&format!(" ({}: {})", e.code.as_str(), e.message));
    }
    Some(Event { level, message: m })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(status: Status) -> Info {
        crate::failure::answers("env:ACME_LICENSE_KEY", "d", "acme")
            .info
            .with_status(status)
    }

    impl Info {
        fn with_status(mut self, status: Status) -> Info {
            self.status = status;
            self.error = None;
            self.plan = "pro".into();
            self.license_id = Some("lic_1".into());
            self.org = Some("Acme\u{1b}[31m".into());
            self
        }
    }

    #[test]
    fn start_up_says_the_status_and_expiry_is_an_error() {
        let e = status_event(None, &info(Status::Active)).unwrap();
        assert_eq!(e.level, Level::Info);
        assert!(
            e.message
                .starts_with("license status active: plan pro, license lic_1 for Acme"),
            "{}",
            e.message
        );
        assert!(!e.message.contains('\u{1b}'));
        assert!(
            e.message.ends_with("; key from env:ACME_LICENSE_KEY"),
            "{}",
            e.message
        );
        let e = status_event(Some(Status::Active), &info(Status::Expired)).unwrap();
        assert_eq!(e.level, Level::Error);
        assert!(e
            .message
            .starts_with("license status changed from active to expired"));
        assert_eq!(
            status_event(Some(Status::Grace), &info(Status::Grace)),
            None
        );
        assert_eq!(
            status_event(Some(Status::Active), &info(Status::Grace)).map(|e| e.level),
            Some(Level::Warn)
        );
    }
}

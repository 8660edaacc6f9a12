//! What every host answers while the core cannot run (a trap, or a core that
//! cannot be re-created): written once here and handed to the host after
//! `configure`, so four hosts cannot answer four ways. Fail closed: an
//! `invalid`, blocking snapshot; 503 for every gated request; the license
//! gauges at zero so an alert on them fires.

use std::fmt::Write as _;

use crate::decision::{Snapshot, Status};
use crate::error::{ErrorCode, LicenseError};
use crate::report::{GateDecision, Info};

/// Milliseconds a host's background loop waits before trying again.
pub const RETRY_MS: u32 = 5_000;

/// The answers (mirrors `failure-answers` in WIT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error every failing call carries.
    pub error: LicenseError,
    /// `snapshot`'s answer.
    pub snapshot: Snapshot,
    /// `gate`'s answer.
    pub gate: GateDecision,
    /// `info`'s answer.
    pub info: Info,
    /// `info-json`'s answer.
    pub info_json: String,
    /// `metrics`' answer.
    pub metrics: String,
    /// `next-check-delay`'s answer.
    pub retry_ms: u32,
}

/// The failure answers for an instance whose key came from `key_source`,
/// on the device `device_id`, with metric names under `prefix`.
pub fn answers(key_source: &str, device_id: &str, prefix: &str) -> Failure {
    let error = LicenseError::new(
        ErrorCode::Internal,
        "the licensewarden core failed, so every licensed request is refused until it answers again (fail closed); the host re-creates it at the next call and logs the failure's own words: if this repeats, report that log line",
    );
    let snapshot = Snapshot {
        status: Status::Invalid,
        plan: String::new(),
        all_features: false,
        features: Default::default(),
        limits: Default::default(),
        blocking: true,
        valid_until: None,
        error: Some(error.clone()),
    };
    let info = Info {
        valid: false,
        status: Status::Invalid,
        plan: String::new(),
        license_id: None,
        org: None,
        kid: None,
        key_source: key_source.to_string(),
        features: Vec::new(),
        limits: Vec::new(),
        issued_at: None,
        expires_at: None,
        expires_text: None,
        days_remaining: None,
        demo: false,
        device_id: device_id.to_string(),
        error: Some(error.clone()),
        online: None,
        access: None,
    };
    let mut metrics = String::new();
    let _ = writeln!(
        metrics,
        "# licensewarden core failure: {}",
        error.message.replace('\n', " ")
    );
    metrics.push_str(&crate::metrics::render(&info, prefix));
    Failure {
        gate: GateDecision::denied(503, error.clone()),
        info_json: crate::info_json::render(&info),
        error,
        snapshot,
        info,
        metrics,
        retry_ms: RETRY_MS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_core_allows_nothing_and_says_so() {
        let f = answers("explicit", "dev-1", "acme");
        assert!(f.snapshot.blocking && !f.snapshot.all_features);
        assert_eq!(f.snapshot.status, Status::Invalid);
        assert!(!f.gate.allow);
        assert_eq!(f.gate.http_status, 503);
        assert!(
            f.gate.body.contains("\"code\":\"internal\""),
            "{}",
            f.gate.body
        );
        assert!(
            f.metrics.contains("acme_license_valid 0\n"),
            "{}",
            f.metrics
        );
        assert!(f.metrics.starts_with("# licensewarden core failure: "));
        assert!(f.info_json.contains("\"status\":\"invalid\""));
    }
}

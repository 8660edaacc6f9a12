//! What a configured instance answers: the records `info`, `check_cap`,
//! `gate` and `apply_response` return (each mirrors its WIT record). Kept
//! apart from `instance` so that renderers (`metrics`) depend on the
//! answers, not on the instance that computes them.

use crate::decision::{Snapshot, Status};
use crate::error::{ErrorCode, LicenseError};
use crate::online;
use crate::online::OnlineInfo;

/// One feature flag for `info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureFlag {
    /// Name.
    pub name: String,
    /// On or off.
    pub enabled: bool,
}

/// One cap for `info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitInfo {
    /// Cap name.
    pub name: String,
    /// Maximum (0 = unlimited).
    pub max: u64,
    /// Last reported usage.
    pub current: u64,
    /// Soft cap.
    pub soft: bool,
}

/// Everything `license info` shows (mirrors `info` in WIT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    /// A verified license or demo mode is in force.
    pub valid: bool,
    /// Status.
    pub status: Status,
    /// Effective plan.
    pub plan: String,
    /// License id.
    pub license_id: Option<String>,
    /// Organisation.
    pub org: Option<String>,
    /// Signing key id.
    pub kid: Option<String>,
    /// Where the key came from.
    pub key_source: String,
    /// Feature flags.
    pub features: Vec<FeatureFlag>,
    /// Caps.
    pub limits: Vec<LimitInfo>,
    /// Issued-at.
    pub issued_at: Option<u64>,
    /// Expiry instant.
    pub expires_at: Option<u64>,
    /// Expiry as written.
    pub expires_text: Option<String>,
    /// Whole days left (ceil), 0 once expired.
    pub days_remaining: Option<u32>,
    /// Demo mode.
    pub demo: bool,
    /// Device id.
    pub device_id: String,
    /// Why the key is not in force.
    pub error: Option<LicenseError>,
    /// Online facts (online validation configured and a license loaded).
    pub online: Option<OnlineInfo>,
    /// The access (RBAC) policy, once one was configured.
    pub access: Option<crate::access::AccessInfo>,
}

/// What applying a server answer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineOutcome {
    /// Why the check did not succeed, if it did not.
    pub error: Option<LicenseError>,
    /// The snapshot after the answer.
    pub snapshot: Snapshot,
    /// Slots to save, `(slot, sealed data)`: the state
    /// ([`online::STATE_SLOT`]) and the license's rollback witness.
    pub save: Vec<(String, String)>,
}

impl OnlineOutcome {
    /// The outcome after the host's store could not write `slot` (`why`:
    /// the path and the cause). A lost state is the caller's to know (the
    /// answer is applied in memory only, so a restart forgets it); unless
    /// the check already failed for another reason, the error says so. A
    /// lost witness only weakens rollback detection and is not an error.
    pub fn save_failed(mut self, slot: &str, why: &str) -> OnlineOutcome {
        if slot == online::STATE_SLOT && self.error.is_none() {
            let why = crate::escape::printable(why, 512);
            self.error = Some(
                LicenseError::new(
                    ErrorCode::StateNotSaved,
                    format!("the license server's answer was applied, but the online validation state could not be saved ({why}); after a restart this machine will not remember it: make the state directory writable or choose another"),
                )
                .with("reason", why),
            );
        }
        self
    }
}

/// Outcome of a cap check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapOutcome {
    /// Within the cap.
    Within,
    /// Over a soft cap.
    SoftExceeded,
    /// Over a hard cap.
    HardExceeded,
}

impl CapOutcome {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            CapOutcome::Within => "within",
            CapOutcome::SoftExceeded => "soft-exceeded",
            CapOutcome::HardExceeded => "hard-exceeded",
        }
    }
}

/// Result of `check_cap`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapCheck {
    /// Outcome.
    pub outcome: CapOutcome,
    /// Cap name.
    pub name: String,
    /// The cap.
    pub max: u64,
    /// Usage checked.
    pub current: u64,
    /// `cap-exceeded` when over.
    pub error: Option<LicenseError>,
}

/// Result of `gate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateDecision {
    /// Let the request through.
    pub allow: bool,
    /// HTTP status (200 when allowed).
    pub http_status: u16,
    /// Why it was denied.
    pub error: Option<LicenseError>,
    /// JSON body for the denial.
    pub body: String,
}

impl GateDecision {
    /// Let the request through.
    pub fn allowed() -> Self {
        GateDecision {
            allow: true,
            http_status: 200,
            error: None,
            body: String::new(),
        }
    }

    /// Deny with `http_status`, the body being `{"error": ...}` from `e`.
    pub fn denied(http_status: u16, e: LicenseError) -> Self {
        let body = crate::json::Value::object(vec![("error", e.to_json())]).to_canonical();
        GateDecision {
            allow: false,
            http_status,
            error: Some(e),
            body,
        }
    }
}

/// Result of `gate_key`: the decision for one request carrying a caller's
/// own key (mirrors `key-decision` in WIT, whose error travels in `body`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDecision {
    /// The decision (401 no or rejected key, 403 feature or the license's
    /// standing, 503 expired).
    pub gate: GateDecision,
    /// The caller's license id, when the key verified and the status list
    /// does not refuse its license.
    pub license_id: Option<String>,
}

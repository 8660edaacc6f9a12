//! The HTTP decision for one request under one snapshot: exempt paths
//! always pass; after expiry other paths get 503; a route needing an
//! unlicensed feature gets 403. Shared by the instance's own license
//! (`gate`) and by callers' keys in gateway mode (`gate_key`).

use crate::decision::{self, Snapshot};
use crate::error::{ErrorCode, LicenseError};
use crate::policy::Policy;
use crate::report::GateDecision;

/// Decide a request to `path`, optionally needing `feature`; `snap` is
/// computed only for non-exempt paths.
pub fn decide(
    policy: &Policy,
    snap: impl FnOnce() -> Snapshot,
    path: &str,
    feature: Option<&str>,
) -> GateDecision {
    if policy.is_exempt(path) {
        return GateDecision::allowed();
    }
    decide_on(policy, &snap(), path, feature)
}

/// [`decide`] with the snapshot at hand.
pub fn decide_on(
    policy: &Policy,
    snap: &Snapshot,
    path: &str,
    feature: Option<&str>,
) -> GateDecision {
    if policy.is_exempt(path) {
        return GateDecision::allowed();
    }
    let denial = if snap.blocking {
        Some((
            503,
            decision::feature_denial(snap, policy, feature.unwrap_or("")),
        ))
    } else {
        feature.and_then(|f| decision::feature_denial(snap, policy, f).map(|e| (403, Some(e))))
    };
    match denial {
        None => GateDecision::allowed(),
        Some((status, e)) => {
            let mut e =
                e.unwrap_or_else(|| LicenseError::new(ErrorCode::Expired, "license expired"));
            if feature.is_none() {
                e.details.retain(|(k, _)| k != "feature");
            }
            GateDecision::denied(status, e)
        }
    }
}

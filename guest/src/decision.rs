//! Decisions about one loaded license at one instant: status, effective
//! features and caps, and the snapshot hosts cache for hot paths.

use crate::names::{NameMap, NameSet};

use crate::error::{ErrorCode, LicenseError};
use crate::payload::License;
use crate::policy::{Plan, Policy};
use crate::time;

/// Where the instance's license stands (mirrors `status` in WIT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A verified license is in force.
    Active,
    /// No key: community tier.
    Community,
    /// Expired: non-exempt requests are blocked.
    Expired,
    /// Not valid yet: community tier until it is.
    NotYetValid,
    /// Key rejected: community tier.
    Invalid,
    /// Demo mode: everything on.
    Demo,
    /// Online: the license server could not be reached after the lease
    /// ran out; every licensed feature stays on until the grace period ends.
    Grace,
    /// Online: paid features off, community tier on, until a successful
    /// check (grace over, clock set back, or never validated).
    Restricted,
}

impl Status {
    /// Stable lowercase name, as hosts print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Community => "community",
            Status::Expired => "expired",
            Status::NotYetValid => "not-yet-valid",
            Status::Invalid => "invalid",
            Status::Demo => "demo",
            Status::Grace => "grace",
            Status::Restricted => "restricted",
        }
    }
}

/// What the host loaded.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// No key supplied.
    Nothing,
    /// A key that verified.
    Verified(License),
    /// A key that was rejected, and why.
    Rejected(LicenseError),
}

/// The decision snapshot (mirrors `snapshot` in WIT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Status.
    pub status: Status,
    /// Effective plan.
    pub plan: String,
    /// Every feature allowed.
    pub all_features: bool,
    /// Effective features.
    pub features: NameSet,
    /// Effective caps.
    pub limits: NameMap<u64>,
    /// Non-exempt requests must get 503.
    pub blocking: bool,
    /// Next instant any answer may change.
    pub valid_until: Option<u64>,
    /// Why the key is not in force.
    pub error: Option<LicenseError>,
}

/// Longest `warning`, in bytes.
pub const MAX_WARNING_LEN: usize = 512;

impl Snapshot {
    /// Whether `feature` is allowed by this snapshot.
    pub fn allows(&self, feature: &str) -> bool {
        self.all_features || self.features.contains(feature)
    }

    /// What allowed HTTP responses carry as `x-license-warning` while the
    /// license runs on its offline grace period: the reason, printable
    /// ASCII only (anything else becomes `?`, as header values cannot carry
    /// it safely), at most [`MAX_WARNING_LEN`] bytes. None otherwise.
    pub fn warning(&self) -> Option<String> {
        if self.status != Status::Grace {
            return None;
        }
        let e = self.error.as_ref()?;
        Some(
            e.message
                .chars()
                .map(|c| if (' '..='~').contains(&c) { c } else { '?' })
                .take(MAX_WARNING_LEN)
                .collect(),
        )
    }
}

/// Where a verified license stands at `now`, with the error explaining a
/// non-active state.
pub fn time_status(l: &License, now: u64) -> (Status, Option<LicenseError>) {
    if let Some(field) = &l.bad_date {
        let e = LicenseError::new(
            ErrorCode::Expired,
            format!(
                "license '{}' has a '{field}' that is not an RFC 3339 date, so it is treated as expired; ask the vendor to reissue the key",
                l.id
            ),
        )
        .with("field", field.as_str())
        .with("license_id", l.id.as_str());
        return (Status::Expired, Some(e));
    }
    if let Some(nbf) = l.not_before {
        if now < nbf {
            let e = LicenseError::new(
                ErrorCode::NotYetValid,
                format!(
                    "license '{}' is not valid before {}; the community tier applies until then (check the system clock if that date has passed)",
                    l.id,
                    time::format_datetime(nbf)
                ),
            )
            .with("license_id", l.id.as_str())
            .with("not_before", time::format_datetime(nbf));
            return (Status::NotYetValid, Some(e));
        }
    }
    if let Some(exp) = l.expires_at {
        if now >= exp {
            let shown = l
                .expires_text
                .clone()
                .unwrap_or_else(|| time::format_datetime(exp));
            let e = LicenseError::new(
                ErrorCode::Expired,
                format!("license '{}' expired on {shown}; renew it with the vendor and install the new key", l.id),
            )
            .with("expires_at", shown)
            .with("license_id", l.id.as_str());
            return (Status::Expired, Some(e));
        }
    }
    (Status::Active, None)
}

fn effective(l: &License, policy: &Policy) -> Plan {
    let mut plan = policy.plans.get(&l.plan).cloned().unwrap_or_default();
    plan.features.extend(l.features.iter().cloned());
    for (k, v) in l.limits.iter() {
        plan.limits.insert(k.clone(), *v);
    }
    plan
}

fn no_license_error() -> LicenseError {
    LicenseError::new(
        ErrorCode::NoLicense,
        "no license key was found, so the community tier applies; install a license key to unlock paid features",
    )
}

/// The community tier under `policy`, with the status and error that say
/// why it applies (no key, a rejected key, restricted online, ...).
pub fn community(policy: &Policy, status: Status, error: Option<LicenseError>) -> Snapshot {
    let plan = policy.community();
    Snapshot {
        status,
        plan: policy.community_plan.clone(),
        all_features: plan.all_features,
        features: plan.features,
        limits: plan.limits,
        blocking: false,
        valid_until: None,
        error,
    }
}

/// The snapshot for `loaded` under `policy` at `now`.
pub fn snapshot(loaded: &Loaded, policy: &Policy, demo: bool, now: u64) -> Snapshot {
    let snap = match loaded {
        Loaded::Nothing => community(policy, Status::Community, Some(no_license_error())),
        Loaded::Rejected(e) => community(policy, Status::Invalid, Some(e.clone())),
        Loaded::Verified(l) => verified(l, policy, now),
    };
    with_demo(snap, demo || policy.demo)
}

/// Demo mode over `snap`: every feature on, nothing blocked.
pub fn with_demo(mut snap: Snapshot, demo: bool) -> Snapshot {
    if demo {
        snap.status = Status::Demo;
        snap.all_features = true;
        snap.blocking = false;
        snap.valid_until = None;
        snap.error = None;
    }
    snap
}

/// The snapshot for a verified license `l` under `policy` at `now` (demo
/// mode aside).
pub fn verified(l: &License, policy: &Policy, now: u64) -> Snapshot {
    let community = |status, error| community(policy, status, error);
    match time_status(l, now) {
        (Status::Active, _) => {
            let plan = effective(l, policy);
            Snapshot {
                status: Status::Active,
                plan: l.plan.clone(),
                all_features: plan.all_features,
                features: plan.features,
                limits: plan.limits,
                blocking: false,
                valid_until: l.expires_at,
                error: None,
            }
        }
        (Status::NotYetValid, e) => {
            let mut s = community(Status::NotYetValid, e);
            s.valid_until = l.not_before;
            s
        }
        (status, e) if policy.community_on_expiry => community(status, e),
        (status, e) => Snapshot {
            status,
            plan: l.plan.clone(),
            all_features: false,
            features: NameSet::default(),
            limits: effective(l, policy).limits,
            blocking: true,
            valid_until: None,
            error: e,
        },
    }
}

/// Why `feature` is refused under `snap`, or `None` when it is allowed.
pub fn feature_denial(snap: &Snapshot, policy: &Policy, feature: &str) -> Option<LicenseError> {
    if snap.allows(feature) && !snap.blocking {
        return None;
    }
    if snap.blocking {
        let e = snap.error.clone().unwrap_or_else(|| {
            LicenseError::new(
                ErrorCode::Expired,
                "license expired; renew it with the vendor",
            )
        });
        return Some(e.with("feature", feature));
    }
    let shown = crate::escape::name(feature);
    let plans = policy.plans_with(feature);
    let mut hint = if plans.is_empty() {
        format!("upgrade to a license that includes {shown}")
    } else {
        format!("upgrade to a plan with {shown} ({})", plans.join(", "))
    };
    if let Some(url) = &policy.upgrade_url {
        hint.push_str(&format!(" at {url}"));
    }
    // The community tier applies because of something else (a revocation,
    // a device limit, an expired grace, a refused key): that cause is what
    // the caller must act on, not an upgrade, so its code, message and
    // details are kept, with the feature that was asked for.
    // No key at all is the classic case: buying a license is the remedy.
    let plan_in_force = matches!(
        snap.status,
        Status::Active | Status::Grace | Status::Demo | Status::Community
    );
    if let (false, Some(e)) = (plan_in_force, &snap.error) {
        let mut cause = LicenseError::new(
            e.code,
            format!("feature {shown} is off because {}", e.message),
        );
        cause.details = e.details.clone();
        return Some(
            cause
                .with("feature", feature)
                .with("plan", snap.plan.as_str()),
        );
    }
    let why = format!("feature {shown} is not included in plan '{}'", snap.plan);
    Some(
        LicenseError::new(ErrorCode::FeatureNotLicensed, format!("{why}; {hint}"))
            .with("feature", feature)
            .with("plan", snap.plan.as_str()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(status: Status, message: &str) -> Snapshot {
        Snapshot {
            status,
            plan: "pro".into(),
            all_features: false,
            features: NameSet::default(),
            limits: NameMap::default(),
            blocking: false,
            valid_until: None,
            error: Some(LicenseError::new(ErrorCode::Offline, message)),
        }
    }

    #[test]
    fn grace_warning_is_printable_ascii_and_bounded() {
        let w = snap(
            Status::Grace,
            "offline grace period active\r\n(é) \u{1b}[31m",
        )
        .warning()
        .unwrap();
        assert_eq!(w, "offline grace period active??(?) ?[31m");
        let long = snap(Status::Grace, &"x".repeat(2000)).warning().unwrap();
        assert_eq!(long.len(), MAX_WARNING_LEN);
    }

    #[test]
    fn only_the_grace_period_warns() {
        for status in [
            Status::Active,
            Status::Restricted,
            Status::Expired,
            Status::Invalid,
        ] {
            assert_eq!(snap(status, "why").warning(), None);
        }
        let mut quiet = snap(Status::Grace, "");
        quiet.error = None;
        assert_eq!(quiet.warning(), None);
    }
}

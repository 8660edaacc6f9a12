//! The access policy an instance holds, and the plan gate in front of it.
//!
//! RBAC is a plan feature (`rbac`). When the license in force does not
//! grant it, a configured policy is not enforced: every authenticated
//! caller has full access, exactly as with no policy (the seeds' rule for
//! "neither is set", which is also what the community tier has), and every
//! decision and `info` say so in words. Enforcing an unlicensed policy
//! would hand out the paid feature; refusing everyone would lock out a
//! customer whose plan simply lacks it. An operator who relies on the
//! policy sees the warning as soon as the plan stops granting it.

use crate::error::{LicenseError, Result};
use crate::escape;
use crate::rbac::{self, Decision, RbacPolicy, Subject};

/// The feature a plan must grant for the policy to be enforced.
pub const RBAC_FEATURE: &str = "rbac";

/// The policy in force and the last refused replacement.
#[derive(Debug, Clone, Default)]
pub struct Access {
    policy: Option<RbacPolicy>,
    last_error: Option<LicenseError>,
}

impl Access {
    /// Replaces the policy with `json` (None: no policy). A refused policy
    /// leaves the one in force unchanged and is kept as the last error
    /// until a later replacement succeeds.
    pub fn set(&mut self, json: Option<&str>) -> Result<()> {
        match json.map(RbacPolicy::from_json).transpose() {
            Ok(p) => {
                self.policy = p;
                self.last_error = None;
                Ok(())
            }
            Err(e) => {
                self.last_error = Some(e.clone());
                Err(e)
            }
        }
    }

    /// The policy in force, if any.
    pub fn policy(&self) -> Option<&RbacPolicy> {
        self.policy.as_ref()
    }

    /// Why the last replacement was refused, if it was.
    pub fn last_error(&self) -> Option<&LicenseError> {
        self.last_error.as_ref()
    }

    /// The decision for `subject` running `verb` on `action`; `licensed` is
    /// whether the license in force grants [`RBAC_FEATURE`], `plan` its
    /// plan (named when it does not).
    pub fn decide(
        &self,
        licensed: bool,
        plan: &str,
        subject: &Subject,
        action: &str,
        verb: &str,
    ) -> Decision {
        match &self.policy {
            None => rbac::no_policy(),
            Some(_) if !licensed => Decision {
                allow: true,
                role: None,
                pattern: None,
                reason: not_licensed(plan),
            },
            Some(p) => p.authorize(subject, action, verb),
        }
    }
}

/// What `info` and an unenforced decision say.
pub fn not_licensed(plan: &str) -> String {
    format!(
        "RBAC policy present but not licensed (plan {} lacks {RBAC_FEATURE}): not enforced, every authenticated caller has full access",
        escape::name(plan)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str =
        r#"{"roles": {"network": {"allow": ["topology_*"]}}, "groups": {"ops": "network"}}"#;

    fn ops() -> Subject {
        Subject {
            roles: vec![],
            groups: vec!["ops".into()],
        }
    }

    #[test]
    fn a_policy_is_enforced_only_when_the_plan_grants_rbac() {
        let mut a = Access::default();
        a.set(Some(POLICY)).unwrap();
        assert!(
            !a.decide(true, "enterprise", &ops(), "firewall_rules", "execute")
                .allow
        );
        let d = a.decide(false, "pro", &ops(), "firewall_rules", "execute");
        assert!(d.allow);
        assert!(d.reason.contains("plan 'pro' lacks rbac"), "{}", d.reason);
    }

    #[test]
    fn a_refused_reload_keeps_the_last_good_policy_and_reports_why() {
        let mut a = Access::default();
        a.set(Some(POLICY)).unwrap();
        assert!(a
            .set(Some(r#"{"roles": {"network": {"allow": [""]}}}"#))
            .is_err());
        assert!(
            a.decide(true, "enterprise", &ops(), "topology_map", "execute")
                .allow
        );
        assert!(a.last_error().is_some());
        a.set(Some(POLICY)).unwrap();
        assert!(a.last_error().is_none());
    }

    #[test]
    fn no_policy_allows_everyone() {
        let a = Access::default();
        assert!(
            a.decide(
                true,
                "enterprise",
                &Subject::default(),
                "anything",
                "execute"
            )
            .allow
        );
    }
}

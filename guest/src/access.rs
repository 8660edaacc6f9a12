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
use crate::json::Value;
use crate::rbac::{self, Decision, RbacPolicy, Subject};

/// The feature a plan must grant for the policy to be enforced.
pub const RBAC_FEATURE: &str = "rbac";

/// The policy in force and the last refused replacement.
///
/// A policy that was configured but refused before any good one was in
/// force denies every caller (fail closed): the operator asked for a
/// policy, and "no policy" would mean full access.
#[derive(Debug, Clone, Default)]
pub struct Access {
    policy: Option<RbacPolicy>,
    last_error: Option<LicenseError>,
}

/// What `info` and metrics say of the access policy; only present once a
/// policy was configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessInfo {
    /// Decisions follow the policy (a policy is in force and the plan
    /// grants `rbac`). False with no usable policy or an unlicensed one.
    pub enforced: bool,
    /// Roles of the policy in force (0 when none is).
    pub roles: u32,
    /// Patterns of the policy in force (0 when none is).
    pub patterns: u32,
    /// In words: in force, not licensed, or refused and what happens now.
    pub message: String,
    /// Why the last replacement was refused, until one succeeds.
    pub error: Option<LicenseError>,
}

impl Access {
    /// Replaces the policy with `text` (JSON or YAML, docs/rbac.md; None:
    /// no policy). A refused policy leaves the one in force unchanged and
    /// is kept as the last error until a later replacement succeeds.
    pub fn set(&mut self, text: Option<&str>) -> Result<()> {
        match text.map(RbacPolicy::from_text).transpose() {
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
        let mut d = match (&self.policy, &self.last_error) {
            (None, None) => rbac::no_policy(),
            (_, _) if !licensed => Decision {
                allow: true,
                role: None,
                pattern: None,
                reason: not_licensed(plan),
                body: String::new(),
            },
            (Some(p), _) => p.authorize(subject, action, verb),
            (None, Some(e)) => Decision {
                allow: false,
                role: None,
                pattern: None,
                reason: format!(
                    "the configured RBAC policy was refused and no earlier one is in force, so every caller is denied until it is fixed and reloaded: {}",
                    e.message
                ),
                body: String::new(),
            },
        };
        if !d.allow {
            d.body = self.denial_body(subject, action, verb, &d.reason);
        }
        d
    }

    /// The decision while the license blocks every request (expired, not
    /// yet valid): denied, naming why, whatever the policy.
    pub fn not_in_force(
        &self,
        why: Option<&LicenseError>,
        subject: &Subject,
        action: &str,
        verb: &str,
    ) -> Decision {
        let reason = match why {
            Some(e) => format!(
                "the license is not in force ({}), so no caller may run anything: {}",
                e.code.as_str(),
                e.message
            ),
            None => "the license is not in force, so no caller may run anything".to_string(),
        };
        Decision {
            allow: false,
            role: None,
            pattern: None,
            body: self.denial_body(subject, action, verb, &reason),
            reason,
        }
    }

    /// The 403 body every host answers a denial with: the action, the verb,
    /// the caller's roles (their own and their groups') and groups.
    fn denial_body(&self, subject: &Subject, action: &str, verb: &str, reason: &str) -> String {
        let roles = match &self.policy {
            Some(p) => rbac::names_for_body(p.roles_of(subject).into_iter()),
            None => rbac::names_for_body(subject.roles.iter().map(String::as_str)),
        };
        let clip = |s: &str| -> String { s.chars().take(rbac::MAX_NAME_BYTES).collect() };
        let details = Value::object(vec![
            ("action", Value::from(clip(action).as_str())),
            (
                "groups",
                Value::from(
                    rbac::names_for_body(subject.groups.iter().map(String::as_str)).as_str(),
                ),
            ),
            ("roles", Value::from(roles.as_str())),
            ("verb", Value::from(clip(verb).as_str())),
        ]);
        let error = Value::object(vec![
            ("code", Value::from("access-denied")),
            ("details", details),
            ("message", Value::from(reason)),
        ]);
        Value::object(vec![("error", error)]).to_canonical()
    }

    /// What `info` and metrics say; None while no policy was configured.
    /// `blocking`: the license blocks every request (every caller denied).
    pub fn info(&self, licensed: bool, blocking: bool, plan: &str) -> Option<AccessInfo> {
        if self.policy.is_none() && self.last_error.is_none() {
            return None;
        }
        let (roles, patterns) = self.policy.as_ref().map_or((0, 0), |p| {
            (p.role_count() as u32, p.pattern_count() as u32)
        });
        let licensed = licensed && !blocking;
        let message = match (&self.policy, &self.last_error) {
            _ if blocking => {
                "the license is not in force: every caller is denied".to_string()
            }
            (_, _) if !licensed => not_licensed(plan),
            (Some(_), None) => format!("RBAC policy in force: {roles} roles, {patterns} patterns"),
            (Some(_), Some(_)) => format!(
                "RBAC policy in force: {roles} roles, {patterns} patterns; the last reload was refused and the previous policy stays"
            ),
            (None, _) => "RBAC policy refused: every caller is denied until it is fixed and reloaded".to_string(),
        };
        Some(AccessInfo {
            enforced: licensed && self.policy.is_some(),
            roles,
            patterns,
            message,
            error: self.last_error.clone(),
        })
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
    fn a_policy_refused_before_any_was_in_force_denies_everyone() {
        let mut a = Access::default();
        assert!(a.set(Some("roles: {r: [no]}")).is_err());
        let d = a.decide(true, "enterprise", &ops(), "topology_map", "execute");
        assert!(!d.allow);
        assert!(d.reason.contains("refused"), "{}", d.reason);
        assert!(d.body.contains("\"code\":\"access-denied\""), "{}", d.body);
        let info = a.info(true, false, "enterprise").unwrap();
        assert!(!info.enforced);
        assert!(info.error.is_some());
        // Unlicensed, the broken policy is not enforced either.
        assert!(
            a.decide(false, "pro", &ops(), "topology_map", "execute")
                .allow
        );
        a.set(None).unwrap();
        assert!(a.info(true, false, "enterprise").is_none());
    }

    #[test]
    fn a_denial_carries_the_body_every_host_answers_with() {
        let mut a = Access::default();
        a.set(Some(POLICY)).unwrap();
        let d = a.decide(true, "enterprise", &ops(), "firewall_rules", "execute");
        assert_eq!(
            d.body,
            r#"{"error":{"code":"access-denied","details":{"action":"firewall_rules","groups":"ops","roles":"network","verb":"execute"},"message":"none of the caller's roles (\"network\") allows \"execute\" \"firewall_rules\""}}"#
        );
        assert!(a
            .decide(true, "enterprise", &ops(), "topology_map", "execute")
            .body
            .is_empty());
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

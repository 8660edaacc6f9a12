//! Access policy: which caller may run which action (the seeds' RBAC).
//!
//! A policy maps roles to glob patterns over action names and groups to
//! roles. Its JSON form (hosts turn YAML into it) accepts both forms the
//! seeds write:
//!
//! ```json
//! {"roles": {"network":  {"allow": ["topology_*", "ips_in_subnet"]},
//!            "readonly": {"resources": ["*"], "verbs": ["list"]}},
//!  "groups": {"network-ops-team": "network",
//!             "Security-Team": {"roles": ["security"]},
//!             "ops": ["network", "readonly"]}}
//! ```
//!
//! An `allow` role permits every verb on the actions it matches; a
//! `resources` role permits only its `verbs`. Decisions are deterministic:
//! the caller's roles are tried in name order, each role's patterns in the
//! order written, and the first match is the one reported.
//!
//! Decided here (docs/rbac.md repeats it for operators):
//! - no policy configured: every authenticated caller may run everything
//!   (the seeds' "if neither is set, all authenticated users have full
//!   access"); who is authenticated is the application's business;
//! - a group the policy does not name gives no role; a caller with no role
//!   is denied everything once a policy exists;
//! - names of roles and groups are compared exactly (case-sensitive), as
//!   are action names against patterns ([`crate::glob`]).

use crate::error::{ErrorCode, LicenseError};
use crate::escape;
use crate::glob::Glob;
use crate::json::{self, Value};
use crate::yaml;

/// Largest policy text accepted, in bytes.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;
/// Most patterns a policy may hold, over all its roles.
pub const MAX_PATTERNS: usize = 10_000;
/// Longest action or verb name decided on; longer ones are denied.
pub const MAX_NAME_BYTES: usize = 256;
/// Most roles and groups one caller may bring; more are denied.
pub const MAX_SUBJECT_NAMES: usize = 1000;

/// One role: what it matches and, for the `resources` form, which verbs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    patterns: Vec<Glob>,
    /// `None` for the `allow` form (every verb).
    verbs: Option<Vec<String>>,
}

/// A parsed, checked policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RbacPolicy {
    // Plain vectors in the order written, searched linearly: policies hold
    // tens of roles, and each map or sort instantiated for them would add
    // kilobytes to the component.
    roles: Vec<(String, Role)>,
    groups: Vec<(String, Vec<String>)>,
}

/// Who is asking: roles the application resolved directly (an API-key
/// caller as `admin`, say) and the identity provider's groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// Role names.
    pub roles: Vec<String>,
    /// Group names.
    pub groups: Vec<String>,
}

/// A decision with what made it, for the hosts to log and to put in a 403.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Whether the action may run.
    pub allow: bool,
    /// The role that allowed it.
    pub role: Option<String>,
    /// The pattern of that role that matched.
    pub pattern: Option<String>,
    /// In words: what matched, or why nothing did.
    pub reason: String,
    /// The JSON body of a 403 for a denial (`{"error":{"code":
    /// "access-denied",...}}`), empty when allowed; filled in by
    /// the plan gate (the `access` module), which knows the caller.
    pub body: String,
}

/// A name as a segment of a field path: as written when it is plain
/// printable ASCII, otherwise escaped and quoted (names come from the
/// policy file and reach messages and logs).
fn seg(name: &str) -> String {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"'.[]\\".contains(&b))
    {
        name.to_string()
    } else {
        escape::quoted(name)
    }
}

fn bad(field: &str, why: impl Into<String>) -> LicenseError {
    LicenseError::new(
        ErrorCode::InvalidConfig,
        format!(
            "RBAC policy is invalid at {field}: {}; see docs/rbac.md",
            why.into()
        ),
    )
    .with("field", field)
}

fn only_keys(v: &Value, allowed: &[&str], field: &str) -> Result<(), LicenseError> {
    let Value::Object(members) = v else {
        return Err(bad(field, "expected an object"));
    };
    match members.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((k, _)) => Err(bad(
            field,
            format!(
                "unknown key {} (expected one of: {})",
                escape::quoted(k),
                allowed.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

fn strings(v: &Value, field: &str) -> Result<Vec<String>, LicenseError> {
    let Value::Array(items) = v else {
        return Err(bad(field, "expected a list of strings"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::String(s) if !s.is_empty() => Ok(s.clone()),
            Value::String(_) => Err(bad(
                &format!("{field}[{i}]"),
                "empty (an empty pattern matches nothing; remove it)",
            )),
            _ => Err(bad(&format!("{field}[{i}]"), "expected a string")),
        })
        .collect()
}

impl RbacPolicy {
    /// Parses and checks a policy: its JSON form when the text starts with
    /// `{`, otherwise the YAML of [`crate::yaml`]. Every refusal is
    /// `invalid-config` with a `field` detail naming where (a key path, or
    /// `line N` for YAML that is not accepted).
    pub fn from_text(text: &str) -> Result<RbacPolicy, LicenseError> {
        if text.len() > MAX_POLICY_BYTES {
            return Err(bad(
                "(file)",
                format!(
                    "{} bytes, over the {MAX_POLICY_BYTES}-byte limit",
                    text.len()
                ),
            ));
        }
        let body = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        let v = if body.starts_with('{') {
            json::parse(body).map_err(|e| {
                bad(
                    "(file)",
                    format!("not JSON (a policy starting with '{{' is read as JSON): {e}"),
                )
            })?
        } else {
            yaml::parse(text).map_err(|e| bad(&format!("line {}", e.line), e.message))?
        };
        if v == Value::Null {
            return Err(bad("(file)", "the policy is empty (no roles, no groups); to remove it, unset the variable or the file setting"));
        }
        only_keys(&v, &["roles", "groups"], "(top level)")?;
        let mut roles: Vec<(String, Role)> = Vec::new();
        let mut total = 0usize;
        if let Some(r) = v.get("roles") {
            let Value::Object(members) = r else {
                return Err(bad("roles", "expected an object of role name -> role"));
            };
            for (name, role) in members {
                let field = format!("roles.{}", seg(name));
                let role = parse_role(role, &field)?;
                total += role.patterns.len();
                if total > MAX_PATTERNS {
                    return Err(bad(
                        &field,
                        format!("more than {MAX_PATTERNS} patterns in the policy"),
                    ));
                }
                roles.push((name.clone(), role));
            }
        }
        let mut groups = Vec::new();
        if let Some(g) = v.get("groups") {
            let Value::Object(members) = g else {
                return Err(bad("groups", "expected an object of group name -> role(s)"));
            };
            for (name, target) in members {
                let field = format!("groups.{}", seg(name));
                let names = match target {
                    Value::String(s) => vec![s.clone()],
                    Value::Array(_) => strings(target, &field)?,
                    Value::Object(_) => {
                        only_keys(target, &["roles"], &field)?;
                        let list = target
                            .get("roles")
                            .ok_or_else(|| bad(&field, "expected \"roles\": [...]"))?;
                        strings(list, &format!("{field}.roles"))?
                    }
                    _ => {
                        return Err(bad(
                            &field,
                            "expected a role name, a list of them, or {\"roles\": [...]}",
                        ))
                    }
                };
                if let Some(missing) = names.iter().find(|r| !roles.iter().any(|(n, _)| n == *r)) {
                    return Err(bad(
                        &field,
                        format!(
                            "names the role {}, which the policy does not define",
                            escape::quoted(missing)
                        ),
                    ));
                }
                groups.push((name.clone(), names));
            }
        }
        Ok(RbacPolicy { roles, groups })
    }

    /// How many roles the policy defines.
    pub fn role_count(&self) -> usize {
        self.roles.len()
    }

    /// How many patterns the policy holds (for `info` and metrics).
    pub fn pattern_count(&self) -> usize {
        self.roles.iter().map(|(_, r)| r.patterns.len()).sum()
    }

    fn role(&self, name: &str) -> Option<&Role> {
        self.roles.iter().find(|(n, _)| n == name).map(|(_, r)| r)
    }

    /// The caller's roles that the policy defines: their own, then those of
    /// their groups (unknown groups add nothing), without repeats.
    pub fn roles_of<'a>(&'a self, subject: &'a Subject) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        let from_groups = subject
            .groups
            .iter()
            .filter_map(|g| self.groups.iter().find(|(n, _)| n == g))
            .flat_map(|(_, rs)| rs);
        for r in subject.roles.iter().chain(from_groups) {
            if self.role(r).is_some() && !out.contains(&r.as_str()) {
                out.push(r);
            }
        }
        out
    }

    /// Whether `subject` may run `verb` on `action` under this policy.
    pub fn authorize(&self, subject: &Subject, action: &str, verb: &str) -> Decision {
        let deny = |reason: String| Decision {
            allow: false,
            role: None,
            pattern: None,
            reason,
            body: String::new(),
        };
        if action.len() > MAX_NAME_BYTES || verb.len() > MAX_NAME_BYTES {
            return deny(format!(
                "the action or verb is longer than {MAX_NAME_BYTES} bytes"
            ));
        }
        if subject.roles.len() + subject.groups.len() > MAX_SUBJECT_NAMES {
            return deny(format!(
                "the caller has more than {MAX_SUBJECT_NAMES} roles and groups"
            ));
        }
        let known = self.roles_of(subject);
        if known.is_empty() {
            return deny(format!(
                "the caller has no role in the policy (roles {}, groups {})",
                list(subject.roles.iter().map(String::as_str)),
                list(subject.groups.iter().map(String::as_str))
            ));
        }
        // The first role by name that allows, without sorting: the smallest
        // name among those with a match.
        let mut best: Option<(&str, &Glob)> = None;
        for &name in &known {
            let Some(role) = self.role(name) else {
                continue;
            };
            if role
                .verbs
                .as_ref()
                .is_some_and(|vs| !vs.iter().any(|v| v == verb))
            {
                continue;
            }
            if best.is_some_and(|(b, _)| b <= name) {
                continue;
            }
            if let Some(p) = role.patterns.iter().find(|p| p.matches(action)) {
                best = Some((name, p));
            }
        }
        match best {
            Some((name, p)) => Decision {
                allow: true,
                role: Some(name.to_string()),
                pattern: Some(p.as_str().to_string()),
                reason: format!(
                    "role {} allows {} by the pattern {}",
                    escape::quoted(name),
                    escape::quoted(action),
                    escape::quoted(p.as_str())
                ),
                body: String::new(),
            },
            None => deny(format!(
                "none of the caller's roles ({}) allows {} {}",
                list(known.iter().copied()),
                escape::quoted(verb),
                escape::quoted(action)
            )),
        }
    }
}

fn parse_role(v: &Value, field: &str) -> Result<Role, LicenseError> {
    // `role: [patterns]`, the short form in the seeds' comments, is `allow`.
    if let Value::Array(_) = v {
        return Ok(Role {
            patterns: strings(v, field)?.iter().map(|p| Glob::new(p)).collect(),
            verbs: None,
        });
    }
    only_keys(v, &["allow", "resources", "verbs"], field)?;
    let (allow, resources, verbs) = (v.get("allow"), v.get("resources"), v.get("verbs"));
    match (allow, resources, verbs) {
        (Some(a), None, None) => Ok(Role {
            patterns: strings(a, &format!("{field}.allow"))?
                .iter()
                .map(|p| Glob::new(p))
                .collect(),
            verbs: None,
        }),
        (None, Some(r), Some(vs)) => Ok(Role {
            patterns: strings(r, &format!("{field}.resources"))?
                .iter()
                .map(|p| Glob::new(p))
                .collect(),
            verbs: Some(strings(vs, &format!("{field}.verbs"))?),
        }),
        (None, Some(_), None) => Err(bad(
            field,
            "\"resources\" needs \"verbs\" (e.g. [\"execute\"])",
        )),
        (None, None, _) => Err(bad(
            field,
            "expected \"allow\": [...] or \"resources\": [...] with \"verbs\": [...]",
        )),
        (Some(_), _, _) => Err(bad(
            field,
            "\"allow\" cannot be combined with \"resources\" or \"verbs\"",
        )),
    }
}

/// Most names a reason lists; a caller may bring up to
/// [`MAX_SUBJECT_NAMES`], and a reason reaches logs and 403 bodies.
const MAX_LISTED: usize = 8;

/// Names for a 403 body: at most [`MAX_LISTED`], comma-separated, then
/// how many more.
pub fn names_for_body<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    let mut out = names
        .iter()
        .take(MAX_LISTED)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MAX_LISTED {
        out.push_str(&format!(" and {} more", names.len() - MAX_LISTED));
    }
    out
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut more = 0usize;
    for (i, n) in names.enumerate() {
        if i >= MAX_LISTED {
            more += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&escape::quoted(n));
    }
    if out.is_empty() {
        out.push_str("none");
    } else if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

/// The decision when no policy is configured: full access, by the seeds'
/// rule.
pub fn no_policy() -> Decision {
    Decision {
        allow: true,
        role: None,
        pattern: None,
        reason: "no RBAC policy is configured: every authenticated caller has full access".into(),
        body: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The policy of `../shared/seeds/002` section 13.6, in JSON form.
    const SEED_ALLOW: &str = r#"{"roles": {
        "admin": {"allow": ["*"]},
        "architect": {"allow": ["topology_*", "blast_radius_*", "path_analysis", "all_devices", "update_device_metadata"]},
        "network": {"allow": ["topology_*", "ips_in_subnet", "locate_endpoint_by_ip", "all_devices", "devices_*", "interfaces_*"]},
        "security": {"allow": ["firewall_*", "path_analysis", "deny_rules_summary", "blast_radius_*"]},
        "analyst": {"allow": ["summary_*", "all_devices", "hygiene_*", "devices_*"]},
        "helpdesk": {"allow": ["locate_endpoint_by_ip", "ips_in_subnet", "device_neighbors"]}},
      "groups": {"network-ops-team": "network", "security-analysts": "security", "noc-helpdesk": "helpdesk"}}"#;

    /// The policy of `../shared/seeds/001` section 12, in JSON form.
    const SEED_VERBS: &str = r#"{"roles": {
        "network": {"resources": ["topology_*", "blast_radius_*", "endpoints_*", "locate_endpoint_*"], "verbs": ["execute"]},
        "security": {"resources": ["firewall_*", "path_analysis", "deny_rules_summary"], "verbs": ["execute"]},
        "readonly": {"resources": ["*"], "verbs": ["list"]}},
      "groups": {"Network-Ops": {"roles": ["network"]}, "Security-Team": {"roles": ["security"]}, "Management": {"roles": ["readonly"]}}}"#;

    /// The ```<lang> blocks of docs/rbac.md.
    fn doc_blocks(lang: &str) -> Vec<String> {
        let doc = include_str!("../../docs/rbac.md");
        let fence = format!("```{lang}\n");
        doc.split(&fence)
            .skip(1)
            .map(|rest| rest.split("```").next().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn the_documented_policy_reads_the_same_in_yaml_and_json() {
        let (yaml, json) = (doc_blocks("yaml"), doc_blocks("json"));
        assert_eq!((yaml.len(), json.len()), (1, 1));
        let from_yaml = RbacPolicy::from_text(&yaml[0]).unwrap();
        assert_eq!(from_yaml, RbacPolicy::from_text(&json[0]).unwrap());
        let d = from_yaml.authorize(&groups(&["ops"]), "topology_map", "list");
        assert_eq!(d.role.as_deref(), Some("network"));
    }

    fn groups(g: &[&str]) -> Subject {
        Subject {
            roles: vec![],
            groups: g.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn network_ops_may_run_topology_queries_but_not_firewall_ones() {
        let p = RbacPolicy::from_text(SEED_ALLOW).unwrap();
        let d = p.authorize(
            &groups(&["network-ops-team"]),
            "topology_neighbors",
            "execute",
        );
        assert!(d.allow);
        assert_eq!(d.role.as_deref(), Some("network"));
        assert_eq!(d.pattern.as_deref(), Some("topology_*"));
        let d = p.authorize(
            &groups(&["network-ops-team"]),
            "firewall_rules_by_zone_pair",
            "execute",
        );
        assert!(!d.allow);
        assert!(d.reason.contains("\"network\""), "{}", d.reason);
    }

    #[test]
    fn helpdesk_may_locate_endpoints_and_an_unknown_group_gets_nothing() {
        let p = RbacPolicy::from_text(SEED_ALLOW).unwrap();
        assert!(
            p.authorize(
                &groups(&["noc-helpdesk"]),
                "locate_endpoint_by_ip",
                "execute"
            )
            .allow
        );
        let d = p.authorize(&groups(&["marketing"]), "locate_endpoint_by_ip", "execute");
        assert!(!d.allow);
        assert!(d.reason.contains("no role"), "{}", d.reason);
    }

    #[test]
    fn readonly_may_only_list() {
        let p = RbacPolicy::from_text(SEED_VERBS).unwrap();
        assert!(
            p.authorize(&groups(&["Management"]), "topology_neighbors", "list")
                .allow
        );
        assert!(
            !p.authorize(&groups(&["Management"]), "topology_neighbors", "execute")
                .allow
        );
        assert!(
            p.authorize(&groups(&["Network-Ops"]), "topology_neighbors", "execute")
                .allow
        );
        assert!(
            !p.authorize(&groups(&["Network-Ops"]), "topology_neighbors", "list")
                .allow
        );
    }

    #[test]
    fn an_api_key_caller_resolved_to_admin_may_run_everything() {
        let p = RbacPolicy::from_text(SEED_ALLOW).unwrap();
        let admin = Subject {
            roles: vec!["admin".into()],
            groups: vec![],
        };
        let d = p.authorize(&admin, "firewall_rules_by_zone_pair", "execute");
        assert!(d.allow);
        assert_eq!(
            (d.role.as_deref(), d.pattern.as_deref()),
            (Some("admin"), Some("*"))
        );
    }

    #[test]
    fn the_first_role_in_name_order_and_first_pattern_is_reported() {
        let p = RbacPolicy::from_text(SEED_ALLOW).unwrap();
        let both = groups(&["security-analysts", "network-ops-team"]);
        let d = p.authorize(&both, "blast_radius_core", "execute");
        // "network" comes first but does not match blast_radius_*; "security" does.
        assert_eq!(d.role.as_deref(), Some("security"));
        // "analyst" and "network" both match devices_*: the first by name wins.
        let analyst_and_network = Subject {
            roles: vec!["network".into(), "analyst".into()],
            groups: vec![],
        };
        let d = p.authorize(&analyst_and_network, "devices_by_site", "execute");
        assert_eq!(
            (d.role.as_deref(), d.pattern.as_deref()),
            (Some("analyst"), Some("devices_*"))
        );
    }

    #[test]
    fn bad_policies_name_the_field() {
        let field = |text: &str| {
            let e = RbacPolicy::from_text(text).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidConfig);
            e.details
                .iter()
                .find(|(k, _)| k == "field")
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(field(r#"{"role": {}}"#), "(top level)");
        assert_eq!(
            field(r#"{"roles": {"a": {"allow": ["x", ""]}}}"#),
            "roles.a.allow[1]"
        );
        assert_eq!(
            field(r#"{"roles": {"a": {"allow": ["x"]}}, "groups": {"g": "b"}}"#),
            "groups.g"
        );
        assert_eq!(
            field(r#"{"roles": {"a": {"resources": ["x"]}}}"#),
            "roles.a"
        );
        assert_eq!(
            field(r#"{"roles": {"a": {"allow": ["x"], "verbs": ["list"]}}}"#),
            "roles.a"
        );
        assert_eq!(
            field(r#"{"roles": {"a": {"allow": ["x"], "deny": ["y"]}}}"#),
            "roles.a"
        );
        assert_eq!(
            field(r#"{"roles": {"a": {"allow": "x"}}}"#),
            "roles.a.allow"
        );
        assert_eq!(
            field(r#"{"roles": {"a": {"allow": ["x"]}}, "groups": {"g": {"role": ["a"]}}}"#),
            "groups.g"
        );
        let many = format!(
            r#"{{"roles": {{"a": {{"allow": [{}]}}}}}}"#,
            vec!["\"x\""; MAX_PATTERNS + 1].join(",")
        );
        assert_eq!(field(&many), "roles.a");
        let huge = format!(
            r#"{{"roles": {{}}, "groups": {{}}}}{}"#,
            " ".repeat(MAX_POLICY_BYTES)
        );
        assert_eq!(field(&huge), "(file)");
        assert_eq!(
            field(r#"{"roles": {"a": {"allow": ["x"]}, "a": {"allow": ["y"]}}}"#),
            "(file)"
        );
    }

    #[test]
    fn attacker_text_in_names_is_escaped_in_reasons() {
        let p = RbacPolicy::from_text(SEED_ALLOW).unwrap();
        let d = p.authorize(
            &groups(&["network-ops-team"]),
            "firewall\n\u{1b}[31m",
            "execute",
        );
        assert!(
            !d.reason.contains('\n') && !d.reason.contains('\u{1b}'),
            "{}",
            d.reason
        );
        let e =
            RbacPolicy::from_text("{\"roles\": {\"a\": {\"allow\": [\"x\"], \"b\\u001b\": 1}}}")
                .unwrap_err();
        assert!(!e.message.contains('\u{1b}'), "{}", e.message);
    }

    #[test]
    fn a_reason_lists_at_most_eight_names() {
        let p = RbacPolicy::from_text(SEED_ALLOW).unwrap();
        let many = Subject {
            roles: vec![],
            groups: (0..100).map(|i| format!("g{i}")).collect(),
        };
        let d = p.authorize(&many, "topology_map", "execute");
        assert!(!d.allow);
        assert!(d.reason.contains("\"g7\" and 92 more"), "{}", d.reason);
        assert!(!d.reason.contains("\"g8\""), "{}", d.reason);
    }

    #[test]
    fn overlong_names_are_denied_without_matching() {
        let p = RbacPolicy::from_text(SEED_ALLOW).unwrap();
        let admin = Subject {
            roles: vec!["admin".into()],
            groups: vec![],
        };
        assert!(
            !p.authorize(&admin, &"a".repeat(MAX_NAME_BYTES + 1), "execute")
                .allow
        );
    }

    #[test]
    fn no_policy_means_full_access() {
        assert!(no_policy().allow);
    }
}

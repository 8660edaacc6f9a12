//! The vendor's product policy: what each plan includes, what the community
//! tier gets without a key, which caps are soft, which HTTP paths stay open
//! after expiry. Supplied as JSON (docs/policy.md); unknown fields are
//! rejected so a typo (`soft_cap`) cannot silently weaken enforcement.

use crate::names::{NameMap, NameSet};

use crate::error::{ErrorCode, LicenseError, Result};
use crate::fields::{limit_map, name_list};
use crate::json::{self, Value};
use crate::names::valid_name;

/// Largest policy document accepted, in bytes.
pub const MAX_POLICY_LEN: usize = 64 * 1024;
/// Exempt paths when the policy names none.
pub const DEFAULT_EXEMPT_PATHS: [&str; 3] = ["/health", "/ready", "/metrics"];

/// What one plan includes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Features the plan turns on.
    pub features: NameSet,
    /// Caps of the plan; a license's own limits override them.
    pub limits: NameMap<u64>,
    /// The plan unlocks every feature (e.g. enterprise).
    pub all_features: bool,
}

/// A product policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Plans by name.
    pub plans: NameMap<Plan>,
    /// Name of the plan used when no valid license is in force.
    pub community_plan: String,
    /// Extra feature names to list in `info` even if no plan includes them.
    pub features: NameSet,
    /// Caps that warn instead of rejecting.
    pub soft_caps: NameSet,
    /// Paths served even after expiry.
    pub exempt_paths: Vec<String>,
    /// Demo mode from the policy.
    pub demo: bool,
    /// Prefix of every metric name.
    pub metrics_prefix: String,
    /// Where operators go to upgrade or renew, appended to hints.
    pub upgrade_url: Option<String>,
    /// How the vendor's customers free a device slot (portal URL, support
    /// address, the product's own command), said when the license server
    /// refuses a device; the default names every host's deactivate call.
    pub device_limit_hint: Option<String>,
    /// What an expired license leaves: `false` (the default, `"block"`)
    /// answers 503 to every non-exempt request; `true` (`"community"`)
    /// runs the community tier, as seed products do.
    pub community_on_expiry: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            plans: NameMap::default(),
            community_plan: "community".into(),
            features: NameSet::default(),
            soft_caps: NameSet::default(),
            exempt_paths: DEFAULT_EXEMPT_PATHS.iter().map(|s| s.to_string()).collect(),
            demo: false,
            metrics_prefix: "licensewarden".into(),
            upgrade_url: None,
            device_limit_hint: None,
            community_on_expiry: false,
        }
    }
}

fn bad(why: impl Into<String>) -> LicenseError {
    LicenseError::new(
        ErrorCode::InvalidConfig,
        format!(
            "product policy is invalid: {}; see docs/policy.md",
            why.into()
        ),
    )
}

fn check_fields(v: &Value, allowed: &[&str], what: &str) -> Result<()> {
    let Value::Object(members) = v else {
        return Err(bad(format!("{what} must be a JSON object")));
    };
    if let Some((k, _)) = members.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(bad(format!(
            "{what} has unknown field '{k}' (known: {})",
            allowed.join(", ")
        )));
    }
    Ok(())
}

fn valid_path(p: &str) -> bool {
    p.starts_with('/') && p.len() <= 256 && !p.contains(['?', '#', ' ']) && !p.contains("//")
}

impl Policy {
    /// Parse a policy document; the empty string means [`Policy::default`].
    pub fn from_json(text: &str) -> Result<Policy> {
        let mut p = Policy::default();
        if text.trim().is_empty() {
            return Ok(p);
        }
        if text.len() > MAX_POLICY_LEN {
            return Err(LicenseError::new(
                ErrorCode::TooLarge,
                format!("product policy is larger than {MAX_POLICY_LEN} bytes"),
            ));
        }
        let v = json::parse(text).map_err(|e| bad(format!("not strict JSON ({e})")))?;
        check_fields(
            &v,
            &[
                "plans",
                "community_plan",
                "features",
                "soft_caps",
                "exempt_paths",
                "demo",
                "metrics_prefix",
                "upgrade_url",
                "device_limit_hint",
                "on_expiry",
            ],
            "the policy",
        )?;
        if let Some(plans) = v.get("plans") {
            let Value::Object(members) = plans else {
                return Err(bad("'plans' must be an object of plan name: plan"));
            };
            for (name, plan) in members {
                if !valid_name(name) {
                    return Err(bad(format!("plan name '{name}' is not a valid name")));
                }
                let what = format!("plan '{name}'");
                check_fields(plan, &["features", "limits", "all_features"], &what)?;
                let all_features = match plan.get("all_features") {
                    None => false,
                    Some(Value::Bool(b)) => *b,
                    Some(_) => {
                        return Err(bad(format!("{what}: 'all_features' must be true or false")))
                    }
                };
                p.plans.insert(
                    name.clone(),
                    Plan {
                        features: name_list(plan.get("features"), &format!("{what} features"))
                            .map_err(bad)?
                            .into_iter()
                            .collect(),
                        limits: limit_map(plan.get("limits"), &format!("{what} limits"))
                            .map_err(bad)?,
                        all_features,
                    },
                );
            }
        }
        if let Some(c) = v.get("community_plan") {
            match c.as_str() {
                Some(s) if valid_name(s) => p.community_plan = s.to_string(),
                _ => return Err(bad("'community_plan' must be a plan name")),
            }
        }
        p.features = name_list(v.get("features"), "features")
            .map_err(bad)?
            .into_iter()
            .collect();
        p.soft_caps = name_list(v.get("soft_caps"), "soft_caps")
            .map_err(bad)?
            .into_iter()
            .collect();
        if let Some(paths) = v.get("exempt_paths") {
            let Value::Array(items) = paths else {
                return Err(bad("'exempt_paths' must be an array of paths"));
            };
            p.exempt_paths.clear();
            for item in items {
                match item.as_str() {
                    Some(s) if valid_path(s) => p.exempt_paths.push(s.trim_end_matches('/').to_string()),
                    _ => return Err(bad("'exempt_paths' entries must be paths starting with '/' without '?', '#', spaces or '//'")),
                }
            }
        }
        match v.get("demo") {
            None => {}
            Some(Value::Bool(b)) => p.demo = *b,
            Some(_) => return Err(bad("'demo' must be true or false")),
        }
        if let Some(m) = v.get("metrics_prefix") {
            match m.as_str() {
                Some(s)
                    if !s.is_empty()
                        && s.len() <= 64
                        && !s.as_bytes()[0].is_ascii_digit()
                        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                {
                    p.metrics_prefix = s.to_string()
                }
                _ => return Err(bad(
                    "'metrics_prefix' must match [A-Za-z_][A-Za-z0-9_]* (at most 64 characters)",
                )),
            }
        }
        if let Some(u) = v.get("upgrade_url") {
            match u.as_str() {
                Some(s) if !s.is_empty() && s.len() <= 256 => p.upgrade_url = Some(s.to_string()),
                _ => return Err(bad("'upgrade_url' must be a non-empty string")),
            }
        }
        if let Some(h) = v.get("device_limit_hint") {
            match h.as_str() {
                Some(s) if !s.trim().is_empty() && s.len() <= 256 && !s.chars().any(char::is_control) => {
                    p.device_limit_hint = Some(s.to_string())
                }
                _ => return Err(bad("'device_limit_hint' must be a non-empty string of at most 256 characters without control characters")),
            }
        }
        match v.get("on_expiry").map(Value::as_str) {
            None | Some(Some("block")) => {}
            Some(Some("community")) => p.community_on_expiry = true,
            Some(_) => return Err(bad("'on_expiry' must be \"block\" (503 for non-exempt requests, the default) or \"community\" (the community tier)")),
        }
        Ok(p)
    }

    /// The community plan (empty if the policy does not define it).
    pub fn community(&self) -> Plan {
        self.plans
            .get(&self.community_plan)
            .cloned()
            .unwrap_or_default()
    }

    /// Names of plans that include `feature`, for upgrade hints.
    pub fn plans_with(&self, feature: &str) -> Vec<&str> {
        self.plans
            .iter()
            .filter(|(_, p)| p.all_features || p.features.contains(feature))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// Every feature name the policy mentions.
    pub fn known_features(&self) -> NameSet {
        let mut all = self.features.clone();
        for p in self.plans.values() {
            all.extend(p.features.iter().cloned());
        }
        all
    }

    /// Whether requests to `path` pass even after expiry. The query string is
    /// ignored; a path matches an entry exactly or as a `/`-segment prefix.
    /// Paths with dot segments or empty segments never match, so
    /// `/health/../admin` cannot borrow `/health`'s exemption.
    pub fn is_exempt(&self, path: &str) -> bool {
        let path = path.split(['?', '#']).next().unwrap_or("");
        if !path.starts_with('/')
            || path.contains("//")
            || path
                .split('/')
                .any(|seg| seg == "." || seg == ".." || seg.contains('%') || seg.contains('\\'))
        {
            return false;
        }
        let path = if path.len() > 1 {
            path.trim_end_matches('/')
        } else {
            path
        };
        self.exempt_paths.iter().any(|e| {
            path == e
                || (path.starts_with(e.as_str()) && path.as_bytes().get(e.len()) == Some(&b'/'))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_policy_is_the_default() {
        let p = Policy::from_json("").unwrap();
        assert_eq!(p, Policy::default());
        assert!(p.is_exempt("/health"));
    }

    #[test]
    fn unknown_fields_are_rejected_with_their_name() {
        let e = Policy::from_json(r#"{"soft_cap":["seats"]}"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidConfig);
        assert!(e.message.contains("soft_cap"), "{}", e.message);
        assert!(Policy::from_json(r#"{"plans":{"pro":{"feature":["a"]}}}"#).is_err());
    }

    #[test]
    fn exempt_paths_match_segments_not_prefixes_or_traversals() {
        let p = Policy::default();
        assert!(p.is_exempt("/health"));
        assert!(p.is_exempt("/health/"));
        assert!(p.is_exempt("/health/live"));
        assert!(p.is_exempt("/metrics?x=1"));
        assert!(!p.is_exempt("/healthz"));
        assert!(!p.is_exempt("/health/../admin"));
        assert!(!p.is_exempt("/health/%2e%2e/admin"));
        assert!(!p.is_exempt("//health"));
        assert!(!p.is_exempt("health"));
        assert!(!p.is_exempt("/api"));
    }
}

//! The admin API's request bodies, read as strictly as the protocol's:
//! the core's JSON reader (duplicate keys refused), a closed set of fields
//! (a misspelling is an error, never a default), one type per field, and
//! every problem named in one 400. A vendor's typo must never mint a
//! perpetual or unlimited license.

use licensewarden_guest::json::{self, Value};
use licensewarden_guest::names::{license_id_problem, valid_name};
use licensewarden_guest::time;

/// Longest `org`, bytes (the core's cap on payload text).
pub const ORG_MAX: usize = licensewarden_guest::payload::MAX_TEXT_LEN;

/// What `POST /admin/licenses` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateRequest {
    /// Register a token issued elsewhere (`{"token": "lg1..."}`).
    Register {
        /// The token, trimmed of surrounding ASCII whitespace.
        token: String,
    },
    /// Have the server issue a license with its issuing key.
    Issue(IssueTerms),
}

/// The terms of a license the server issues.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueTerms {
    /// License id (`None`: a random one).
    pub id: Option<String>,
    /// Organisation.
    pub org: Option<String>,
    /// Plan.
    pub plan: String,
    /// Features beyond the plan's.
    pub features: Vec<String>,
    /// Caps (`max_devices`, `seats`, ...).
    pub limits: Vec<(String, u64)>,
    /// Expiry exactly as given (`YYYY-MM-DD` or RFC 3339).
    pub expires: Option<String>,
    /// Start exactly as given.
    pub not_before: Option<String>,
}

const ISSUE_FIELDS: [&str; 7] = [
    "id",
    "org",
    "plan",
    "features",
    "limits",
    "expires",
    "not_before",
];

/// Fields people write when they mean one of ours.
const NEAR_MISSES: [(&str, &str); 9] = [
    ("expires_at", "expires"),
    ("expiry", "expires"),
    ("expiration", "expires"),
    ("max_devices", "limits.max_devices"),
    ("seats", "limits.seats"),
    ("feature", "features"),
    ("limit", "limits"),
    ("license_id", "id"),
    ("notbefore", "not_before"),
];

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn unknown_field(k: &str) -> String {
    let shown = licensewarden_guest::escape::quoted(k);
    let hint = NEAR_MISSES
        .iter()
        .find(|(typo, _)| typo.eq_ignore_ascii_case(k))
        .map(|(_, meant)| *meant)
        .or_else(|| {
            ISSUE_FIELDS
                .iter()
                .find(|f| f.eq_ignore_ascii_case(k))
                .copied()
        });
    match hint {
        Some(m) => format!("unknown field {shown} (did you mean '{m}'?)"),
        None => format!(
            "unknown field {shown} (known: token, or {})",
            ISSUE_FIELDS.join(", ")
        ),
    }
}

/// Why `org` cannot be a license's organisation.
pub fn org_problem(s: &str) -> Option<String> {
    if s.len() > ORG_MAX {
        Some(format!(
            "is {} bytes long; the limit is {ORG_MAX} bytes",
            s.len()
        ))
    } else if s.is_empty() {
        Some("is empty (leave it out instead)".into())
    } else if s.chars().any(char::is_control) {
        Some("contains a control character".into())
    } else {
        None
    }
}

/// Read one of the issue fields into `terms`; false when `k` is not one.
fn issue_field(k: &str, val: &Value, terms: &mut IssueTerms, errors: &mut Vec<String>) -> bool {
    let mut bad = |what: &str| errors.push(format!("'{k}' {what}, not {}", kind(val)));
    match (k, val) {
        ("id", Value::String(s)) => match license_id_problem(s) {
            Some(why) => errors.push(format!("'id' {why}")),
            None => terms.id = Some(s.clone()),
        },
        ("id", _) => bad("must be a string"),
        ("org", Value::String(s)) => match org_problem(s) {
            Some(why) => errors.push(format!("'org' {why}")),
            None => terms.org = Some(s.clone()),
        },
        ("org", _) => bad("must be a string"),
        ("plan", Value::String(s)) if valid_name(s) => terms.plan = s.clone(),
        ("plan", Value::String(_)) => {
            errors.push("'plan' must be a name of 1-64 of A-Z a-z 0-9 _ - . :".into())
        }
        ("plan", _) => bad("must be a string"),
        ("features", Value::Array(items)) => {
            for (i, f) in items.iter().enumerate() {
                match f.as_str().filter(|s| valid_name(s)) {
                    Some(s) if terms.features.iter().any(|x| x == s) => {
                        errors.push(format!("'features' names '{s}' twice"))
                    }
                    Some(s) => terms.features.push(s.to_string()),
                    None => errors.push(format!(
                        "'features'[{i}] must be a name of 1-64 of A-Z a-z 0-9 _ - . :"
                    )),
                }
            }
        }
        ("features", _) => bad("must be a list of names"),
        ("limits", Value::Object(caps)) => {
            for (name, n) in caps {
                match n.as_u64() {
                    Some(n) if valid_name(name) => terms.limits.push((name.clone(), n)),
                    Some(_) => errors.push(format!(
                        "'limits' key {} must be a name of 1-64 of A-Z a-z 0-9 _ - . :",
                        licensewarden_guest::escape::quoted(name)
                    )),
                    None => errors.push(format!(
                        "'limits.{}' must be a whole number (0 = no cap), not {}",
                        if valid_name(name) {
                            name.clone()
                        } else {
                            licensewarden_guest::escape::quoted(name)
                        },
                        match n {
                            Value::Number(_) => "a negative or fractional number",
                            other => kind(other),
                        }
                    )),
                }
            }
        }
        ("limits", _) => bad("must be an object of names to whole numbers"),
        ("expires" | "not_before", Value::String(s)) if time::parse(s).is_some() => {
            if k == "expires" {
                terms.expires = Some(s.clone());
            } else {
                terms.not_before = Some(s.clone());
            }
        }
        ("expires" | "not_before", Value::String(_)) => {
            errors.push(format!("'{k}' is YYYY-MM-DD or an RFC 3339 date-time"))
        }
        ("expires" | "not_before", _) => bad(
            "must be a string (YYYY-MM-DD or an RFC 3339 date-time; leave it out for no expiry)",
        ),
        _ => return false,
    }
    true
}

/// Read a create body. `Err` lists every problem, one per entry.
pub fn parse_create(body: &[u8]) -> Result<CreateRequest, Vec<String>> {
    let text = std::str::from_utf8(body).map_err(|_| vec!["the body is not UTF-8".into()])?;
    let v = json::parse(text).map_err(|e| vec![format!("the body is not strict JSON ({e})")])?;
    let Value::Object(members) = &v else {
        return Err(vec![format!(
            "the body must be an object, not {}",
            kind(&v)
        )]);
    };
    if let Some(t) = v.get("token") {
        let mut errors: Vec<String> = members
            .iter()
            .filter(|(k, _)| k != "token")
            .map(|(k, _)| {
                format!(
                    "field {} cannot be combined with 'token' (a registered token carries its own terms)",
                    licensewarden_guest::escape::quoted(k)
                )
            })
            .collect();
        match t.as_str().map(|s| s.trim_matches([' ', '\t', '\r', '\n'])) {
            Some(s) if !s.is_empty() && errors.is_empty() => {
                return Ok(CreateRequest::Register {
                    token: s.to_string(),
                })
            }
            Some(s) if !s.is_empty() => {}
            Some(_) => errors.push("'token' is empty".into()),
            None => errors.push(format!("'token' must be a string, not {}", kind(t))),
        }
        return Err(errors);
    }
    let mut errors = Vec::new();
    let mut terms = IssueTerms::default();
    for (k, val) in members {
        if !issue_field(k, val, &mut terms, &mut errors) {
            errors.push(unknown_field(k));
        }
    }
    if !members.iter().any(|(k, _)| k == "plan") {
        errors.push("'plan' is required (or 'token' to register a key issued elsewhere)".into());
    }
    if errors.is_empty() {
        Ok(CreateRequest::Issue(terms))
    } else {
        Err(errors)
    }
}

/// Shortest and longest lease a vendor may set per license, minutes (the
/// core reads anything shorter than 5 minutes as 5 minutes).
pub const LEASE_MINUTES: std::ops::RangeInclusive<u64> = 5..=7 * 24 * 60;
/// Shortest and longest heartbeat window, minutes.
pub const HEARTBEAT_MINUTES: std::ops::RangeInclusive<u64> = 5..=365 * 24 * 60;

/// What `PATCH /admin/licenses/{id}` changes; `None` leaves a term as it
/// is. The license id, the customer's key and the devices never change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// New plan.
    pub plan: Option<String>,
    /// New organisation.
    pub org: Option<String>,
    /// The whole new feature list.
    pub features: Option<Vec<String>>,
    /// Caps to set, each replacing the cap of that name (0 = no cap);
    /// caps not named keep their value.
    pub limits: Vec<(String, u64)>,
    /// New expiry as given; `Some(None)`: no expiry.
    pub expires: Option<Option<String>>,
    /// Lease of `valid` answers, minutes; `Some(None)`: the server default.
    pub lease_minutes: Option<Option<u64>>,
    /// Devices not seen for this long release their slot; `Some(None)`: never.
    pub heartbeat_minutes: Option<Option<u64>>,
}

fn minutes(
    k: &str,
    val: &Value,
    range: &std::ops::RangeInclusive<u64>,
    errors: &mut Vec<String>,
) -> Option<Option<u64>> {
    match val {
        Value::Null => Some(None),
        v => match v.as_u64() {
            Some(n) if range.contains(&n) => Some(Some(n)),
            _ => {
                errors.push(format!(
                    "'{k}' must be a whole number of minutes from {} to {} (or null for the default), not {}",
                    range.start(),
                    range.end(),
                    if matches!(v, Value::Number(_)) { "that number" } else { kind(v) }
                ));
                None
            }
        },
    }
}

/// Read a change body. `Err` lists every problem, one per entry.
pub fn parse_change(body: &[u8]) -> Result<Change, Vec<String>> {
    let text = std::str::from_utf8(body).map_err(|_| vec!["the body is not UTF-8".into()])?;
    let v = json::parse(text).map_err(|e| vec![format!("the body is not strict JSON ({e})")])?;
    let Value::Object(members) = &v else {
        return Err(vec![format!(
            "the body must be an object, not {}",
            kind(&v)
        )]);
    };
    let mut errors = Vec::new();
    let mut change = Change::default();
    let mut terms = IssueTerms::default();
    for (k, val) in members {
        match (k.as_str(), val) {
            ("id" | "not_before" | "token", _) => errors.push(format!(
                "'{k}' cannot be changed (the license keeps its id and the customer keeps their key); create a new license instead"
            )),
            ("expires", Value::Null) => change.expires = Some(None),
            ("lease_minutes", v) => change.lease_minutes = minutes(k, v, &LEASE_MINUTES, &mut errors),
            ("heartbeat_minutes", v) => {
                change.heartbeat_minutes = minutes(k, v, &HEARTBEAT_MINUTES, &mut errors)
            }
            _ => {
                if !issue_field(k, val, &mut terms, &mut errors) {
                    errors.push(unknown_field(k));
                    continue;
                }
                match k.as_str() {
                    "plan" => change.plan = Some(terms.plan.clone()),
                    "org" => change.org = terms.org.clone(),
                    "features" => change.features = Some(terms.features.clone()),
                    "limits" => change.limits = terms.limits.clone(),
                    "expires" => change.expires = terms.expires.clone().map(Some),
                    _ => {}
                }
            }
        }
    }
    if members.is_empty() {
        errors.push("the body names nothing to change (plan, org, features, limits, expires, lease_minutes, heartbeat_minutes)".into());
    }
    if errors.is_empty() {
        Ok(change)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(body: &str) -> Vec<String> {
        parse_create(body.as_bytes()).expect_err(body)
    }

    #[test]
    fn a_mistyped_expiry_is_refused_never_a_perpetual_license() {
        for v in ["20270101", "[\"2027-01-01\"]", "{}", "true", "null"] {
            let e = errors(&format!(r#"{{"plan":"pro","expires":{v}}}"#));
            assert!(e[0].starts_with("'expires' must be a string"), "{e:?}");
        }
        for k in ["expires_at", "expiry", "Expires"] {
            let e = errors(&format!(r#"{{"plan":"pro","{k}":"2027-01-01"}}"#));
            assert!(e[0].contains("did you mean 'expires'"), "{e:?}");
        }
    }

    #[test]
    fn a_top_level_max_devices_is_refused_never_unlimited() {
        let e = errors(r#"{"plan":"pro","max_devices":5}"#);
        assert_eq!(
            e,
            ["unknown field \"max_devices\" (did you mean 'limits.max_devices'?)"]
        );
        let e = errors(r#"{"plan":"pro","limits":{"max_devices":-5}}"#);
        assert!(e[0].contains("whole number"), "{e:?}");
    }

    #[test]
    fn non_string_ids_and_orgs_and_duplicate_keys_are_refused() {
        assert!(errors(r#"{"plan":"pro","id":7}"#)[0].starts_with("'id' must be a string"));
        assert!(errors(r#"{"plan":"pro","org":["x"]}"#)[0].starts_with("'org' must be a string"));
        assert!(errors(r#"{"plan":"pro","plan":"ent"}"#)[0].contains("strict JSON"));
    }

    #[test]
    fn every_bad_field_is_named_in_one_answer() {
        let e = errors(r#"{"id":"a\tb","org":"x\u001b[31m","expires":1,"zzz":1}"#);
        assert_eq!(e.len(), 5, "{e:?}");
    }

    #[test]
    fn ids_follow_the_protocol_rule() {
        let long = "a".repeat(129);
        assert_eq!(
            errors(&format!(r#"{{"plan":"pro","id":"{long}"}}"#)),
            ["'id' is 129 bytes long; the limit is 128 bytes"]
        );
        for bad in ["a\\u0000", "a\\u007f", "a\\u0085", "a\\n"] {
            assert!(errors(&format!(r#"{{"plan":"pro","id":"{bad}"}}"#))[0]
                .contains("control character"));
        }
    }

    #[test]
    fn a_change_names_only_what_changes_and_refuses_the_id() {
        let c = parse_change(br#"{"expires":"2028-01-01","limits":{"max_devices":10}}"#).unwrap();
        assert_eq!(c.expires, Some(Some("2028-01-01".into())));
        assert_eq!(c.limits, vec![("max_devices".into(), 10)]);
        assert_eq!(c.plan, None);
        assert_eq!(
            parse_change(br#"{"expires":null}"#).unwrap().expires,
            Some(None)
        );
        let e = parse_change(br#"{"id":"x","expiry":"2028-01-01","lease_minutes":1}"#).unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[1].contains("did you mean 'expires'"), "{e:?}");
        assert!(parse_change(b"{}").is_err());
    }

    #[test]
    fn good_bodies_parse() {
        assert_eq!(
            parse_create(br#"{"token":" lg1.x "}"#).unwrap(),
            CreateRequest::Register {
                token: "lg1.x".into()
            }
        );
        let CreateRequest::Issue(t) = parse_create(
            br#"{"plan":"pro","org":"Acme","features":["sso"],"limits":{"max_devices":5},"expires":"2027-12-31","id":"lic_1"}"#,
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(t.limits, [("max_devices".to_string(), 5)]);
        assert_eq!(t.expires.as_deref(), Some("2027-12-31"));
        assert!(errors(r#"{"token":"lg1.x","plan":"pro"}"#)[0].contains("cannot be combined"));
    }
}

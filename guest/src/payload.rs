//! The license model carried inside a token.
//!
//! ```json
//! {"id":"lic_123","org":"Acme","plan":"pro","features":["sso"],
//!  "limits":{"max_devices":5},"issued_at":"2026-01-01",
//!  "not_before":"2026-01-01","expires_at":"2027-06-30"}
//! ```
//!
//! `id`, `plan` and `issued_at` are required. Unknown fields are kept
//! (canonical JSON in `extra_json`) but never used for policy. A date that
//! does not parse does not reject the token: the license is treated as
//! expired, which is the safe reading of a date nobody can interpret.

use crate::fields::{limit_map, name_list};
use crate::names::{valid_name, NameMap};

use crate::error::{ErrorCode, LicenseError, Result};
use crate::json::{self, Value};
use crate::time;

/// Longest license id, org, plan or name accepted.
pub const MAX_TEXT_LEN: usize = 256;

/// A verified license.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    /// License id.
    pub id: String,
    /// Organisation (empty when absent).
    pub org: String,
    /// Plan name.
    pub plan: String,
    /// Key id that signed it.
    pub kid: String,
    /// Features granted by the token (sorted, unique).
    pub features: Vec<String>,
    /// Caps granted by the token; 0 means no cap.
    pub limits: NameMap<u64>,
    /// Issued-at, unix ms (0 if it did not parse).
    pub issued_at: u64,
    /// Not-before, unix ms.
    pub not_before: Option<u64>,
    /// First instant at which the license is no longer valid, unix ms.
    pub expires_at: Option<u64>,
    /// `expires_at` exactly as written.
    pub expires_text: Option<String>,
    /// The first date field that did not parse, if any (treated as expired).
    pub bad_date: Option<String>,
    /// Unknown payload fields as canonical JSON (`{}` when none).
    pub extra_json: String,
}

fn invalid(why: String) -> LicenseError {
    LicenseError::new(
        ErrorCode::InvalidPayload,
        format!("license payload is invalid: {why}; ask the vendor to reissue the key"),
    )
}

fn text(v: &Value, field: &str, required: bool) -> Result<Option<String>> {
    match v.get(field) {
        None if !required => Ok(None),
        None => Err(invalid(format!("required field '{field}' is missing"))),
        Some(Value::String(s)) if !s.is_empty() && s.len() <= MAX_TEXT_LEN => Ok(Some(s.clone())),
        Some(_) => Err(invalid(format!(
            "field '{field}' must be a non-empty string of at most {MAX_TEXT_LEN} bytes"
        ))),
    }
}

/// A date field: it must be a string (anything else is a malformed
/// payload); a string that is empty or not RFC 3339 is kept, and later
/// treated as expired (docs/token-format.md, "Dates").
fn date_text(v: &Value, field: &str, required: bool) -> Result<Option<String>> {
    match v.get(field) {
        None if !required => Ok(None),
        None => Err(invalid(format!("required field '{field}' is missing"))),
        Some(Value::String(s)) if s.len() <= MAX_TEXT_LEN => Ok(Some(s.clone())),
        Some(_) => Err(invalid(format!(
            "field '{field}' must be a date string (YYYY-MM-DD or RFC 3339) of at most {MAX_TEXT_LEN} bytes"
        ))),
    }
}

const KNOWN: [&str; 8] = [
    "id",
    "org",
    "plan",
    "features",
    "limits",
    "issued_at",
    "not_before",
    "expires_at",
];

impl License {
    /// Read authenticated payload bytes. `kid` is the key that signed them.
    pub fn from_payload(bytes: &[u8], kid: &str) -> Result<License> {
        let text_payload = std::str::from_utf8(bytes).map_err(|_| {
            LicenseError::new(
                ErrorCode::Malformed,
                "license key is malformed: the payload is not valid UTF-8; ask the vendor to reissue the key",
            )
        })?;
        let v = json::parse(text_payload).map_err(|e| {
            LicenseError::new(
                ErrorCode::Malformed,
                format!("license key is malformed: the payload is not strict JSON ({e}); ask the vendor to reissue the key"),
            )
        })?;
        let Value::Object(members) = &v else {
            return Err(invalid("the payload must be a JSON object".into()));
        };
        let id = text(&v, "id", true)?.unwrap_or_default();
        let plan = text(&v, "plan", true)?.unwrap_or_default();
        if !valid_name(&plan) {
            return Err(invalid(
                "'plan' must be a name of 1-64 characters of A-Z a-z 0-9 _ - . :".into(),
            ));
        }
        let org = text(&v, "org", false)?.unwrap_or_default();
        let features = name_list(v.get("features"), "features").map_err(invalid)?;
        let limits = limit_map(v.get("limits"), "limits").map_err(invalid)?;
        let issued = date_text(&v, "issued_at", true)?.unwrap_or_default();
        let not_before = date_text(&v, "not_before", false)?;
        let expires = date_text(&v, "expires_at", false)?;

        let mut bad_date = None;
        let mut date = |field: &str, s: &str| {
            let parsed = time::parse(s);
            if parsed.is_none() && bad_date.is_none() {
                bad_date = Some(field.to_string());
            }
            parsed
        };
        let issued_at = date("issued_at", &issued).map_or(0, |i| i.ms);
        let not_before_ms = not_before
            .as_deref()
            .and_then(|s| date("not_before", s))
            .map(|i| i.ms);
        let expires_at = expires
            .as_deref()
            .and_then(|s| date("expires_at", s))
            .map(|i| i.end_ms());

        let extra: Vec<(String, Value)> = members
            .iter()
            .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
            .cloned()
            .collect();
        Ok(License {
            id,
            org,
            plan,
            kid: kid.to_string(),
            features,
            limits,
            issued_at,
            not_before: not_before_ms,
            expires_at,
            expires_text: expires,
            bad_date,
            extra_json: Value::Object(extra).to_canonical(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lic(json: &str) -> Result<License> {
        License::from_payload(json.as_bytes(), "k1")
    }

    #[test]
    fn reads_a_full_payload_and_keeps_unknown_fields_apart() {
        let l = lic(r#"{"id":"L1","org":"Acme","plan":"pro","features":["b","a","a"],"limits":{"seats":5},"issued_at":"2026-01-01","expires_at":"2027-06-30","zz":[1],"note":"hi"}"#).unwrap();
        assert_eq!(l.features, vec!["a", "b"]);
        assert_eq!(*l.limits.get("seats").unwrap(), 5);
        assert_eq!(l.expires_at, Some(time::parse("2027-07-01").unwrap().ms));
        assert_eq!(l.extra_json, r#"{"note":"hi","zz":[1]}"#);
        assert_eq!(l.bad_date, None);
    }

    #[test]
    fn missing_or_mistyped_fields_are_invalid_payload() {
        for bad in [
            r#"{"plan":"pro","issued_at":"2026-01-01"}"#,
            r#"{"id":"L","issued_at":"2026-01-01"}"#,
            r#"{"id":"L","plan":"pro"}"#,
            r#"{"id":"L","plan":"pro","issued_at":"2026-01-01","limits":{"seats":-1}}"#,
            r#"{"id":"L","plan":"pro","issued_at":"2026-01-01","features":"sso"}"#,
            r#"{"id":"L","plan":"pro","issued_at":"2026-01-01","expires_at":null}"#,
            r#"[]"#,
        ] {
            assert_eq!(
                lic(bad).unwrap_err().code,
                ErrorCode::InvalidPayload,
                "{bad}"
            );
        }
    }

    #[test]
    fn unparseable_dates_are_remembered_not_rejected() {
        let l =
            lic(r#"{"id":"L","plan":"pro","issued_at":"2026-01-01","expires_at":"soon"}"#).unwrap();
        assert_eq!(l.bad_date.as_deref(), Some("expires_at"));
        assert_eq!(l.expires_at, None);
    }

    #[test]
    fn bad_utf8_and_duplicate_keys_are_malformed() {
        assert_eq!(
            License::from_payload(b"{\"id\":\"\xff\"}", "k")
                .unwrap_err()
                .code,
            ErrorCode::Malformed
        );
        assert_eq!(
            lic(r#"{"id":"a","id":"b"}"#).unwrap_err().code,
            ErrorCode::Malformed
        );
    }
}

//! The license server's signed status list, for gateways and edge workers
//! that check many customers' keys: which licenses were revoked, suspended,
//! deleted or given new terms (a renewal, an upgrade). A gateway fetches it
//! as deltas (`since` the last serial it holds) every
//! [`STATUS_INTERVAL_MS`] and applies it to every caller's key, without
//! registering a device on anyone's license. Sans-IO like `online`: the
//! host sends the request and hands back the answer.
//!
//! Wire format (docs/online-protocol.md, "Status list"):
//! `POST <server>/v1/status` with `Authorization: Bearer <status token>`
//! and `{"nonce":..,"since":N,"v":1}`; the answer is signed like every
//! answer and reads `{"v":1,"result":"status","nonce":..,"server_time":..,
//! "serial":S,"more":bool,"licenses":[{"id":..,"state":"active|revoked|
//! suspended|deleted","reason":..,"terms":{..}}]}`.
//!
//! The list lives in memory: a restarted gateway fetches it from serial 0.
//! While the server cannot be reached the last list stays in force (keys
//! themselves are checked offline, as without a list).

use std::collections::BTreeMap;

use crate::b64;
use crate::error::{ErrorCode, LicenseError, Result};
use crate::escape::{printable, quoted};
use crate::json::Value;
use crate::payload::License;
use crate::protocol::{self, bad, Request, Response};

/// How often a gateway asks for changes.
pub const STATUS_INTERVAL_MS: u64 = 2 * 60 * 1000;
/// How soon it asks again after a failure.
pub const STATUS_RETRY_MS: u64 = 60 * 1000;
/// Most licenses the list may name (about 100 MB at the answer size cap);
/// a server that sends more is refused, keeping the list held.
pub const MAX_STATUS_ENTRIES: usize = 100_000;
/// Longest status token, bytes.
pub const MAX_STATUS_TOKEN_LEN: usize = 256;

/// Where a license stands according to the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Revoked by the vendor, with the reason.
    Revoked(String),
    /// Suspended for now, with the reason.
    Suspended(String),
    /// Deleted: the server no longer knows it.
    Deleted,
    /// In force with the server's current terms.
    Terms(Box<License>),
}

/// The gateway's copy of the list and its fetch state.
#[derive(Debug, Clone)]
pub struct StatusFeed {
    token: String,
    serial: u64,
    entries: BTreeMap<String, Standing>,
    next_due: u64,
    pending: Option<(String, u64)>,
    fetched_at: Option<u64>,
    last_error: Option<LicenseError>,
}

/// Check a status token: printable ASCII without spaces, at most
/// [`MAX_STATUS_TOKEN_LEN`] bytes.
pub fn check_token(token: &str) -> Result<()> {
    if token.is_empty()
        || token.len() > MAX_STATUS_TOKEN_LEN
        || !token.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(LicenseError::new(
            ErrorCode::InvalidConfig,
            format!("the status token must be 1-{MAX_STATUS_TOKEN_LEN} printable ASCII characters without spaces; create one with `licensewarden-server admin tokens create <name> --scope status`"),
        ));
    }
    Ok(())
}

impl StatusFeed {
    /// A feed that asks with `token`, due at once.
    pub fn new(token: &str) -> Self {
        StatusFeed {
            token: token.to_string(),
            serial: 0,
            entries: BTreeMap::new(),
            next_due: 0,
            pending: None,
            fetched_at: None,
            last_error: None,
        }
    }

    /// Where license `id` stands, when the list names it.
    pub fn standing(&self, id: &str) -> Option<&Standing> {
        self.entries.get(id)
    }

    /// The serial held (0 before the first answer).
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// How many licenses the list names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list names no license.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// When the next request is due.
    pub fn next_due(&self) -> u64 {
        self.next_due
    }

    /// Signed server time of the last list applied.
    pub fn fetched_at(&self) -> Option<u64> {
        self.fetched_at
    }

    /// Why the last fetch failed, when it did.
    pub fn last_error(&self) -> Option<&LicenseError> {
        self.last_error.as_ref()
    }

    /// The request for the changes since the serial held; `force` asks
    /// even when not due. Remembers the nonce the answer must echo.
    pub fn request(
        &mut self,
        base_url: &str,
        now: u64,
        force: bool,
        nonce: &[u8],
    ) -> Option<Request> {
        if !force && now < self.next_due {
            return None;
        }
        let nonce = b64::encode(nonce);
        let body = Value::object(vec![
            ("nonce", Value::from(nonce.as_str())),
            ("since", Value::from(self.serial)),
            ("v", Value::from(protocol::VERSION)),
        ])
        .to_canonical();
        self.pending = Some((nonce, self.serial));
        self.next_due = now.saturating_add(STATUS_RETRY_MS);
        Some(Request {
            method: "POST".into(),
            url: format!("{base_url}/v1/status"),
            headers: vec![
                ("authorization".into(), format!("Bearer {}", self.token)),
                ("content-type".into(), "application/json".into()),
            ],
            body,
            proxy: None,
            ca_file: None,
        })
    }

    /// Apply the answer (or transport failure) to the outstanding request.
    pub fn apply(
        &mut self,
        answer: std::result::Result<&Response, &str>,
        keys: &crate::keys::KeySet,
        now: u64,
    ) -> Result<()> {
        let result = self.try_apply(answer, keys);
        match &result {
            Ok(more) => {
                self.last_error = None;
                self.next_due = if *more {
                    now
                } else {
                    now.saturating_add(STATUS_INTERVAL_MS)
                };
            }
            Err(e) => {
                self.last_error = Some(e.clone());
                self.next_due = now.saturating_add(STATUS_RETRY_MS);
            }
        }
        result.map(|_| ())
    }

    fn try_apply(
        &mut self,
        answer: std::result::Result<&Response, &str>,
        keys: &crate::keys::KeySet,
    ) -> Result<bool> {
        let Some((nonce, since)) = self.pending.take() else {
            return Err(bad("no status request is outstanding"));
        };
        let r = answer.map_err(|why| {
            LicenseError::new(
                ErrorCode::Offline,
                format!(
                    "the license server could not be reached for the status list ({}); the list held stays in force",
                    printable(why, 256)
                ),
            )
        })?;
        if r.status == 401 || r.status == 403 {
            return Err(LicenseError::new(
                ErrorCode::InvalidConfig,
                format!("the license server refused the status token (HTTP {}); create one with `licensewarden-server admin tokens create <name> --scope status` and configure it", r.status),
            )
            .with("http_status", r.status.to_string()));
        }
        let v = protocol::verified_body(r, keys)?;
        let text = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("field '{k}' is missing or not a string")))
        };
        let num = |k: &str| {
            v.get(k)
                .and_then(Value::as_u64)
                .ok_or_else(|| bad(format!("field '{k}' is missing or not a whole number")))
        };
        if r.status != 200 || num("v")? != protocol::VERSION || text("result")? != "status" {
            return Err(bad(format!(
                "it is not a status list (HTTP {}, result {})",
                r.status,
                quoted(v.get("result").and_then(Value::as_str).unwrap_or(""))
            )));
        }
        if text("nonce")? != nonce {
            return Err(bad("its nonce is not the one sent (a replayed answer)"));
        }
        let serial = num("serial")?;
        if serial < since {
            return Err(bad(format!(
                "its serial {serial} is older than the {since} held"
            )));
        }
        let server_time = num("server_time")?;
        let more = matches!(v.get("more"), Some(Value::Bool(true)));
        let Some(Value::Array(list)) = v.get("licenses") else {
            return Err(bad("field 'licenses' is missing or not a list"));
        };
        let mut changes = Vec::with_capacity(list.len());
        for item in list {
            changes.push(entry(item)?);
        }
        let mut entries = self.entries.clone();
        for (id, standing) in changes {
            match standing {
                None => entries.remove(&id),
                Some(s) => entries.insert(id, s),
            };
        }
        if entries.len() > MAX_STATUS_ENTRIES {
            return Err(bad(format!(
                "the list would name more than {MAX_STATUS_ENTRIES} licenses"
            )));
        }
        self.entries = entries;
        self.serial = serial;
        self.fetched_at = Some(server_time);
        Ok(more)
    }
}

/// One list item: the license id and its standing (`None`: active with the
/// key's own terms, so the list no longer needs to name it).
fn entry(item: &Value) -> Result<(String, Option<Standing>)> {
    let id = item
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty() && id.len() <= 256)
        .ok_or_else(|| bad("a status entry has no license id"))?;
    let reason = printable(
        item.get("reason").and_then(Value::as_str).unwrap_or(""),
        512,
    );
    let state = item.get("state").and_then(Value::as_str).unwrap_or("");
    let standing = match (state, item.get("terms")) {
        ("revoked", _) => Some(Standing::Revoked(reason)),
        ("suspended", _) => Some(Standing::Suspended(reason)),
        ("deleted", _) => Some(Standing::Deleted),
        ("active", None | Some(Value::Null)) => None,
        ("active", Some(t @ Value::Object(_))) => {
            let text = protocol::check_terms(t, id)?;
            Some(Standing::Terms(Box::new(License::from_payload(
                text.as_bytes(),
                "",
            )?)))
        }
        _ => {
            return Err(bad(format!(
                "status entry {} has state {}",
                quoted(id),
                quoted(state)
            )))
        }
    };
    Ok((id.to_string(), standing))
}

/// The denial for a key whose license the list says is not in force.
pub fn denial(id: &str, standing: &Standing) -> Option<LicenseError> {
    let shown = quoted(id);
    let because = |r: &str| {
        if r.is_empty() {
            String::new()
        } else {
            format!(" ({r})")
        }
    };
    match standing {
        Standing::Terms(_) => None,
        Standing::Revoked(r) => Some(LicenseError::new(
            ErrorCode::Revoked,
            format!("license {shown} was revoked by the vendor{}; contact the vendor for a new key", because(r)),
        )),
        Standing::Suspended(r) => Some(LicenseError::new(
            ErrorCode::Suspended,
            format!("license {shown} is suspended by the vendor{}; it works again once the vendor reinstates it", because(r)),
        )),
        Standing::Deleted => Some(LicenseError::new(
            ErrorCode::LicenseNotFound,
            format!("license {shown} no longer exists on the license server; contact the vendor for a new key"),
        )),
    }
    .map(|e| e.with("license_id", id))
}

//! Online validation as a sans-IO state machine: given the sealed state,
//! `now`, the device and the server's answers, decide the status (active,
//! grace, restricted, refused), which request is due, and what to save.
//! The rules are the table in docs/online-protocol.md ("Client state
//! machine"); hosts only move bytes.

use crate::activation_file;
use crate::b64;
use crate::crypto::Algorithm;
use crate::decision::{Loaded, Snapshot, Status};
use crate::error::{ErrorCode, LicenseError, Result};
use crate::escape::quoted;
use crate::fingerprint::{self, DeviceFacts};
use crate::json::{self, Value};
use crate::keys::{DecodedKey, KeySet, TrustedKey};
use crate::names::NameSet;
use crate::payload::License;
use crate::policy::Policy;
use crate::protocol::{self, Action, Answer, Request, RequestFields, Response, Verdict};
use crate::seal;
use crate::time;

/// Largest clock difference tolerated between client and server, and
/// between the clock and the high-water mark.
pub const SKEW_MS: u64 = 5 * 60 * 1000;
/// Wait between attempts while a check is due and failing.
pub const RETRY_MS: u64 = 60 * 60 * 1000;
/// Default lease: hours a successful check lasts.
pub const DEFAULT_LEASE_HOURS: u32 = 24;
/// Default grace: hours after the last success with full features.
pub const DEFAULT_GRACE_HOURS: u32 = 72;
/// Store slot of the sealed state.
pub const STATE_SLOT: &str = "validation";
/// What a device-limit refusal says to do when the vendor's policy has no
/// `device_limit_hint`: every host's own deactivate call, then the portal.
pub const DEFAULT_DEVICE_LIMIT_HINT: &str = "free a slot by deactivating an unused device (on that device: CLI `licensewarden deactivate`, Python `deactivate()`, Node `await deactivate()`, Go `Deactivate(ctx)`; or in the license server's customer portal), or upgrade the license";
/// Starts the note on a last error read from the saved state.
const SEEN_ELSEWHERE: &str = " (seen by the check ";

/// Longest part of a host's transport error shown, in characters.
const MAX_TRANSPORT_SHOWN: usize = 200;

/// What kind of failure a host's transport error describes (its HTTP
/// client's own words differ per language), and what the customer's IT can
/// do about it: the `cause` detail and the words of an `offline` message.
pub fn transport_cause(reason: &str) -> (&'static str, &'static str) {
    let r = reason.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| r.contains(w));
    if has(&["407", "proxy"]) {
        (
            "proxy-refused",
            "check the proxy settings and the proxy's credentials",
        )
    } else if has(&["certificate", "x509", "tls", "ssl", "handshake"]) {
        ("tls-failed", "check the certificate authorities trusted for the license server (a TLS-intercepting proxy needs its CA installed)")
    } else if has(&["timed out", "timeout", "deadline", "no complete answer"]) {
        (
            "timed-out",
            "check that the license server is reachable from here (firewall, proxy) and answering",
        )
    } else if has(&["refused"]) {
        (
            "connection-refused",
            "check the license server's address and port, and that it is running",
        )
    } else if has(&[
        "dns",
        "name resolution",
        "enotfound",
        "no such host",
        "getaddrinfo",
        "name or service not known",
        "nodename",
    ]) {
        ("dns-failed", "check the license server's host name and this machine's DNS (an air-gapped site needs offline activation)")
    } else if has(&["reset", "cut off", "closed", "eof", "broken pipe"]) {
        (
            "connection-lost",
            "check for a proxy or firewall that closes connections to the license server",
        )
    } else if has(&["unreachable", "no route"]) {
        (
            "network-unreachable",
            "check this machine's network route to the license server",
        )
    } else {
        (
            "transport-failed",
            "check network access, DNS and proxy settings",
        )
    }
}

/// Prefix of the rollback witnesses' slots, which a host with disk keeps in
/// another directory than [`STATE_SLOT`] (docs/online-protocol.md,
/// "Rollback witnesses").
pub const WITNESS_PREFIX: &str = "witness-";

/// The witness slot of license `license_id`: one per license, so products
/// with different licenses on one machine never overwrite each other's,
/// named by a digest so any license id makes a safe file name.
pub fn witness_slot(license_id: &str) -> String {
    let d = crate::crypto::sha256(license_id.as_bytes());
    let hex: String = d[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{WITNESS_PREFIX}{hex}")
}

/// What a host's store holds for a license when it is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stored<'a> {
    /// The sealed state ([`STATE_SLOT`]).
    pub state: Option<&'a str>,
    /// The sealed rollback witness ([`witness_slot`]).
    pub witness: Option<&'a str>,
    /// The newest modification time the host observes on its files and
    /// the OS's time-stamped files (0: none).
    pub newest_change: u64,
}
/// Random bytes per request nonce.
pub const NONCE_LEN: usize = 16;
/// Shortest lease a server may set: a shorter `lease_ms` is read as this,
/// so a server cannot make its products check more often than every 5 min.
pub const MIN_LEASE_MS: u64 = 5 * 60 * 1000;

const HOUR_MS: u64 = 3600 * 1000;
/// Shortest wait of a host's background loop.
pub const MIN_CHECK_DELAY_MS: u32 = 1000;
/// Longest wait of a host's background loop.
pub const MAX_CHECK_DELAY_MS: u32 = 60_000;

/// How long a host's background loop waits before asking again: until
/// `valid_until` (the snapshot's next boundary), clamped to
/// [`MIN_CHECK_DELAY_MS`]..=[`MAX_CHECK_DELAY_MS`].
pub fn next_check_delay(valid_until: Option<u64>, now: u64) -> u32 {
    let wait = valid_until.map_or(u64::MAX, |u| u.saturating_sub(now));
    wait.clamp(u64::from(MIN_CHECK_DELAY_MS), u64::from(MAX_CHECK_DELAY_MS)) as u32
}

/// What the host wants to do online.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlineAction {
    /// Validate only when a check is due.
    ValidateIfDue,
    /// Validate now.
    Validate,
    /// Register this device.
    Activate,
    /// Free this device's slot.
    Deactivate,
}

/// Online settings as a configuration supplies them.
#[derive(Debug, Clone, Default)]
pub struct OnlineInput {
    /// Base URL of the license server.
    pub server_url: String,
    /// The server's keys (Ed25519 only).
    pub server_keys: Vec<TrustedKey>,
    /// Lease hours (0 = 24).
    pub lease_hours: u32,
    /// Grace hours (0 = 72).
    pub grace_hours: u32,
    /// Gateway mode: the token that fetches the server's status list
    /// (none: this instance validates its own device).
    pub status_token: Option<String>,
    /// The host's proxy setting, which wins over the variables.
    pub proxy: Option<String>,
    /// The host's CA bundle setting, which wins over the variables.
    pub ca_file: Option<String>,
    /// The license agent's socket: this process gets its key and the
    /// server's answers from it (docs/agent.md) instead of the server.
    pub agent: Option<String>,
    /// The proxy and CA variables the host found (`proxy::VARIABLES`,
    /// `trust::VARIABLES`), by name.
    pub network_env: Vec<(String, String)>,
}

/// Checked online settings.
#[derive(Debug, Clone)]
pub struct OnlineConfig {
    /// Base URL without a trailing `/`.
    pub server_url: String,
    /// Keys answers must be signed with.
    pub server_keys: KeySet,
    /// Lease length, ms.
    pub lease_ms: u64,
    /// Grace length from the last success, ms.
    pub grace_ms: u64,
    /// How to free a device slot, from the product policy
    /// (`device_limit_hint`); `None` names every host's deactivate call.
    pub device_limit_hint: Option<String>,
    /// The proxy requests go through (none: directly).
    pub proxy: Option<crate::proxy::Route>,
    /// The CA bundle trusted besides the platform's roots (none: those).
    pub ca_file: Option<crate::trust::CaFile>,
    /// The license agent's socket this process reads (none: the server).
    pub agent: Option<String>,
}

impl OnlineConfig {
    /// Check the settings: https URL, Ed25519 server keys, grace >= lease.
    pub fn new(input: &OnlineInput) -> Result<OnlineConfig> {
        let server_url = protocol::check_server_url(&input.server_url)?;
        if input.server_keys.is_empty() {
            return Err(LicenseError::new(
                ErrorCode::InvalidConfig,
                "online validation needs the license server's public key (server-keys); copy it from the server's `server.pub`",
            ));
        }
        let keys = input
            .server_keys
            .iter()
            .map(|k| {
                if k.algorithm != Algorithm::Ed25519 {
                    return Err(LicenseError::new(
                        ErrorCode::InvalidConfig,
                        format!("server key '{}' is {}, but license servers sign with Ed25519: an HMAC secret in the client would let anyone who reads it forge answers; use the server's `server.pub`", k.kid, k.algorithm.config_name()),
                    ).with("kid", k.kid.as_str()));
                }
                DecodedKey::decode(&k.kid, k.algorithm, &k.key, true)
            })
            .collect::<Result<Vec<_>>>()?;
        let lease_h = if input.lease_hours == 0 {
            DEFAULT_LEASE_HOURS
        } else {
            input.lease_hours
        };
        let grace_h = if input.grace_hours == 0 {
            DEFAULT_GRACE_HOURS
        } else {
            input.grace_hours
        };
        if grace_h < lease_h {
            return Err(LicenseError::new(
                ErrorCode::InvalidConfig,
                format!("online grace ({grace_h} h) is shorter than the lease ({lease_h} h); the grace period counts from the last successful check, so it must be at least the lease"),
            ));
        }
        let proxy = crate::proxy::route(&server_url, input.proxy.as_deref(), &input.network_env)?;
        let ca_file =
            crate::trust::ca_file(&server_url, input.ca_file.as_deref(), &input.network_env)?;
        let agent = input
            .agent
            .as_deref()
            .map(|p| crate::agent::check_path(p, "agent"))
            .transpose()?;
        Ok(OnlineConfig {
            server_url,
            server_keys: KeySet::new(keys)?,
            lease_ms: u64::from(lease_h) * HOUR_MS,
            grace_ms: u64::from(grace_h) * HOUR_MS,
            device_limit_hint: None,
            proxy,
            ca_file,
            agent,
        })
    }
}

/// The last signed answer, kept with the bytes its signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// HTTP status.
    pub status: u16,
    /// Body as received.
    pub body: String,
    /// Signature header as received.
    pub signature: String,
    /// Parsed answer.
    pub answer: Answer,
}

/// Online facts for `info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineInfo {
    /// Server URL.
    pub server_url: String,
    /// Signed time of the last successful check.
    pub last_validated: Option<u64>,
    /// When the next check is due.
    pub next_check: Option<u64>,
    /// When grace ends.
    pub grace_ends: Option<u64>,
    /// Devices registered.
    pub devices_registered: Option<u64>,
    /// Device limit.
    pub devices_max: Option<u64>,
    /// Why the last check failed.
    pub last_error: Option<LicenseError>,
    /// Why saved state was ignored.
    pub state_error: Option<LicenseError>,
    /// How the server's terms differ from the key's.
    pub terms_changed: Option<String>,
    /// When the activation file in force ends (none: online checks).
    pub activation_ends: Option<u64>,
}

/// Online validation of one loaded license on one device.
#[derive(Clone)]
pub struct Session {
    license_id: String,
    device_id: String,
    facts: DeviceFacts,
    /// The key's own terms, shown beside the server's.
    token: License,
    /// The server's terms from the last `valid` answer, as the license
    /// in force (`Loaded::Verified`), with the key's kid.
    terms: Option<Loaded>,
    seal_key: [u8; 32],
    witness_key: [u8; 32],
    request_key: [u8; 32],
    record: Option<Record>,
    high_water: u64,
    /// The server time of the newest answer saved on this device (the
    /// witness keeps it), so an older state put back is recognised.
    newest_answer: u64,
    last_attempt: Option<u64>,
    last_error: Option<LicenseError>,
    state_error: Option<LicenseError>,
    pending: Option<String>,
}

impl std::fmt::Debug for Session {
    // Keys derived from the token must never reach logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("license_id", &self.license_id)
            .field("record", &self.record.as_ref().map(|r| r.answer.verdict))
            .finish_non_exhaustive()
    }
}

/// How the online rules change an offline-active snapshot.
enum Overlay {
    Active {
        until: u64,
    },
    Grace {
        until: u64,
        error: LicenseError,
    },
    Community {
        status: Status,
        error: LicenseError,
        until: Option<u64>,
    },
    Expired {
        error: LicenseError,
    },
}

/// The license a `valid` answer's terms describe, under the key's kid
/// (the server's signature vouches for them; the key named the signer).
fn terms_of(a: &Answer, kid: &str) -> Option<Loaded> {
    if a.verdict != Verdict::Valid {
        return None;
    }
    License::from_payload(a.terms.as_deref()?.as_bytes(), kid)
        .ok()
        .map(Loaded::Verified)
}

fn shown_expiry(l: &License) -> String {
    match (&l.expires_text, l.expires_at) {
        (Some(t), _) => crate::escape::printable(t, 64),
        (None, Some(e)) => time::format_datetime(e),
        (None, None) => "never".into(),
    }
}

/// How `now` (the server's terms) differs from `key` (the token's), in
/// words for `info`; `None` when they match.
fn terms_difference(key: &License, now: &License) -> Option<String> {
    let mut parts = Vec::new();
    if now.expires_at != key.expires_at || now.bad_date != key.bad_date {
        let verb = match (now.expires_at, key.expires_at) {
            (Some(n), Some(k)) if n < k => "expiry brought forward",
            _ => "renewed",
        };
        parts.push(format!(
            "{verb}: expires {} (the key says {})",
            shown_expiry(now),
            shown_expiry(key)
        ));
    }
    if now.plan != key.plan {
        parts.push(format!("plan changed from {} to {}", key.plan, now.plan));
    }
    let missing = |a: &License, b: &License| -> Vec<String> {
        a.features
            .iter()
            .filter(|f| !b.features.contains(f))
            .cloned()
            .collect()
    };
    let (added, removed) = (missing(now, key), missing(key, now));
    if !added.is_empty() {
        parts.push(format!("features added: {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("features removed: {}", removed.join(", ")));
    }
    let show = |x: Option<&u64>| x.map_or("-".to_string(), u64::to_string);
    for (n, k) in key.limits.iter() {
        if now.limits.get(n) != Some(k) {
            parts.push(format!("{n} {k} -> {}", show(now.limits.get(n))));
        }
    }
    for (n, v) in now.limits.iter() {
        if key.limits.get(n).is_none() {
            parts.push(format!("{n} - -> {v}"));
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn err_json(e: &LicenseError) -> Value {
    Value::object(vec![
        ("code", Value::from(e.code.as_str())),
        ("message", Value::from(e.message.as_str())),
    ])
}

fn err_from_json(v: &Value) -> Option<LicenseError> {
    let code = ErrorCode::parse(v.get("code")?.as_str()?)?;
    Some(LicenseError::new(code, v.get("message")?.as_str()?))
}

impl Session {
    /// This session carried over to a new key of the same license on the
    /// same device (a renewal picked up by a key reload): the answers,
    /// marks and errors stay, sealed from now on under the new key. `None`
    /// when the license or the device differs.
    pub fn renewed(self, token: &str, license: &License, facts: &DeviceFacts) -> Option<Session> {
        let device_id = fingerprint::device_id(facts);
        if license.id != self.license_id || device_id != self.device_id {
            return None;
        }
        let terms = self
            .record
            .as_ref()
            .and_then(|r| terms_of(&r.answer, &license.kid));
        Some(Session {
            token: license.clone(),
            terms,
            seal_key: seal::key(token, &device_id),
            witness_key: seal::witness_key(token, &device_id),
            request_key: protocol::request_key(token),
            facts: facts.clone(),
            ..self
        })
    }

    /// Start validating `token` (license `license_id`) on the device with
    /// `facts`, from the sealed `stored` state if any.
    pub fn start(
        cfg: &OnlineConfig,
        token: &str,
        license: &License,
        facts: &DeviceFacts,
        stored: &Stored<'_>,
    ) -> Session {
        let device_id = fingerprint::device_id(facts);
        let mut s = Session {
            license_id: license.id.clone(),
            token: license.clone(),
            terms: None,
            seal_key: seal::key(token, &device_id),
            witness_key: seal::witness_key(token, &device_id),
            request_key: protocol::request_key(token),
            device_id,
            facts: facts.clone(),
            record: None,
            high_water: 0,
            newest_answer: 0,
            last_attempt: None,
            last_error: None,
            state_error: None,
            pending: None,
        };
        let tampered = |why: &str| {
            Some(LicenseError::new(
                ErrorCode::StateTampered,
                format!("the saved online validation state was ignored because {why}; a new successful check with the license server is needed"),
            ))
        };
        if let Some(text) = stored.state {
            if let Err(why) = s.restore(cfg, text) {
                s.state_error = tampered(&why);
            }
        }
        // The witness is a second, independent memory of the newest time
        // and answer: a state file put back from a copy cannot lower them.
        // A missing or unreadable witness only means less evidence.
        let (seen, answered) = stored
            .witness
            .and_then(|w| s.open_witness(w))
            .unwrap_or((0, 0));
        s.high_water = s.high_water.max(seen).max(stored.newest_change);
        let saved_answer = s.record.as_ref().map_or(0, |r| r.answer.server_time);
        if s.record.is_some() && saved_answer.saturating_add(SKEW_MS) < answered {
            s.record = None;
            s.terms = None;
            s.state_error = tampered(&format!(
                "it is older than one this device saved (an answer of {}; the state holds one of {}): a copy was put back",
                time::format_datetime(answered),
                time::format_datetime(saved_answer)
            ));
        }
        s.newest_answer = answered.max(saved_answer);
        s
    }

    fn open_witness(&self, text: &str) -> Option<(u64, u64)> {
        let plain = seal::open(&self.witness_key, &self.license_id, &self.device_id, text).ok()?;
        let v = json::parse(&plain).ok()?;
        if v.get("witness").and_then(Value::as_u64) != Some(1) {
            return None;
        }
        let num = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
        Some((num("seen"), num("answer_time")))
    }

    /// The sealed rollback witness to save beside the state (slot
    /// [`witness_slot`]), with the same fresh `nonce` under its own key.
    pub fn seal_witness(&self, nonce: &[u8; seal::NONCE_LEN]) -> String {
        let plain = Value::object(vec![
            ("answer_time", Value::from(self.newest_answer)),
            ("seen", Value::from(self.high_water)),
            ("witness", Value::from(1u64)),
        ])
        .to_canonical();
        seal::seal(
            &self.witness_key,
            nonce,
            &self.license_id,
            &self.device_id,
            &plain,
        )
    }

    /// Whether a server answer is held (from the store or a check).
    pub fn has_answer(&self) -> bool {
        self.record.is_some()
    }

    /// The license this session validates.
    pub fn license_id(&self) -> &str {
        &self.license_id
    }

    fn restore(&mut self, cfg: &OnlineConfig, text: &str) -> std::result::Result<(), String> {
        let plain = seal::open(&self.seal_key, &self.license_id, &self.device_id, text)?;
        let v = json::parse(&plain).map_err(|e| format!("it is not valid JSON ({e})"))?;
        let num = |k: &str| v.get(k).and_then(Value::as_u64);
        let record = match v.get("answer") {
            None | Some(Value::Null) => None,
            Some(a) => {
                let r = protocol::kept_answer(a)
                    .map_err(|_| "its saved answer is incomplete".to_string())?;
                let answer = protocol::verify_answer(&r, &cfg.server_keys)
                    .map_err(|e| format!("its saved answer no longer verifies ({})", e.code))?;
                if answer.license_id != self.license_id || answer.device_id != self.device_id {
                    return Err("its saved answer is for another license or device".into());
                }
                Some(Record {
                    status: r.status,
                    signature: r.header(protocol::SIGNATURE_HEADER).unwrap_or("").into(),
                    body: r.body,
                    answer,
                })
            }
        };
        self.terms = record
            .as_ref()
            .and_then(|r| terms_of(&r.answer, &self.token.kid));
        self.record = record;
        self.high_water = num("high_water").unwrap_or(0);
        self.last_attempt = num("last_attempt");
        // The error was seen by whichever process saved the state (another
        // host's process sharing it, or this one before a restart): say so,
        // so a Python service does not seem to quote Node's ECONNREFUSED.
        self.last_error = v.get("last_error").and_then(err_from_json).map(|mut e| {
            let when = self
                .last_attempt
                .map_or_else(|| "earlier".to_string(), |t| format!("at {}", time::format_datetime(t)));
            // Saved again unchanged, the note must not pile up.
            let own = e.message.split(SEEN_ELSEWHERE).next().unwrap_or_default();
            e.message = format!(
                "{own}{SEEN_ELSEWHERE}{when}, by a process sharing this state or this one before a restart)"
            );
            e
        });
        Ok(())
    }

    /// The sealed state to save, with a fresh random `nonce`.
    pub fn seal(&self, nonce: &[u8; seal::NONCE_LEN]) -> String {
        let answer = self.record.as_ref().map_or(Value::Null, |r| {
            Value::object(vec![
                ("body", Value::from(r.body.as_str())),
                ("signature", Value::from(r.signature.as_str())),
                ("status", Value::from(u64::from(r.status))),
            ])
        });
        let plain = Value::object(vec![
            ("answer", answer),
            ("high_water", Value::from(self.high_water)),
            ("last_attempt", Value::from(self.last_attempt)),
            (
                "last_error",
                self.last_error.as_ref().map_or(Value::Null, err_json),
            ),
            ("v", Value::from(1u64)),
        ])
        .to_canonical();
        seal::seal(
            &self.seal_key,
            nonce,
            &self.license_id,
            &self.device_id,
            &plain,
        )
    }

    fn lease_end(&self, cfg: &OnlineConfig, a: &Answer) -> u64 {
        let lease = a
            .lease_ms
            .unwrap_or(cfg.lease_ms)
            .min(cfg.lease_ms)
            .max(MIN_LEASE_MS);
        a.server_time.saturating_add(lease)
    }

    fn rolled_back(&self, now: u64) -> bool {
        now.saturating_add(SKEW_MS) < self.high_water
    }

    fn overlay(&self, cfg: &OnlineConfig, now: u64) -> Overlay {
        let retry = self.retry_at(now);
        if self.rolled_back(now) {
            return Overlay::Community {
                status: Status::Restricted,
                error: LicenseError::new(
                    ErrorCode::ClockRollback,
                    format!(
                        "the system clock ({}) is behind a time this device has already seen ({}); paid features are off until the clock is correct and the license server confirms the license",
                        time::format_datetime(now),
                        time::format_datetime(self.high_water)
                    ),
                ),
                until: Some(retry),
            };
        }
        let Some(record) = &self.record else {
            let error = self.state_error.clone().unwrap_or_else(|| {
                LicenseError::new(
                    ErrorCode::NotValidated,
                    format!(
                        "license '{}' has not been validated with the license server on this device yet; paid features are off until a check succeeds (run `licensewarden activate` or check network access to {})",
                        self.license_id, cfg.server_url
                    ),
                )
            });
            return Overlay::Community {
                status: Status::Restricted,
                error,
                until: Some(retry),
            };
        };
        let a = &record.answer;
        let lid = &self.license_id;
        let refused = |code, msg: String| Overlay::Community {
            status: Status::Invalid,
            error: LicenseError::new(code, msg).with("license_id", lid.as_str()),
            until: Some(retry),
        };
        match a.verdict {
            Verdict::Deactivated => Overlay::Community {
                status: Status::Restricted,
                error: LicenseError::new(
                    ErrorCode::NotValidated,
                    format!(
                        "this device was deactivated from license '{lid}' on {}; run `licensewarden activate` to use the license here again",
                        time::format_datetime(a.server_time)
                    ),
                ),
                until: None,
            },
            Verdict::Revoked => refused(
                ErrorCode::Revoked,
                format!("license '{lid}' was revoked by the vendor (license server, {}); the community tier applies; contact the vendor for a new key", time::format_datetime(a.server_time)),
            ),
            Verdict::Suspended => refused(
                ErrorCode::Suspended,
                format!("license '{lid}' is suspended by the vendor ({}, license server, {}); the community tier applies until the vendor reinstates it, which takes effect at the next check (every hour)", quoted(&a.message), time::format_datetime(a.server_time)),
            ),
            Verdict::NotFound => refused(
                ErrorCode::LicenseNotFound,
                format!("the license server does not know license '{lid}'; check that the key is the one the vendor issued, or contact the vendor"),
            ),
            Verdict::DeviceLimit => {
                let (r, m) = (a.registered.unwrap_or(0), a.max.unwrap_or(0));
                match refused(
                    ErrorCode::DeviceLimitExceeded,
                    format!(
                        "license '{lid}' already has {r} of {m} devices registered; {}",
                        cfg.device_limit_hint.as_deref().unwrap_or(DEFAULT_DEVICE_LIMIT_HINT)
                    ),
                ) {
                    Overlay::Community { status, error, until } => Overlay::Community {
                        status,
                        error: error.with("max", m.to_string()).with("registered", r.to_string()),
                        until,
                    },
                    o => o,
                }
            }
            Verdict::Expired => Overlay::Expired {
                error: LicenseError::new(
                    ErrorCode::Expired,
                    format!("the license server says license '{lid}' has expired; renew it with the vendor (a renewal is picked up at the next check, every hour)"),
                )
                .with("license_id", lid.as_str()),
            },
            // Unauthorized and bad-request answers are never stored.
            Verdict::Valid if a.offline_until.is_some() => {
                let until = a.offline_until.unwrap_or(0);
                if now < until {
                    Overlay::Active { until }
                } else {
                    Overlay::Community {
                        status: Status::Restricted,
                        error: LicenseError::new(
                            ErrorCode::ActivationExpired,
                            format!(
                                "the activation file for license '{lid}' (made {}) ran out {}; paid features are off until a new one is installed (`licensewarden activate --offline-request request.json`, then the vendor's answer with `--offline-response`) or the license server at {} is reached",
                                time::format_datetime(a.server_time),
                                time::format_datetime(until),
                                cfg.server_url
                            ),
                        )
                        .with("activation_ends", time::format_datetime(until))
                        .with("license_id", lid.as_str()),
                        until: Some(retry),
                    }
                }
            }
            Verdict::Valid | Verdict::Unauthorized | Verdict::BadRequest => {
                let lease_end = self.lease_end(cfg, a);
                let grace_end = a.server_time.saturating_add(cfg.grace_ms);
                if now < lease_end {
                    Overlay::Active { until: lease_end }
                } else if now < grace_end {
                    let left = grace_end - now;
                    let why = self.last_error.as_ref().map_or_else(
                        || "the license server has not been reached since the lease ran out".to_string(),
                        |e| e.message.clone(),
                    );
                    let code = self.last_error.as_ref().map_or(ErrorCode::Offline, |e| e.code);
                    Overlay::Grace {
                        until: grace_end.min(retry),
                        error: LicenseError::new(
                            code,
                            format!(
                                "offline grace period active ({} remaining, last validated {}): {why}",
                                time::format_duration(left),
                                time::format_datetime(a.server_time)
                            ),
                        )
                        .with("grace_ends", time::format_datetime(grace_end))
                        .with("last_validated", time::format_datetime(a.server_time)),
                    }
                } else {
                    Overlay::Community {
                        status: Status::Restricted,
                        error: LicenseError::new(
                            ErrorCode::GraceExpired,
                            format!(
                                "license '{lid}' was last validated {} and the {} h offline grace period ended {}; paid features are off until the license server is reached again (check network access to {})",
                                time::format_datetime(a.server_time),
                                cfg.grace_ms / HOUR_MS,
                                time::format_datetime(grace_end),
                                cfg.server_url
                            ),
                        )
                        .with("grace_ends", time::format_datetime(grace_end))
                        .with("last_validated", time::format_datetime(a.server_time)),
                        until: Some(retry),
                    }
                }
            }
        }
    }

    /// The instant a failing or due check may be tried again (`now` when
    /// it may be tried right away).
    fn retry_at(&self, now: u64) -> u64 {
        match self.last_attempt {
            Some(t) if t <= now && now < t.saturating_add(RETRY_MS) => t + RETRY_MS,
            _ => now,
        }
    }

    /// Whether a `validate-if-due` check would send a request at `now`;
    /// `expired`: the license in force has expired, so a check (which may
    /// bring a renewal) is due every retry even within a lease.
    pub fn due(&self, cfg: &OnlineConfig, now: u64, expired: bool) -> bool {
        let deactivated = self
            .record
            .as_ref()
            .is_some_and(|r| r.answer.verdict == Verdict::Deactivated);
        !deactivated
            && (expired || !matches!(self.overlay(cfg, now), Overlay::Active { .. }))
            && self.retry_at(now) == now
    }

    /// The server's terms from the last `valid` answer, as the license in
    /// force; `None` before one or when the server sent none.
    pub fn terms(&self) -> Option<&Loaded> {
        self.terms.as_ref()
    }

    /// Apply the online rules to an offline-active `snap`.
    pub fn apply_to(
        &self,
        cfg: &OnlineConfig,
        policy: &Policy,
        mut snap: Snapshot,
        now: u64,
    ) -> Snapshot {
        let earliest = |a: Option<u64>, b: u64| Some(a.map_or(b, |a| a.min(b)));
        match self.overlay(cfg, now) {
            Overlay::Active { until } => {
                snap.valid_until = earliest(snap.valid_until, until);
            }
            Overlay::Grace { until, error } => {
                snap.status = Status::Grace;
                snap.valid_until = earliest(snap.valid_until, until);
                snap.error = Some(error);
            }
            Overlay::Community {
                status,
                error,
                until,
            } => {
                let expiry = snap.valid_until;
                snap = crate::decision::community(policy, status, Some(error));
                snap.valid_until = match until {
                    Some(u) => earliest(expiry, u),
                    None => expiry,
                };
            }
            Overlay::Expired { error } if policy.community_on_expiry => {
                snap = crate::decision::community(policy, Status::Expired, Some(error));
                snap.valid_until = Some(self.retry_at(now));
            }
            Overlay::Expired { error } => {
                snap.status = Status::Expired;
                snap.all_features = false;
                snap.features = NameSet::default();
                snap.blocking = true;
                snap.valid_until = earliest(None, self.retry_at(now));
                snap.error = Some(error);
            }
        }
        snap
    }

    /// The request to send for `action` at `now`, if any; `nonce` is fresh
    /// randomness.
    pub fn request(
        &mut self,
        cfg: &OnlineConfig,
        action: OnlineAction,
        now: u64,
        expired: bool,
        nonce: &[u8; NONCE_LEN],
    ) -> Option<Request> {
        let action = match action {
            OnlineAction::ValidateIfDue if !self.due(cfg, now, expired) => return None,
            OnlineAction::ValidateIfDue | OnlineAction::Validate => Action::Validate,
            OnlineAction::Activate => Action::Activate,
            OnlineAction::Deactivate => Action::Deactivate,
        };
        self.high_water = self.high_water.max(now);
        self.last_attempt = Some(now);
        let nonce = b64::encode(nonce);
        let norm = |s: &str| s.trim().to_ascii_lowercase();
        let (hostname, os, arch) = (
            norm(&self.facts.hostname),
            norm(&self.facts.os),
            norm(&self.facts.arch),
        );
        let req = protocol::build_request(
            &cfg.server_url,
            &self.request_key,
            &RequestFields {
                action,
                license_id: &self.license_id,
                device_id: &self.device_id,
                hostname: &hostname,
                os: &os,
                arch: &arch,
                nonce: &nonce,
                client_time: now,
            },
        );
        self.pending = Some(nonce);
        Some(req)
    }

    /// Apply the host's answer to the outstanding request. Returns why the
    /// check did not succeed, if it did not. The caller saves `seal()`.
    pub fn apply(
        &mut self,
        cfg: &OnlineConfig,
        answer: std::result::Result<&Response, &str>,
        now: u64,
    ) -> Option<LicenseError> {
        let error = self.judge(cfg, answer, now);
        self.last_error = error.clone();
        error
    }

    fn judge(
        &mut self,
        cfg: &OnlineConfig,
        answer: std::result::Result<&Response, &str>,
        now: u64,
    ) -> Option<LicenseError> {
        let refused = |why: &str| {
            LicenseError::new(
                ErrorCode::BadResponse,
                format!("the license server's answer was refused: {why}; treated as offline"),
            )
        };
        let Some(nonce) = self.pending.take() else {
            return Some(refused(
                "no request is outstanding (a replayed or duplicate answer)",
            ));
        };
        // A plain-HTTP proxy answers a refused request itself: 407 is the
        // proxy's word, not the license server's.
        // So is an unsigned 401 (tinyproxy answers some refused requests
        // 401): the license server signs every 401 it sends.
        let proxy_answer = match answer {
            Ok(r) if r.status == 407 => Some("407 Proxy Authentication Required"),
            Ok(r) if r.status == 401 && r.header(protocol::SIGNATURE_HEADER).is_none() => {
                Some("401 Unauthorized (unsigned, from the proxy)")
            }
            Err(reason) => Some(reason),
            Ok(_) => None,
        };
        if let Some((cause, words)) = cfg
            .proxy
            .as_ref()
            .zip(proxy_answer)
            .and_then(|(route, reason)| crate::proxy::failure(route, reason))
        {
            return Some(
                LicenseError::new(
                    ErrorCode::Offline,
                    format!(
                        "the license server at {} could not be reached: {words} ({})",
                        cfg.server_url,
                        crate::escape::quoted_words(
                            proxy_answer.unwrap_or(""),
                            MAX_TRANSPORT_SHOWN
                        )
                    ),
                )
                .with("cause", cause),
            );
        }
        let r = match answer {
            Err(reason) => {
                let (cause, advice) = transport_cause(reason);
                let advice = match (cause, &cfg.ca_file) {
                    ("tls-failed", Some(ca)) => format!(
                        "the server's certificate is trusted when it is signed by a certificate authority in {} (named by {}) or the system's; check that file holds the CA of the TLS-intercepting proxy or of the server",
                        crate::escape::printable(&ca.path, crate::trust::MAX_PATH_BYTES),
                        ca.source
                    ),
                    ("tls-failed", None) => "the server's certificate is not signed by a certificate authority this machine trusts; behind a TLS-intercepting proxy, name its CA bundle in the ca_file setting or SSL_CERT_FILE".to_string(),
                    _ => advice.to_string(),
                };
                return Some(
                    LicenseError::new(
                        ErrorCode::Offline,
                        format!(
                            "the license server at {} could not be reached: {} ({}); {advice}",
                            cfg.server_url,
                            cause,
                            crate::escape::quoted_words(reason, MAX_TRANSPORT_SHOWN)
                        ),
                    )
                    .with("cause", cause),
                );
            }
            Ok(r) => r,
        };
        let a = match protocol::verify_answer(r, &cfg.server_keys) {
            Ok(a) => a,
            Err(e) => return Some(e),
        };
        if a.nonce != nonce {
            return Some(refused(
                "its nonce is not the one of the outstanding request (replayed or stale)",
            ));
        }
        if a.license_id != self.license_id {
            return Some(refused(&format!(
                "it is for license {}, not '{}'",
                quoted(&a.license_id),
                self.license_id
            )));
        }
        if a.device_id != self.device_id {
            return Some(refused("it is for another device"));
        }
        if a.offline_until.is_some() {
            return Some(refused(
                "it is an activation file's answer, which is installed with `install-activation`, never taken as an online answer",
            ));
        }
        let skew = a.server_time.abs_diff(now);
        if skew > SKEW_MS {
            return Some(
                LicenseError::new(
                    ErrorCode::ClockSkew,
                    format!(
                        "the system clock ({}) differs from the license server's ({}) by more than 5 minutes; synchronise the clock with NTP (e.g. `timedatectl set-ntp true`)",
                        time::format_datetime(now),
                        time::format_datetime(a.server_time)
                    ),
                )
                .with("server_time", time::format_datetime(a.server_time)),
            );
        }
        match a.verdict {
            Verdict::Unauthorized => {
                return Some(refused(&format!(
                    "the server did not accept the request's authentication ({})",
                    quoted(&a.message)
                )))
            }
            Verdict::BadRequest => {
                return Some(refused(&format!(
                    "the server could not read the request ({})",
                    quoted(&a.message)
                )))
            }
            _ => {}
        }
        // A fresh signed time is authoritative: it also clears a high-water
        // mark that a clock running fast once pushed into the future.
        self.high_water = a.server_time.max(now);
        let sig = r
            .header(protocol::SIGNATURE_HEADER)
            .unwrap_or("")
            .to_string();
        let verdict = a.verdict;
        if verdict == Verdict::Valid {
            // A success is not a failing attempt: the next check is due
            // when the lease ends, even a lease shorter than the retry wait.
            self.last_attempt = None;
        }
        self.terms = terms_of(&a, &self.token.kid);
        self.newest_answer = self.newest_answer.max(a.server_time);
        self.record = Some(Record {
            status: r.status,
            body: r.body.clone(),
            signature: sig,
            answer: a,
        });
        self.state_error = None;
        match verdict {
            Verdict::Valid | Verdict::Deactivated => None,
            _ => match self.overlay(cfg, now) {
                Overlay::Community { error, .. } | Overlay::Expired { error } => Some(error),
                _ => None,
            },
        }
    }

    /// The request file for an air-gapped activation at `now`
    /// ([`crate::activation_file`]): the `activate` request an online
    /// activation would send, with the fresh `nonce`. Nothing is left
    /// outstanding: the answer comes back as a file, perhaps days later
    /// and after restarts, and is judged on its own (see `install`).
    pub fn offline_request(
        &mut self,
        cfg: &OnlineConfig,
        now: u64,
        nonce: &[u8; NONCE_LEN],
    ) -> String {
        self.high_water = self.high_water.max(now);
        let nonce = b64::encode(nonce);
        let norm = |s: &str| s.trim().to_ascii_lowercase();
        let req = protocol::build_request(
            &cfg.server_url,
            &self.request_key,
            &RequestFields {
                action: Action::Activate,
                license_id: &self.license_id,
                device_id: &self.device_id,
                hostname: &norm(&self.facts.hostname),
                os: &norm(&self.facts.os),
                arch: &norm(&self.facts.arch),
                nonce: &nonce,
                client_time: now,
            },
        );
        activation_file::request_file(&req, &cfg.server_url)
    }

    /// Install an activation file at `now`: the server's signed answer to
    /// an offline request, checked with the answer rules (signature,
    /// license, device) plus the file's own: a `valid` verdict with
    /// `offline_until` still ahead, made no later than this clock allows,
    /// and not older than the answer this device holds (so neither an old
    /// file nor the same file again extends anything). A refused file
    /// changes nothing. The caller saves `seal()`.
    pub fn install(&mut self, cfg: &OnlineConfig, file: &str, now: u64) -> Option<LicenseError> {
        let a = match self.judge_file(cfg, file, now) {
            Ok(a) => a,
            Err(e) => return Some(e),
        };
        self.high_water = self.high_water.max(now);
        self.newest_answer = self.newest_answer.max(a.1.server_time);
        self.terms = terms_of(&a.1, &self.token.kid);
        self.record = Some(Record {
            status: a.0.status,
            body: a.0.body,
            signature: a
                .0
                .headers
                .into_iter()
                .next()
                .map(|h| h.1)
                .unwrap_or_default(),
            answer: a.1,
        });
        self.state_error = None;
        self.last_error = None;
        self.last_attempt = None;
        None
    }

    fn judge_file(&self, cfg: &OnlineConfig, file: &str, now: u64) -> Result<(Response, Answer)> {
        use activation_file::refused;
        let r = activation_file::parse_activation_file(file)?;
        let a = protocol::verify_answer(&r, &cfg.server_keys).map_err(|e| match e.code {
            ErrorCode::BadSignature => LicenseError::new(
                ErrorCode::BadSignature,
                format!(
                    "the activation file does not verify with the license server's key: it was altered, or made by another license server; ask the vendor for a new one ({})",
                    e.message
                ),
            ),
            _ => refused(e.message),
        })?;
        let Some(until) = a.offline_until else {
            return Err(refused(
                "it holds a license server's online answer, which has no validity of its own",
            ));
        };
        if a.verdict != Verdict::Valid {
            return Err(refused(format!(
                "the license server's verdict in it is '{}' ({})",
                a.verdict.as_str(),
                quoted(&a.message)
            )));
        }
        if a.license_id != self.license_id {
            return Err(refused(format!(
                "it was made for license {}, and this device runs license '{}'",
                quoted(&a.license_id),
                self.license_id
            ))
            .with("license_id", self.license_id.as_str()));
        }
        if a.device_id != self.device_id {
            let short = |d: &str| d.chars().take(12).collect::<String>();
            return Err(refused(format!(
                "it was made for another device ({}…, this one is {}…); an activation file works only on the machine whose request it answers: run `licensewarden activate --offline-request request.json` here",
                crate::escape::printable(&short(&a.device_id), 12),
                short(&self.device_id)
            )));
        }
        if now.saturating_add(SKEW_MS) < a.server_time {
            return Err(LicenseError::new(
                ErrorCode::ClockSkew,
                format!(
                    "the system clock ({}) is behind the time the activation file was made ({}); set the clock, then install the file again",
                    time::format_datetime(now),
                    time::format_datetime(a.server_time)
                ),
            )
            .with("server_time", time::format_datetime(a.server_time)));
        }
        if now >= until {
            return Err(LicenseError::new(
                ErrorCode::ActivationExpired,
                format!(
                    "the activation file was refused: it ran out {}; make a new request (`licensewarden activate --offline-request request.json`) and ask the vendor for a new file",
                    time::format_datetime(until)
                ),
            )
            .with("activation_ends", time::format_datetime(until)));
        }
        if let Some(held) = &self.record {
            let same = held.body == r.body;
            if !same && a.server_time <= held.answer.server_time {
                return Err(refused(format!(
                    "it was made {}, and this device already holds a newer answer from the license server ({})",
                    time::format_datetime(a.server_time),
                    time::format_datetime(held.answer.server_time)
                )));
            }
        }
        if self.newest_answer > a.server_time.saturating_add(SKEW_MS) {
            return Err(refused(format!(
                "it was made {}, before an answer this device already had ({})",
                time::format_datetime(a.server_time),
                time::format_datetime(self.newest_answer)
            )));
        }
        Ok((r, a))
    }

    /// The answer this device holds, as an agent relays it.
    pub fn relay(&self) -> Option<crate::agent::Relay> {
        self.record.as_ref().map(|r| crate::agent::Relay {
            device_id: self.device_id.clone(),
            response: Response {
                status: r.status,
                headers: vec![(protocol::SIGNATURE_HEADER.into(), r.signature.clone())],
                body: r.body.clone(),
            },
        })
    }

    /// Take the answer the license agent relays (docs/agent.md), checked
    /// as any answer (the server's signature, this license) but for the
    /// agent's device, with no nonce of this process; never older than the
    /// answer held, so an agent cannot roll a revocation back. Returns why
    /// it was refused; the caller keeps it as the last error.
    pub fn take_relay(
        &mut self,
        cfg: &OnlineConfig,
        relay: &crate::agent::Relay,
        now: u64,
    ) -> Option<LicenseError> {
        let refused = |why: String| {
            LicenseError::new(
                ErrorCode::BadResponse,
                format!("the license agent's answer was refused: {why}; treated as offline"),
            )
        };
        let a = match protocol::verify_answer(&relay.response, &cfg.server_keys) {
            Ok(a) => a,
            Err(e) => return Some(e),
        };
        if a.license_id != self.license_id {
            return Some(refused(format!(
                "it is for license {}, not '{}'",
                quoted(&a.license_id),
                self.license_id
            )));
        }
        if a.device_id != relay.device_id {
            return Some(refused("it names another device than the answer's".into()));
        }
        if matches!(a.verdict, Verdict::Unauthorized | Verdict::BadRequest) {
            return Some(refused("it relays a refused request, not a verdict".into()));
        }
        if let Some(held) = &self.record {
            if held.body == relay.response.body {
                return None;
            }
            if a.server_time < held.answer.server_time {
                return Some(refused(format!(
                    "it is older ({}) than the answer this process holds ({})",
                    time::format_datetime(a.server_time),
                    time::format_datetime(held.answer.server_time)
                )));
            }
        }
        self.high_water = self.high_water.max(now);
        self.newest_answer = self.newest_answer.max(a.server_time);
        self.terms = terms_of(&a, &self.token.kid);
        self.record = Some(Record {
            status: relay.response.status,
            body: relay.response.body.clone(),
            signature: relay
                .response
                .header(protocol::SIGNATURE_HEADER)
                .unwrap_or("")
                .to_string(),
            answer: a,
        });
        self.state_error = None;
        self.last_attempt = None;
        // A relayed refusal (revoked, suspended, ...) is the reason now.
        match self.record.as_ref().map(|r| r.answer.verdict) {
            Some(Verdict::Valid | Verdict::Deactivated) | None => None,
            Some(_) => match self.overlay(cfg, now) {
                Overlay::Community { error, .. } | Overlay::Expired { error } => Some(error),
                _ => None,
            },
        }
    }

    /// Keep `error` as why the last check did not succeed.
    pub fn set_last_error(&mut self, error: Option<LicenseError>) {
        self.last_error = error;
    }

    /// Online facts for `info` at `now`.
    pub fn info(&self, cfg: &OnlineConfig, now: u64) -> OnlineInfo {
        let a = self.record.as_ref().map(|r| &r.answer);
        let valid = a.filter(|a| a.verdict == Verdict::Valid);
        let next_check = if a.is_some_and(|a| a.verdict == Verdict::Deactivated) {
            None
        } else {
            match (self.overlay(cfg, now), valid) {
                (Overlay::Active { until }, _) => Some(until),
                _ => Some(self.retry_at(now)),
            }
        };
        OnlineInfo {
            server_url: cfg.server_url.clone(),
            last_validated: valid.map(|a| a.server_time),
            next_check,
            grace_ends: valid.map(|a| {
                a.offline_until
                    .unwrap_or_else(|| a.server_time.saturating_add(cfg.grace_ms))
            }),
            devices_registered: a.and_then(|a| a.registered),
            devices_max: a.and_then(|a| a.max),
            last_error: self.last_error.clone(),
            state_error: self.state_error.clone(),
            activation_ends: a.and_then(|a| a.offline_until),
            terms_changed: match &self.terms {
                Some(Loaded::Verified(t)) => terms_difference(&self.token, t).map(|d| {
                    format!(
                        "{d} (license server, {})",
                        time::format_datetime(valid.map_or(0, |a| a.server_time))
                    )
                }),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_hosts_transport_error_is_named_by_its_cause() {
        for (reason, cause) in [
            ("Post \"http://127.0.0.1:8787/v1/validate\": dial tcp 127.0.0.1:8787: connect: connection refused", "connection-refused"),
            ("URLError: <urlopen error [Errno 111] Connection refused>", "connection-refused"),
            ("TypeError: fetch failed (ECONNREFUSED)", "connection-refused"),
            ("TimeoutError: no complete answer within 10 s", "timed-out"),
            ("TimeoutError: The operation was aborted due to timeout", "timed-out"),
            ("dial tcp: lookup license.example.invalid: no such host", "dns-failed"),
            ("URLError: <urlopen error [Errno -2] Name or service not known>", "dns-failed"),
            ("getaddrinfo ENOTFOUND license.example.invalid", "dns-failed"),
            ("x509: certificate signed by unknown authority", "tls-failed"),
            ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "tls-failed"),
            ("the proxy at http://proxy:3128 answered 407 Proxy Authentication Required", "proxy-refused"),
            ("ConnectionError: answer cut off after 10 of 300 bytes", "connection-lost"),
            ("something else entirely", "transport-failed"),
        ] {
            assert_eq!(transport_cause(reason).0, cause, "{reason}");
        }
    }

    #[test]
    fn the_background_loop_waits_for_the_next_boundary_between_1_and_60_s() {
        let now = 1_000_000;
        assert_eq!(next_check_delay(Some(now + 5_000), now), 5_000);
        assert_eq!(next_check_delay(Some(now + 10), now), MIN_CHECK_DELAY_MS);
        assert_eq!(
            next_check_delay(Some(now - 10), now),
            MIN_CHECK_DELAY_MS,
            "a past boundary"
        );
        assert_eq!(
            next_check_delay(Some(now + 3_600_000), now),
            MAX_CHECK_DELAY_MS
        );
        assert_eq!(
            next_check_delay(None, now),
            MAX_CHECK_DELAY_MS,
            "nothing time-based"
        );
    }
}

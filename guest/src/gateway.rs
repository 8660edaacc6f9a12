//! Gateway mode: one instance decides requests that each carry a caller's
//! own key (API access sold per customer). The order of work is the
//! defence against floods: refusals that need no cryptography come first,
//! then the key caches (a verified key is never verified twice while
//! cached, a forgery at most once), then one signature check. The
//! license server's status list, when configured, says which verified
//! keys' licenses were revoked, suspended, deleted or given new terms.

use crate::crypto;
use crate::decision::{self, Snapshot};
use crate::error::{ErrorCode, LicenseError};
use crate::http_gate;
use crate::key_cache::{CacheStats, Cached, KeyCache};
use crate::keys::KeySet;
use crate::payload::License;
use crate::policy::Policy;
use crate::report::{GateDecision, KeyDecision};
use crate::status_list::{self, Standing, StatusFeed};
use crate::token;

/// What the gateway keeps between requests.
#[derive(Debug, Clone)]
pub struct Gateway {
    cache: KeyCache,
    /// The status list, when a status token is configured.
    pub feed: Option<StatusFeed>,
}

/// What a host needs besides the gateway: the instance's configuration.
pub struct Rules<'a> {
    /// Trusted keys.
    pub keys: &'a KeySet,
    /// Product policy.
    pub policy: &'a Policy,
    /// Demo mode.
    pub demo: bool,
}

/// Counts for tests and metrics (mirrors `gateway-stats` in WIT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GatewayStats {
    /// Key cache counts.
    pub cache: CacheStats,
    /// Licenses the status list names.
    pub status_licenses: u64,
    /// Serial of the status list held.
    pub status_serial: u64,
}

/// The 401 for a request without a key.
pub fn no_key_error() -> LicenseError {
    LicenseError::new(
        ErrorCode::NoLicense,
        "send the license key as \"Authorization: License <key>\" or \"X-License-Key\"",
    )
}

/// A decision and, when the key verified and its license is in force, the
/// snapshot it was taken on.
pub type Judged = (KeyDecision, Option<Snapshot>);

/// What a gateway's caller may read of a refusal: its code and the
/// caller's own facts, never the gateway's configuration (the key ids it
/// trusts and their algorithms are the vendor's business).
fn for_caller(e: LicenseError) -> LicenseError {
    let kid = e.detail("kid").map(str::to_string);
    let public = match e.code {
        ErrorCode::UnknownKeyId => LicenseError::new(
            e.code,
            "the license key was signed with a key id this service does not trust; the key may be for another product: ask the vendor for a key for this service",
        ),
        ErrorCode::WrongAlgorithm => LicenseError::new(
            e.code,
            "the license key's algorithm does not match its key id: it was not issued by this vendor's signing key",
        ),
        _ => return e,
    };
    match kid {
        Some(k) => public.with("kid", k),
        None => public,
    }
}

fn refused(http_status: u16, e: LicenseError) -> Judged {
    (
        KeyDecision {
            gate: GateDecision::denied(http_status, for_caller(e)),
            license_id: None,
        },
        None,
    )
}

impl Gateway {
    /// An empty gateway whose verified keys may take `cache_bytes`.
    pub fn new(cache_bytes: u64, feed: Option<StatusFeed>) -> Self {
        Gateway {
            cache: KeyCache::new(cache_bytes),
            feed,
        }
    }

    /// Decide a request to `path` (optionally needing `feature`) carrying
    /// `token` at `now`.
    pub fn decide(
        &mut self,
        rules: &Rules<'_>,
        token: Option<&str>,
        path: &str,
        feature: Option<&str>,
        now: u64,
    ) -> Judged {
        let Some(token) = token else {
            return refused(401, no_key_error());
        };
        if token.len() > token::MAX_TOKEN_LEN {
            return refused(401, token::parse(token).err().unwrap_or_else(no_key_error));
        }
        // The one trimming rule, before the digest: a header with a stray
        // newline is the same caller, and a blank one sent no key.
        let token = token::trim(token);
        if token.is_empty() {
            return refused(401, no_key_error());
        }
        // Paying callers first: a cached key costs one hash and a lookup.
        let digest = crypto::sha256(token.as_bytes());
        match self.cache.get(&digest) {
            Cached::Verified(l) => return judge(rules, self.feed.as_ref(), l, path, feature, now),
            Cached::Rejected(e) => return refused(401, e.clone()),
            Cached::Unknown => {}
        }
        let mut payload_len = 0;
        let license = match token::authenticate(token, rules.keys) {
            // Shape, base64, unknown key id and algorithm are refused
            // without cryptography, in microseconds: not worth a slot.
            // Only a failed signature check is remembered.
            Err(e) if e.code != ErrorCode::BadSignature => return refused(401, e),
            Err(e) => Err(e),
            Ok((parts, _)) => {
                payload_len = parts.payload.len();
                License::from_payload(&parts.payload, parts.kid)
            }
        };
        match license {
            Ok(l) => {
                let d = judge(rules, self.feed.as_ref(), &l, path, feature, now);
                self.cache.insert_verified(digest, l, payload_len);
                d
            }
            Err(e) => {
                self.cache.insert_rejected(digest, e.clone());
                refused(401, e)
            }
        }
    }

    /// Current counts.
    pub fn stats(&self) -> GatewayStats {
        GatewayStats {
            cache: self.cache.stats(),
            status_licenses: self.feed.as_ref().map_or(0, |f| f.len() as u64),
            status_serial: self.feed.as_ref().map_or(0, StatusFeed::serial),
        }
    }
}

/// The decision for a verified key's license `l`: its standing in the
/// status list first (403 revoked, suspended or deleted, on every path),
/// then the HTTP gate over the terms in force.
fn judge(
    rules: &Rules<'_>,
    feed: Option<&StatusFeed>,
    l: &License,
    path: &str,
    feature: Option<&str>,
    now: u64,
) -> Judged {
    let standing = feed.and_then(|f| f.standing(&l.id));
    if let Some(e) = standing.and_then(|s| status_list::denial(&l.id, s)) {
        return refused(403, e);
    }
    let terms = match standing {
        Some(Standing::Terms(t)) => t,
        _ => l,
    };
    let snap: Snapshot = decision::with_demo(
        decision::verified(terms, rules.policy, now),
        rules.demo || rules.policy.demo,
    );
    let gate = http_gate::decide_on(rules.policy, &snap, path, feature);
    (
        KeyDecision {
            gate,
            license_id: Some(l.id.clone()),
        },
        Some(snap),
    )
}

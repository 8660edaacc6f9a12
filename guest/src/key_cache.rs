//! The gateway's memory of callers' keys: one instance checks many keys, so
//! what it remembers about each must be small, bounded, and impossible for
//! a flood of forged keys to turn against paying callers.
//!
//! - Verified keys are kept as their parsed license (not the token), keyed
//!   by the SHA-256 of the token, least recently used evicted once their
//!   estimated size passes a byte budget.
//! - Rejected keys that cost a signature check (a well-formed forgery) are
//!   kept apart, in a small FIFO set, so each forgery is checked at most
//!   once and can never push a verified key out. Rejections that need no
//!   cryptography (size, shape, base64, unknown key id, algorithm) are not
//!   kept at all: recomputing them costs microseconds.
//!
//! Maps are B-trees keyed by a SHA-256 digest: no hash-flooding, whatever
//! the caller sends.

use std::collections::BTreeMap;

use crate::error::LicenseError;
use crate::payload::License;

/// Default byte budget of the verified-key cache (64 MiB: about 100,000
/// typical keys).
pub const DEFAULT_CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// Smallest budget a configuration may set (1 MiB).
pub const MIN_CACHE_BYTES: u64 = 1024 * 1024;
/// Bookkeeping charged per verified key on top of its payload size: the
/// parsed license's strings and vectors, two map entries and the digest.
pub const ENTRY_OVERHEAD: usize = 384;
/// Most rejected (forged) keys remembered.
pub const MAX_REJECTED: usize = 4096;

type Digest = [u8; 32];

#[derive(Debug, Clone)]
struct Verified {
    license: License,
    cost: usize,
    tick: u64,
}

/// Verified and rejected keys (see the module docs).
#[derive(Debug, Clone)]
pub struct KeyCache {
    budget: usize,
    used: usize,
    tick: u64,
    verified: BTreeMap<Digest, Verified>,
    recency: BTreeMap<u64, Digest>,
    rejected: BTreeMap<Digest, (u64, LicenseError)>,
    rejected_order: BTreeMap<u64, Digest>,
}

/// What a lookup found.
pub enum Cached<'a> {
    /// A key that verified earlier.
    Verified(&'a License),
    /// A forgery rejected earlier, and why.
    Rejected(&'a LicenseError),
    /// Nothing: verify it.
    Unknown,
}

/// Counts for tests, metrics and the memory figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    /// Verified keys held.
    pub verified: u64,
    /// Their estimated bytes.
    pub verified_bytes: u64,
    /// The byte budget.
    pub budget_bytes: u64,
    /// Rejected keys held.
    pub rejected: u64,
}

impl KeyCache {
    /// An empty cache whose verified keys may take `budget` bytes.
    pub fn new(budget: u64) -> Self {
        KeyCache {
            budget: usize::try_from(budget).unwrap_or(usize::MAX),
            used: 0,
            tick: 0,
            verified: BTreeMap::new(),
            recency: BTreeMap::new(),
            rejected: BTreeMap::new(),
            rejected_order: BTreeMap::new(),
        }
    }

    fn next_tick(&mut self) -> u64 {
        self.tick += 1;
        self.tick
    }

    /// Look `digest` up, marking a verified key as just used.
    pub fn get(&mut self, digest: &Digest) -> Cached<'_> {
        let tick = self.next_tick();
        if let Some(v) = self.verified.get_mut(digest) {
            self.recency.remove(&v.tick);
            v.tick = tick;
            self.recency.insert(tick, *digest);
            return Cached::Verified(&v.license);
        }
        match self.rejected.get(digest) {
            Some((_, e)) => Cached::Rejected(e),
            None => Cached::Unknown,
        }
    }

    /// Remember a verified key whose payload took `payload_len` bytes,
    /// evicting the least recently used ones while over budget.
    pub fn insert_verified(&mut self, digest: Digest, license: License, payload_len: usize) {
        let cost = payload_len.saturating_add(ENTRY_OVERHEAD);
        if cost > self.budget {
            return;
        }
        let tick = self.next_tick();
        if let Some(old) = self.verified.insert(
            digest,
            Verified {
                license,
                cost,
                tick,
            },
        ) {
            self.recency.remove(&old.tick);
            self.used -= old.cost;
        }
        self.recency.insert(tick, digest);
        self.used += cost;
        while self.used > self.budget {
            let Some((_, oldest)) = self.recency.pop_first() else {
                break;
            };
            if let Some(v) = self.verified.remove(&oldest) {
                self.used -= v.cost;
            }
        }
    }

    /// Remember a forgery (a key whose signature check failed, or whose
    /// signed payload is unusable), forgetting the oldest beyond
    /// [`MAX_REJECTED`].
    pub fn insert_rejected(&mut self, digest: Digest, error: LicenseError) {
        let tick = self.next_tick();
        if let Some((old, _)) = self.rejected.insert(digest, (tick, error)) {
            self.rejected_order.remove(&old);
        }
        self.rejected_order.insert(tick, digest);
        while self.rejected.len() > MAX_REJECTED {
            let Some((_, oldest)) = self.rejected_order.pop_first() else {
                break;
            };
            self.rejected.remove(&oldest);
        }
    }

    /// Current counts.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            verified: self.verified.len() as u64,
            verified_bytes: self.used as u64,
            budget_bytes: self.budget as u64,
            rejected: self.rejected.len() as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn license(id: &str) -> License {
        License::from_payload(
            format!(r#"{{"id":"{id}","plan":"pro","issued_at":"2026-01-01"}}"#).as_bytes(),
            "k",
        )
        .unwrap()
    }

    fn d(n: u32) -> Digest {
        crate::crypto::sha256(&n.to_be_bytes())
    }

    #[test]
    fn a_flood_of_forgeries_never_evicts_a_verified_key() {
        let mut c = KeyCache::new(MIN_CACHE_BYTES);
        c.insert_verified(d(0), license("paying"), 100);
        for n in 1..=20_000 {
            c.insert_rejected(d(n), LicenseError::new(ErrorCode::BadSignature, "forged"));
        }
        assert!(matches!(c.get(&d(0)), Cached::Verified(l) if l.id == "paying"));
        assert_eq!(c.stats().rejected, MAX_REJECTED as u64);
        assert!(matches!(c.get(&d(20_000)), Cached::Rejected(_)));
        assert!(matches!(c.get(&d(1)), Cached::Unknown), "oldest forgotten");
    }

    #[test]
    fn verified_keys_stay_within_the_byte_budget_least_recently_used_first() {
        let mut c = KeyCache::new(MIN_CACHE_BYTES);
        let per = 1000 + ENTRY_OVERHEAD;
        let fits = MIN_CACHE_BYTES as usize / per;
        for n in 0..(fits as u32 + 10) {
            c.insert_verified(d(n), license("x"), 1000);
            if n == fits as u32 - 1 {
                assert!(matches!(c.get(&d(0)), Cached::Verified(_)));
            }
        }
        let s = c.stats();
        assert!(s.verified_bytes <= s.budget_bytes);
        assert_eq!(s.verified, fits as u64);
        assert!(matches!(c.get(&d(0)), Cached::Verified(_)), "used recently");
        assert!(
            matches!(c.get(&d(1)), Cached::Unknown),
            "least recently used"
        );
    }
}

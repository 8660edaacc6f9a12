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

/// One remembered key: verified (its license and estimated cost) or a
/// rejected forgery (why). One map holds both, so the component carries
/// one B-tree instantiation for them, not two.
// Unboxed on purpose: rejected entries are at most 4,096 (under 1 MiB of
// slack), while boxing would add an allocation to every verified key.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
enum Entry {
    Verified { license: License, cost: usize },
    Rejected(LicenseError),
}

/// Verified and rejected keys (see the module docs).
#[derive(Debug, Clone)]
pub struct KeyCache {
    budget: usize,
    used: usize,
    tick: u64,
    verified_count: usize,
    entries: BTreeMap<Digest, (u64, Entry)>,
    recency: BTreeMap<u64, Digest>,
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
            verified_count: 0,
            entries: BTreeMap::new(),
            recency: BTreeMap::new(),
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
        match self.entries.get_mut(digest) {
            None => Cached::Unknown,
            Some((_, Entry::Rejected(e))) => Cached::Rejected(e),
            Some((t, Entry::Verified { license, .. })) => {
                self.recency.remove(t);
                *t = tick;
                self.recency.insert(tick, *digest);
                Cached::Verified(license)
            }
        }
    }

    fn remove(&mut self, digest: &Digest) {
        match self.entries.remove(digest) {
            Some((t, Entry::Verified { cost, .. })) => {
                self.recency.remove(&t);
                self.used -= cost;
                self.verified_count -= 1;
            }
            Some((t, Entry::Rejected(_))) => {
                self.rejected_order.remove(&t);
            }
            None => {}
        }
    }

    /// Remember a verified key whose payload took `payload_len` bytes,
    /// evicting the least recently used ones while over budget.
    pub fn insert_verified(&mut self, digest: Digest, license: License, payload_len: usize) {
        let cost = payload_len.saturating_add(ENTRY_OVERHEAD);
        if cost > self.budget {
            return;
        }
        self.remove(&digest);
        let tick = self.next_tick();
        self.entries
            .insert(digest, (tick, Entry::Verified { license, cost }));
        self.recency.insert(tick, digest);
        self.used += cost;
        self.verified_count += 1;
        while self.used > self.budget {
            let Some((_, oldest)) = self.recency.first_key_value().map(|(t, d)| (*t, *d)) else {
                break;
            };
            self.remove(&oldest);
        }
    }

    /// Remember a forgery (a key whose signature check failed, or whose
    /// signed payload is unusable), forgetting the oldest beyond
    /// [`MAX_REJECTED`]. A verified key is never replaced by one.
    pub fn insert_rejected(&mut self, digest: Digest, error: LicenseError) {
        if matches!(self.entries.get(&digest), Some((_, Entry::Verified { .. }))) {
            return;
        }
        self.remove(&digest);
        let tick = self.next_tick();
        self.entries.insert(digest, (tick, Entry::Rejected(error)));
        self.rejected_order.insert(tick, digest);
        while self.rejected_order.len() > MAX_REJECTED {
            let Some((_, oldest)) = self.rejected_order.first_key_value().map(|(t, d)| (*t, *d))
            else {
                break;
            };
            self.remove(&oldest);
        }
    }

    /// Current counts.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            verified: self.verified_count as u64,
            verified_bytes: self.used as u64,
            budget_bytes: self.budget as u64,
            rejected: self.rejected_order.len() as u64,
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

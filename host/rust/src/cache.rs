//! The snapshot cache and its memos: hot-path answers without entering
//! wasm until the snapshot's `valid_until` or the next key re-resolution.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use licensewarden_guest::decision::Snapshot;
use licensewarden_guest::error::LicenseError;
use licensewarden_guest::rbac::{Decision as AccessDecision, Subject as AccessSubject};
use licensewarden_guest::report::GateDecision;

use crate::keysource::Resolver;

pub(crate) struct Cached {
    pub(crate) snap: Snapshot,
    /// The component's `x-license-warning` for this snapshot.
    pub(crate) warning: Option<String>,
    pub(crate) computed_at: u64,
    pub(crate) recheck_at: u64,
    pub(crate) memo: Memo,
}

/// The core's denials for this snapshot. Its answers are a function of the
/// snapshot, so each holds until the snapshot is recomputed (a new `Cached`
/// starts empty): a flood of requests for an unlicensed feature then costs
/// no boundary call each. Bounded: once full, further names ask the core.
#[derive(Default)]
pub(crate) struct Memo {
    pub(crate) features: Mutex<HashMap<String, LicenseError>>,
    pub(crate) gates: Mutex<HashMap<(String, Option<String>), GateDecision>>,
    pub(crate) access: AccessMemo,
}

/// Access decisions for this snapshot and policy, found without building a
/// key: bucketed by a keyed hash of the question, compared in full.
#[derive(Default)]
pub(crate) struct AccessMemo {
    pub(crate) table: Mutex<(HashMap<u64, Vec<AccessEntry>>, usize)>,
}

pub(crate) struct AccessEntry {
    pub(crate) roles: Vec<String>,
    pub(crate) groups: Vec<String>,
    pub(crate) action: String,
    pub(crate) verb: String,
    pub(crate) decision: Arc<AccessDecision>,
}

/// Most access decisions remembered per snapshot and policy.
pub(crate) const MAX_ACCESS_MEMO: usize = 4096;

/// The memo's bucket for a question, keyed per instance (SipHash with
/// random keys: a caller cannot aim collisions at one bucket).
pub(crate) fn access_hash(
    hasher: &std::hash::RandomState,
    s: &AccessSubject,
    action: &str,
    verb: &str,
) -> u64 {
    use std::hash::BuildHasher;
    hasher.hash_one((&s.roles, &s.groups, action, verb))
}

impl AccessMemo {
    pub(crate) fn get(
        &self,
        h: u64,
        s: &AccessSubject,
        action: &str,
        verb: &str,
    ) -> Option<Arc<AccessDecision>> {
        let t = self.table.lock().unwrap_or_else(|p| p.into_inner());
        t.0.get(&h)?
            .iter()
            .find(|e| {
                e.action == action && e.verb == verb && e.roles == s.roles && e.groups == s.groups
            })
            .map(|e| e.decision.clone())
    }

    pub(crate) fn put(
        &self,
        h: u64,
        s: &AccessSubject,
        action: &str,
        verb: &str,
        d: Arc<AccessDecision>,
    ) {
        let mut t = self.table.lock().unwrap_or_else(|p| p.into_inner());
        if t.1 >= MAX_ACCESS_MEMO {
            return;
        }
        t.1 += 1;
        t.0.entry(h).or_default().push(AccessEntry {
            roles: s.roles.clone(),
            groups: s.groups.clone(),
            action: action.to_string(),
            verb: verb.to_string(),
            decision: d,
        });
    }

    pub(crate) fn clear(&self) {
        *self.table.lock().unwrap_or_else(|p| p.into_inner()) = Default::default();
    }
}

/// The coarse clock's largest lag behind the precise one, with margin
/// (one tick is 1-4 ms).
pub(crate) const COARSE_LAG_MS: u64 = 10;

/// Entries per memo table.
pub(crate) const MAX_MEMO: usize = 256;

pub(crate) fn remember<K: Eq + std::hash::Hash, V>(table: &Mutex<HashMap<K, V>>, key: K, value: V) {
    let mut t = table.lock().unwrap_or_else(|p| p.into_inner());
    if t.len() < MAX_MEMO {
        t.insert(key, value);
    }
}

impl Cached {
    pub(crate) fn new(
        (snap, warning): (Snapshot, Option<String>),
        now: u64,
        reload_ms: u64,
        r: &Resolver,
    ) -> Cached {
        let reload_at = if reload_ms == 0 || (r.explicit.is_some() && !r.policy_file) {
            u64::MAX
        } else {
            now.saturating_add(reload_ms)
        };
        Cached {
            recheck_at: snap.valid_until.unwrap_or(u64::MAX).min(reload_at),
            snap,
            warning,
            computed_at: now,
            memo: Memo::default(),
        }
    }

    pub(crate) fn fresh(&self, now: u64) -> bool {
        now >= self.computed_at && now < self.recheck_at
    }

    /// [`Cached::fresh`] for a reading of the coarse clock, which may lag
    /// the precise one `computed_at` came from by up to a tick.
    pub(crate) fn fresh_coarse(&self, now: u64) -> bool {
        now.saturating_add(COARSE_LAG_MS) >= self.computed_at && now < self.recheck_at
    }

    /// The same snapshot, due for recomputation at the next call.
    pub(crate) fn stale(&self) -> Cached {
        Cached {
            snap: self.snap.clone(),
            warning: self.warning.clone(),
            computed_at: self.computed_at,
            recheck_at: 0,
            memo: Memo::default(),
        }
    }
}

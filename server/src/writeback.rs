//! What a routine validation records without a write of its own: the
//! device's `last_seen`, and on SQLite the request nonce. Both are kept
//! in memory and flushed in one transaction a second, so thousands of
//! validations share one fsync instead of paying one each.
//!
//! Replays: on PostgreSQL every nonce goes to the shared table at once
//! (instances behind one load balancer must see each other's), with
//! asynchronous commit. On SQLite the server is the only writer, so the
//! window lives in memory (authoritative), is flushed with `last_seen`, and
//! is loaded back at start; a `kill -9` forgets at most the last second of
//! nonces (`docs/online-protocol.md` says what a replay can and cannot do).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use crate::db::{Db, DbResult, DeviceRow, Event};

/// How often pending records are flushed.
pub const FLUSH_EVERY: Duration = Duration::from_secs(1);
/// How often expired nonces are deleted from the table.
pub const SWEEP_EVERY: Duration = Duration::from_secs(60);
/// Most nonces remembered in memory (SQLite): about 200 MB at 10 minutes of
/// 6,000 validations/s. Beyond it requests are refused with 503, never
/// accepted unchecked.
pub const MAX_NONCES: usize = 4_000_000;
/// Most protocol events waiting for the database. While it is down for
/// long, the oldest are dropped (and counted in the log) so memory stays
/// bounded; admin actions are never queued (written with the change).
pub const MAX_PENDING_EVENTS: usize = 100_000;

/// Whether a nonce was new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nonce {
    /// First time seen: go on.
    Fresh,
    /// Seen within the window: a replay.
    Replayed,
    /// The in-memory window is full: refuse (503) rather than guess.
    Full,
}

#[derive(Default)]
struct Window {
    seen: HashMap<[u8; 16], i64>,
    order: VecDeque<([u8; 16], i64)>,
    unsaved: Vec<(String, String, i64)>,
}

/// Pending writes and the in-memory nonce window.
#[derive(Default)]
pub struct Writeback {
    window: Mutex<Window>,
    seen: Mutex<HashMap<(String, String), DeviceRow>>,
    events: Mutex<VecDeque<Event>>,
    dropped_events: std::sync::atomic::AtomicU64,
}

fn nonce_key(license_id: &str, nonce: &str) -> [u8; 16] {
    let mut input = Vec::with_capacity(license_id.len() + nonce.len() + 1);
    input.extend_from_slice(license_id.as_bytes());
    input.push(0);
    input.extend_from_slice(nonce.as_bytes());
    let h = licensewarden_guest::crypto::sha256(&input);
    let mut k = [0u8; 16];
    k.copy_from_slice(&h[..16]);
    k
}

impl Writeback {
    /// Check and remember a nonce in memory; `forget_before` ends the window.
    pub fn remember(&self, license_id: &str, nonce: &str, now: i64, forget_before: i64) -> Nonce {
        let key = nonce_key(license_id, nonce);
        let mut w = self.window.lock().unwrap_or_else(|p| p.into_inner());
        while let Some((k, at)) = w.order.front().copied() {
            if at >= forget_before {
                break;
            }
            w.order.pop_front();
            if w.seen.get(&k) == Some(&at) {
                w.seen.remove(&k);
            }
        }
        if w.seen.contains_key(&key) {
            return Nonce::Replayed;
        }
        if w.seen.len() >= MAX_NONCES {
            return Nonce::Full;
        }
        w.seen.insert(key, now);
        w.order.push_back((key, now));
        w.unsaved
            .push((license_id.to_string(), nonce.to_string(), now));
        Nonce::Fresh
    }

    /// Load nonces stored before a restart.
    pub fn load(&self, nonces: Vec<(String, String, i64)>) {
        let mut w = self.window.lock().unwrap_or_else(|p| p.into_inner());
        let mut v: Vec<_> = nonces
            .into_iter()
            .map(|(l, n, at)| (nonce_key(&l, &n), at))
            .collect();
        v.sort_by_key(|(_, at)| *at);
        for (k, at) in v {
            w.seen.insert(k, at);
            w.order.push_back((k, at));
        }
    }

    /// Note that a known device was seen (written at the next flush).
    pub fn seen(&self, license_id: &str, device: DeviceRow) {
        let mut s = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        s.insert((license_id.to_string(), device.device_id.clone()), device);
    }

    /// Record a protocol event at the next flush.
    pub fn event(&self, e: Event) {
        let mut q = self.events.lock().unwrap_or_else(|p| p.into_inner());
        if q.len() >= MAX_PENDING_EVENTS {
            q.pop_front();
            self.dropped_events
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        q.push_back(e);
    }

    async fn flush_events(&self, db: &Db) -> DbResult<()> {
        let events: Vec<Event> =
            std::mem::take(&mut *self.events.lock().unwrap_or_else(|p| p.into_inner())).into();
        if let Err(e) = db.store_events(&events).await {
            let mut q = self.events.lock().unwrap_or_else(|p| p.into_inner());
            for ev in events.into_iter().rev() {
                q.push_front(ev);
            }
            while q.len() > MAX_PENDING_EVENTS {
                q.pop_front();
                self.dropped_events
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            return Err(e);
        }
        let dropped = self
            .dropped_events
            .swap(0, std::sync::atomic::Ordering::Relaxed);
        if dropped > 0 {
            tracing::warn!(
                dropped,
                "protocol events were dropped while the database was unavailable"
            );
        }
        Ok(())
    }

    /// Write everything pending. On failure the records are put back, to
    /// be tried at the next flush.
    pub async fn flush(&self, db: &Db) -> DbResult<()> {
        self.flush_events(db).await?;
        let nonces = std::mem::take(
            &mut self
                .window
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .unsaved,
        );
        if let Err(e) = db.store_nonces(&nonces).await {
            let mut w = self.window.lock().unwrap_or_else(|p| p.into_inner());
            let mut back = nonces;
            back.append(&mut w.unsaved);
            // A database that stays down must not grow this without bound:
            // keep the newest (the older ones leave the window first).
            let excess = back.len().saturating_sub(MAX_NONCES);
            back.drain(..excess);
            w.unsaved = back;
            return Err(e);
        }
        let seen: Vec<_> =
            std::mem::take(&mut *self.seen.lock().unwrap_or_else(|p| p.into_inner()))
                .into_iter()
                .map(|((l, _), d)| (l, d))
                .collect();
        if let Err(e) = db.store_seen(&seen).await {
            let mut s = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            for (l, d) in seen {
                s.entry((l, d.device_id.clone())).or_insert(d);
            }
            return Err(e);
        }
        Ok(())
    }

    /// Nonces held in memory now.
    pub fn nonces_held(&self) -> usize {
        self.window
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .seen
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_refused_within_the_window_and_forgotten_after() {
        let w = Writeback::default();
        assert_eq!(w.remember("L", "n1", 1_000, 0), Nonce::Fresh);
        assert_eq!(w.remember("L", "n1", 2_000, 0), Nonce::Replayed);
        assert_eq!(w.remember("M", "n1", 2_000, 0), Nonce::Fresh);
        assert_eq!(w.remember("L", "n1", 9_000, 1_500), Nonce::Fresh);
        assert_eq!(w.nonces_held(), 2);
    }

    #[test]
    fn loaded_nonces_are_refused() {
        let w = Writeback::default();
        w.load(vec![("L".into(), "n1".into(), 5)]);
        assert_eq!(w.remember("L", "n1", 6, 0), Nonce::Replayed);
    }
}

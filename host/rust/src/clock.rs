//! The clock the component imports. Injectable so tests and conformance
//! vectors run at a fixed instant.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of unix milliseconds.
#[derive(Clone)]
pub struct Clock(Source);

#[derive(Clone)]
enum Source {
    // The common case is matched directly: hot-path checks read the clock on
    // every call, so it avoids an indirect call and u128 arithmetic.
    System,
    Fixed(u64),
    Custom(Arc<dyn Fn() -> u64 + Send + Sync>),
    Fallible(Arc<dyn Fn() -> Option<u64> + Send + Sync>),
}

impl Clock {
    /// The system wall clock.
    pub fn system() -> Clock {
        Clock(Source::System)
    }

    /// Whether this is the system wall clock (file modification times are
    /// in its terms, so only then are they evidence of a rollback).
    pub fn is_system(&self) -> bool {
        matches!(self.0, Source::System)
    }

    /// A clock that always reads `ms`.
    pub fn fixed(ms: u64) -> Clock {
        Clock(Source::Fixed(ms))
    }

    /// A clock backed by any function.
    pub fn from_fn(f: impl Fn() -> u64 + Send + Sync + 'static) -> Clock {
        Clock(Source::Custom(Arc::new(f)))
    }

    /// A clock that may have no reading (`None`): a core call made then
    /// traps, and the host answers with the core's failure answers until a
    /// call succeeds again. The failure rule's conformance vectors use one.
    pub fn from_fallible_fn(f: impl Fn() -> Option<u64> + Send + Sync + 'static) -> Clock {
        Clock(Source::Fallible(Arc::new(f)))
    }

    /// Current unix milliseconds, or `None` when this clock has no reading.
    pub fn try_now_ms(&self) -> Option<u64> {
        match &self.0 {
            Source::Fallible(f) => f(),
            _ => Some(self.now_ms()),
        }
    }

    /// Current unix milliseconds, read from the kernel's coarse clock for
    /// the system clock (see the `coarse` module below): the hot path's "is the snapshot
    /// still fresh" test. Everything the core decides uses [`Clock::now_ms`].
    #[inline]
    pub fn now_ms_coarse(&self) -> u64 {
        match &self.0 {
            Source::System => coarse::now_ms().unwrap_or_else(|| self.now_ms()),
            _ => self.now_ms(),
        }
    }

    /// Current unix milliseconds.
    #[inline]
    pub fn now_ms(&self) -> u64 {
        match &self.0 {
            Source::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() * 1000 + u64::from(d.subsec_millis())),
            Source::Fixed(ms) => *ms,
            Source::Custom(f) => f(),
            // No reading is 0: no cached answer is fresh at 0, so the host
            // asks the core, whose own reading traps.
            Source::Fallible(f) => f().unwrap_or(0),
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

/// `CLOCK_REALTIME_COARSE`: the time of the last scheduler tick, read
/// without the vDSO's clock-source work (about 5 ns instead of 30).
///
/// Error bound: it lags the precise clock by at most one tick (1-4 ms with
/// the usual `CONFIG_HZ` of 250-1000). A snapshot can therefore answer from
/// the cache for at most that long after its `valid-until`; no decision
/// the core makes uses it, and validity windows are whole seconds or days.
#[cfg(target_os = "linux")]
mod coarse {
    #[allow(unsafe_code)]
    pub fn now_ms() -> Option<u64> {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec for the call's duration.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_REALTIME_COARSE, &mut ts) };
        if rc != 0 || ts.tv_sec < 0 {
            return None;
        }
        Some(ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000)
    }
}

#[cfg(not(target_os = "linux"))]
mod coarse {
    pub fn now_ms() -> Option<u64> {
        None
    }
}

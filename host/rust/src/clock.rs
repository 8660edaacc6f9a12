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
}

impl Clock {
    /// The system wall clock.
    pub fn system() -> Clock {
        Clock(Source::System)
    }

    /// A clock that always reads `ms`.
    pub fn fixed(ms: u64) -> Clock {
        Clock(Source::Fixed(ms))
    }

    /// A clock backed by any function.
    pub fn from_fn(f: impl Fn() -> u64 + Send + Sync + 'static) -> Clock {
        Clock(Source::Custom(Arc::new(f)))
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
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

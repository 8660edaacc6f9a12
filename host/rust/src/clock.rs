//! The clock the component imports. Injectable so tests and conformance
//! vectors run at a fixed instant.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of unix milliseconds.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> u64 + Send + Sync>);

impl Clock {
    /// The system wall clock.
    pub fn system() -> Clock {
        Clock(Arc::new(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64)
        }))
    }

    /// A clock that always reads `ms`.
    pub fn fixed(ms: u64) -> Clock {
        Clock(Arc::new(move || ms))
    }

    /// A clock backed by any function.
    pub fn from_fn(f: impl Fn() -> u64 + Send + Sync + 'static) -> Clock {
        Clock(Arc::new(f))
    }

    /// Current unix milliseconds.
    pub fn now_ms(&self) -> u64 {
        (self.0)()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

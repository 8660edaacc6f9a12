//! licensewarden for Rust services: the licensewarden component embedded with
//! wasmtime, behind an idiomatic API.
//!
//! ```no_run
//! use licensewarden::{Licensing, TrustedKey};
//!
//! let licensing = Licensing::builder("acme")
//!     .trusted_key(TrustedKey::from_file("public.key".as_ref()).unwrap())
//!     .policy_file("policy.json")
//!     .build()?;
//! licensing.check_feature("sso")?; // Err(LicenseError { code: FeatureNotLicensed, .. })
//! println!("{}", licensing.info().plan);
//! # Ok::<(), licensewarden::LicenseError>(())
//! ```
//!
//! Every decision is made by the same `.wasm` the JavaScript and Python
//! hosts run; this crate supplies the clock, device facts, state store and
//! key resolution, and caches the core's decision snapshot for hot paths.

mod bindings;
pub mod clock;
pub mod conformance;
mod convert;
pub mod device;
pub mod engine;
mod host;
pub mod issue;
pub mod keyfile;
pub mod keysource;
mod licensing;
pub mod online;
pub mod state_store;

#[cfg(feature = "axum")]
pub mod axum_layer;

pub use clock::Clock;
pub use device::DeviceFacts;
pub use engine::Allocator;
pub use keyfile::TrustedKey;
pub use licensewarden_guest::crypto::Algorithm;
pub use licensewarden_guest::decision::{Snapshot, Status};
pub use licensewarden_guest::error::{ErrorCode, LicenseError};
pub use licensewarden_guest::instance::{
    CapCheck, CapOutcome, FeatureFlag, GateDecision, Info, LimitInfo, OnlineOutcome,
};
pub use licensewarden_guest::online::{OnlineAction, OnlineInfo};
pub use licensewarden_guest::payload::License;
pub use licensewarden_guest::protocol::{Request, Response};
pub use licensing::{cap_allows, Licensing, LicensingBuilder, DEFAULT_RELOAD_MS};
pub use online::OnlineSettings;
pub use state_store::FileStore;

/// Date helpers shared with the core (RFC 3339 parsing and formatting).
pub mod time {
    pub use licensewarden_guest::time::{
        days_remaining, format_date, format_datetime, format_duration, parse, DAY_MS,
    };
}

//! licensegate for Rust services: the licensegate component embedded with
//! wasmtime, behind an idiomatic API.
//!
//! ```no_run
//! use licensegate::{Licensing, TrustedKey};
//!
//! let licensing = Licensing::builder("acme")
//!     .trusted_key(TrustedKey::from_file("public.key".as_ref()).unwrap())
//!     .policy_file("policy.json")
//!     .build()?;
//! licensing.check_feature("sso")?; // Err(LicenseError { code: FeatureNotLicensed, .. })
//! println!("{}", licensing.info().plan);
//! # Ok::<(), licensegate::LicenseError>(())
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
pub mod state_store;

#[cfg(feature = "axum")]
pub mod axum_layer;

pub use clock::Clock;
pub use device::DeviceFacts;
pub use engine::Allocator;
pub use keyfile::TrustedKey;
pub use licensegate_guest::crypto::Algorithm;
pub use licensegate_guest::decision::{Snapshot, Status};
pub use licensegate_guest::error::{ErrorCode, LicenseError};
pub use licensegate_guest::instance::{
    CapCheck, CapOutcome, FeatureFlag, GateDecision, Info, LimitInfo,
};
pub use licensegate_guest::payload::License;
pub use licensing::{cap_allows, Licensing, LicensingBuilder, DEFAULT_RELOAD_MS};

/// Date helpers shared with the core (RFC 3339 parsing and formatting).
pub mod time {
    pub use licensegate_guest::time::{
        days_remaining, format_date, format_datetime, parse, DAY_MS,
    };
}

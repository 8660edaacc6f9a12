#![doc = include_str!("../README.md")]

mod access;
mod bindings;
mod builder;
mod cache;
mod clock;
mod convert;
mod core;
mod device;
mod host;
mod keyfile;
mod licensing;
mod online;
mod policy_file;
mod types;

// Used by this package's CLI, the tools and the server, not by products:
// public so they can, hidden so `cargo doc` shows the vendor API only.
#[doc(hidden)]
pub mod engine;
#[doc(hidden)]
pub mod keysource;
#[doc(hidden)]
pub mod state_store;

#[cfg(feature = "axum")]
pub mod axum_layer;

pub use access::{DEFAULT_ACCESS_RELOAD, MAX_POLICY_BYTES};
pub use builder::{LicensingBuilder, DEFAULT_RELOAD};
pub use clock::Clock;
pub use device::DeviceFacts;
pub use engine::{component_sha256, Allocator};
pub use keyfile::{TrustedKey, TrustedKeyFile};
pub use licensewarden_guest::access::AccessInfo;
pub use licensewarden_guest::crypto::Algorithm;
pub use licensewarden_guest::decision::{Snapshot, Status};
pub use licensewarden_guest::error::{ErrorCode, LicenseError};
pub use licensewarden_guest::gateway::GatewayStats;
pub use licensewarden_guest::online::{OnlineAction, OnlineInfo};
pub use licensewarden_guest::protocol::{Request, Response};
pub use licensewarden_guest::rbac::{Decision as AccessDecision, Subject as AccessSubject};
pub use licensewarden_guest::report::{
    CapCheck, CapOutcome, FeatureFlag, GateDecision, Info, KeyDecision, LimitInfo,
};
pub use licensing::{awaiting_check, Licensing, FIRST_CHECK_WAIT};
pub use online::{OnlineSettings, DEFAULT_TIMEOUT};
pub use state_store::FileStore;
pub use types::{License, OnlineOutcome};

/// Date helpers shared with the core (RFC 3339 parsing and formatting).
pub mod time {
    pub use licensewarden_guest::time::{
        days_remaining, format_date, format_datetime, format_duration, parse, DAY_MS,
    };
}

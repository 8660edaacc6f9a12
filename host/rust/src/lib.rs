#![doc = include_str!("../README.md")]

mod bindings;
pub mod clock;
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
pub use licensewarden_guest::online::{OnlineAction, OnlineInfo};
pub use licensewarden_guest::payload::License;
pub use licensewarden_guest::protocol::{Request, Response};
pub use licensewarden_guest::report::{
    CapCheck, CapOutcome, FeatureFlag, GateDecision, Info, LimitInfo, OnlineOutcome,
};
pub use licensing::{cap_allows, Licensing, LicensingBuilder, DEFAULT_RELOAD_MS};
pub use online::OnlineSettings;
pub use state_store::FileStore;

/// Date helpers shared with the core (RFC 3339 parsing and formatting).
pub mod time {
    pub use licensewarden_guest::time::{
        days_remaining, format_date, format_datetime, format_duration, parse, DAY_MS,
    };
}

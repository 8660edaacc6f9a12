//! The licensewarden core.
//!
//! Pure, deterministic license logic: every input (token, trusted keys,
//! policy, `now`, device facts) comes from the caller, so every rule is
//! testable natively and every host gets the same answer. `bindings` (built
//! only for wasm32) is the one module that knows about the component model;
//! it adapts [`instance::Instance`] to the WIT world in `wit/licensewarden.wit`.
//! `report` holds what an instance answers, `keys` the trusted keys and
//! detached-signature checks, `names` and `fields` the names policy and
//! payload share; `tests/module_graph.rs` keeps the imports free of circles.
//!
//! Private keys never enter this crate: it verifies, it never signs.

#![cfg_attr(not(target_arch = "wasm32"), forbid(unsafe_code))]

pub mod access;
pub mod activation_file;
pub mod agent;
pub mod b64;
pub mod crypto;
pub mod decision;
pub mod ed25519;
pub mod error;
pub mod escape;
pub mod events;
pub mod failure;
pub mod fields;
pub mod fingerprint;
pub mod gateway;
pub mod glob;
pub mod http_gate;
pub mod info_json;
pub mod instance;
pub mod json;
pub mod key_cache;
pub mod key_sources;
pub mod keys;
pub mod metrics;
pub mod names;
pub mod online;
pub mod payload;
pub mod policy;
pub mod protocol;
pub mod proxy;
pub mod rbac;
pub mod report;
pub mod seal;
pub mod server_url;
pub mod status_list;
pub mod time;
pub mod token;
pub mod trust;
pub mod unreadable;
pub mod yaml;

#[cfg(target_arch = "wasm32")]
mod bindings;

pub use error::{ErrorCode, LicenseError};

//! What the component imports, supplied by this process: clock, device
//! facts, the state store and the operating system's randomness.

use crate::bindings::licensewarden::core::{clock, device, random, store, types};
use crate::clock::Clock;
use crate::device::DeviceFacts;
use crate::state_store::FileStore;

/// Per-store host state.
pub struct HostState {
    /// Clock.
    pub clock: Clock,
    /// Device facts (read once per `Licensing`).
    pub facts: DeviceFacts,
    /// State slots.
    pub store: FileStore,
    /// Problems met while serving imports (corrupt state, ...), for `info`.
    pub problems: Vec<String>,
    /// Deterministic randomness for conformance vectors; `None` is the OS.
    pub random: Option<RandomFn>,
}

/// Fills a buffer with bytes (a replacement random source).
pub type RandomFn = std::sync::Arc<dyn Fn(&mut [u8]) + Send + Sync>;

impl types::Host for HostState {}

impl clock::Host for HostState {
    fn now_ms(&mut self) -> wasmtime::Result<u64> {
        self.clock
            .try_now_ms()
            .ok_or_else(|| wasmtime::format_err!("the clock has no reading"))
    }
}

impl device::Host for HostState {
    fn facts(&mut self) -> types::DeviceFacts {
        types::DeviceFacts {
            mac: self.facts.mac.clone(),
            hostname: self.facts.hostname.clone(),
            arch: self.facts.arch.clone(),
            os: self.facts.os.clone(),
        }
    }
}

impl store::Host for HostState {
    fn load(&mut self, slot: String) -> Option<String> {
        match self.store.load(&slot) {
            Ok(v) => v,
            Err(e) => {
                self.problems
                    .push(format!("state slot '{slot}' ignored: {e}"));
                None
            }
        }
    }

    fn save(&mut self, slot: String, data: String) -> Option<String> {
        self.store.save(&slot, &data).err()
    }

    fn newest_change(&mut self) -> u64 {
        // File times are in the system clock's terms: against an injected
        // clock they prove nothing (an in-memory store reports its own).
        if self.clock.is_system() || self.store.is_memory() {
            self.store.newest_change()
        } else {
            0
        }
    }
}

impl random::Host for HostState {
    fn bytes(&mut self, len: u32) -> Vec<u8> {
        let mut buf = vec![0u8; len.min(1024) as usize];
        match &self.random {
            Some(r) => r(&mut buf),
            None => {
                if getrandom::getrandom(&mut buf).is_err() {
                    // A short answer makes the core trap rather than use a
                    // weak nonce; the host reports `internal`.
                    return Vec::new();
                }
            }
        }
        buf
    }
}

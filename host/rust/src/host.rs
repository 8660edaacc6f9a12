//! What the component imports, supplied by this process: clock, device
//! facts, state store and (until online validation lands) a transport that
//! answers "offline".

use crate::bindings::licensegate::core::{clock, device, store, transport, types};
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
}

impl types::Host for HostState {}

impl clock::Host for HostState {
    fn now_ms(&mut self) -> u64 {
        self.clock.now_ms()
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

    fn save(&mut self, slot: String, data: String) {
        if let Err(e) = self.store.save(&slot, &data) {
            self.problems
                .push(format!("state slot '{slot}' not saved: {e}"));
        }
    }
}

impl transport::Host for HostState {
    fn send(&mut self, req: types::Request) -> Result<types::Response, String> {
        Err(format!(
            "offline: this host does not send requests yet ({} {})",
            req.method, req.url
        ))
    }
}

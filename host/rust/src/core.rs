//! `Core`: the one component instance, re-created after a trap with the
//! same configuration, key and access policy (the failure rule).

use licensewarden_guest::decision::{Snapshot, Status};
use licensewarden_guest::error::{ErrorCode, LicenseError};
use licensewarden_guest::failure::Failure;
use wasmtime::Store;

use crate::bindings::licensewarden::core::types as wit;
use crate::bindings::Licensewarden;
use crate::clock::Clock;
use crate::convert;
use crate::device::DeviceFacts;
use crate::engine::{self, Allocator};
use crate::host::{HostState, RandomFn};
use crate::keysource::Resolved;
use crate::state_store::FileStore;

pub(crate) struct Core {
    pub(crate) alloc: Allocator,
    pub(crate) clock: Clock,
    pub(crate) facts: DeviceFacts,
    pub(crate) state: FileStore,
    pub(crate) config: wit::Config,
    pub(crate) random: Option<RandomFn>,
    pub(crate) live: Option<(Store<HostState>, Licensewarden)>,
    pub(crate) loaded: Resolved,
    /// The access policy last accepted, replayed into a re-created instance
    /// (a lost policy would otherwise mean full access).
    pub(crate) access: Option<String>,
    /// A policy refused since, replayed after it: with none accepted the
    /// core denies everyone, and a re-created instance must too.
    pub(crate) access_refused: Option<String>,
    /// Export calls made (tests check which paths make none).
    pub(crate) calls: u64,
    /// What every call answers while the core cannot run (the core's rule,
    /// asked after configure and after each load).
    pub(crate) failure: Failure,
    /// The status last logged (`events`), none before the first.
    pub(crate) logged: Option<Status>,
}

pub(crate) fn internal(e: impl std::fmt::Display) -> LicenseError {
    LicenseError::new(
        ErrorCode::Internal,
        format!("the licensewarden core could not be run ({e}); this is a bug: please report it"),
    )
}

impl Core {
    pub(crate) fn new(
        alloc: Allocator,
        clock: Clock,
        facts: DeviceFacts,
        state: FileStore,
        config: wit::Config,
        random: Option<RandomFn>,
    ) -> Result<Core, LicenseError> {
        let mut core = Core {
            alloc,
            clock,
            facts,
            state,
            config,
            random,
            live: None,
            loaded: Resolved::None,
            calls: 0,
            access: None,
            access_refused: None,
            failure: licensewarden_guest::failure::answers("none", "", ""),
            logged: None,
        };
        let live = core.create().map_err(|e| match e {
            Created::Refused(e) => e,
            Created::Failed(e) => internal(e),
        })?;
        core.live = Some(live);
        core.ask_failure_answers()?;
        Ok(core)
    }

    /// Log the core's lines (docs: the status at start and when it changes,
    /// caps newly exceeded, online checks newly failing or succeeding
    /// again) through `tracing`; `status` is the snapshot's, so an
    /// unchanged status with nothing queued costs no call.
    pub(crate) fn log_events(&mut self, status: Status, queued: bool) {
        if self.logged == Some(status) && !queued {
            return;
        }
        let before = self.logged.map(convert::wit_status);
        if let Ok(events) = self.call(|s, b| b.call_events(s, before)) {
            self.logged = Some(status);
            for e in events {
                match e.level {
                    wit::LogLevel::Info => tracing::info!("licensewarden: {}", e.message),
                    wit::LogLevel::Warn => tracing::warn!("licensewarden: {}", e.message),
                    wit::LogLevel::Error => tracing::error!("licensewarden: {}", e.message),
                }
            }
        }
    }

    /// Keep the core's failure answers for the key now loaded.
    pub(crate) fn ask_failure_answers(&mut self) -> Result<(), LicenseError> {
        let f = self.call(|s, b| b.call_failure_answers(s))?;
        self.failure = convert::failure(f);
        Ok(())
    }

    /// The core failed (`e`, in wasmtime's words): the instance is dropped,
    /// the failure logged, and the call gets the core's failure error.
    pub(crate) fn failed(&mut self, e: impl std::fmt::Display) -> LicenseError {
        self.live = None;
        tracing::error!(
            error = %licensewarden_guest::escape::printable(&e.to_string(), 512),
            "licensewarden: the core failed; every licensed request is refused until it is re-created (at the next call)"
        );
        self.failure.error.clone()
    }

    /// A new instance with this core's configuration, key and access
    /// policy replayed.
    pub(crate) fn create(&self) -> Result<(Store<HostState>, Licensewarden), Created> {
        let failed = |e: wasmtime::Error| Created::Failed(e.to_string());
        let prepared = engine::prepared(self.alloc).map_err(|e| Created::Failed(e.to_string()))?;
        let mut store = Store::new(
            &prepared.engine,
            HostState {
                clock: self.clock.clone(),
                facts: self.facts.clone(),
                store: self.state.clone(),
                problems: Vec::new(),
                random: self.random.clone(),
            },
        );
        let bindings = prepared.pre.instantiate(&mut store).map_err(failed)?;
        bindings
            .call_configure(&mut store, &self.config)
            .map_err(failed)?
            .map_err(|e| Created::Refused(convert::error(e)))?;
        if self.loaded != Resolved::None {
            bindings
                .call_load(&mut store, &convert::key_input(&self.loaded))
                .map_err(failed)?;
        }
        if let Some(policy) = &self.access {
            bindings
                .call_set_access_policy(&mut store, Some(policy))
                .map_err(failed)?
                .map_err(|e| Created::Refused(convert::error(e)))?;
        }
        if let Some(refused) = &self.access_refused {
            // Refused again: the core is back in the state it was in.
            let _ = bindings
                .call_set_access_policy(&mut store, Some(refused))
                .map_err(failed)?;
        }
        Ok((store, bindings))
    }

    /// The live instance, re-created (and re-configured, re-loaded) after a trap.
    pub(crate) fn instance(
        &mut self,
    ) -> Result<&mut (Store<HostState>, Licensewarden), LicenseError> {
        if self.live.is_none() {
            match self.create() {
                Ok(live) => self.live = Some(live),
                Err(Created::Refused(e)) => return Err(e),
                Err(Created::Failed(e)) => return Err(self.failed(e)),
            }
        }
        Ok(self.live.as_mut().expect("instance was just created"))
    }

    pub(crate) fn call<R>(
        &mut self,
        f: impl FnOnce(&mut Store<HostState>, &Licensewarden) -> wasmtime::Result<R>,
    ) -> Result<R, LicenseError> {
        self.calls += 1;
        let (store, b) = self.instance()?;
        match f(store, b) {
            Ok(r) => Ok(r),
            // A trapped instance is never reused.
            Err(e) => Err(self.failed(e)),
        }
    }

    /// Load `r`: the snapshot and the component's warning for it.
    pub(crate) fn load(
        &mut self,
        r: &Resolved,
    ) -> Result<(Snapshot, Option<String>), LicenseError> {
        self.loaded = r.clone();
        let input = convert::key_input(r);
        let snap = self
            .call(|s, b| b.call_load(s, &input))
            .map(convert::snapshot_and_warning)?;
        self.ask_failure_answers()?;
        Ok(snap)
    }
}

/// Why a new instance could not be made.
pub(crate) enum Created {
    /// The core refused the configuration (a caller's mistake).
    Refused(LicenseError),
    /// The runtime failed, in its own words.
    Failed(String),
}

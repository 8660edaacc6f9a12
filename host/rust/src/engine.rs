//! One wasmtime Engine and one compiled component per process, and an
//! `InstancePre` so each new instance skips import resolution.
//!
//! Compiling the component with Cranelift costs ~100-200 ms; it happens at
//! most once per process (the first `Licensing::build`), never per instance.

use std::sync::OnceLock;

use wasmtime::component::{Component, HasSelf, Linker};
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

use crate::bindings::{Licensewarden, LicensewardenPre};
use crate::host::HostState;

/// The exact component bytes this crate embeds (see `build.rs`).
pub static COMPONENT_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/licensewarden.wasm"));

/// Which instance allocator the engine uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allocator {
    /// mmap on demand (default; no up-front reservation).
    OnDemand,
    /// wasmtime's pooling allocator: pre-reserved slots, faster instantiation.
    Pooling,
}

/// A ready-to-instantiate component for one allocator choice.
pub struct Prepared {
    /// The engine.
    pub engine: Engine,
    /// Linked component.
    pub pre: LicensewardenPre<HostState>,
}

fn config(alloc: Allocator) -> Config {
    let mut c = Config::new();
    c.wasm_component_model(true);
    c.wasm_wide_arithmetic(true);
    if alloc == Allocator::Pooling {
        let mut p = PoolingAllocationConfig::default();
        // The core needs one small linear memory; keep the reservation modest.
        p.total_component_instances(256)
            .total_core_instances(256)
            .total_memories(256)
            .total_tables(256)
            .max_memory_size(64 << 20);
        c.allocation_strategy(InstanceAllocationStrategy::Pooling(p));
    }
    c
}

fn prepare(alloc: Allocator) -> wasmtime::Result<Prepared> {
    let engine = Engine::new(&config(alloc))?;
    let component = Component::new(&engine, COMPONENT_WASM)?;
    let mut linker = Linker::new(&engine);
    Licensewarden::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s)?;
    let pre = LicensewardenPre::new(linker.instantiate_pre(&component)?)?;
    Ok(Prepared { engine, pre })
}

static ON_DEMAND: OnceLock<Result<Prepared, String>> = OnceLock::new();
static POOLING: OnceLock<Result<Prepared, String>> = OnceLock::new();

/// The process-wide prepared component for `alloc`, compiled on first use.
pub fn prepared(alloc: Allocator) -> Result<&'static Prepared, String> {
    let cell = match alloc {
        Allocator::OnDemand => &ON_DEMAND,
        Allocator::Pooling => &POOLING,
    };
    cell.get_or_init(|| prepare(alloc).map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(Clone::clone)
}

/// Sha256 of the embedded component, lowercase hex.
pub fn component_sha256() -> String {
    licensewarden_guest::crypto::hex(&licensewarden_guest::crypto::sha256(COMPONENT_WASM))
}

/// Create and drop one fully linked instance (measures instantiation cost).
pub fn instantiate_once(alloc: Allocator) -> Result<(), String> {
    let p = prepared(alloc)?;
    let mut store = wasmtime::Store::new(
        &p.engine,
        HostState {
            clock: crate::clock::Clock::system(),
            facts: crate::device::DeviceFacts::default(),
            store: crate::state_store::FileStore::new(None),
            problems: Vec::new(),
            random: None,
        },
    );
    p.pre
        .instantiate(&mut store)
        .map(|_| ())
        .map_err(|e| format!("{e:#}"))
}

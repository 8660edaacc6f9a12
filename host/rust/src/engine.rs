//! One wasmtime Engine and one compiled component per process, and an
//! `InstancePre` so each new instance skips import resolution.
//!
//! Compiling the component with Cranelift costs ~150 ms. On x86_64 Linux the
//! crate embeds it already compiled (`component/*.cwasm`, made by
//! `cargo run -p precompile`), so a process only loads it; wasmtime checks
//! that the artifact fits this engine (version, settings, CPU features) and
//! anything else falls back to compiling, once per process, never per
//! instance.

use std::sync::OnceLock;

use wasmtime::component::{Component, HasSelf, Linker};
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

use crate::bindings::{Licensewarden, LicensewardenPre};
use crate::host::HostState;

/// The exact component bytes this crate embeds (see `build.rs`).
pub static COMPONENT_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/licensewarden.wasm"));

/// The same component compiled ahead of time for this target, or empty
/// (`build.rs` embeds it only when it was compiled from `COMPONENT_WASM`).
static PRECOMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/licensewarden.cwasm"));

/// The target triple `component/*.cwasm` is compiled for.
pub const PRECOMPILED_TARGET: &str = "x86_64-unknown-linux-gnu";

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
    /// Loaded from the embedded precompiled artifact.
    pub precompiled: bool,
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

/// Compiles the embedded component for `PRECOMPILED_TARGET` with this
/// crate's engine settings and no host-specific CPU features, so the
/// artifact is the same bytes on every build machine and loads on every
/// x86_64 CPU. Used by `tools/precompile`.
#[doc(hidden)]
pub fn precompile() -> wasmtime::Result<Vec<u8>> {
    let mut cfg = config(Allocator::OnDemand);
    cfg.target(PRECOMPILED_TARGET)?;
    Engine::new(&cfg)?.precompile_component(COMPONENT_WASM)
}

/// Whether the prepared component for `alloc` was loaded precompiled
/// rather than compiled in this process.
#[doc(hidden)]
pub fn loaded_precompiled(alloc: Allocator) -> bool {
    prepared(alloc).is_ok_and(|p| p.precompiled)
}

fn load(engine: &Engine) -> wasmtime::Result<(Component, bool)> {
    if !PRECOMPILED.is_empty() {
        // SAFETY: deserializing runs the artifact's machine code, so its
        // bytes must come from wasmtime's own compiler: they are embedded
        // in this binary at build time, produced by `precompile` from the
        // embedded component (build.rs checks the component's sha256
        // recorded next to it), and wasmtime refuses an artifact made by
        // another version or for other settings or CPU features.
        // An artifact that does not fit this engine (its settings, an
        // older CPU) is an error here, and the component is compiled.
        #[allow(unsafe_code)]
        if let Ok(c) = unsafe { Component::deserialize(engine, PRECOMPILED) } {
            return Ok((c, true));
        }
    }
    Ok((Component::new(engine, COMPONENT_WASM)?, false))
}

fn prepare(alloc: Allocator) -> wasmtime::Result<Prepared> {
    let engine = Engine::new(&config(alloc))?;
    let (component, precompiled) = load(&engine)?;
    let mut linker = Linker::new(&engine);
    Licensewarden::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s)?;
    let pre = LicensewardenPre::new(linker.instantiate_pre(&component)?)?;
    Ok(Prepared {
        engine,
        pre,
        precompiled,
    })
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

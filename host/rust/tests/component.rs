//! Facts about the built component itself: what it imports, how big it is,
//! and that this crate embeds exactly the bytes the core build produced.

use licensewarden::engine::{component_sha256, COMPONENT_WASM};
use wasmtime::component::Component;
use wasmtime::{Config, Engine};

// 200 KiB bought the offline core; online validation adds ~50 KiB, measured
// by function sizes: the state machine and wire format (~17 KiB code), the
// XChaCha20-Poly1305 seal and HKDF (~6 KiB), glue for the new exports
// (~5 KiB) and their operator messages (data). See README "Size".
const MAX_COMPONENT_BYTES: usize = 256 * 1024;

#[test]
fn component_imports_only_licensewarden_interfaces() {
    let mut cfg = Config::new();
    cfg.wasm_component_model(true);
    let engine = Engine::new(&cfg).unwrap();
    let component = Component::new(&engine, COMPONENT_WASM).unwrap();
    let ty = component.component_type();
    let mut imports: Vec<String> = ty
        .imports(&engine)
        .map(|(name, _)| name.to_string())
        .collect();
    imports.sort();
    // No wasi:cli, filesystem or stdio: the core runs in a worker with no shims.
    assert_eq!(
        imports,
        [
            "licensewarden:core/clock",
            "licensewarden:core/device",
            "licensewarden:core/random",
            "licensewarden:core/store",
            "licensewarden:core/types"
        ],
        "unexpected component imports"
    );
    let mut exports: Vec<String> = ty
        .exports(&engine)
        .map(|(name, _)| name.to_string())
        .collect();
    exports.sort();
    assert_eq!(
        exports,
        [
            "apply-response",
            "check-cap",
            "check-feature",
            "check-signature",
            "configure",
            "gate",
            "info",
            "load",
            "metrics",
            "online-request",
            "snapshot",
            "verify"
        ]
    );
}

#[test]
fn component_fits_the_size_budget() {
    println!(
        "component size: {} bytes ({:.1} KiB)",
        COMPONENT_WASM.len(),
        COMPONENT_WASM.len() as f64 / 1024.0
    );
    assert!(
        COMPONENT_WASM.len() <= MAX_COMPONENT_BYTES,
        "component is {} bytes, over the {MAX_COMPONENT_BYTES}-byte budget",
        COMPONENT_WASM.len()
    );
}

#[test]
fn embedded_component_is_the_built_one() {
    let dist =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist/licensewarden.wide.wasm");
    let built = std::fs::read(&dist)
        .expect("dist/licensewarden.wide.wasm exists (scripts/build-component.sh)");
    let built_sha = licensewarden_guest::crypto::hex(&licensewarden_guest::crypto::sha256(&built));
    assert_eq!(
        component_sha256(),
        built_sha,
        "host embeds a stale component: rebuild"
    );
}

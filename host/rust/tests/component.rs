//! Facts about the built component itself: what it imports, how big it is,
//! and that this crate embeds exactly the bytes the core build produced.

use licensewarden::engine::{component_sha256, COMPONENT_WASM};
use wasmtime::component::Component;
use wasmtime::{Config, Engine};

// 200 KiB bought the offline core; online validation adds ~50 KiB, measured
// by function sizes: the state machine and wire format (~17 KiB code), the
// XChaCha20-Poly1305 seal and HKDF (~6 KiB), glue for the new exports
// (~5 KiB) and their operator messages (data). The license lifecycle
// (server terms in signed answers, `suspended`, `on_expiry`, the terms
// difference `info` shows) adds ~7 KiB. Gateway mode (one core for many
// keys: the B-tree key caches, the signed status list, `gate-key`) adds
// ~50 KiB, most of it B-tree code (verified and forged keys share one map
// type: a second one cost 10.5 KiB). The second client hardening (the
// rollback witness, `state-not-saved`, one trimming rule, refusals that
// keep their cause, transport causes in words) adds ~10 KiB, most of it
// operator messages. RBAC decisions (fnmatch globs, the policy, the plan
// gate, two exports) add ~16 KiB; reading policy YAML in the core, the
// 403 body and the policy's info and metrics ~24 KiB. The budget is 368
// KiB. Air-gapped activation by file adds ~14 KiB; the CA bundle rule and
// the license agent (relay, message) ~12 KiB. See README "Size".
const MAX_COMPONENT_BYTES: usize = 440 * 1024;

fn dist(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../dist")
        .join(name);
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (scripts/build-component.sh)", path.display()))
}

#[test]
fn both_variants_import_only_licensewarden_interfaces_and_export_the_same_api() {
    for (name, bytes) in [
        ("embedded (wide-arithmetic)", COMPONENT_WASM.to_vec()),
        ("baseline", dist("licensewarden.wasm")),
    ] {
        println!("{name}");
        imports_and_exports(&bytes);
    }
}

#[test]
fn the_baseline_variant_runs_where_wide_arithmetic_is_off() {
    let mut cfg = Config::new();
    cfg.wasm_component_model(true);
    cfg.wasm_wide_arithmetic(false);
    let engine = Engine::new(&cfg).unwrap();
    Component::new(&engine, dist("licensewarden.wasm"))
        .expect("baseline compiles without wide arithmetic");
    assert!(
        Component::new(&engine, COMPONENT_WASM).is_err(),
        "the wide-arithmetic variant should need the proposal"
    );
}

fn imports_and_exports(bytes: &[u8]) {
    let mut cfg = Config::new();
    cfg.wasm_component_model(true);
    cfg.wasm_wide_arithmetic(true);
    let engine = Engine::new(&cfg).unwrap();
    let component = Component::new(&engine, bytes).unwrap();
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
            "agent-message",
            "apply-response",
            "authorize",
            "check-cap",
            "check-feature",
            "check-signature",
            "configure",
            "events",
            "failure-answers",
            "find-key",
            "gate",
            "gate-key",
            "gate-request",
            "gateway-stats",
            "info",
            "info-json",
            "install-activation",
            "key-from-file",
            "key-from-headers",
            "key-places",
            "key-snapshot",
            "load",
            "metrics",
            "next-check-delay",
            "offline-request",
            "online-request",
            "set-access-policy",
            "snapshot",
            "trusted-key-file",
            "verify"
        ]
    );
}

#[test]
fn both_variants_fit_the_size_budget() {
    for (name, len) in [
        ("wide-arithmetic (embedded)", COMPONENT_WASM.len()),
        ("baseline", dist("licensewarden.wasm").len()),
    ] {
        println!("{name}: {len} bytes ({:.1} KiB)", len as f64 / 1024.0);
        assert!(
            len <= MAX_COMPONENT_BYTES,
            "the {name} component is {len} bytes, over the {MAX_COMPONENT_BYTES}-byte budget"
        );
    }
}

#[test]
fn embedded_component_is_the_built_one() {
    let built = dist("licensewarden.wide.wasm");
    let built_sha = licensewarden_guest::crypto::hex(&licensewarden_guest::crypto::sha256(&built));
    assert_eq!(
        component_sha256(),
        built_sha,
        "host embeds a stale component: rebuild"
    );
}

#[test]
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
fn the_precompiled_component_is_loaded_not_compiled_at_start() {
    use licensewarden::Allocator;
    assert!(
        licensewarden::engine::loaded_precompiled(Allocator::OnDemand),
        "host/rust/component/*.cwasm is missing or stale: run `cargo run -p precompile`"
    );
    println!(
        "pooling allocator loads it too: {}",
        licensewarden::engine::loaded_precompiled(Allocator::Pooling)
    );
}

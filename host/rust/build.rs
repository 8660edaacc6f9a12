//! Embeds the component: `component/licensewarden.wide.wasm` (in the
//! repository a symlink to the committed `dist/licensewarden.wide.wasm`, the
//! wide-arithmetic variant wasmtime runs fastest; in the published crate the
//! file itself), or `LICENSEWARDEN_WASM` (either variant runs).

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let wasm = std::env::var("LICENSEWARDEN_WASM")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join("component/licensewarden.wide.wasm"));
    println!("cargo:rerun-if-env-changed=LICENSEWARDEN_WASM");
    println!("cargo:rerun-if-changed={}", wasm.display());
    if !wasm.exists() {
        panic!(
            "{} is missing: build the component first with `scripts/build-component.sh` (or set LICENSEWARDEN_WASM)",
            wasm.display()
        );
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("licensewarden.wasm");
    std::fs::copy(&wasm, &out).expect("copy component into OUT_DIR");
}

//! Embeds the component: `component/licensewarden.wide.wasm` (in the
//! repository a symlink to the committed `dist/licensewarden.wide.wasm`, the
//! wide-arithmetic variant wasmtime runs fastest; in the published crate the
//! file itself), or `LICENSEWARDEN_WASM` (either variant runs).
//!
//! For x86_64 Linux it also embeds the component compiled ahead of time,
//! `component/licensewarden.wide.x86_64-unknown-linux-gnu.cwasm`, when the
//! sha256 recorded next to it (`.cwasm.sha256`, written by
//! `cargo run -p precompile`) is the embedded component's. Otherwise the
//! artifact is left out and the component is compiled at start.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

const TARGET: &str = "x86_64-unknown-linux-gnu";

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let custom = std::env::var("LICENSEWARDEN_WASM").ok();
    let wasm = custom
        .clone()
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("component/licensewarden.wide.wasm"));
    println!("cargo:rerun-if-env-changed=LICENSEWARDEN_WASM");
    println!("cargo:rerun-if-changed={}", wasm.display());
    if !wasm.exists() {
        panic!(
            "{} is missing: build the component first with `scripts/build-component.sh` (or set LICENSEWARDEN_WASM)",
            wasm.display()
        );
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let bytes = std::fs::read(&wasm).expect("read the component");
    std::fs::write(out.join("licensewarden.wasm"), &bytes).expect("copy component into OUT_DIR");

    let cwasm = manifest.join(format!("component/licensewarden.wide.{TARGET}.cwasm"));
    let recorded = cwasm.with_extension("cwasm.sha256");
    println!("cargo:rerun-if-changed={}", cwasm.display());
    println!("cargo:rerun-if-changed={}", recorded.display());
    let target = std::env::var("TARGET").unwrap_or_default();
    let precompiled = if target == TARGET {
        precompiled_for(&bytes, &cwasm, &recorded)
    } else {
        Vec::new()
    };
    std::fs::write(out.join("licensewarden.cwasm"), precompiled)
        .expect("write OUT_DIR/licensewarden.cwasm");
}

fn precompiled_for(component: &[u8], cwasm: &Path, recorded: &Path) -> Vec<u8> {
    let want = hex(&Sha256::digest(component));
    match std::fs::read_to_string(recorded) {
        Ok(s) if s.trim() == want => std::fs::read(cwasm).unwrap_or_default(),
        Ok(_) => {
            println!(
                "cargo:warning=licensewarden: {} was compiled from another component; it is left out and the component is compiled at start (run `cargo run -p precompile`)",
                cwasm.display()
            );
            Vec::new()
        }
        Err(_) => Vec::new(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

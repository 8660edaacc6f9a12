//! Writes `host/rust/component/licensewarden.wide.<target>.cwasm`: the
//! component the Rust host embeds, compiled by the host's own engine
//! settings for x86_64 Linux without host-specific CPU features, and next
//! to it the sha256 of the component it was compiled from (the host's
//! build script embeds the artifact only when that matches).
//!
//! `cargo run -p precompile` (scripts/build-component.sh runs it after the
//! component; scripts/test.sh fails when the committed bytes differ).

use std::path::PathBuf;
use std::process::ExitCode;

use licensewarden::engine::{precompile, COMPONENT_WASM, PRECOMPILED_TARGET};
use sha2::{Digest, Sha256};

fn main() -> ExitCode {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../host/rust/component");
    let out = dir.join(format!("licensewarden.wide.{PRECOMPILED_TARGET}.cwasm"));
    let bytes = match precompile() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("precompile: cannot compile the component: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let sha: String = Sha256::digest(COMPONENT_WASM)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let recorded = out.with_extension("cwasm.sha256");
    if let Err(e) =
        std::fs::write(&out, &bytes).and_then(|()| std::fs::write(&recorded, format!("{sha}\n")))
    {
        eprintln!("precompile: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "precompile: wrote host/rust/component/{} ({} bytes, from component sha256 {})",
        out.file_name().unwrap_or_default().to_string_lossy(),
        bytes.len(),
        &sha[..12]
    );
    ExitCode::SUCCESS
}

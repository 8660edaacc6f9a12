#!/usr/bin/env bash
# Builds the licensewarden component in its two variants, from one source:
# - dist/licensewarden.wasm, baseline wasm32, for every runtime (the JS host
#   on V8, the Go host on wazero, which embeds the core module inside it as
#   host/go/licensewarden.core.wasm), verifying Ed25519 with
#   curve25519-dalek's 32-bit limbs (feature verify-dalek: without a
#   64x64->128 multiply they are ~2x faster; guest/src/ed25519.rs);
# - dist/licensewarden.wide.wasm, the same guest with its curve crate built
#   with +wide-arithmetic, for the wasmtime hosts (Rust, Python): verify is
#   ~4x faster there. docs/wide-arithmetic.md says why only the curve crate.
# - host/rust/component/*.cwasm, the wide variant compiled ahead of time by
#   the Rust host's own engine settings.
# All are committed release artifacts: packages carry them, so users need no
# Rust. The build is reproducible: local paths are remapped (panic locations
# would otherwise carry this checkout's and ~/.cargo's paths) and the
# toolchain is recorded in dist/TOOLCHAIN; scripts/test.sh rebuilds and fails
# when the bytes differ from the committed ones.
# Installs what it needs (the wasm32 target); the wrapping is done by the
# workspace's own `componentize` tool, so no hand-installed binary is used.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

cargo_home=${CARGO_HOME:-$HOME/.cargo}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$cargo_home=/cargo --remap-path-prefix=$PWD=/licensewarden"
cargo build -q -p licensewarden-guest --target wasm32-unknown-unknown --profile guest --features verify-dalek
RUSTC_WRAPPER="$PWD/scripts/rustc-wide-curve.sh" \
  cargo build -q -p licensewarden-guest --target wasm32-unknown-unknown --profile guest-wide 2>&1 \
  | { grep -v -e "unstable feature specified for \`-Ctarget-feature\`: \`wide-arithmetic\`" -e "this feature is not stably supported" -e '^ *|$' -e '^ *= note' -e '^$' || true; } >&2
mkdir -p dist
cargo run -q -p componentize -- --variant baseline \
  target/wasm32-unknown-unknown/guest/licensewarden_guest.wasm \
  dist/licensewarden.wasm \
  host/go/licensewarden.core.wasm
cargo run -q -p componentize -- --variant wide-arithmetic \
  target/wasm32-unknown-unknown/guest-wide/licensewarden_guest.wasm \
  dist/licensewarden.wide.wasm
rustc -V > dist/TOOLCHAIN
# The Python package carries its own copy of the variant its runtime
# (wasmtime) runs fastest (sdists and wheels cannot reach outside the
# package directory).
cp dist/licensewarden.wide.wasm host/python/src/licensewarden/licensewarden.wide.wasm
# The Rust host embeds the wide variant compiled ahead of time for x86_64
# Linux (no host-specific CPU features, so the bytes do not depend on the
# build machine), so that its processes start without compiling it.
cargo run -q -p precompile

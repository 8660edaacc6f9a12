#!/usr/bin/env bash
# Builds the one licensewarden component, dist/licensewarden.wasm, and the
# core module inside it that the Go host embeds (host/go/licensewarden.core.wasm).
# Both are committed release artifacts: packages carry them, so users need no
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
cargo build -q -p licensewarden-guest --target wasm32-unknown-unknown --profile guest
mkdir -p dist
cargo run -q -p componentize -- \
  target/wasm32-unknown-unknown/guest/licensewarden_guest.wasm \
  dist/licensewarden.wasm \
  host/go/licensewarden.core.wasm
rustc -V > dist/TOOLCHAIN
# The Python package carries its own copy (sdists and wheels cannot reach
# outside the package directory).
cp dist/licensewarden.wasm host/python/src/licensewarden/licensewarden.wasm

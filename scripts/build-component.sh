#!/usr/bin/env bash
# Builds the one licensewarden component: dist/licensewarden.wasm.
# Installs what it needs (the wasm32 target); the wrapping is done by the
# workspace's own `componentize` tool, so no hand-installed binary is used.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

cargo build -q -p licensewarden-guest --target wasm32-unknown-unknown --profile guest
mkdir -p dist
cargo run -q -p componentize -- \
  target/wasm32-unknown-unknown/guest/licensewarden_guest.wasm \
  dist/licensewarden.wasm \
  host/go/licensewarden.core.wasm

#!/usr/bin/env bash
# Every test: formatting, lints (native and wasm32), the core's unit and
# property tests, the component build and its import/size checks, every
# conformance vector through the component, regeneration of the vectors,
# and the hosts' test suites. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# Incremental caches only help a developer's edit loop; on a one-shot run they
# double the disk the workspace crates take.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step "toolchain"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "cargo fmt --check"
cargo fmt --all -- --check

step "build the component (reproducible: the bytes must equal the committed release artifacts)"
./scripts/build-component.sh
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- dist host/go/licensewarden.core.wasm host/python/src/licensewarden/licensewarden.wide.wasm host/rust/component; then
  echo "the rebuilt component differs from the committed dist/ (built with $(git show HEAD:dist/TOOLCHAIN 2>/dev/null || echo '?'); this build: $(rustc -V))."
  echo "If the guest changed, commit the rebuilt dist/, host/go/licensewarden.core.wasm, host/python/src/licensewarden/licensewarden.wide.wasm and host/rust/component/; otherwise the build is not reproducible here."
  exit 1
fi

step "clippy (native, all targets, -D warnings)"
cargo clippy -q --workspace --all-targets --all-features -- -D warnings
step "clippy (guest on wasm32, -D warnings)"
cargo clippy -q -p licensewarden-guest --target wasm32-unknown-unknown --profile guest --all-features -- -D warnings

step "PostgreSQL for the server tests"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

step "cargo test (core, host, vectors through the component, CLI, axum, server on SQLite and PostgreSQL)"
cargo test --workspace --all-features

step "vectors regenerate byte for byte (gen-vectors --check)"
# The tools' binaries were built by `cargo test` above with the same
# features; running them directly avoids a second feature set.
"${CARGO_TARGET_DIR:-target}"/debug/gen-vectors --check

step "conformance lines (Rust host)"
mkdir -p target/conformance
"${CARGO_TARGET_DIR:-target}"/debug/conformance > target/conformance/rust.txt
echo "$(wc -l < target/conformance/rust.txt) lines"

for extra in scripts/test-*.sh; do
  [ -e "$extra" ] || continue
  step "$extra"
  bash "$extra"
done

step "all tests passed ($(du -sh "${CARGO_TARGET_DIR:-target}" | cut -f1) in the target directory)"

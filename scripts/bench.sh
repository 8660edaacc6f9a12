#!/usr/bin/env bash
# Every host's benchmarks, each against its baselines measured in the same
# run (figures, not assertions; README "Benchmarks" holds a recorded run):
# verify vs the host's native Ed25519, an uncached check vs the runtime's
# bare call of a do-nothing export (target/bench/nop.wasm), snapshot checks
# vs a set lookup plus a clock read, denials answered from the memo; and
# gateway mode per distinct key (the section at the end).
# Every figure is the median ratio [min-max] over interleaved rounds
# (LW_BENCH_ROUNDS, default 7) against its baseline, so a reader can see how
# much a loaded machine moved it.
# Needs what scripts/test.sh sets up (.venv, host/js/node_modules, the
# component); the Rust part builds the bench profile (optimised, no LTO).
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target/bench
cargo run -q -p componentize -- --nop target/bench/nop.wasm

echo "== Rust (wasmtime, $(basename "$(readlink -f host/rust/component/licensewarden.wide.wasm)"))"
cargo bench -q -p licensewarden --bench licensewarden -- --quick 2>/dev/null | sed -n '/^summary/,$p'

echo "== JavaScript (Node $(node -v), jco, licensewarden.wasm)"
(cd host/js && node scripts/build.mjs >/dev/null && node bench/bench.mjs)

echo "== Python ($(.venv/bin/python -V), wasmtime $(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("wasmtime"))' 2>/dev/null || echo '?'), licensewarden.wide.wasm)"
.venv/bin/python host/python/bench/bench.py

echo "== Go ($(go version | cut -d' ' -f3), wazero, licensewarden.wasm)"
LW_BENCH=1 go test -v -count 1 -run '^TestRatios$' -benchtime 300ms ./host/go | grep -v -e '^=== RUN' -e '^--- PASS' -e '^PASS' -e '^ok'

# Gateway mode (one core for many callers' keys): per distinct garbage,
# forged, new and cached key against each runtime's native Ed25519 verify,
# a paying caller under a flood of 20,000 forged keys, bytes per cached key
# at 100,000 keys (LW_BENCH_KEYS to change). Rust's figures are in its
# summary above.
echo "== gateway: Node (Express)"
(cd host/js && node bench/gateway.mjs)
echo "== gateway: Python"
.venv/bin/python host/python/bench/gateway.py
echo "== gateway: Go"
go test -bench Gateway -run '^$' ./host/go | grep '^Benchmark'

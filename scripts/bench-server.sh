#!/usr/bin/env bash
# Server figures: validations per second and p50/p99 latency on 127.0.0.1
# for SQLite and PostgreSQL, with the signing cost per answer beside them.
# A benchmark, not a test: it asserts nothing about speed. Optimised
# (`--profile bench`), clients and server in one process on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
cargo build -q --profile bench -p licensewarden-server --example load
for c in 1 8; do
  target/release/examples/load --requests 20000 --concurrency "$c"
  target/release/examples/load --requests 20000 --concurrency "$c" --database "$LICENSEWARDEN_TEST_POSTGRES"
done

#!/usr/bin/env bash
# Server at scale (not in CI): 1,000,000 licenses with 5,000,000 registered
# devices, generated inside SQLite and PostgreSQL, then validations of
# random devices with 8 clients: rate, p50/p99, database size and the
# validation query's plan. A benchmark: it asserts nothing about speed.
# LICENSES and DEVICES_PER override the population (e.g. for a quick try).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
licenses=${LICENSES:-1000000}
per=${DEVICES_PER:-5}
cargo build -q --profile bench -p licensewarden-server --example load
dir=$(mktemp -d /tmp/licensewarden-scale.XXXXXX)
trap 'rm -rf "$dir"; stop_postgres' EXIT
load=target/release/examples/load
"$load" --database "sqlite://$dir/scale.db" --licenses "$licenses" --devices-per "$per" --requests 20000 --concurrency 8
"$load" --database "$LICENSEWARDEN_TEST_POSTGRES" --licenses "$licenses" --devices-per "$per" --requests 20000 --concurrency 8

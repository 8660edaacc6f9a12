#!/usr/bin/env bash
# Runs the demo: issue a key, verify it through the component, print
# license info. It does not rebuild the component: the committed
# dist/ artifacts are reproducible (scripts/test.sh rebuilds them and fails
# on any difference), and the Rust host embeds them; only the CLI is built.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -p licensewarden --features cli --bin licensewarden -- demo

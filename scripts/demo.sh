#!/usr/bin/env bash
# Builds the component and runs the demo: issue a key, verify it through the
# component, print license info.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build-component.sh
cargo run -q -p licensewarden --bin licensewarden -- demo

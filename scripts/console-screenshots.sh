#!/usr/bin/env bash
# Regenerates the two console screenshots server/README.md shows, from the
# browser tests' own (target/console-screenshots/).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p licensewarden -p licensewarden-server --features licensewarden/cli
bash scripts/test-console.sh
mkdir -p server/docs
cp target/console-screenshots/console-license.png server/docs/console-license.png
cp target/console-screenshots/portal.png server/docs/portal.png
echo "updated server/docs/console-license.png and server/docs/portal.png"

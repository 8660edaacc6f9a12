#!/usr/bin/env bash
# The demo: make a throwaway vendor key, issue a license, verify it through
# the committed component's core and print license info. It runs on the Go
# host (host/go/cmd/demo), which builds in seconds; nothing is rebuilt from
# Rust, since the committed dist/ artifacts are reproducible (scripts/test.sh
# rebuilds them and fails on any difference). The Rust CLI has the same
# walk-through: `cargo run -p licensewarden --features cli -- demo`.
set -euo pipefail
cd "$(dirname "$0")/../host/go"
go run ./cmd/demo

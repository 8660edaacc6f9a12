#!/usr/bin/env bash
# Python host: create .venv, install the package with its test extras (wasmtime
# from PyPI), ship the exact built component inside it, run pytest (API,
# FastAPI under real uvicorn, every conformance vector) and check the
# conformance lines are identical to the Rust host's.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ -x .venv/bin/python ] || python3 -m venv .venv
cp dist/licensewarden.wasm host/python/src/licensewarden/licensewarden.wasm
.venv/bin/python -m pip install -q --disable-pip-version-check -e 'host/python[test]'
.venv/bin/python -m pytest -q host/python/tests
mkdir -p target/conformance
.venv/bin/python -m licensewarden.conformance > target/conformance/python.txt
# Missing Rust lines are a failure, not a skip.
[ -s target/conformance/rust.txt ] || { echo "target/conformance/rust.txt is missing: run scripts/test.sh"; exit 1; }
diff target/conformance/rust.txt target/conformance/python.txt
echo "Python conformance lines identical to Rust ($(wc -l < "$repo/target/conformance/python.txt") lines)"

#!/usr/bin/env bash
# Python host: create .venv, install the package with its test and lint extras
# (wasmtime from PyPI; the package carries the committed component), ruff and
# mypy --strict on the package, run pytest (API,
# FastAPI under real uvicorn, every conformance vector) and check the
# conformance lines are identical to the Rust host's.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e 'host/python[test,lint]'
# What a Python package is expected to pass: ruff's rules and mypy --strict
# (pyproject.toml pins both and configures them).
(cd host/python && ../../.venv/bin/ruff check -q src && ../../.venv/bin/mypy)
.venv/bin/python -m pytest -q host/python/tests
mkdir -p target/conformance
.venv/bin/python -m licensewarden.conformance > target/conformance/python.txt
# Missing Rust lines are a failure, not a skip.
[ -s target/conformance/rust.txt ] || { echo "target/conformance/rust.txt is missing: run scripts/test.sh"; exit 1; }
diff target/conformance/rust.txt target/conformance/python.txt
echo "Python conformance lines identical to Rust ($(wc -l < "$repo/target/conformance/python.txt") lines)"

# The README's quick starts, verbatim, in a fresh directory with a key pair
# and licenses made by the CLI, as a vendor's operator would have them.
bin="$repo/${CARGO_TARGET_DIR:-target}/debug"
py="$repo/.venv/bin/python"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/readme-blocks.py host/python/README.md python "$work" .py 2
"$bin/licensewarden" keygen --out "$work" >/dev/null
pro=$("$bin/licensewarden" issue --private-key "$work/private.key" --plan pro --feature sso --expires 2099-12-31)
old=$("$bin/licensewarden" issue --private-key "$work/private.key" --plan pro --feature sso --expires 2020-01-31 --allow-expired)
run() { (cd "$work" && HOME="$work" ACME_LICENSE_KEY="$1" "$py" block0.py); }
# expect OUTPUT PATTERN: a shell pattern, so `*` stands for a message.
expect() { [[ "$1" == $2 ]] || { printf 'README quick start printed:\n%s\nexpected:\n%s\n' "$1" "$2"; exit 1; }; }
expect "$(run "$pro")" $'sso is on\nplan pro, status active, key from env:ACME_LICENSE_KEY'
expect "$(run "$old")" "sso is off (expired): *
plan pro, status expired, key from env:ACME_LICENSE_KEY"
expect "$(run "")" "sso is off (feature-not-licensed): *
plan community, status community, key from none"
(cd "$work" && HOME="$work" ACME_LICENSE_KEY="$pro" PYTHONWARNINGS=ignore "$py" - <<'PY'
import runpy
from fastapi.testclient import TestClient
app = runpy.run_path("block1.py")["app"]
c = TestClient(app)
assert c.get("/health").status_code == 200
assert c.get("/sso").json() == {"sso": "configured"}, c.get("/sso").text
assert "licensewarden_license_valid 1" in c.get("/metrics").text
PY
)
(cd "$work" && HOME="$work" ACME_LICENSE_KEY="$old" PYTHONWARNINGS=ignore "$py" - <<'PY'
import runpy
from fastapi.testclient import TestClient
c = TestClient(runpy.run_path("block1.py")["app"])
assert c.get("/health").status_code == 200
r = c.get("/sso")
assert r.status_code == 503 and r.json()["error"]["code"] == "expired", r.text
PY
)
echo "Python README quick starts ran as written"

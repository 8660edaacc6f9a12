#!/usr/bin/env bash
# Browser tests of the console and the portal (server/console-tests):
# Debian's chromium (installed here when missing) driven by Playwright from
# PyPI (only its driver: no browser download), axe-core from npm for the
# accessibility check, real products from the Python host. Screenshots go
# to target/console-screenshots/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e 'host/python[test]' playwright==1.65.2
(cd server/console-tests && npm ci --silent --no-audit --no-fund)
.venv/bin/python -m pytest -q -p no:cacheprovider server/console-tests

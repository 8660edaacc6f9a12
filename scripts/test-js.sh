#!/usr/bin/env bash
# JavaScript host: install from the lockfile, transpile the component with
# the pinned jco-transpile, run node --test (API, Express and fetch-style middleware
# over HTTP, every vector, the edge worker on real workerd), and check the
# conformance lines are identical to the Rust host's.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
cd host/js
# `npm ci` refuses this lockfile on these machines: npm is configured with
# omit-lockfile-registry-resolved, which leaves other platforms' optional
# binaries (workerd, jco) without versions in the lock. `npm install` still
# installs exactly the locked versions; the check below fails if it had to
# change the lockfile.
cp package-lock.json /tmp/licensewarden-js-lock.json
npm install --no-audit --no-fund --loglevel=error
cmp -s package-lock.json /tmp/licensewarden-js-lock.json || { echo "package-lock.json changed during install: commit the updated lockfile"; exit 1; }
node scripts/build.mjs
node --test test/
mkdir -p "$repo/target/conformance"
node conformance.mjs > "$repo/target/conformance/js.txt"
# The Rust lines are written by scripts/test.sh before this runs; missing
# lines are a failure, not a skip.
[ -s "$repo/target/conformance/rust.txt" ] || { echo "target/conformance/rust.txt is missing: run scripts/test.sh"; exit 1; }
diff "$repo/target/conformance/rust.txt" "$repo/target/conformance/js.txt"
echo "JS conformance lines identical to Rust ($(wc -l < "$repo/target/conformance/js.txt") lines)"

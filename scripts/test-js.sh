#!/usr/bin/env bash
# JavaScript host: install from the lockfile, transpile the component with
# the pinned jco-transpile, type-check the declarations (tsc), run node --test (API, Express and fetch-style middleware
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
# gen/ is a committed release artifact (so `npm pack ./host/js` works from a
# clean checkout): the transpile must reproduce it byte for byte.
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1 && [ -n "$(git -C "$repo" status --porcelain -- host/js/gen)" ]; then
  git -C "$repo" status --short -- host/js/gen
  echo "host/js/gen differs from its transpile of dist/licensewarden.wasm: commit the rebuilt host/js/gen"
  exit 1
fi
# The edge worker example as a user runs it: `npm install` there links the
# package by name (file:../../host/js); workerd.test.mjs serves its config.
(cd "$repo/examples/edge-worker" && npm install --no-audit --no-fund --loglevel=error)
# The declarations as a TypeScript service compiles against them (strict,
# NodeNext resolution, the .d.ts files themselves checked): a small typed
# consumer of the API (test/typed). test/types.test.mjs checks the names.
node_modules/.bin/tsc -p test/typed
node --test test/
mkdir -p "$repo/target/conformance"
node conformance.mjs > "$repo/target/conformance/js.txt"
# The Rust lines are written by scripts/test.sh before this runs; missing
# lines are a failure, not a skip.
[ -s "$repo/target/conformance/rust.txt" ] || { echo "target/conformance/rust.txt is missing: run scripts/test.sh"; exit 1; }
diff "$repo/target/conformance/rust.txt" "$repo/target/conformance/js.txt"
echo "JS conformance lines identical to Rust ($(wc -l < "$repo/target/conformance/js.txt") lines)"

# The package as a user gets it: `npm pack` (gen/ is committed and current,
# so a clean checkout packs without dev dependencies), installed into a fresh project outside the
# repository, running the README's quick starts verbatim with a key pair and
# licenses made by the CLI.
bin="$repo/${CARGO_TARGET_DIR:-target}/debug"
work=$(mktemp -d)
app_pid=
cleanup() { [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
tgz=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "npm pack: $tgz, $(wc -c < "$work/$tgz") bytes"
mkdir "$work/app"
cd "$work/app"
echo '{"name": "quickstart", "version": "1.0.0", "private": true, "type": "module"}' > package.json
npm install --no-audit --no-fund --loglevel=error "$work/$tgz" express@4.22.3
python3 "$repo/scripts/readme-blocks.py" "$repo/host/js/README.md" js . .mjs 3
"$bin/licensewarden" keygen --out . >/dev/null
pro=$("$bin/licensewarden" issue --private-key private.key --plan pro --feature sso --expires 2099-12-31)
old=$("$bin/licensewarden" issue --private-key private.key --plan pro --feature sso --expires 2020-01-31 --allow-expired)
expect() { [[ "$1" == $2 ]] || { printf 'README quick start printed:\n%s\nexpected:\n%s\n' "$1" "$2"; exit 1; }; }
expect "$(HOME="$work" ACME_LICENSE_KEY="$pro" node block0.mjs)" $'sso is on\nplan pro, status active, key from env:ACME_LICENSE_KEY'
expect "$(HOME="$work" ACME_LICENSE_KEY="$old" node block0.mjs)" "sso is off (expired): *
plan pro, status expired, key from env:ACME_LICENSE_KEY"
expect "$(HOME="$work" ACME_LICENSE_KEY= node block0.mjs)" "sso is off (feature-not-licensed): *
plan community, status community, key from none"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HOME="$work" ACME_LICENSE_KEY="$pro" PORT=$port node block1.mjs &
app_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
expect "$(curl -s "http://127.0.0.1:$port/sso")" "sso configured"
curl -s "http://127.0.0.1:$port/metrics" | grep -q 'licensewarden_license_valid 1' || { echo "Express quick start: /metrics"; exit 1; }
echo "JS package installed from the tarball; README quick starts ran as written"

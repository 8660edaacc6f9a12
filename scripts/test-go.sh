#!/usr/bin/env bash
# Go host: gofmt, vet and staticcheck clean, go test (API, every vector, online against the
# real licensewarden-server, examples/go-service over real HTTP, device id
# equal to the Rust host's), conformance lines identical to the Rust host's,
# and the README's Go quick starts run verbatim in a fresh module outside
# the repository. The modules come from the Go module proxy (go.sum pins them).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
bin="$repo/${CARGO_TARGET_DIR:-target}/debug"
command -v go >/dev/null || { echo "the Go host needs the go command (Go 1.25 or newer, https://go.dev/dl)"; exit 1; }

unformatted=$(gofmt -l host/go examples/go-service)
[ -z "$unformatted" ] || { echo "gofmt: $unformatted"; exit 1; }
go vet ./host/go/... ./examples/go-service/...
# staticcheck, pinned, from the Go module proxy (built once per machine).
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./host/go/... ./examples/go-service/...
go test -count=1 ./host/go/... ./examples/go-service/...

mkdir -p target/conformance
go run ./host/go/cmd/conformance > target/conformance/go.txt
# Missing Rust lines are a failure, not a skip.
[ -s target/conformance/rust.txt ] || { echo "target/conformance/rust.txt is missing: run scripts/test.sh"; exit 1; }
diff target/conformance/rust.txt target/conformance/go.txt
echo "Go conformance lines identical to Rust ($(wc -l < target/conformance/go.txt) lines)"

# The README's demo command runs on this host.
out=$("$repo/scripts/demo.sh")
case "$out" in *"verify through the component"*"Status:     active"*) echo "demo: ran";; *) echo "scripts/demo.sh printed:"; echo "$out"; exit 1;; esac

# The README's ```go blocks, each a program of its own (all built; the
# quick start and the net/http one run; the online one needs a server), with a key pair and
# a license issued by the CLI, as a user would have them.
work=$(mktemp -d)
server_pid=
cleanup() { [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
python3 - host/go/README.md "$work" <<'PY'
import re, sys, pathlib
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"^```go\n(.*?)^```", text, flags=re.S | re.M)
assert len(blocks) == 3, f"expected the quick start, the online program and the net/http quick start, found {len(blocks)} go blocks"
for i, b in enumerate(blocks):
    d = pathlib.Path(sys.argv[2]) / f"quickstart{i}"
    d.mkdir()
    (d / "main.go").write_text(b)
PY
"$bin/licensewarden" keygen --out "$work/keys" >/dev/null
token=$("$bin/licensewarden" issue --private-key "$work/keys/private.key" --plan pro --feature sso --expires 2099-12-31)
for d in "$work"/quickstart*; do
  cp "$work/keys/public.key" "$d/"
  (cd "$d" && go mod init example.com/quickstart >/dev/null 2>&1 \
    && go mod edit -require=github.com/licensewarden/licensewarden/host/go@v0.1.0 -replace=github.com/licensewarden/licensewarden/host/go="$repo/host/go" \
    && GOWORK=off go mod tidy >/dev/null 2>&1 && GOWORK=off go build -o app .)
done
out=$(cd "$work/quickstart0" && HOME="$work" ACME_LICENSE_KEY="$token" ./app)
echo "quick start: $out"
[ "$out" = "plan pro, status active, key from env:ACME_LICENSE_KEY" ] || { echo "the Go quick start printed something else"; exit 1; }
out=$(cd "$work/quickstart0" && HOME="$work" ACME_LICENSE_KEY= ./app)
case "$out" in "sso is off: "*"plan pro"*|"sso is off: "*community*) ;; *) echo "quick start without a key: $out"; exit 1 ;; esac
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$work/quickstart2" && HOME="$work" ACME_LICENSE_KEY="$token" PORT=$port exec ./app) &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
[ "$(curl -s "http://127.0.0.1:$port/api/sso")" = "sso configured" ] || { echo "net/http quick start: /api/sso refused"; exit 1; }
curl -s "http://127.0.0.1:$port/metrics" | grep -q 'licensewarden_license_valid 1' || { echo "net/http quick start: /metrics"; exit 1; }
echo "net/http quick start: /health, /api/sso and /metrics answered"

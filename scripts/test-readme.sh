#!/usr/bin/env bash
# README code blocks are tests: every ```sh block of the READMEs listed here
# runs verbatim, in order, in a fresh directory with a fresh HOME and the
# workspace's debug binaries first on PATH. A block that fails fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
bin="$repo/${CARGO_TARGET_DIR:-target}/debug"
for readme in server/README.md; do
  work=$(mktemp -d)
  python3 - "$readme" > "$work/blocks.sh" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M)
assert blocks, f"{sys.argv[1]} has no sh blocks"
print("set -euo pipefail")
# A failing block must not leave its background server running.
print("trap 'kill $(jobs -p) 2>/dev/null || true' EXIT")
print("\n".join(blocks))
PY
  echo "running the sh blocks of $readme"
  (cd "$work" && HOME="$work" PATH="$bin:$PATH" timeout 120 bash blocks.sh) > "$work/out.txt" 2>&1 || {
    cat "$work/out.txt"; echo "$readme: a code block failed"; exit 1; }
  tail -n 3 "$work/out.txt"
  rm -rf "$work"
done

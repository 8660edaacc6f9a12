#!/usr/bin/env bash
# The Python and Rust packages as a user gets them, each installed outside
# the repository (the npm tarball is checked by test-js.sh, the Go module by
# test-go.sh):
# - a wheel and an sdist built by the standard PEP 517 backend, each
#   installed into a fresh venv, running a check from another directory;
# - the crates packaged by `cargo package` (component and WIT inside), used
#   by name from a fresh cargo project through [patch.crates-io], running a
#   check. The project shares this workspace's target directory, lockfile and
#   dependency profile, so wasmtime is not built a second time.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
target="$repo/${CARGO_TARGET_DIR:-target}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf -- '-- %s\n' "$*"; }

step "Python: wheel and sdist (PEP 517, setuptools)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check build
# setuptools copies into build/ only what is newer: a stale tree there
# (a checkout's timestamps are all "now") would be packaged instead.
rm -rf host/python/build
.venv/bin/python -m build -q --wheel --sdist --outdir "$work/py" host/python >/dev/null
rm -rf host/python/build
ls -l "$work/py"
for artifact in "$work"/py/*.whl "$work"/py/*.tar.gz; do
  v="$work/venv-$(basename "$artifact" | tr -c 'A-Za-z0-9\n' _)"
  python3 -m venv "$v"
  "$v/bin/pip" install -q --disable-pip-version-check "$artifact"
  got=$(cd "$work" && "$v/bin/python" -c '
from licensewarden import Licensing
i = Licensing(product="acme", env={}, home=None).info()
print(i.status, i.plan)')
  [ "$got" = "community community" ] || { echo "$(basename "$artifact"): installed package says $got"; exit 1; }
  echo "$(basename "$artifact") installed into a fresh venv: $got"
done

step "Rust: cargo package, then a fresh project using the crate by name"
cargo package -q -p licensewarden-guest -p licensewarden-issue -p licensewarden --no-verify --allow-dirty
mkdir -p "$work/crates" "$work/app/src"
for c in licensewarden-guest licensewarden-issue licensewarden; do
  tar xzf "$target/package/$c-0.1.0.crate" -C "$work/crates"
  echo "$c-0.1.0.crate: $(wc -c < "$target/package/$c-0.1.0.crate") bytes"
done
cat > "$work/app/Cargo.toml" <<TOML
[package]
name = "licensewarden-package-check"
version = "0.1.0"
edition = "2021"

[dependencies]
licensewarden = "0.1.0"

[patch.crates-io]
licensewarden = { path = "$work/crates/licensewarden-0.1.0" }
licensewarden-guest = { path = "$work/crates/licensewarden-guest-0.1.0" }
licensewarden-issue = { path = "$work/crates/licensewarden-issue-0.1.0" }

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
opt-level = 1
debug = false
TOML
cat > "$work/app/src/main.rs" <<'RS'
fn main() {
    let started = std::time::Instant::now();
    let lic = licensewarden::Licensing::builder("acme").build().expect("configure");
    let info = lic.info();
    println!("{} {} (started in {:?})", info.status.as_str(), info.plan, started.elapsed());
}
RS
# The READMEs' Rust quick starts, verbatim, as programs of the same project.
mkdir -p "$work/app/src/bin"
python3 scripts/readme-blocks.py host/rust/README.md 'rust,no_run' "$work/app/src/bin" .rs 1
mv "$work/app/src/bin/block0.rs" "$work/app/src/bin/crate_readme.rs"
python3 scripts/readme-blocks.py README.md 'rust,no_run' "$work/app/src/bin" .rs 1
mv "$work/app/src/bin/block0.rs" "$work/app/src/bin/main_readme.rs"
cp Cargo.lock "$work/app/Cargo.lock"
(cd "$work/app" && CARGO_TARGET_DIR="$target" cargo build -q)
out=$(cd "$work" && HOME="$work" "$target/debug/licensewarden-package-check")
echo "fresh project: $out"
case "$out" in "community community "*) ;; *) echo "the packaged crate did not run"; exit 1 ;; esac
# A product's directory: the vendor's public key, its policy, a license.
product="$work/product"
mkdir -p "$product"
"$target/debug/licensewarden" keygen --out "$work/keys" >/dev/null
cp "$work/keys/public.key" "$product/"
printf '%s\n' '{"plans": {"pro": {"features": ["sso"], "limits": {"max_devices": 5}}}}' > "$product/policy.json"
token=$("$target/debug/licensewarden" issue --private-key "$work/keys/private.key" --plan pro --feature sso --expires 2099-12-31)
out=$(cd "$product" && HOME="$work" ACME_LICENSE_KEY="$token" "$target/debug/crate_readme")
echo "crate README quick start: $(echo "$out" | tr '\n' '|')"
[ "$out" = "sso is on
plan pro, status active, key from env:ACME_LICENSE_KEY" ] || { echo "the crate README's quick start printed something else"; exit 1; }
out=$(cd "$product" && HOME="$work" ACME_LICENSE_KEY="$token" "$target/debug/main_readme")
echo "README quick start: $out"
case "$out" in "pro active Some("*") days, max_devices Within") ;; *) echo "the README's Rust quick start printed something else"; exit 1 ;; esac

"""Boundary costs in Python, against baselines measured in the same run:
verify through the component vs `cryptography` Ed25519 verify; an uncached
check_feature vs wasmtime-py's bare call of a do-nothing export
(target/bench/nop.wasm, `cargo run -p componentize -- --nop target/bench/nop.wasm`);
snapshot check_feature vs one method doing a frozenset lookup and a clock
read; denials from the memo. Run with the repo's .venv:
python host/python/bench/bench.py (scripts/bench.sh runs every host's).
"""

import base64
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # noqa: E402

from conftest import POLICY, Issuer  # noqa: E402
from licensewarden import Licensing  # noqa: E402


def per_call(n, fn):
    for _ in range(min(n, 100)):
        fn()
    t = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t) / n * 1e9


iss = Issuer("bench")
token = iss.issue()
lic = Licensing(product="bench", trusted_keys=[iss.trusted], policy=POLICY, key=token, env={}, home=None)
signed, sig = token.rsplit(".", 1)
msg = b"licensewarden/license/v1\n" + signed.encode()
sig_b = base64.urlsafe_b64decode(sig + "==")
pk = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(iss.trusted["key"] + "=="))

native = per_call(2000, lambda: pk.verify(sig_b, msg))
comp = per_call(500, lambda: lic.verify(token))
features = frozenset({"api_access", "basic"})
fs = per_call(500_000, lambda: "api_access" in features)
snap = per_call(200_000, lambda: lic.check_feature("api_access"))
has_allowed = per_call(200_000, lambda: lic.has_feature("api_access"))
expiry = "2099-12-31T00:00:00+00:00"


def iso_check():
    if datetime.fromisoformat(expiry) <= datetime.now(timezone.utc):
        raise RuntimeError("expired")
    return "api_access" in features


class Floor:
    """The least a snapshot check can do: one method, a deadline, a frozenset."""

    def __init__(self) -> None:
        self.until = time.time() + 3600
        self.features = features

    def check(self, name: str) -> None:
        if not (time.time() < self.until and name in self.features):
            raise RuntimeError(name)


floor_obj = Floor()
floor = per_call(500_000, lambda: floor_obj.check("api_access"))
iso = per_call(200_000, iso_check)
across = per_call(5000, lambda: lic.check_feature_uncached("api_access"))


def denied_check():
    try:
        lic.check_feature("sso")
    except Exception:
        pass


denied = per_call(100_000, denied_check)
has_denied = per_call(200_000, lambda: lic.has_feature("sso"))
gate_denied = per_call(200_000, lambda: lic.gate("/api/x", "sso"))

nop_path = Path(__file__).resolve().parents[3] / "target" / "bench" / "nop.wasm"
if not nop_path.exists():
    sys.exit(f"{nop_path} is missing: run `cargo run -p componentize -- --nop {nop_path}`")
from wasmtime import Engine, Store  # noqa: E402
from wasmtime.component import Component, Linker  # noqa: E402

from licensewarden._fastcall import FastFunc  # noqa: E402

engine = Engine()
store = Store(engine)
nop = Linker(engine).instantiate(store, Component.from_file(engine, str(nop_path))).get_func(store, "nop")
bare = per_call(20_000, lambda: (nop(store), nop.post_return(store)))
fast_nop = FastFunc(nop, store)
bare_fast = per_call(20_000, lambda: fast_nop(store))

print(f"verify: component {comp / 1000:.0f} µs, cryptography {native / 1000:.1f} µs, ratio {comp / native:.2f}x")
print(f"boundary: uncached check_feature {across / 1000:.1f} µs, bare nop export (wasmtime-py public call) {bare / 1000:.1f} µs, "
      f"ratio {across / bare:.2f}x (the nop through our fast path: {bare_fast / 1000:.1f} µs)")
print(f"snapshot: check_feature allowed {snap:.0f} ns, floor (method + time.time() + frozenset) {floor:.0f} ns, ratio {snap / floor:.2f}x "
      f"(bare frozenset {fs:.0f} ns, ISO date parsed per call {iso:.0f} ns); "
      f"has_feature allowed {has_allowed:.0f} ns, ratio {has_allowed / floor:.2f}x")
print(f"denials (memoised): has_feature {has_denied:.0f} ns, gate {gate_denied:.0f} ns, check_feature raising {denied:.0f} ns")

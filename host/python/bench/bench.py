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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # noqa: E402

from conftest import POLICY, Issuer  # noqa: E402
from licensewarden import AccessSubject, Licensing  # noqa: E402
from licensewarden._component import record  # noqa: E402
from rounds import interleaved, per_call  # noqa: E402


iss = Issuer("bench")
token = iss.issue()
lic = Licensing(product="bench", trusted_keys=[iss.trusted], policy=POLICY, key=token, env={}, home=None)
signed, sig = token.rsplit(".", 1)
msg = b"licensewarden/license/v1\n" + signed.encode()
sig_b = base64.urlsafe_b64decode(sig + "==")
pk = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(iss.trusted["key"] + "=="))

v = interleaved(400, lambda: lic.verify(token), lambda: pk.verify(sig_b, msg))
features = frozenset({"api_access", "basic"})
fs = per_call(500_000, lambda: "api_access" in features)
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
snap = interleaved(100_000, lambda: lic.check_feature("api_access"), lambda: floor_obj.check("api_access"))
has_allowed = interleaved(100_000, lambda: lic.has_feature("api_access"), lambda: floor_obj.check("api_access"))
iso = per_call(200_000, iso_check)


def denied_check():
    try:
        lic.check_feature("sso")
    except Exception:
        pass


denied = per_call(100_000, denied_check)
has_denied = interleaved(100_000, lambda: lic.has_feature("sso"), lambda: floor_obj.check("api_access"))
gate_denied = interleaved(100_000, lambda: lic.gate("/api/x", "sso"), lambda: floor_obj.check("api_access"))

# An access decision against the seeds' allow-form policy (tests/vectors/
# rbac.json), answered from the memo, vs the least an application's own
# table can do: one function call, one frozenset lookup of the question.
seed_policy = (Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "rbac-seed-allow.yaml").read_text()
rbac_lic = Licensing(product="bench", trusted_keys=[iss.trusted], policy=POLICY, key=iss.issue(plan="enterprise"),
                     env={}, home=None, access_policy=seed_policy)
ops = AccessSubject(groups=("network-ops-team",))
assert rbac_lic.authorize(ops, "topology_neighbors", "execute").allow
allowed_table = frozenset({("network-ops-team", "topology_neighbors", "execute")})


def table_lookup(s: AccessSubject, action: str, verb: str) -> bool:
    return (s.groups[0], action, verb) in allowed_table


def table_lookup_clock(s: AccessSubject, action: str, verb: str) -> bool:
    return time.time() < 8.64e12 and (s.groups[0], action, verb) in allowed_table


rbac = interleaved(200_000, lambda: rbac_lic.authorize(ops, "topology_neighbors", "execute"),
                   lambda: table_lookup(ops, "topology_neighbors", "execute"))
rbac_clock = interleaved(200_000, lambda: rbac_lic.authorize(ops, "topology_neighbors", "execute"),
                         lambda: table_lookup_clock(ops, "topology_neighbors", "execute"))
rbac_uncached = per_call(3000, lambda: rbac_lic._call("authorize", record(roles=[], groups=["network-ops-team"]),
                                                      "topology_neighbors", "execute"))

nop_path = Path(__file__).resolve().parents[3] / "target" / "bench" / "nop.wasm"
if not nop_path.exists():
    sys.exit(f"{nop_path} is missing: run `cargo run -p componentize -- --nop {nop_path}`")
from wasmtime import Engine, Store  # noqa: E402
from wasmtime.component import Component, Linker  # noqa: E402

from licensewarden._fastcall import FastFunc  # noqa: E402

engine = Engine()
store = Store(engine)
nop = Linker(engine).instantiate(store, Component.from_file(engine, str(nop_path))).get_func(store, "nop")
across = interleaved(3000, lambda: lic.check_feature_uncached("api_access"), lambda: (nop(store), nop.post_return(store)))
fast_nop = FastFunc(nop, store)
bare_fast = per_call(20_000, lambda: fast_nop(store))

print(f"verify: component {v.subject / 1000:.0f} µs, cryptography {v.baseline / 1000:.1f} µs, ratio {v.spread()}")
print(f"boundary: uncached check_feature {across.subject / 1000:.1f} µs, bare nop export (wasmtime-py public call) {across.baseline / 1000:.1f} µs, "
      f"ratio {across.spread()} (the nop through our fast path: {bare_fast / 1000:.1f} µs)")
print(f"snapshot: check_feature allowed {snap.subject:.0f} ns, floor (method + time.time() + frozenset) {snap.baseline:.0f} ns, ratio {snap.spread()} "
      f"(bare frozenset {fs:.0f} ns, ISO date parsed per call {iso:.0f} ns); "
      f"has_feature allowed {has_allowed.subject:.0f} ns, ratio {has_allowed.spread()}")
print(f"denials (memoised, against the same floor): has_feature {has_denied.subject:.0f} ns {has_denied.spread()}, "
      f"gate {gate_denied.subject:.0f} ns {gate_denied.spread()}, check_feature raising {denied:.0f} ns")
print(f"access: authorize (memo) {rbac.subject:.0f} ns, floor (function + frozenset of the question) {rbac.baseline:.0f} ns, "
      f"ratio {rbac.spread()}; with time.time() in the floor {rbac_clock.baseline:.0f} ns, ratio {rbac_clock.spread()}; "
      f"the core's decision uncached through wasmtime-py's public call {rbac_uncached / 1000:.1f} µs")

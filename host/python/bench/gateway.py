"""Gateway mode in Python (one core for many callers' keys), against
baselines measured in the same run: per distinct garbage key and per
distinct well-formed forgery vs `cryptography`'s Ed25519 verify; a new valid
key vs a forgery; a cached valid key's decision; a valid caller's p99
decision with and without a flood of 20,000 forged keys; memory per cached
key at N distinct valid keys (N = 100,000 unless LW_BENCH_KEYS says
otherwise). Figures, not assertions. Run with the repo's .venv:
python host/python/bench/gateway.py (scripts/bench.sh runs every host's).
"""

import base64
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # noqa: E402

from conftest import POLICY, Issuer, tamper  # noqa: E402
from licensewarden.fastapi import Gateway  # noqa: E402


def each(keys, fn):
    t = time.perf_counter()
    for k in keys:
        fn(k)
    return (time.perf_counter() - t) / len(keys) * 1e9


iss = Issuer("bench")
gw = Gateway(trusted_keys=[iss.trusted], policy=POLICY)


def decide(key):
    return gw.licensing.gate_key(key, "/api")


n = 2000
valid = [iss.issue(id=f"lic_new_{i}") for i in range(n)]
forged = [tamper(t) for t in valid]
garbage = [f"garbage-{i}-{'x' * 40}" for i in range(n)]
pk = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(iss.trusted["key"] + "=="))


def native_verify(t):
    signed, sig = t.rsplit(".", 1)
    pk.verify(base64.urlsafe_b64decode(sig + "=="), b"licensewarden/license/v1\n" + signed.encode())


# Warm both paths on keys not measured.
for k in [iss.issue(id=f"lic_warm_{i}") for i in range(200)]:
    decide(k)
    decide(tamper(k))
    decide(f"warm-{k[-8:]}")
    native_verify(k)
native = each(valid, native_verify)
t_garbage = each(garbage, decide)
t_forged = each(forged, decide)
t_new = each(valid, decide)
t_cached = each(valid, decide)
us = lambda ns: f"{ns / 1000:.2f}"  # noqa: E731
print(f"native Ed25519 verify (cryptography, with base64): {us(native)} µs")
print(f"garbage key: {us(t_garbage)} µs (bound 20 µs)")
print(f"forged key: {us(t_forged)} µs = {t_forged / native:.2f}x native verify (bound 1.5x + 20 µs = {us(1.5 * native + 20000)} µs)")
print(f"new valid key: {us(t_new)} µs = {t_new / t_forged:.2f}x a forged key (bound 2x)")
print(f"cached valid key (decision): {us(t_cached)} µs")

paying = valid[0]


def lat(count):
    out = []
    for _ in range(count):
        t = time.perf_counter()
        decide(paying)
        out.append(time.perf_counter() - t)
    return sorted(out)


def p99(xs):
    return xs[min(len(xs) - 1, int(len(xs) * 0.99))]


before = lat(2000)
during = []
for i in range(20000):
    decide(tamper(iss.issue(id=f"lic_flood_{i}")))
    if i % 10 == 0:
        during += lat(1)
during.sort()
s = gw.stats()
print(f"flood of 20,000 forged keys: paying caller p99 {p99(during) * 1e6:.0f} µs vs {p99(before) * 1e6:.0f} µs without "
      f"(ratio {p99(during) / p99(before):.2f}x, bound 2x); forgeries remembered {s['rejected_keys']}, "
      f"paying key still cached: {decide(paying).allow}")

keys = int(os.environ.get("LW_BENCH_KEYS", "100000"))
gw2 = Gateway(trusted_keys=[iss.trusted], policy=POLICY)
many = [iss.issue(id=f"lic_mem_{i:06d}", org="Acme Corp") for i in range(keys)]
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
for k in many:
    gw2.licensing.gate_key(k, "/api")
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
s2 = gw2.stats()
print(f"memory at {keys} valid keys: {s2['cached_keys']} held, core estimate {s2['cached_bytes'] / s2['cached_keys']:.0f} B/key, "
      f"peak resident growth {(rss1 - rss0) / s2['cached_keys']:.0f} B/key (bound 2048)")

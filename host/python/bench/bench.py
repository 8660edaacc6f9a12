"""Boundary costs in Python, against native baselines measured in the same run:
verify through the component vs `cryptography` Ed25519 verify; snapshot
check_feature vs a plain frozenset lookup and vs a check that parses an ISO
date on every call. Run with the repo's .venv: python host/python/bench/bench.py
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
expiry = "2099-12-31T00:00:00+00:00"


def iso_check():
    if datetime.fromisoformat(expiry) <= datetime.now(timezone.utc):
        raise RuntimeError("expired")
    return "api_access" in features


iso = per_call(200_000, iso_check)
across = per_call(5000, lambda: lic.check_feature_uncached("api_access"))
print(f"verify: component {comp / 1000:.0f} µs, cryptography {native / 1000:.1f} µs, ratio {comp / native:.1f}x")
print(f"check_feature: snapshot {snap:.0f} ns, frozenset {fs:.0f} ns, ISO-date-per-call {iso:.0f} ns, across the boundary {across / 1000:.1f} µs")

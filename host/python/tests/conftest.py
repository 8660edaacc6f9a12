"""Test helpers: an independent token issuer on `cryptography` (so the tests
also check the token format from outside Rust) and a standard policy."""

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

POLICY = {
    "plans": {
        "community": {"features": ["basic"], "limits": {"max_devices": 1}},
        "pro": {"features": ["api_access", "basic"], "limits": {"max_devices": 5}},
        "enterprise": {"all_features": True},
    },
    "features": ["sso"],
    "metrics_prefix": "acme",
}


def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


class Issuer:
    def __init__(self, kid: str = "py-1"):
        self.kid = kid
        self.sk = Ed25519PrivateKey.generate()
        pk = self.sk.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.trusted = {"kid": kid, "algorithm": "ed25519", "key": b64u(pk)}

    def issue(self, **claims) -> str:
        payload = {"id": "lic_py", "plan": "pro", "issued_at": "2026-01-01", "expires_at": "2099-12-31", **claims}
        payload = {k: v for k, v in payload.items() if v is not None}
        signed = f"lg1.ed25519.{self.kid}.{b64u(json.dumps(payload).encode())}"
        sig = self.sk.sign(b"licensewarden/license/v1\n" + signed.encode())
        return f"{signed}.{b64u(sig)}"


def tamper(token: str) -> str:
    parts = token.split(".")
    sig = bytearray(base64.urlsafe_b64decode(parts[4] + "=="))
    sig[3] ^= 1
    parts[4] = b64u(bytes(sig))
    return ".".join(parts)


@pytest.fixture(scope="session")
def issuer() -> Issuer:
    return Issuer()

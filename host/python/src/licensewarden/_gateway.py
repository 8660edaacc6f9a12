"""Per-request keys (gateway mode), framework-free: the rule for which
header carries the caller's key and the decision for one request, shared
with every host through ``tests/vectors/gateway.json``."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any, Mapping

from ._licensing import Licensing
from .errors import LicenseError

_NO_KEY = json.dumps({"error": {"code": "no-license", "details": {},
                                "message": 'send the license key as "Authorization: License <key>" or "X-License-Key"'}},
                     separators=(",", ":"), sort_keys=True)
_WS = " \t"


def key_from(headers: Mapping[str, str]) -> str | None:
    """The caller's key from ``headers`` (lowercase names): Authorization
    trimmed of spaces and tabs is ``License`` (ASCII case ignored), spaces
    or tabs, and a key without either; otherwise X-License-Key trimmed,
    when not empty."""
    auth = (headers.get("authorization") or "").strip(_WS)
    cut = next((i for i, c in enumerate(auth) if c in _WS), -1)
    if cut > 0:
        scheme, key = auth[:cut], auth[cut:].lstrip(_WS)
        # ASCII case only: str.lower would fold a Kelvin sign into a k.
        if scheme.isascii() and scheme.lower() == "license" and key and not any(c in _WS for c in key):
            return key
    x = (headers.get("x-license-key") or "").strip(_WS)
    return x or None


def _body(e: LicenseError) -> str:
    return json.dumps({"error": {"code": e.code, "details": e.details, "message": e.message}},
                      separators=(",", ":"), sort_keys=True, ensure_ascii=False)


class Gateway:
    """Verified keys are cached by the SHA-256 of the key (never the key
    itself), at most ``max_cached``, least recently used evicted; each entry
    is a configured Licensing whose snapshot answers later requests."""

    def __init__(self, max_cached: int = 256, **licensing_options: Any):
        licensing_options.update(env={}, home=None, reload_interval_ms=0)
        Licensing(**licensing_options).close()  # the configuration is checked now
        self._options = licensing_options
        self._max = max_cached
        self._cache: OrderedDict[bytes, Licensing] = OrderedDict()
        self._lock = threading.Lock()

    def licensing_for(self, key: str) -> Licensing:
        digest = hashlib.sha256(key.encode()).digest()
        with self._lock:
            lic = self._cache.get(digest)
            if lic is not None:
                self._cache.move_to_end(digest)
                return lic
        lic = Licensing(key=key, **self._options)
        with self._lock:
            self._cache[digest] = lic
            while len(self._cache) > self._max:
                self._cache.popitem(last=False)[1].close()
        return lic

    @property
    def cached(self) -> int:
        return len(self._cache)

    def decide(self, key: str | None, path: str, feature: str | None = None) -> tuple[Licensing | None, int, str]:
        """``(licensing, 200, "")`` to proceed, or ``(None, status, body)``
        to deny with: 401 without a key or with a rejected one, 503 when it
        cannot be checked or after its expiry (except exempt paths), 403
        naming a missing feature; the body is the core's JSON."""
        if key is None:
            return None, 401, _NO_KEY
        try:
            lic = self.licensing_for(key)
        except LicenseError as e:
            return None, 503, _body(e)
        snap = lic.snapshot()
        if snap.status == "invalid" and snap.error is not None:
            return None, 401, _body(snap.error)
        d = lic.gate(path, feature)
        if not d.allow:
            return None, d.http_status, d.body
        return lic, 200, ""

"""Per-request keys (gateway mode), framework-free: the rule for which
header carries the caller's key and the decision for one request, shared
with every host through ``tests/vectors/gateway.json``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ._component import record, rules_call
from ._licensing import Caller, KeyDecision, Licensing
from .errors import InvalidConfigError


def key_from(headers: Mapping[str, str]) -> str | None:
    """The caller's key from ``headers`` (lowercase names), by the core's
    rule: Authorization trimmed of spaces and tabs is ``License`` (ASCII
    case ignored), spaces or tabs, and a key without either; otherwise
    X-License-Key trimmed, when not empty."""
    h = record(authorization=headers.get("authorization"), x_license_key=headers.get("x-license-key"))
    k = rules_call("key-from-headers", h)
    return None if k is None else str(k)


class Gateway:
    """One instance of the core decides every caller's key (``gate-key``):
    garbage is refused without cryptography, verified keys are remembered
    inside the core within ``gateway_cache_bytes`` (64 MiB by default),
    forged ones are checked once and never evict a verified one. With
    ``online=OnlineSettings(..., status_token=...)`` the server's status list
    (revoked, suspended, deleted, renewed licenses) applies to every caller,
    fetched by a background thread; no device is registered."""

    #: Options of ``Licensing`` a gateway does not use: callers bring their
    #: own keys, and it keeps no state or files. Refused, not ignored.
    # An access policy is decided against the instance's own license, and a
    # gateway has none: refused rather than silently unenforced.
    UNUSED = ("key", "env", "home", "state_dir", "witness_dir", "store", "reload_interval",
              "access_policy", "access_policy_file", "access_reload_interval", "rbac_plain_env")

    def __init__(self, **licensing_options: Any):
        unused = [k for k in self.UNUSED if licensing_options.get(k) not in (None, False)]
        if unused:
            raise InvalidConfigError(
                "invalid-config",
                f"Gateway does not use {', '.join(unused)}: callers bring their own keys, and it keeps no state or files",
            )
        # Only the proxy variables from the environment: a gateway reads no key of its own.
        proxies = {k: v for k, v in os.environ.items() if k.lower().endswith("_proxy")}
        licensing_options.update(env=proxies, home=None, reload_interval=0, key=None)
        #: The gateway's own Licensing (``info()`` shows the status list's fetch state).
        self.licensing = Licensing(**licensing_options)

    def decide(self, key: str | None, path: str, feature: str | None = None) -> tuple[Caller | None, int, str]:
        """``(caller, 200, "")`` to proceed, or ``(None, status, body)`` to
        deny with: 401 without a key or with a rejected one, 403 naming a
        missing feature or a license not in force, 503 after its expiry
        (except exempt paths); the body is the core's JSON."""
        return _answer(self.licensing.gate_key(key, path, feature))

    def decide_request(self, headers: Mapping[str, str], path: str,
                       feature: str | None = None) -> tuple[Caller | None, int, str]:
        """``decide`` for a request's headers (lowercase names): the core
        reads the caller's key from them, in the same call."""
        return _answer(self.licensing.gate_request(headers, path, feature))

    def stats(self) -> dict[str, int]:
        """Verified keys held and their bytes, forged keys remembered, the status list."""
        return self.licensing.gateway_stats()

    def close(self) -> None:
        self.licensing.close()


def _answer(d: KeyDecision) -> tuple[Caller | None, int, str]:
    if d.allow and d.caller is not None:
        return d.caller, 200, ""
    return None, d.http_status, d.body

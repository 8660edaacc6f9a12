"""The public records ``Licensing`` answers with, and their conversion
from the component's records (names as in the WIT; tests/test_wit_types.py
keeps them from drifting)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wasmtime.component import Record, Variant

from . import _options
from ._component import record, rules_call
from .errors import InternalError, InvalidConfigError, LicenseError, error_for
from .keys import Resolved, read_for_core


def _get(r: Any, name: str) -> Any:
    return getattr(r, name)


def _error(r: Any) -> LicenseError | None:
    if r is None:
        return None
    details = {_get(d, "key"): _get(d, "value") for d in _get(r, "details")}
    return error_for(_get(r, "code"), _get(r, "message"), details)


def _raise_if(err: Any) -> None:
    """Raise the core's error record, if the call returned one."""
    if err is not None:
        raise _error(err)  # type: ignore[misc]


def _trusted_key(k: TrustedKey | Mapping[str, str]) -> TrustedKey:
    if isinstance(k, TrustedKey):
        return k
    try:
        return TrustedKey(str(k["kid"]), str(k["algorithm"]), str(k["key"]))
    except (KeyError, TypeError):
        raise InvalidConfigError(
            "invalid-config",
            'a trusted key is {"kid", "algorithm": "ed25519" | "hmac-sha256", "key": base64url}; '
            "pass the public.key written by `licensewarden keygen` (TrustedKey.from_file)",
        ) from None


def _key_record(k: TrustedKey) -> Record:
    return record(kid=k.kid, algorithm=k.algorithm, key=k.key)


def _unwrap(v: Any) -> Any:
    """A result the binding returns tagged: raise the error case, return the ok payload."""
    if isinstance(v, Variant):
        if v.tag == "err":
            raise _error(v.payload)  # type: ignore[misc]
        return v.payload
    return v


def _opt_error(r: Any) -> LicenseError | None:
    return _error(r) if r is not None else None


def _key_input(r: Resolved) -> Variant:
    """What the host found for the key, as the core's ``key-input`` variant."""
    if r.unreadable is not None:
        return Variant("unreadable", record(source=r.source, reason=r.unreadable, detail=r.detail))
    if r.token is None:
        return Variant("none")
    return Variant("key", record(token=r.token, source=r.source))


def _internal(e: Exception) -> InternalError:
    return InternalError("internal", f"the licensewarden core could not be run ({e}); this is a bug: please report it")


@dataclass(frozen=True)
class TrustedKey:
    """A key trusted to sign licenses (the ``public.key`` written by ``licensewarden keygen``)."""

    kid: str
    algorithm: str
    key: str

    @classmethod
    def from_file(cls, path: str | Path) -> TrustedKey:
        """Read a key file (bounded, regular files only) by the core's rule
        (tests/vectors/key_file.json): a private key is refused, and an
        HMAC secret must not be readable by other users."""
        try:
            shared = bool(os.stat(path).st_mode & 0o077)
        except OSError:
            shared = False
        k = _unwrap(rules_call("trusted-key-file", str(path), read_for_core(path), shared))
        return cls(kid=k.kid, algorithm=k.algorithm, key=k.key)


@dataclass(frozen=True)
class Snapshot:
    status: str
    plan: str
    all_features: bool
    features: frozenset[str]
    limits: Mapping[str, int]
    blocking: bool
    valid_until: int | None
    error: LicenseError | None
    # ``x-license-warning`` for allowed responses during the offline grace
    # period (printable ASCII, at most 512 bytes), else None.
    warning: str | None = None

    def allows(self, feature: str | None) -> bool:
        return not self.blocking and (feature is None or self.all_features or feature in self.features)


@dataclass(frozen=True)
class FeatureFlag:
    name: str
    enabled: bool


@dataclass(frozen=True)
class LimitInfo:
    name: str
    max: int
    current: int
    soft: bool


@dataclass(frozen=True)
class LicenseInfo:
    """Everything ``license info`` shows. Produced even when the key is bad."""

    valid: bool
    status: str
    plan: str
    license_id: str | None
    org: str | None
    kid: str | None
    key_source: str
    features: tuple[FeatureFlag, ...]
    limits: tuple[LimitInfo, ...]
    issued_at: int | None
    expires_at: int | None
    expires_text: str | None
    days_remaining: int | None
    demo: bool
    device_id: str
    error: LicenseError | None = field(default=None, compare=False)
    online: OnlineInfo | None = None
    access: AccessInfo | None = None
    #: The canonical JSON text the core made with these facts (``to_json``).
    json_text: str = field(default="", repr=False, compare=False)

    def to_json(self) -> str:
        """This info as the one canonical JSON text every host produces byte
        for byte (``licensewarden info --json``): snake_case, features and
        limits keyed by name, RFC 3339 instants."""
        return self.json_text


@dataclass(frozen=True)
class OnlineInfo:
    """Online validation facts (``None`` in ``LicenseInfo.online`` for offline-only products)."""

    server_url: str
    last_validated: int | None
    next_check: int | None
    grace_ends: int | None
    devices_registered: int | None
    devices_max: int | None
    last_error: LicenseError | None = field(default=None, compare=False)
    state_error: LicenseError | None = field(default=None, compare=False)
    #: How the license server's terms differ from the key's (a renewal, a
    #: plan change), or ``None``.
    terms_changed: str | None = None
    #: When the activation file this device runs on ends (air-gapped
    #: activation, unix ms), or ``None`` while it runs on online checks.
    activation_ends: int | None = None


class Caller:
    """Who called (gateway mode), when the caller's key verified; the
    ``snapshot`` (plan, features, caps in force) is fetched from the core
    when first read."""

    __slots__ = ("_fetch", "_snapshot", "license_id")

    def __init__(self, license_id: str, fetch: Callable[[], Snapshot]):
        self.license_id = license_id
        self._fetch = fetch
        self._snapshot: Snapshot | None = None

    @property
    def snapshot(self) -> Snapshot:
        if self._snapshot is None:
            self._snapshot = self._fetch()
        return self._snapshot

    def __repr__(self) -> str:
        return f"Caller(license_id={self.license_id!r})"


class KeyDecision:
    """Gateway mode's decision for one request. The core sends the error
    only inside ``body`` (the record stays small, as it crosses on every
    request); ``error`` parses it when read. ``caller`` is set when the key
    verified (even when a feature or expiry denies the request)."""

    __slots__ = ("_error", "allow", "body", "caller", "http_status")

    def __init__(self, allow: bool, http_status: int, body: str, caller: Caller | None, error: LicenseError | None = None):
        self.allow = allow
        self.http_status = http_status
        self.body = body
        self.caller = caller
        self._error = error

    @property
    def error(self) -> LicenseError | None:
        if self._error is None and self.body:
            try:
                e = json.loads(self.body)["error"]
                self._error = error_for(e["code"], e["message"], {k: str(v) for k, v in e.get("details", {}).items()})
            except (ValueError, KeyError, TypeError):
                return None
        return self._error


@dataclass(frozen=True)
class OnlineSettings:
    """How to validate online (docs/online-protocol.md): the server's base URL
    and its Ed25519 public keys (``server.pub``); 0 hours mean the defaults
    (24 h lease, 72 h grace)."""

    server_url: str
    server_keys: Sequence[TrustedKey | Mapping[str, str]]
    lease_hours: int = 0
    grace_hours: int = 0
    timeout: float = _options.TIMEOUT
    background: bool = True
    #: Gateway mode: a token with scope ``status``; the instance fetches the
    #: server's status list instead of validating a device.
    status_token: str | None = None
    #: ``http://[user:password@]host:port``: wins over the proxy variables
    #: (``https_proxy``, ``NO_PROXY``, ...), which the core reads as curl
    #: does (docs/proxies.md).
    proxy: str | None = None
    #: A PEM file of certificate authorities trusted for the server's
    #: certificate besides the system's (a TLS-intercepting proxy's CA);
    #: wins over ``SSL_CERT_FILE`` and ``NODE_EXTRA_CA_CERTS``.
    ca_file: str | None = None
    #: The license agent's socket (else ``<PRODUCT>_LICENSE_AGENT``): this
    #: process takes its key and the server's answers from the agent
    #: (docs/agent.md) and registers no device of its own.
    agent: str | None = None


@dataclass(frozen=True)
class OnlineRequest:
    """What the core wants sent: POST ``url`` with ``headers`` and ``body``,
    through ``proxy`` (``{"url", "authorization"}``) when not None, trusting
    the certificate authorities in ``ca_file`` besides the system's."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: str
    proxy: Mapping[str, str | None] | None = None
    ca_file: str | None = None


@dataclass(frozen=True)
class OnlineOutcome:
    """What applying an answer did: ``error`` is None when the server confirmed the license."""

    error: LicenseError | None
    snapshot: Snapshot


@dataclass(frozen=True)
class CapCheck:
    outcome: str  # within | soft-exceeded | hard-exceeded
    name: str
    max: int
    current: int
    error: LicenseError | None


@dataclass(frozen=True)
class AccessSubject:
    """Who asks for an access (RBAC) decision: roles the application
    resolved directly (an API-key caller as ``admin``, say) and the identity
    provider's groups (a group the policy does not name adds no role)."""

    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccessDecision:
    """An access decision and what made it (``reason`` in words, names escaped)."""

    allow: bool
    role: str | None
    pattern: str | None
    reason: str
    #: The JSON body of the 403 every host answers a denial with; "" when allowed.
    body: str = ""


@dataclass(frozen=True)
class AccessInfo:
    """What ``info`` says of the access policy (None until one is configured)."""

    enforced: bool
    roles: int
    patterns: int
    message: str
    error: LicenseError | None = None


@dataclass(frozen=True)
class GateDecision:
    allow: bool
    http_status: int
    error: LicenseError | None
    body: str


@dataclass(frozen=True)
class License:
    id: str
    org: str
    plan: str
    kid: str
    features: tuple[str, ...]
    limits: Mapping[str, int]
    issued_at: int
    not_before: int | None
    expires_at: int | None
    extra_json: str


def _online_info(o: Any) -> OnlineInfo | None:
    if o is None:
        return None
    return OnlineInfo(
        server_url=_get(o, "server-url"), last_validated=_get(o, "last-validated"), next_check=_get(o, "next-check"),
        grace_ends=_get(o, "grace-ends"), devices_registered=_get(o, "devices-registered"),
        devices_max=_get(o, "devices-max"), last_error=_opt_error(_get(o, "last-error")),
        state_error=_opt_error(_get(o, "state-error")), terms_changed=_get(o, "terms-changed"),
        activation_ends=_get(o, "activation-ends"),
    )


def _access_info(a: Any) -> AccessInfo | None:
    if a is None:
        return None
    return AccessInfo(_get(a, "enforced"), _get(a, "roles"), _get(a, "patterns"), _get(a, "message"),
                      _error(_get(a, "error")))


def _snapshot(r: Any) -> Snapshot:
    return Snapshot(
        status=_get(r, "status"),
        plan=_get(r, "plan"),
        all_features=_get(r, "all-features"),
        features=frozenset(_get(r, "features")),
        limits={_get(x, "name"): _get(x, "max") for x in _get(r, "limits")},
        blocking=_get(r, "blocking"),
        valid_until=_get(r, "valid-until"),
        error=_error(_get(r, "error")),
        warning=_get(r, "warning"),
    )

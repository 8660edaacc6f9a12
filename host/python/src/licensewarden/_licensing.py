"""``Licensing``: the Pythonic API over one component instance.

Thread safety: one ``Licensing`` may be shared by threads. Calls into the
component are serialised by a per-instance lock; hot-path checks read an
immutable snapshot without taking it.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from wasmtime.component import Record, Variant

from . import _access, _options
from ._cache import _NEVER, _Cached, _remember, _wall
from ._component import Instance, MemoryStore, now_ms, record
from ._core import Core
from ._core import log as _log
from ._online import Checker, send
from ._platform import FileStore, device_facts
from ._types import (
    AccessDecision,
    AccessInfo,
    AccessSubject,
    Caller,
    CapCheck,
    FeatureFlag,
    GateDecision,
    KeyDecision,
    License,
    LicenseInfo,
    LimitInfo,
    OnlineInfo,
    OnlineOutcome,
    OnlineRequest,
    OnlineSettings,
    Snapshot,
    TrustedKey,
    _access_info,
    _error,
    _get,
    _key_input,
    _key_record,
    _online_info,
    _opt_error,
    _raise_if,
    _snapshot,
    _trusted_key,
    _unwrap,
)
from .errors import FeatureNotAvailableError, InvalidConfigError, LicenseError
from .keys import Resolved, dir_name, places, resolve_key

_LEVELS = {"info": logging.INFO, "warn": logging.WARNING, "error": logging.ERROR}

#: Codes that mean "this device holds no answer from the license server
#: yet": a check is what settles them, so middleware waits for one (at most
#: ``FIRST_CHECK_WAIT`` seconds) before denying a request. The same codes in
#: every host.
AWAITING_CHECK = ("not-validated", "state-tampered")
#: How long middleware waits for a first check before answering, seconds.
FIRST_CHECK_WAIT = _options.FIRST_CHECK_WAIT


class Licensing:
    """License checks for one product, backed by the licensewarden component.

    ``Licensing(product="acme", trusted_keys=[...], policy={...})`` resolves the
    key from ``ACME_LICENSE_KEY``, ``ACME_LICENSE_KEY_FILE`` or
    ``~/.acme/license.key`` (first non-empty line) unless ``key=`` is given.
    """

    def __init__(
        self,
        product: str = "licensewarden",
        trusted_keys: Sequence[TrustedKey | Mapping[str, str]] = (),
        policy: Mapping[str, Any] | str | None = None,
        key: str | None = None,
        clock: Callable[[], int] | None = None,
        demo_mode: bool = False,
        device_facts_override: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        home: str | Path | None = "~",
        reload_interval: float = _options.RELOAD_INTERVAL,
        online: OnlineSettings | None = None,
        store: MemoryStore | None = None,
        random: Callable[[int], bytes] | None = None,
        state_dir: str | Path | None = None,
        witness_dir: str | Path | None = None,
        gateway_cache_bytes: int = 0,
        access_policy: str | None = None,
        access_policy_file: str | Path | None = None,
        access_reload_interval: float | None = None,
        rbac_plain_env: bool = False,
    ):
        self.product = product
        self._clock = clock or now_ms
        self._explicit = key
        self._env = env
        self._home = home
        if not 0 <= reload_interval < float("inf"):
            raise InvalidConfigError("invalid-config", f"reload_interval={reload_interval!r} is not a number of seconds; pass e.g. 10, or 0 to never look for the key again")
        self._reload_ms = round(reload_interval * 1000)
        facts = dict(device_facts_override) if device_facts_override else device_facts()

        if store is None and online is not None:
            # The sealed state lives next to the license file, as in every host.
            d = state_dir or (Path(home).expanduser() / f".{dir_name(product)}" / "state" if home is not None else None)
            # Rollback witnesses apart from the state (docs/online-protocol.md).
            w = witness_dir or (
                Path(home).expanduser() / ".local" / "share" / dir_name(product)
                if state_dir is None and home is not None
                else None
            )
            store = FileStore(d, w, file_times=clock is None) if d is not None else None
        self._online = online
        self._checks = threading.Lock()
        self._ready_lock = threading.Lock()
        self._ready_done: threading.Event | None = None
        self._checker = None
        slots = store or MemoryStore()
        # Bumped by every policy change before the memo is cleared: a
        # decision asked of an older policy is not remembered.
        self._access_gen = 0
        keys = [_trusted_key(k) for k in trusted_keys]
        policy_json = policy if isinstance(policy, str) else ("" if policy is None else json.dumps(policy))
        online_cfg = None
        if online is not None:
            environ = os.environ if env is None else env
            # The setting, else <PRODUCT>_LICENSE_AGENT (docs/agent.md).
            agent = online.agent if online.agent is not None else environ.get(getattr(places(product), "agent-var"))
            online_cfg = record(
                server_url=str(online.server_url),
                server_keys=[_key_record(_trusted_key(k)) for k in online.server_keys],
                lease_hours=int(online.lease_hours),
                grace_hours=int(online.grace_hours),
                status_token=online.status_token,
                proxy=online.proxy,
                ca_file=None if online.ca_file is None else os.fspath(online.ca_file),
                agent=None if agent is None else os.fspath(agent),
                # Every *_proxy and CA variable as found: the core picks by curl's rules.
                network_env=[record(key=k, value=v) for k, v in sorted((os.environ if env is None else env).items())
                             if k.lower().endswith("_proxy") or k in ("SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS")],
            )
        cfg = record(
            trusted_keys=[_key_record(k) for k in keys],
            policy_json=policy_json,
            demo_mode=bool(demo_mode),
            online=online_cfg,
            gateway_cache_bytes=int(gateway_cache_bytes),
        )
        # After a trap the instance is never used again: the next call makes
        # a fresh one with the same imports and replays what it held.
        self._core = Core(lambda: Instance(self._clock, facts, slots, random or os.urandom), cfg, self._recreated)
        self._logged: str | None = None  # the status last logged (_log_events)
        _raise_if(self._call("configure", cfg))
        self._core.failure = self._call("failure-answers")
        self.refresh()
        env = os.environ if env is None else env
        self._access_src = _access.resolve(product, env, access_policy, access_policy_file, rbac_plain_env)
        self._access_watch: _access.Watch | None = None
        if self._access_src.origin != "none":
            interval = _access.reload_interval(product, env, access_reload_interval, rbac_plain_env)
            self._access_watch = _access.Watch(self._access_src, interval, time.time)
            self._apply_access(self._access_src.text if self._access_src.file is None
                               else _access.read_text(self._access_src.file))
        if online is not None and online.background:
            self._checker = Checker(weakref.proxy(self))  # the thread never keeps this object alive

    def close(self) -> None:
        """Stop the background check thread (if any)."""
        if self._checker is not None:
            self._checker.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001, S110 - nothing to report to during teardown
            pass

    def _check(self, action: str) -> OnlineOutcome | None:

        # One check at a time: a second request would replace the outstanding nonce.
        with self._checks:
            req = self.online_request(action)
            if req is None:
                return None
            a = send(req, self._online.timeout if self._online else _options.TIMEOUT)
            if "error" in a:
                return self.apply_response(error=a["error"])
            return self.apply_response(a["status"], a["headers"], a["body"])

    def ready(self, timeout: float = FIRST_CHECK_WAIT) -> Snapshot:
        """The snapshot once the first online check after start (or after a
        new key) has been made, or at once when none is needed (offline
        only, no key, an answer already held); waits at most ``timeout``
        seconds. Serve requests after ``lic.ready()`` to skip the short
        restricted window of a fresh install."""
        snap = self.snapshot()
        if self._online is None or snap.error is None or snap.error.code not in AWAITING_CHECK:
            return snap
        # One thread runs the check, however many callers wait here (a flood
        # of early requests starts no more); each waits on its outcome.
        with self._ready_lock:
            done = self._ready_done
            if done is None:
                done = self._ready_done = threading.Event()
                threading.Thread(target=self._ready_check, args=(done,), name="licensewarden-ready", daemon=True).start()
        done.wait(timeout)
        return self.snapshot()

    def _ready_check(self, done: threading.Event) -> None:
        try:
            self.validate_if_due()
        except LicenseError:
            pass
        finally:
            with self._ready_lock:
                self._ready_done = None
            done.set()

    def validate_if_due(self) -> OnlineOutcome | None:
        """Run an online check if one is due (first use, lease over, retry); None when nothing was due."""
        return self._check("validate-if-due")

    def validate_now(self) -> OnlineOutcome:
        """Validate with the license server now."""
        return self._check("validate")  # type: ignore[return-value]

    def activate(self) -> OnlineOutcome:
        """Register this device with the license."""
        return self._check("activate")  # type: ignore[return-value]

    def deactivate(self) -> OnlineOutcome:
        """Free this device's slot."""
        return self._check("deactivate")  # type: ignore[return-value]

    def next_check_delay(self) -> float:
        """Seconds until the core's next boundary (lease end, retry, grace end), 1 .. 60 (the core's rule)."""
        try:
            return int(self._call("next-check-delay")) / 1000
        except LicenseError:
            return int(self._core.answer("retry-ms")) / 1000

    def _call(self, name: str, *args: Any) -> Any:
        return self._core.call(name, *args)

    def _log_events(self, status: str, queued: bool) -> None:
        """Log the core's lines (the status at start and when it changes, caps
        newly exceeded, online checks newly failing or succeeding again) to
        the ``licensewarden`` logger. An unchanged status with nothing queued
        costs no call."""
        if self._logged == status and not queued:
            return
        try:
            events = self._call("events", self._logged)
        except LicenseError:
            return
        self._logged = status
        for e in events:
            _log.log(_LEVELS.get(_get(e, "level"), logging.WARNING), "licensewarden: %s", _get(e, "message"))

    def _is_failure(self, e: LicenseError) -> bool:
        return self._core.is_failure(e)

    def _now(self) -> int:
        """The host's own clock reading; a clock with no reading (it raises)
        is 0, at which nothing cached is fresh, so the call asks the core."""
        try:
            return self._clock()
        except Exception:  # noqa: BLE001 - any failure is "no reading"
            return 0

    def _recreated(self) -> None:
        # A fresh core: the cached snapshot is asked again at the next call.
        self._set_cache(_Cached(self._cache.snap, self._cache.computed_at, 0))

    def _resolve(self) -> Resolved:
        return resolve_key(self.product, self._env, self._home, self._explicit)

    def refresh(self) -> Snapshot:
        """Recompute the snapshot, re-resolving the key (picks up a renewed key file)."""
        now = self._now()
        r = self._resolve()
        try:
            if r != self._core.loaded:
                if self._core.loaded is not None:
                    _log.info("licensewarden: the license key changed (%r); loaded again", r.source)
                raw = self._call("load", _key_input(r))
                self._core.loaded = r
                self._core.failure = self._call("failure-answers")
            else:
                raw = self._call("snapshot")
        except LicenseError as e:
            if not self._is_failure(e):
                raise
            snap = _snapshot(self._core.answer("snapshot"))
            self._set_cache(_Cached(snap, now, 0))  # asked again at the next call
            return snap
        snap = _snapshot(raw)
        self._log_events(snap.status, False)
        reload_at = float("inf") if self._explicit is not None or self._reload_ms == 0 else now + self._reload_ms
        self._set_cache(_Cached(snap, now, min(snap.valid_until if snap.valid_until is not None else float("inf"), reload_at)))
        return snap

    def _set_cache(self, c: _Cached) -> None:
        self._cache = c
        s = c.snap
        if self._clock is not now_ms or s.blocking or c.recheck_at <= c.computed_at:
            self._fast = _NEVER
        else:
            self._fast = (c.computed_at / 1000, c.recheck_at / 1000, None if s.all_features else frozenset(s.features))

    def _fresh(self) -> _Cached | None:
        now = self._now()
        c = self._cache
        return c if c.computed_at <= now < c.recheck_at else None

    def snapshot(self) -> Snapshot:
        c = self._fresh()
        return c.snap if c else self.refresh()

    @property
    def plan(self) -> str:
        return self.snapshot().plan

    def get_plan(self) -> str:
        return self.plan

    @property
    def features(self) -> dict[str, Any]:
        """Feature flags (bool) and limits (int) in one dict, as ``get_features()``."""
        info = self.info()
        out: dict[str, Any] = {f.name: f.enabled for f in info.features}
        out.update({l.name: l.max for l in info.limits})
        return out

    def get_features(self) -> dict[str, Any]:
        return self.features

    def check_feature(self, name: str) -> None:
        """Raise ``FeatureNotAvailableError`` (or ``LicenseExpiredError``) unless licensed."""
        lo, hi, allowed = self._fast
        if lo <= _wall() < hi and (allowed is None or name in allowed):
            return
        err = self._denial(name)
        if err is not None:
            raise _error(err)  # type: ignore[misc]

    def _denial(self, name: str) -> Any:
        """The core's error record when ``name`` is denied, else None (memoised per snapshot)."""
        c = self._fresh()
        if c is None:
            self.refresh()
            c = self._cache
        elif c.snap.allows(name):
            return None
        if name in c.denials:
            return c.denials[name]
        err = self._call("check-feature", name)
        return None if err is None else _remember(c.denials, name, err)

    def check_feature_uncached(self, name: str) -> None:
        """Ask the core directly, bypassing the snapshot (diagnostics, benchmarks)."""
        _raise_if(self._call("check-feature", name))

    def has_feature(self, name: str) -> bool:
        # The same tuple fast path as check_feature: an allowed feature costs
        # a clock read and a set lookup.
        lo, hi, allowed = self._fast
        if lo <= _wall() < hi and (allowed is None or name in allowed):
            return True
        try:
            return self._denial(name) is None
        except LicenseError:
            return False

    def check_cap(self, name: str, current: int) -> CapCheck:
        if self._fresh() is None:
            self.refresh()
        try:
            r = self._call("check-cap", name, int(current))
        except LicenseError as e:
            if not self._is_failure(e):
                raise
            return CapCheck("hard-exceeded", name, 0, int(current), e)
        if _get(r, "outcome") != "within":
            self._log_events(self._cache.snap.status, True)
        return CapCheck(_get(r, "outcome"), _get(r, "name"), _get(r, "max"), _get(r, "current"), _error(_get(r, "error")))

    def gate(self, path: str, feature: str | None = None) -> GateDecision:
        c = self._fresh()
        if c is not None and c.snap.allows(feature):
            return GateDecision(True, 200, None, "")
        try:
            if c is None:
                self.refresh()
                c = self._cache
            # A denial is remembered as the finished (frozen) decision, so a
            # flood of denied requests builds no objects.
            d = c.gates.get((path, feature))
            if d is None:
                r = self._call("gate", path, feature)
                d = GateDecision(_get(r, "allow"), _get(r, "http-status"), _error(_get(r, "error")), _get(r, "body"))
                if not d.allow:
                    _remember(c.gates, (path, feature), d)
        except LicenseError as e:
            if not self._is_failure(e):
                raise
            g = self._core.answer("gate")
            return GateDecision(_get(g, "allow"), _get(g, "http-status"), _error(_get(g, "error")), _get(g, "body"))
        return d

    def gate_key(self, token: str | None, path: str, feature: str | None = None) -> KeyDecision:
        """Gateway mode: the decision for a request to ``path`` (optionally
        needing ``feature``) carrying a caller's own ``token`` (None: no key
        sent). Never raises: a core failure is a 503 ``internal`` denial."""
        return self._gate("gate-key", token, path, feature, lambda: token)

    def gate_request(self, headers: Mapping[str, str], path: str, feature: str | None = None) -> KeyDecision:
        """``gate_key`` for a request's headers (lowercase names), the
        caller's key read by the core's rule (``key_from``)."""
        h = record(authorization=headers.get("authorization"), x_license_key=headers.get("x-license-key"))
        return self._gate("gate-request", h, path, feature, lambda: self._call("key-from-headers", h))

    def _gate(self, name: str, key: Any, path: str, feature: str | None,
              token: Callable[[], str | None]) -> KeyDecision:
        try:
            # Without the caller's terms: lifting a snapshot costs more than
            # the decision, and most handlers never read it.
            r = self._call(name, key, path, feature, False)
        except LicenseError as e:
            if not self._is_failure(e):
                raise
            g = self._core.answer("gate")
            return KeyDecision(False, _get(g, "http-status"), _get(g, "body"), None, e)
        license_id = _get(r, "license-id")
        caller = None
        if license_id is not None:
            caller = Caller(license_id, lambda: self.key_snapshot(token() or ""))
        return KeyDecision(_get(r, "allow"), _get(r, "http-status"), _get(r, "body"), caller)

    def key_snapshot(self, token: str) -> Snapshot:
        """Gateway mode: the caller's plan, features and caps in force for
        ``token``; raises why the key is refused."""
        r = self._call("key-snapshot", token)
        if isinstance(r, Variant):
            if r.tag == "err":
                raise _error(r.payload)  # type: ignore[misc]
            r = r.payload
        return _snapshot(r)

    def gateway_stats(self) -> dict[str, int]:
        """Gateway mode's counts: ``cached_keys``, ``cached_bytes``,
        ``cache_budget``, ``rejected_keys``, ``status_licenses``,
        ``status_serial``."""
        r = self._call("gateway-stats")
        names = ("cached-keys", "cached-bytes", "cache-budget", "rejected-keys", "status-licenses", "status-serial")
        return {n.replace("-", "_"): int(_get(r, n)) for n in names}

    def info(self) -> LicenseInfo:
        """Never raises."""
        try:
            if self._fresh() is None:
                self.refresh()
            r = self._call("info")
            json_text = self._call("info-json")
        except LicenseError as e:
            if not self._is_failure(e):
                raise
            r, json_text = self._core.answer("info"), self._core.answer("info-json")
        return LicenseInfo(
            valid=_get(r, "valid"),
            status=_get(r, "status"),
            plan=_get(r, "plan"),
            license_id=_get(r, "license-id"),
            org=_get(r, "org"),
            kid=_get(r, "kid"),
            key_source=_get(r, "key-source"),
            features=tuple(FeatureFlag(_get(f, "name"), _get(f, "enabled")) for f in _get(r, "features")),
            limits=tuple(LimitInfo(_get(l, "name"), _get(l, "max"), _get(l, "current"), _get(l, "soft")) for l in _get(r, "limits")),
            issued_at=_get(r, "issued-at"),
            expires_at=_get(r, "expires-at"),
            expires_text=_get(r, "expires-text"),
            days_remaining=_get(r, "days-remaining"),
            demo=_get(r, "demo"),
            device_id=_get(r, "device-id"),
            error=_error(_get(r, "error")),
            online=_online_info(_get(r, "online")),
            access=_access_info(_get(r, "access")),
            json_text=json_text,
        )

    def info_json(self) -> str:
        """``info()`` as the one canonical JSON text every host produces byte for byte."""
        return self.info().to_json()

    def online_request(self, action: str = "validate-if-due") -> OnlineRequest | None:
        """Online validation, low level: the request to send for ``action``
        (``validate-if-due``, ``validate``, ``activate``, ``deactivate``), or
        None when nothing is due. Send it, then call ``apply_response``."""
        r = _unwrap(self._call("online-request", action))
        if r is None:
            return None
        p = _get(r, "proxy")
        return OnlineRequest(_get(r, "method"), _get(r, "url"),
                             {_get(d, "key"): _get(d, "value") for d in _get(r, "headers")}, _get(r, "body"),
                             None if p is None else {"url": _get(p, "url"), "authorization": _get(p, "authorization")},
                             _get(r, "ca-file"))

    def apply_response(self, status: int | None = None, headers: Mapping[str, str] | None = None,
                       body: str = "", error: str | None = None) -> OnlineOutcome:
        """Hand the answer to the last ``online_request`` to the core: the status,
        headers and body as received, or ``error=`` with why no answer came."""
        if error is not None:
            arg: Any = str(error)
        else:
            arg = record(status=int(status or 0),
                         headers=[record(key=str(k), value=str(v)) for k, v in (headers or {}).items()], body=body)
        return self._settle(self._call("apply-response", arg))

    def agent_message(self) -> str | None:
        """What this process hands its host's processes when it runs as their
        license agent (docs/agent.md): the key and the server's answer it
        holds; None without a verified key."""
        v = self._call("agent-message")
        return None if v is None else str(v)

    def offline_request(self) -> str:
        """Air-gapped activation, step 1: the request file's text (one JSON
        line) to carry to the vendor, whose server turns it into an activation
        file (docs/air-gapped.md). Raises as ``online_request`` does."""
        v = _unwrap(self._call("offline-request"))
        # wasmtime-py leaves result<string, record> untagged: a string is
        # the file, anything else the core's error.
        if not isinstance(v, str):
            raise _error(v)  # type: ignore[misc]
        return v

    def install_activation(self, file: str) -> OnlineOutcome:
        """Air-gapped activation, step 2: install the activation file's text.
        A refused file changes nothing; the outcome's error names the rule."""
        if not isinstance(file, str):
            raise TypeError("install_activation takes the activation file's text")
        return self._settle(self._call("install-activation", file))

    def _settle(self, out: Any) -> OnlineOutcome:
        self._set_cache(_Cached(self._cache.snap, self._cache.computed_at, 0))
        self._log_events(_get(_get(out, "snapshot"), "status"), True)
        return OnlineOutcome(_opt_error(_get(out, "error")), _snapshot(_get(out, "snapshot")))

    def metrics(self) -> str:
        """Prometheus text. While the core cannot run, its failure text: a
        comment naming the failure and the license gauges at zero, so alerts fire."""
        if self._fresh() is None:
            self.refresh()
        try:
            return str(self._call("metrics"))
        except LicenseError as e:
            if not self._is_failure(e):
                raise
            return str(self._core.answer("metrics"))

    def verify(self, token: str) -> License:
        """Verify a token without changing the loaded license; raises on rejection."""
        v = self._call("verify", token)
        if isinstance(v, Variant):
            if v.tag == "err":
                raise _error(v.payload)  # type: ignore[misc]
            v = v.payload
        return License(
            id=_get(v, "id"), org=_get(v, "org"), plan=_get(v, "plan"), kid=_get(v, "kid"),
            features=tuple(_get(v, "features")), limits={_get(x, "name"): _get(x, "max") for x in _get(v, "limits")},
            issued_at=_get(v, "issued-at"), not_before=_get(v, "not-before"), expires_at=_get(v, "expires-at"),
            extra_json=_get(v, "extra-json"),
        )

    def set_access_policy(self, policy: str | None) -> None:
        """Replace the access (RBAC) policy with a policy file's text, YAML or
        JSON (docs/rbac.md); None removes it. A refused policy leaves the one
        in force and raises ``InvalidConfigError`` with a ``field`` detail
        naming where (a key path or ``line N``)."""
        try:
            _raise_if(self._call("set-access-policy", policy))
            self._core.access_ok, self._core.access_refused = policy, None
        except InvalidConfigError:
            self._core.access_refused = policy
            raise
        finally:
            self._access_gen += 1
            self._cache.access.clear()

    def _apply_access(self, text: str | None) -> None:
        try:
            self.set_access_policy(text)
        except LicenseError as e:
            # Fail closed in the core (every caller denied until a good one);
            # info and metrics carry it, the log says it once.
            _access.log.error("RBAC policy from %s refused: %s", self._access_src.origin, e.message)

    def reload_access_policy(self) -> None:
        """Re-read the configured policy file now (the ``POST
        /admin/rbac/reload`` of docs/rbac.md). Raises ``InvalidConfigError``
        when it cannot be read or is refused; the policy in force stays."""
        src = self._access_src
        if src.file is None:
            if src.text is not None:
                self.set_access_policy(src.text)
            return
        w = self._access_watch
        stamp = _access.file_stamp(src.file)
        self.set_access_policy(_access.read_text(src.file))
        if w is not None:
            w.stamp = stamp
        _access.log.info("RBAC policy reloaded from %s", src.origin)

    def authorize(self, subject: AccessSubject, action: str, verb: str) -> AccessDecision:
        """Whether ``subject`` may run ``verb`` on ``action``. Never raises:
        a core failure denies (fails closed). Decisions are remembered per
        policy and license snapshot; each is logged at debug level on the
        ``licensewarden.access`` logger."""
        # The fast path: one clock read for the snapshot and the file watch,
        # one dict lookup for the decision.
        now = _wall()
        w = self._access_watch
        lo, hi, _ = self._fast
        if lo <= now < hi and (w is None or now < w.next_look):
            try:
                d = self._cache.access.get((subject.roles, subject.groups, action, verb))
            except TypeError:
                d = None
            if d is not None:
                if _access_debug():
                    _access.log_decision(action, verb, d)
                return d
        if w is not None and w.due():
            try:
                self.reload_access_policy()
            except LicenseError as e:
                _access.log.warning("RBAC policy reload from %s refused, the previous policy stays: %s",
                                    w.source.origin, e.message)
        c: _Cached | None
        try:
            c = self._fresh()
            if c is None:
                self.refresh()
                c = self._cache
        except Exception:  # noqa: BLE001
            # No fresh snapshot (a clock or core failure): no memo either;
            # the core answers, or the failure denies.
            c = None
        try:
            key = (subject.roles, subject.groups, action, verb)
            d = c.access.get(key) if c is not None else None
        except TypeError:  # lists instead of tuples
            key = (tuple(subject.roles), tuple(subject.groups), action, verb)
            d = c.access.get(key) if c is not None else None
        if d is None:
            gen = self._access_gen
            try:
                r = self._call("authorize", record(roles=list(subject.roles), groups=list(subject.groups)), action, verb)
                d = AccessDecision(_get(r, "allow"), _get(r, "role"), _get(r, "pattern"), _get(r, "reason"),
                                   _get(r, "body"))
                if c is not None and gen == self._access_gen and len(c.access) < _access.MAX_MEMO:
                    c.access[key] = d
            except LicenseError as e:
                body = json.dumps({"error": {"code": e.code, "details": {}, "message": e.message}},
                                  separators=(",", ":"), sort_keys=True)
                d = AccessDecision(False, None, None, e.message, body)
        if _access.log.isEnabledFor(logging.DEBUG):
            _access.log_decision(action, verb, d)
        return d

    def check_signature(self, key: TrustedKey | Mapping[str, str], message: str, signature: str) -> None:
        k = _trusted_key(key)
        _raise_if(self._call("check-signature", record(kid=k.kid, algorithm=k.algorithm, key=k.key), message, signature))

    @property
    def key_source(self) -> str:
        return self._core.loaded.source if self._core.loaded else "none"


_access_debug = functools.partial(_access.log.isEnabledFor, logging.DEBUG)

__all__ = [
    "AccessDecision",
    "AccessInfo",
    "AccessSubject",
    "Caller",
    "CapCheck",
    "FeatureFlag",
    "FeatureNotAvailableError",
    "GateDecision",
    "KeyDecision",
    "License",
    "LicenseInfo",
    "Licensing",
    "LimitInfo",
    "MemoryStore",
    "OnlineInfo",
    "OnlineOutcome",
    "OnlineRequest",
    "OnlineSettings",
    "Record",
    "Snapshot",
    "TrustedKey",
]

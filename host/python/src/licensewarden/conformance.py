"""``python -m licensewarden.conformance``: one canonical JSON line per
conformance vector, identical byte for byte to the Rust and JS hosts."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from . import AccessSubject, LicenseError, Licensing, MemoryStore, OnlineSettings, TrustedKey
from ._gateway import Gateway, key_from

FACTS = {"mac": "02:00:00:00:00:01", "hostname": "vector-host", "arch": "x86_64", "os": "linux"}


def vectors_dir() -> Path:
    return Path(__file__).resolve().parents[4] / "tests" / "vectors"


def load_cases(d: Path | None = None) -> list[dict[str, Any]]:
    d = d or vectors_dir()
    cases: list[dict[str, Any]] = []
    for f in sorted(p for p in d.iterdir() if p.suffix == ".json"):
        cases.extend(json.loads(f.read_text("utf-8"))["cases"])
    return cases


def canonical(v: Any) -> str:
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _err(e: LicenseError) -> dict[str, Any]:
    return {"ok": False, "code": e.code, "details": e.details}


def vector_random(k: int, n: int) -> bytes:
    """The k-th draw of the vectors' random source: sha256("licensewarden/vector-random/<k>")[:n]."""
    return hashlib.sha256(f"licensewarden/vector-random/{k}".encode()).digest()[: min(n, 32)]


def _build(c: dict[str, Any], **extra: Any) -> Licensing:
    cfg = c.get("config") or {}
    policy = cfg.get("policy_json")
    if policy is None:
        policy = json.dumps(cfg["policy"]) if cfg.get("policy") else ""
    o = cfg.get("online")
    online = OnlineSettings(o["server_url"], o["server_keys"], o.get("lease_hours", 0), o.get("grace_hours", 0),
                            background=False, status_token=o.get("status_token"), proxy=o.get("proxy"),
                            ca_file=o.get("ca_file"), agent=o.get("agent")) if o else None
    kw: dict[str, Any] = {
        "product": "vectors", "trusted_keys": cfg.get("trusted_keys") or [], "policy": policy,
        "key": c.get("key"), "clock": lambda: c["now_ms"], "demo_mode": bool(cfg.get("demo_mode")),
        "device_facts_override": FACTS, "env": dict((o or {}).get("proxy_env") or {}), "home": None, "reload_interval": 0,
        "online": online,
    }
    kw.update(extra)
    return Licensing(**kw)


def _code(e: LicenseError | None) -> str | None:
    return e.code if e else None


def _snap(s: Any) -> dict[str, Any]:
    return {"status": s.status, "plan": s.plan, "all_features": s.all_features, "features": sorted(s.features),
            "blocking": s.blocking, "valid_until": s.valid_until, "code": _code(s.error)}


def _online(c: dict[str, Any]) -> dict[str, Any]:
    state = {"now": c["now_ms"], "draws": 0}
    store = MemoryStore()

    def draw(n: int) -> bytes:
        state["draws"] += 1
        return vector_random(state["draws"] - 1, n)

    def make() -> Any:
        try:
            return _build(c, clock=lambda: state["now"], store=store, random=draw,
                          device_facts_override=c.get("facts") or FACTS)
        except LicenseError as e:
            return e

    lic = make()
    steps: list[dict[str, Any]] = []
    for st in c["steps"]:
        if "at" in st:
            state["now"] = st["at"]
        what = st["do"]
        if what == "restart":
            lic = make()
        if what == "store":
            if isinstance(st.get("value"), str):
                store.save(st.get("slot", "validation"), st["value"])
            else:
                store.remove(st.get("slot", "validation"))
            steps.append({})
            continue
        if what == "observe":
            store.set_newest_change(st["newest_change"])
            steps.append({})
            continue
        if isinstance(lic, LicenseError):
            steps.append(_err(lic))
            continue
        try:
            if what == "request":
                r = lic.online_request(st["action"])
                steps.append({"request": None if r is None else
                              {"method": r.method, "url": r.url, "headers": dict(r.headers), "body": r.body}})
            elif what == "offline_request":
                steps.append({"file": lic.offline_request()})
            elif what == "install":
                out = lic.install_activation(st["file"])
                steps.append({"code": _code(out.error), "details": out.error.details if out.error else {},
                              "status": out.snapshot.status})
            elif what == "answer":
                if "error" in st:
                    out = lic.apply_response(error=st["error"])
                else:
                    r = st["response"]
                    out = lic.apply_response(r["status"], r.get("headers") or {}, r.get("body", ""))
                steps.append({"code": _code(out.error), "details": out.error.details if out.error else {},
                              "status": out.snapshot.status})
            elif what in ("snapshot", "restart"):
                steps.append(_snap(lic.snapshot()))
            elif what == "info":
                i = lic.info()
                on = i.online
                steps.append({"status": i.status, "valid": i.valid, "plan": i.plan, "expires_at": i.expires_at,
                              "code": _code(i.error), "online": None if on is None else {
                    "server_url": on.server_url, "last_validated": on.last_validated, "next_check": on.next_check,
                    "grace_ends": on.grace_ends, "devices_registered": on.devices_registered, "devices_max": on.devices_max,
                    "last_error": _code(on.last_error), "state_error": _code(on.state_error),
                    "terms_changed": on.terms_changed, "activation_ends": on.activation_ends}})
            elif what == "gate":
                g = lic.gate(st["path"], st.get("feature"))
                steps.append({"allow": g.allow, "status": g.http_status, "code": _code(g.error)})
            elif what == "gate_key":
                d = lic.gate_key(st.get("token"), st["path"], st.get("feature"))
                steps.append({"allow": d.allow, "status": d.http_status, "code": _code(d.error),
                              "license_id": d.caller.license_id if d.caller else None})
            else:
                steps.append({"ok": False, "code": f"unknown-step:{what}"})
        except LicenseError as e:
            steps.append(_err(e))
    return {"steps": steps}


def _write_fixtures(d: str, files: dict[str, Any]) -> None:
    """Writes a case's ``files`` (tests/vectors/README.md) under ``d``."""
    for rel, content in files.items():
        path = Path(d) / rel.rstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode())
        elif content.get("dir"):
            path.mkdir(parents=True, exist_ok=True)
        elif "hex" in content:
            path.write_bytes(bytes.fromhex(content["hex"]))
        else:
            path.write_bytes((content["repeat"] * content["count"]).encode())


def _key_file(c: dict[str, Any]) -> dict[str, Any]:
    """``key_file`` cases: the file at ``$DIR/key.json`` with its mode, read as a trusted key."""
    import os
    import shutil
    import tempfile

    d = os.path.realpath(tempfile.mkdtemp(prefix="lw-key-file-"))
    try:
        _write_fixtures(d, {"key.json": c["file"]})
        path = os.path.join(d, "key.json")
        os.chmod(path, c["mode"])
        k = TrustedKey.from_file(path)
        return {"key": {"kid": k.kid, "algorithm": k.algorithm, "key": k.key}}
    except LicenseError as e:
        return {"ok": False, "code": e.code, "message": e.message.replace(d, "$DIR")}
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _resolve(c: dict[str, Any]) -> dict[str, Any]:
    """``resolve`` cases: the files in a fresh directory, ``$DIR`` standing for it."""
    import os
    import shutil
    import tempfile

    from .keys import resolve_key

    d = os.path.realpath(tempfile.mkdtemp(prefix="lw-resolve-"))
    try:
        _write_fixtures(d, c.get("files") or {})
        env = {k: v.replace("$DIR", d) for k, v in (c.get("env") or {}).items()}
        home = c.get("home")
        home = None if home is None else home.replace("$DIR", d)
        r = resolve_key(c["product"], env, home)
        error = None
        if r.unreadable is not None:
            # What the core makes of it, through the public API.
            e = Licensing(c["product"], env=env, home=home, clock=lambda: 0, device_facts_override=FACTS,
                          reload_interval=0).info().error
            assert e is not None
            error = {"code": e.code, "message": e.message.replace(d, "$DIR")}
        return {"token": r.token, "source": r.source.replace(d, "$DIR"), "unreadable": r.unreadable, "error": error}
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _gateway_case(c: dict[str, Any]) -> dict[str, Any]:
    """``gateway_key`` and ``gateway`` cases: the key rule, and one request through the gateway."""
    headers = {k: v for k, v in (c.get("headers") or {}).items() if v is not None}
    key = key_from(headers)
    if c["op"] == "gateway_key":
        return {"key": key}
    cfg = c.get("config") or {}
    policy = cfg.get("policy_json")
    if policy is None:
        policy = json.dumps(cfg["policy"]) if cfg.get("policy") else ""
    now = [c["now_ms"]]
    gw = Gateway(product="vectors", trusted_keys=cfg.get("trusted_keys") or [], policy=policy,
                 clock=lambda: now[0], demo_mode=bool(cfg.get("demo_mode")), device_facts_override=FACTS)
    if c["op"] == "gateway_requests":
        outcomes = []
        for r in c["requests"]:
            now[0] = r["now_ms"]
            who, status, body = gw.decide(key_from({k: v for k, v in r["headers"].items() if v is not None}), r["path"], r.get("feature"))
            outcomes.append({"status": 200, "code": None} if who else {"status": status, "code": json.loads(body)["error"]["code"]})
        stats = gw.stats()
        return {"outcomes": outcomes, "cached_keys": stats["cached_keys"], "rejected_keys": stats["rejected_keys"]}
    lic, status, body = gw.decide(key, c["path"], c.get("feature"))
    return {"status": 200, "code": None} if lic else {"status": status, "code": json.loads(body)["error"]["code"]}


def _failure(c: dict[str, Any]) -> dict[str, Any]:
    """``failure`` cases: one instance whose clock stops reading (raises) and reads again."""
    import logging

    broken = [False]

    def clock() -> int:
        if broken[0]:
            raise RuntimeError("the clock has no reading")
        return int(c["now_ms"])

    log = logging.getLogger("licensewarden")
    level = log.level
    log.setLevel(logging.CRITICAL)  # the failures are the point here, not their log lines
    try:
        try:
            lic = _build(c, clock=clock)
        except LicenseError as e:
            return _err(e)
        steps: list[dict[str, Any]] = []
        for st in c["steps"]:
            if st.get("clock") == "broken":
                broken[0] = True
            elif st.get("clock") == "ok":
                broken[0] = False
            do = st["do"]
            if do == "snapshot":
                s = lic.snapshot()
                steps.append({"status": s.status, "plan": s.plan, "blocking": s.blocking, "code": _code(s.error)})
            elif do == "gate":
                g = lic.gate(st["path"], st.get("feature"))
                steps.append({"allow": g.allow, "status": g.http_status, "body": g.body})
            elif do == "check_feature":
                try:
                    lic.check_feature(st["feature"])
                    steps.append({"ok": True})
                except LicenseError as e:
                    steps.append({"ok": False, "code": e.code})
            elif do == "metrics":
                steps.append({"metrics": lic.metrics()})
            elif do == "info_json":
                steps.append({"json": lic.info_json()})
            else:
                steps.append({"ok": False, "code": f"unknown-step:{do}"})
        return {"steps": steps}
    finally:
        log.setLevel(level)


def _quiet() -> None:
    """Lines are output here; log lines are not."""
    import logging

    logging.getLogger("licensewarden").setLevel(logging.CRITICAL + 1)


def outcome(c: dict[str, Any]) -> dict[str, Any]:
    if c.get("op") == "resolve":
        return _resolve(c)
    if c.get("op") == "failure":
        return _failure(c)
    if c.get("op") in ("gateway_key", "gateway", "gateway_requests"):
        return _gateway_case(c)
    if c.get("op") == "key_file":
        return _key_file(c)
    if c["op"] == "online":
        return _online(c)
    try:
        lic = _build(c)
    except LicenseError as e:
        return _err(e)
    op = c["op"]
    try:
        if op == "configure":
            return {"ok": True}
        if op == "proxy_route":
            req = lic.online_request("activate")
            return {"route": None if req is None or req.proxy is None else dict(req.proxy),
                    "ca_file": None if req is None else req.ca_file}
        if op == "verify":
            l = lic.verify(c["token"])
            return {"ok": True, "license": {"id": l.id, "org": l.org, "plan": l.plan, "kid": l.kid, "features": list(l.features),
                                            "limits": dict(l.limits), "issued_at": l.issued_at, "not_before": l.not_before,
                                            "expires_at": l.expires_at, "extra": l.extra_json}}
        if op == "info":
            i = lic.info()
            return {"info": {"valid": i.valid, "status": i.status, "plan": i.plan, "license_id": i.license_id, "org": i.org,
                             "kid": i.kid, "key_source": i.key_source, "features": {f.name: f.enabled for f in i.features},
                             "limits": {l.name: {"max": l.max, "current": l.current, "soft": l.soft} for l in i.limits},
                             "issued_at": i.issued_at, "expires_at": i.expires_at, "expires_text": i.expires_text,
                             "days_remaining": i.days_remaining, "demo": i.demo, "device_id": i.device_id,
                             "error_code": i.error.code if i.error else None},
                    "json": i.to_json()}
        if op == "check_feature":
            lic.check_feature(c["feature"])
            return {"ok": True}
        if op == "check_cap":
            r = lic.check_cap(c["cap"], c["current"])
            return {"outcome": r.outcome, "max": r.max, "current": r.current, "code": r.error.code if r.error else None}
        if op == "gate":
            g = lic.gate(c["path"], c.get("feature"))
            return {"allow": g.allow, "status": g.http_status, "code": g.error.code if g.error else None, "body": g.body}
        if op == "metrics":
            for name, n in c.get("usage") or []:
                lic.check_cap(name, n)
            return {"metrics": lic.metrics()}
        if op == "signature":
            lic.check_signature(c["signing_key"], c["message"], c["signature"])
            return {"ok": True}
        if op == "authorize":
            errors: list[Any] = []
            for p in c.get("rbac_policies") or []:
                try:
                    lic.set_access_policy(p)
                    errors.append(None)
                except LicenseError as e:
                    errors.append(_err(e))
            decisions = []
            for k in c.get("checks") or []:
                d = lic.authorize(AccessSubject(roles=tuple(k.get("roles") or ()), groups=tuple(k.get("groups") or ())),
                                  k.get("action", ""), k.get("verb", ""))
                decisions.append({"allow": d.allow, "role": d.role, "pattern": d.pattern, "reason": d.reason,
                                  "body": d.body})
            return {"policy_errors": errors, "decisions": decisions, "access": json.loads(lic.info_json()).get("access")}
        return {"ok": False, "code": f"unknown-op:{op}"}
    except LicenseError as e:
        return _err(e)


def line(c: dict[str, Any]) -> str:
    return canonical({**outcome(c), "id": c["id"]})


def main() -> None:
    _quiet()
    out = sys.stdout
    for c in load_cases():
        out.write(line(c) + "\n")


if __name__ == "__main__":
    main()

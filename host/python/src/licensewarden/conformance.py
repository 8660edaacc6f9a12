"""``python -m licensewarden.conformance``: one canonical JSON line per
conformance vector, identical byte for byte to the Rust and JS hosts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import LicenseError, Licensing

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


def outcome(c: dict[str, Any]) -> dict[str, Any]:
    cfg = c.get("config") or {}
    policy = cfg.get("policy_json")
    if policy is None:
        policy = json.dumps(cfg["policy"]) if cfg.get("policy") else ""
    try:
        lic = Licensing(
            product="vectors", trusted_keys=cfg.get("trusted_keys") or [], policy=policy,
            key=c.get("key"), clock=lambda: c["now_ms"], demo_mode=bool(cfg.get("demo_mode")),
            device_facts_override=FACTS, env={}, home=None, reload_interval_ms=0,
        )
    except LicenseError as e:
        return _err(e)
    op = c["op"]
    try:
        if op == "configure":
            return {"ok": True}
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
                             "error_code": i.error.code if i.error else None}}
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
        return {"ok": False, "code": f"unknown-op:{op}"}
    except LicenseError as e:
        return _err(e)


def line(c: dict[str, Any]) -> str:
    return canonical({**outcome(c), "id": c["id"]})


def main() -> None:
    out = sys.stdout
    for c in load_cases():
        out.write(line(c) + "\n")


if __name__ == "__main__":
    main()

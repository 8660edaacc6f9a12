"""The example FastAPI app under real uvicorn on 127.0.0.1, driven with httpx."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import POLICY

REPO = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serve(issuer, tmp_path):
    procs = []

    def start(key, **extra):
        (tmp_path / "public.key").write_text(json.dumps(issuer.trusted))
        (tmp_path / "policy.json").write_text(json.dumps(POLICY))
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACME_")}
        env.update(ACME_PUBLIC_KEY_FILE=str(tmp_path / "public.key"), ACME_POLICY_FILE=str(tmp_path / "policy.json"), HOME=str(tmp_path))
        if key:
            env["ACME_LICENSE_KEY"] = key
        env.update(extra)
        p = subprocess.Popen([sys.executable, "-m", "uvicorn", "app:app", "--app-dir", str(REPO / "examples/fastapi-app"),
                              "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
        procs.append(p)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(base + "/health", timeout=1)
                return base
            except httpx.HTTPError:
                if p.poll() is not None:
                    raise RuntimeError("uvicorn exited")
                time.sleep(0.05)
        raise RuntimeError("uvicorn did not start")

    yield start
    for p in procs:
        p.terminate()
        p.wait(10)


def test_valid_license_serves_routes_and_names_missing_feature(serve, issuer):
    base = serve(issuer.issue())
    assert httpx.get(base + "/api/devices").status_code == 200
    assert httpx.get(base + "/api/query").status_code == 200
    r = httpx.get(base + "/api/sso")
    assert r.status_code == 403
    error = r.json()["error"]  # the core's body, as the middleware and every host answer
    assert error["code"] == "feature-not-licensed" and error["details"] == {"feature": "sso", "plan": "pro"}
    assert "acme_license_valid 1" in httpx.get(base + "/metrics").text


def test_expired_license_blocks_new_requests_but_not_health_or_metrics(serve, issuer):
    base = serve(issuer.issue(expires_at="2021-01-01"))
    r = httpx.get(base + "/api/devices")
    assert r.status_code == 503 and r.json()["error"]["code"] == "expired"
    assert httpx.get(base + "/health").status_code == 200
    assert httpx.get(base + "/ready").status_code == 200
    m = httpx.get(base + "/metrics")
    assert m.status_code == 200 and 'acme_license_info{plan="pro",status="expired"} 1' in m.text
    info = httpx.get(base + "/license")
    assert info.status_code == 200 and info.json()["status"] == "expired", "operators see the license after expiry"


def test_no_key_runs_as_community_and_gates_paid_routes(serve):
    base = serve(None)
    assert httpx.get(base + "/api/devices").status_code == 200
    r = httpx.get(base + "/api/query")
    assert r.status_code == 403 and r.json()["error"]["details"]["plan"] == "community"
    assert httpx.get(base + "/license").json()["status"] == "community"


def test_dependency_and_middleware_answer_the_same_body(issuer):
    from fastapi import Depends, FastAPI
    from fastapi.testclient import TestClient

    from licensewarden import Licensing
    from licensewarden.fastapi import install, require_feature, require_license

    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, env={}, home=None)
    app = FastAPI()
    install(app, lic)

    @app.get("/devices", dependencies=[Depends(require_license(lic))])
    def devices():
        return {}

    @app.get("/sso", dependencies=[Depends(require_feature(lic, "sso"))])
    def sso():
        return {}

    c = TestClient(app)
    r = c.get("/devices")
    assert r.status_code == 403 and list(r.json()) == ["error"] and r.json()["error"]["code"] == "no-license"
    r = c.get("/sso")
    assert r.status_code == 403 and r.text == lic.gate("/sso", "sso").body


def test_grace_requests_pass_with_a_license_warning_header(issuer):
    """An independent signer (cryptography) answers as the server would; 25 h
    later the license runs on grace: allowed, with x-license-warning."""
    import asyncio
    import base64
    import hashlib

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from fastapi import Depends, FastAPI

    from licensewarden import Licensing, OnlineSettings, MemoryStore
    from licensewarden.fastapi import LicenseWardenMiddleware, require_license

    b64u = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
    sk = Ed25519PrivateKey.generate()
    server_key = {"kid": "srv-py", "algorithm": "ed25519",
                  "key": b64u(sk.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))}
    now = [1780272000000]
    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=issuer.issue(), env={}, home=None,
                    clock=lambda: now[0], store=MemoryStore(),
                    online=OnlineSettings("https://license.example.com", [server_key], background=False))
    req = json.loads(lic.online_request("validate").body)
    body = json.dumps({"device_id": req["device_id"], "lease_ms": 86400000, "license_id": req["license_id"], "message": "ok",
                       "nonce": req["nonce"], "result": "valid", "server_time": now[0], "v": 1})
    sig = sk.sign(f"licensewarden/response/v1\n200\n{hashlib.sha256(body.encode()).hexdigest()}".encode())
    assert lic.apply_response(200, {"x-licensewarden-signature": f"srv-py.{b64u(sig)}"}, body).error is None
    now[0] += 25 * 3600 * 1000
    assert lic.snapshot().status == "grace"

    app = FastAPI()
    app.add_middleware(LicenseWardenMiddleware, licensing=lic)

    @app.get("/api/devices", dependencies=[Depends(require_license(lic))])
    async def devices():
        return {"devices": []}

    async def call():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            return await c.get("/api/devices")

    r = asyncio.run(call())
    assert r.status_code == 200
    assert "offline grace period active (47h 0m remaining" in r.headers["x-license-warning"]


def test_one_core_decides_every_callers_key_and_answers_the_core_body(issuer):
    from fastapi import Depends, FastAPI
    from fastapi.testclient import TestClient

    from conftest import tamper
    from licensewarden import Caller
    from licensewarden.fastapi import Gateway

    gw = Gateway(product="acme", trusted_keys=[issuer.trusted], policy=POLICY)
    app = FastAPI()
    gw.install(app)

    @app.get("/api/query")
    def query(caller: Caller = Depends(gw.require())):
        return {"plan": caller.snapshot.plan, "id": caller.license_id}

    @app.get("/api/sso", dependencies=[Depends(gw.require("sso"))])
    def sso():
        return {"sso": True}

    c = TestClient(app)
    pro = issuer.issue()
    r = c.get("/api/query", headers={"authorization": f"License {pro}"}).json()
    assert r["plan"] == "pro" and r["id"]
    r = c.get("/api/sso", headers={"x-license-key": pro})
    assert r.status_code == 403 and r.json()["error"]["details"] == {"feature": "sso", "plan": "pro"}
    r = c.get("/api/query")
    assert r.status_code == 401 and r.json()["error"]["code"] == "no-license"
    r = c.get("/api/query", headers={"authorization": f"License {tamper(pro)}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "bad-signature"
    r = c.get("/api/query", headers={"authorization": f"License {issuer.issue(id='lic_old', expires_at='2020-01-01')}"})
    assert r.status_code == 503 and r.json()["error"]["code"] == "expired"
    stats = gw.stats()
    assert stats["cached_keys"] == 2, "pro and the expired key"
    assert stats["rejected_keys"] == 1, "the forgery, checked once"
    assert stats["cached_bytes"] <= stats["cache_budget"]


def test_gateway_settings_it_does_not_use_are_refused():
    from licensewarden import InvalidConfigError
    from licensewarden.fastapi import Gateway

    with pytest.raises(InvalidConfigError) as e:
        Gateway(trusted_keys=[], key="lg1.x", state_dir="/tmp/x")
    assert "key, state_dir" in str(e.value)


# network-ops-team may run topology_*, admin everything.
RBAC_YAML = (REPO / "tests" / "fixtures" / "rbac-ops.yaml").read_text()


def test_access_policy_gates_queries_by_role_and_reloads_on_request(serve, issuer, tmp_path):
    policy = tmp_path / "rbac.yaml"
    policy.write_text(RBAC_YAML)
    base = serve(issuer.issue(plan="enterprise"), ACME_RBAC_POLICY_FILE=str(policy), ACME_API_KEY="vendor-admin",
                 ACME_RBAC_RELOAD_INTERVAL="0")
    ops = {"x-groups": "network-ops-team"}
    assert httpx.get(base + "/api/queries/topology_map", headers=ops).status_code == 200
    r = httpx.get(base + "/api/queries/firewall_rules", headers=ops)
    assert r.status_code == 403
    err = r.json()["error"]
    assert err["code"] == "access-denied"
    assert err["details"] == {"action": "firewall_rules", "groups": "network-ops-team", "roles": "network", "verb": "execute"}
    assert httpx.get(base + "/api/queries/firewall_rules", headers={"x-api-key": "vendor-admin"}).status_code == 200

    policy.write_text(RBAC_YAML.replace('"topology_*"', '"firewall_*"'))
    assert httpx.post(base + "/admin/rbac/reload").status_code == 401
    assert httpx.post(base + "/admin/rbac/reload", headers={"x-api-key": "wrong"}).status_code == 401
    r = httpx.post(base + "/admin/rbac/reload", headers={"x-api-key": "vendor-admin"})
    assert r.status_code == 200 and r.json()["access"]["enforced"] is True
    assert httpx.get(base + "/api/queries/firewall_rules", headers=ops).status_code == 200
    assert httpx.get(base + "/api/queries/topology_map", headers=ops).status_code == 403

    # A refused reload names the line and keeps the policy in force.
    policy.write_text("roles:\n  network: [no]\n")
    r = httpx.post(base + "/admin/rbac/reload", headers={"x-api-key": "vendor-admin"})
    assert r.status_code == 422 and r.json()["error"]["details"]["field"] == "line 2"
    assert httpx.get(base + "/api/queries/firewall_rules", headers=ops).status_code == 200
    assert "acme_rbac_policy_error 1" in httpx.get(base + "/metrics").text


def test_a_plan_without_rbac_leaves_the_policy_unenforced(serve, issuer, tmp_path):
    policy = tmp_path / "rbac.yaml"
    policy.write_text(RBAC_YAML)
    base = serve(issuer.issue(plan="pro"), ACME_RBAC_POLICY=RBAC_YAML)
    r = httpx.get(base + "/api/queries/firewall_rules", headers={"x-groups": "marketing"})
    assert r.status_code == 200
    assert "acme_rbac_policy_enforced 0" in httpx.get(base + "/metrics").text


def test_the_policy_file_is_re_read_when_it_changes(issuer, tmp_path, caplog):
    import logging

    from licensewarden import AccessSubject, Licensing

    policy = tmp_path / "rbac.yaml"
    policy.write_text(RBAC_YAML)
    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=issuer.issue(plan="enterprise"),
                    env={"ACME_RBAC_POLICY_FILE": str(policy), "ACME_RBAC_RELOAD_INTERVAL": "0.01"}, home=None)
    ops = AccessSubject(groups=("network-ops-team",))
    assert lic.authorize(ops, "topology_map", "execute").allow
    policy.write_text(RBAC_YAML.replace('"topology_*"', '"firewall_*"') + "# changed\n")
    time.sleep(0.05)
    with caplog.at_level(logging.DEBUG, logger="licensewarden.access"):
        d = lic.authorize(ops, "topology_map", "execute")
    assert not d.allow
    assert any("rbac deny action='topology_map'" in r.getMessage() for r in caplog.records)
    assert lic.info().access.message.startswith("RBAC policy in force: 2 roles")


def test_an_unreadable_policy_file_stops_the_start_naming_it(issuer, tmp_path):
    from licensewarden import InvalidConfigError, Licensing

    with pytest.raises(InvalidConfigError, match="rbac.yaml"):
        Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY,
                  env={"ACME_RBAC_POLICY_FILE": str(tmp_path / "rbac.yaml")}, home=None)


def test_plain_variable_names_only_when_the_vendor_opts_in(issuer):
    from licensewarden import AccessSubject, Licensing

    env = {"RBAC_POLICY": "roles:\n  r: [x]\n"}
    key = issuer.issue(plan="enterprise")
    assert Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=key, env=env, home=None).info().access is None
    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=key, env=env, home=None, rbac_plain_env=True)
    assert not lic.authorize(AccessSubject(roles=("r",)), "y", "execute").allow

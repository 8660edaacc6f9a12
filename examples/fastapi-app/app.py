"""A small FastAPI app gated by licensewarden.

    ACME_LICENSE_KEY=lg1.... ACME_PUBLIC_KEY_FILE=public.key [ACME_POLICY_FILE=policy.json] \
        uvicorn app:app --app-dir examples/fastapi-app

The routes of every example: /health, /ready and /metrics stay open after
expiry (the policy's exempt paths) and /license is served outside the gate
(operators must see why a license stopped working precisely when it has);
other routes get 503. /api/devices needs any license in force or the
community tier, /api/query needs `api_access`, /api/sso needs `sso` (403
naming feature and plan). /api/queries/{name} is gated by the access
(RBAC) policy of ACME_RBAC_POLICY or ACME_RBAC_POLICY_FILE (docs/rbac.md);
the caller's groups come from the x-groups header here, where a real
product takes them from its identity provider's token, and a caller with
the x-api-key of ACME_API_KEY is `admin`. POST /admin/rbac/reload re-reads
the policy file (x-api-key required).
"""

import json
import os
from pathlib import Path

from fastapi import Depends, FastAPI

import hmac

from fastapi import Request

from licensewarden import AccessSubject, Licensing, TrustedKey
from licensewarden.fastapi import access_reload_endpoint, install, metrics_endpoint, require_action, require_feature

policy_file = os.environ.get("ACME_POLICY_FILE")
lic = Licensing(
    product="acme",
    trusted_keys=[TrustedKey.from_file(os.environ["ACME_PUBLIC_KEY_FILE"])],
    policy=json.loads(Path(policy_file).read_text()) if policy_file else None,
)

gated = FastAPI()
install(gated, lic)
gated.add_api_route("/metrics", metrics_endpoint(lic))


@gated.get("/health")
def health() -> str:
    return "ok"


@gated.get("/ready")
def ready() -> str:
    return "ready"


app = FastAPI()


@app.get("/license")
def license_info() -> dict:
    i = lic.info()
    return {"plan": i.plan, "status": i.status, "days_remaining": i.days_remaining, "key_source": i.key_source}


@gated.get("/api/devices")
def devices() -> dict:
    return {"devices": []}


@gated.get("/api/query", dependencies=[Depends(require_feature(lic, "api_access"))])
def query() -> dict:
    return {"rows": 0}


@gated.get("/api/sso", dependencies=[Depends(require_feature(lic, "sso"))])
def sso() -> str:
    return "sso configured"


def is_admin(request: Request) -> bool:
    key = os.environ.get("ACME_API_KEY", "")
    return bool(key) and hmac.compare_digest(request.headers.get("x-api-key", "").encode(), key.encode())


def caller(request: Request) -> AccessSubject:
    if is_admin(request):
        return AccessSubject(roles=("admin",))
    groups = [g.strip() for g in request.headers.get("x-groups", "").split(",") if g.strip()]
    return AccessSubject(groups=tuple(groups))


@gated.get("/api/queries/{name}", dependencies=[Depends(require_action(lic, lambda r: r.path_params["name"], caller))])
def run_query(name: str) -> dict:
    return {"query": name, "rows": []}


gated.add_api_route("/admin/rbac/reload", access_reload_endpoint(lic, is_admin), methods=["POST"])

app.mount("/", gated)

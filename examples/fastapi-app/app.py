"""A small FastAPI app gated by licensewarden.

    ACME_LICENSE_KEY=lg1.... ACME_PUBLIC_KEY_FILE=public.key [ACME_POLICY_FILE=policy.json] \
        uvicorn app:app --app-dir examples/fastapi-app

The routes of every example: /health, /ready and /metrics stay open after
expiry (the policy's exempt paths) and /license is served outside the gate
(operators must see why a license stopped working precisely when it has);
other routes get 503. /api/devices needs any license in force or the
community tier, /api/query needs `api_access`, /api/sso needs `sso` (403
naming feature and plan).
"""

import json
import os
from pathlib import Path

from fastapi import Depends, FastAPI

from licensewarden import Licensing, TrustedKey
from licensewarden.fastapi import install, metrics_endpoint, require_feature

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


app.mount("/", gated)

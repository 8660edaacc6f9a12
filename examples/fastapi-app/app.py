"""A small FastAPI app gated by licensewarden.

    ACME_LICENSE_KEY=lg1.... ACME_PUBLIC_KEY_FILE=public.key [ACME_POLICY_FILE=policy.json] \
        uvicorn app:app --app-dir examples/fastapi-app

/health, /ready and /metrics stay open after expiry; other routes get 503.
/api/query needs `api_access`, /api/sso needs `sso` (403 naming feature and plan).
"""

import json
import os
from pathlib import Path

from fastapi import Depends, FastAPI

from licensewarden import Licensing, TrustedKey
from licensewarden.fastapi import LicenseWardenMiddleware, metrics_endpoint, require_feature, require_license

policy_file = os.environ.get("ACME_POLICY_FILE")
lic = Licensing(
    product="acme",
    trusted_keys=[TrustedKey.from_file(os.environ["ACME_PUBLIC_KEY_FILE"])],
    policy=json.loads(Path(policy_file).read_text()) if policy_file else None,
)

app = FastAPI()
app.add_middleware(LicenseWardenMiddleware, licensing=lic)
app.add_api_route("/metrics", metrics_endpoint(lic))


@app.get("/health")
def health() -> str:
    return "ok"


@app.get("/ready")
def ready() -> str:
    return "ready"


@app.get("/license")
def license_info() -> dict:
    i = lic.info()
    return {"plan": i.plan, "status": i.status, "days_remaining": i.days_remaining, "key_source": i.key_source}


@app.get("/api/devices", dependencies=[Depends(require_license(lic))])
def devices() -> dict:
    return {"devices": []}


@app.get("/api/query", dependencies=[Depends(require_feature(lic, "api_access"))])
def query() -> dict:
    return {"rows": 0}


@app.get("/api/sso", dependencies=[Depends(require_feature(lic, "sso"))])
def sso() -> str:
    return "sso configured"

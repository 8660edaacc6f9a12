"""FastAPI / Starlette integration (``pip install licensewarden[fastapi]``).

```python
app.add_middleware(LicenseWardenMiddleware, licensing=lic)      # 503 after expiry, exempt paths open
@app.get("/sso", dependencies=[Depends(require_feature(lic, "sso"))])   # 403 naming feature and plan
app.add_api_route("/metrics", metrics_endpoint(lic))          # Prometheus text from the core
```
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from fastapi import HTTPException, Request
from fastapi.responses import PlainTextResponse

from ._licensing import Licensing


def license_warning(licensing: Licensing) -> str | None:
    """The ``x-license-warning`` text while the license runs on its offline
    grace period, else None (ASCII only, as header values must be)."""
    snap = licensing.snapshot()
    if snap.status != "grace" or snap.error is None:
        return None
    return "".join(c if " " <= c <= "~" else "?" for c in snap.error.message)[:512]


def _detail(body: str) -> dict[str, Any]:
    return json.loads(body)["error"] if body else {}


class LicenseWardenMiddleware:
    """ASGI middleware: after expiry new requests get 503 with the core's JSON
    body, except the policy's exempt paths (/health, /ready, /metrics, ...).
    Requests already in flight are not interrupted. During the offline grace
    period responses carry an ``x-license-warning`` header."""

    def __init__(self, app: Any, licensing: Licensing):
        self.app = app
        self.licensing = licensing

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        d = self.licensing.gate(scope.get("path", "/"))
        if d.allow:
            warning = license_warning(self.licensing)
            if warning is None:
                await self.app(scope, receive, send)
                return

            async def send_with_warning(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    message = {**message, "headers": [*message.get("headers", []), (b"x-license-warning", warning.encode())]}
                await send(message)

            await self.app(scope, receive, send_with_warning)
            return
        body = d.body.encode()
        await send({"type": "http.response.start", "status": d.http_status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def require_license(licensing: Licensing) -> Callable[[Request], Awaitable[None]]:
    """Dependency: 503 when expired, 403 when no valid license is in force
    (community tier, rejected or not-yet-valid key), with code and reason."""

    async def dependency(request: Request) -> None:
        snap = licensing.snapshot()
        if snap.status in ("active", "demo", "grace"):
            return
        e = snap.error
        status = 503 if snap.status == "expired" else 403
        raise HTTPException(status_code=status, detail={
            "code": e.code if e else "no-license", "message": e.message if e else "no valid license", "details": e.details if e else {}})

    return dependency


def require_feature(licensing: Licensing, feature: str) -> Callable[[Request], Awaitable[None]]:
    """Dependency: 403 naming the feature and plan when it is not licensed (503 after expiry)."""

    async def dependency(request: Request) -> None:
        d = licensing.gate(request.url.path, feature)
        if not d.allow:
            raise HTTPException(status_code=d.http_status, detail=_detail(d.body))

    return dependency


def metrics_endpoint(licensing: Licensing) -> Callable[[], Awaitable[PlainTextResponse]]:
    """A ``/metrics`` route fed by the core (Prometheus text)."""

    async def metrics() -> PlainTextResponse:
        return PlainTextResponse(licensing.metrics(), media_type="text/plain; version=0.0.4")

    return metrics

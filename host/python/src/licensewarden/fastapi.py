"""FastAPI / Starlette integration (``pip install licensewarden[fastapi]``).

```python
install(app, lic)                                             # the gate middleware + the denial handler
@app.get("/sso", dependencies=[Depends(require_feature(lic, "sso"))])   # 403 naming feature and plan
app.add_api_route("/metrics", metrics_endpoint(lic))          # Prometheus text from the core
@app.get("/q/{name}", dependencies=[Depends(require_action(lic, lambda r: r.path_params["name"], subject))])
app.add_api_route("/admin/rbac/reload", access_reload_endpoint(lic, vendor_check), methods=["POST"])
```

Every denial, from the middleware or a dependency, answers the core's body
``{"error": {"code", "message", "details"}}``, as every host does. The
dependencies raise ``LicenseDenied``; ``install`` registers its handler
(without it FastAPI would wrap the error as ``{"detail": ...}``).
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response

from . import _gateway
from ._licensing import AWAITING_CHECK, FIRST_CHECK_WAIT, AccessSubject, Caller, GateDecision, Licensing
from .errors import LicenseError


def license_warning(licensing: Licensing) -> str | None:
    """The ``x-license-warning`` text while the license runs on its offline
    grace period, else None (ASCII only, as header values must be)."""
    return licensing.snapshot().warning


class LicenseDenied(HTTPException):
    """A dependency's denial; ``body`` is the core's JSON body, which the
    handler ``install`` registers answers verbatim."""

    def __init__(self, status_code: int, body: str):
        super().__init__(status_code=status_code, detail=json.loads(body)["error"])
        self.body = body


async def license_denied_handler(request: Request, exc: Exception) -> Response:
    """Answers a ``LicenseDenied`` with the core's body, like the middleware."""
    if not isinstance(exc, LicenseDenied):
        raise exc
    return Response(exc.body, status_code=exc.status_code, media_type="application/json")


def install(app: FastAPI, licensing: Licensing) -> None:
    """Gate every request (``LicenseWardenMiddleware``) and answer the
    dependencies' denials with the same body as the middleware."""
    app.add_middleware(LicenseWardenMiddleware, licensing=licensing)
    app.add_exception_handler(LicenseDenied, license_denied_handler)


async def _decide(licensing: Licensing, path: str, feature: str | None = None) -> GateDecision:
    """The gate's decision, waiting (at most ``FIRST_CHECK_WAIT``) for the
    first online check when the denial is only that none has been made yet:
    a paying customer's first requests after an install or a new key are not
    refused while the answer is on its way."""
    d = licensing.gate(path, feature)
    if d.allow or d.error is None or d.error.code not in AWAITING_CHECK:
        return d
    await asyncio.to_thread(licensing.ready, FIRST_CHECK_WAIT)
    return licensing.gate(path, feature)


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
        d = await _decide(self.licensing, scope.get("path", "/"))
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
        if snap.error is not None and snap.error.code in AWAITING_CHECK:
            snap = await asyncio.to_thread(licensing.ready, FIRST_CHECK_WAIT)
        if snap.status in ("active", "demo", "grace"):
            return
        e = snap.error
        status = 503 if snap.status == "expired" else 403
        error = {"code": e.code if e else "no-license", "message": e.message if e else "no valid license", "details": e.details if e else {}}
        raise LicenseDenied(status, json.dumps({"error": error}, separators=(",", ":"), sort_keys=True, ensure_ascii=False))

    return dependency


def require_feature(licensing: Licensing, feature: str) -> Callable[[Request], Awaitable[None]]:
    """Dependency: 403 naming the feature and plan when it is not licensed (503 after expiry)."""

    async def dependency(request: Request) -> None:
        d = await _decide(licensing, request.url.path, feature)
        if not d.allow:
            raise LicenseDenied(d.http_status, d.body)

    return dependency


def metrics_endpoint(licensing: Licensing) -> Callable[[], Awaitable[PlainTextResponse]]:
    """A ``/metrics`` route fed by the core (Prometheus text)."""

    async def metrics() -> PlainTextResponse:
        return PlainTextResponse(licensing.metrics(), media_type="text/plain; version=0.0.4")

    return metrics


class Gateway(_gateway.Gateway):
    """Per-request keys, for vendors who sell API access (the rule and the
    decision are the core's, shared with every host):
    ``Depends(gateway.require())`` / ``Depends(gateway.require("sso"))``
    returns the ``Caller`` (license id, org, snapshot): 401 without a key or
    with a rejected one, 403 naming a missing feature or a license not in
    force, 503 after its expiry, with the core's body (``gateway.install(app)``
    registers the handler that answers it verbatim, as every host does)."""

    def install(self, app: FastAPI) -> None:
        """Answer the gateway's denials with the core's body."""
        app.add_exception_handler(LicenseDenied, license_denied_handler)

    def require(self, feature: str | None = None) -> Callable[[Request], Awaitable[Caller]]:
        async def dependency(request: Request) -> Caller:
            caller, status, body = self.decide_request(request.headers, request.url.path, feature)
            if caller is None:
                raise LicenseDenied(status, body)
            return caller

        return dependency


_Maybe = Any | Awaitable[Any]


async def _value(v: _Maybe) -> Any:
    return await v if inspect.isawaitable(v) else v


def require_action(licensing: Licensing, action: str | Callable[[Request], str],
                   subject: Callable[[Request], _Maybe], verb: str = "execute") -> Callable[[Request], Awaitable[None]]:
    """Dependency: the access (RBAC) policy decides whether the caller may
    run ``verb`` on ``action`` (a name, or a function of the request, e.g.
    the query name in the path). ``subject(request)`` returns the caller's
    ``AccessSubject`` (roles and groups from the application's own
    authentication; an API-key caller as ``admin``, say). A denial is a 403
    with the core's body naming the action and the caller's roles."""

    async def dependency(request: Request) -> None:
        who = await _value(subject(request))
        if not isinstance(who, AccessSubject):
            who = AccessSubject(tuple(who[0]), tuple(who[1]))
        name = action(request) if callable(action) else action
        d = licensing.authorize(who, name, verb)
        if not d.allow:
            raise LicenseDenied(403, d.body)

    return dependency


def access_reload_endpoint(licensing: Licensing,
                           check: Callable[[Request], _Maybe]) -> Callable[[Request], Awaitable[Response]]:
    """A ``POST /admin/rbac/reload`` route: re-reads the policy file now.
    ``check(request)`` is the vendor's own authentication (an API key, an
    admin session); a false answer is a 401. A refused or unreadable policy
    is a 422 with the error body, and the policy in force stays."""

    async def reload(request: Request) -> Response:
        if not await _value(check(request)):
            body = {"error": {"code": "unauthorized", "details": {}, "message": "this route needs the vendor's admin credentials"}}
            return Response(json.dumps(body, separators=(",", ":"), sort_keys=True), 401, media_type="application/json")
        try:
            await asyncio.to_thread(licensing.reload_access_policy)
        except LicenseError as e:
            body = {"error": {"code": e.code, "details": e.details, "message": e.message}}
            return Response(json.dumps(body, separators=(",", ":"), sort_keys=True), 422, media_type="application/json")
        a = licensing.info().access
        out = {"reloaded": True, "access": None if a is None else {"enforced": a.enforced, "message": a.message}}
        return Response(json.dumps(out, separators=(",", ":"), sort_keys=True), 200, media_type="application/json")

    return reload

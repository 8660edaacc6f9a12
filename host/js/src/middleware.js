// HTTP middleware over Licensing#gate. The decision and its JSON body come
// from the core, so every host answers expired (503) and missing-feature
// (403) requests with the same body.

import { AWAITING_CHECK, FIRST_CHECK_WAIT_MS } from './options.js';

/**
 * The gate's decision, waiting (at most FIRST_CHECK_WAIT_MS) for the first
 * online check when the denial is only that none has been made yet: a paying
 * customer's first requests after an install or a new key are not refused
 * while the answer is on its way. Any other decision is returned at once.
 */
async function decide(licensing, path, feature) {
  const d = licensing.gate(path, feature);
  if (d.allow || !AWAITING_CHECK.includes(d.error?.code)) return d;
  await licensing.ready(FIRST_CHECK_WAIT_MS);
  return licensing.gate(path, feature);
}

function pathOf(url) {
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return url;
  }
}

/**
 * The warning to attach to allowed responses while the license runs on its
 * offline grace period (header `x-license-warning`), or null. ASCII only:
 * header values cannot carry anything else safely.
 */
export function licenseWarning(licensing) {
  return licensing.snapshot().warning;
}

/**
 * Express/Connect-style middleware: `app.use(expressGate(lic))` gates every
 * request (503 after expiry except exempt paths); `expressGate(lic, { feature: 'sso' })`
 * on a route also requires a feature (403 naming feature and plan).
 */
export function expressGate(licensing, { feature } = {}) {
  const answer = (d, res, next) => {
    if (d.allow) {
      const w = licenseWarning(licensing);
      if (w) res.setHeader('x-license-warning', w);
      return next();
    }
    res.statusCode = d.httpStatus;
    res.setHeader('content-type', 'application/json');
    res.end(d.body);
  };
  return function licensewardenGate(req, res, next) {
    const path = req.path ?? pathOf(req.url);
    const d = licensing.gate(path, feature);
    // The common case stays synchronous; only a denial waiting on the
    // first check goes async.
    if (d.allow || !AWAITING_CHECK.includes(d.error?.code)) return answer(d, res, next);
    decide(licensing, path, feature).then((again) => answer(again, res, next), next);
  };
}

/** Fetch-style: resolves with the denial Response for `request`, or null to proceed. */
export async function gateRequest(licensing, request, { feature } = {}) {
  const d = await decide(licensing, pathOf(request.url), feature);
  if (d.allow) return null;
  return new Response(d.body, { status: d.httpStatus, headers: { 'content-type': 'application/json' } });
}

/** Wrap a fetch handler `(request, ...rest) => Response` (workers, Deno, Bun). */
export function fetchGate(licensing, handler, options = {}) {
  return async (request, ...rest) => {
    const denied = await gateRequest(licensing, request, options);
    if (denied) return denied;
    const r = await handler(request, ...rest);
    const w = licenseWarning(licensing);
    if (!w) return r;
    const out = new Response(r.body, r);
    out.headers.set('x-license-warning', w);
    return out;
  };
}

/** Hono middleware: `app.use(honoGate(lic))`, `app.get('/sso', honoGate(lic, { feature: 'sso' }), ...)`. */
export function honoGate(licensing, options = {}) {
  return async (c, next) => {
    const denied = await gateRequest(licensing, c.req.raw, options);
    if (denied) return denied;
    await next();
    const w = licenseWarning(licensing);
    if (w) c.res.headers.set('x-license-warning', w);
  };
}

/**
 * Express middleware for one action under the access (RBAC) policy:
 * `app.get('/q/:name', expressAuthorize(lic, (req) => req.params.name, subjectOf))`.
 * `action` is a name or a function of the request; `subject(req)` returns
 * the caller's `{roles, groups}` from the application's own authentication
 * (an API-key caller as 'admin', say). A denial is a 403 with the core's
 * body naming the action and the caller's roles.
 */
export function expressAuthorize(licensing, action, subject, { verb = 'execute' } = {}) {
  return function licensewardenAuthorize(req, res, next) {
    Promise.resolve().then(() => subject(req)).then((who) => {
      const d = licensing.authorize(who, typeof action === 'function' ? action(req) : action, verb);
      if (d.allow) return next();
      res.statusCode = 403;
      res.setHeader('content-type', 'application/json');
      res.end(d.body);
    }, next);
  };
}

/** Fetch-style: the 403 Response when the policy denies, or null to proceed. */
export async function authorizeRequest(licensing, request, action, subject, { verb = 'execute' } = {}) {
  const who = await subject(request);
  const d = licensing.authorize(who, typeof action === 'function' ? action(request) : action, verb);
  if (d.allow) return null;
  return new Response(d.body, { status: 403, headers: { 'content-type': 'application/json' } });
}

/** Hono middleware: `app.get('/q/:name', honoAuthorize(lic, (c) => c.req.param('name'), subjectOf), ...)`. */
export function honoAuthorize(licensing, action, subject, { verb = 'execute' } = {}) {
  return async (c, next) => {
    const who = await subject(c);
    const d = licensing.authorize(who, typeof action === 'function' ? action(c) : action, verb);
    if (!d.allow) return new Response(d.body, { status: 403, headers: { 'content-type': 'application/json' } });
    await next();
  };
}

const json = (status, value) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

/**
 * The `POST /admin/rbac/reload` route as a fetch handler: `check(request)`
 * is the vendor's own authentication (false: 401); a refused or unreadable
 * policy is a 422 with the error body and the policy in force stays.
 * Express: `app.post('/admin/rbac/reload', expressHandler(accessReloadHandler(lic, check)))`
 * or use `expressAccessReload`.
 */
export function accessReloadHandler(licensing, check) {
  return async (request) => {
    if (!(await check(request))) {
      return json(401, { error: { code: 'unauthorized', details: {}, message: "this route needs the vendor's admin credentials" } });
    }
    try {
      licensing.reloadAccessPolicy();
    } catch (e) {
      return json(422, { error: { code: e.code ?? 'internal', details: e.details ?? {}, message: e.message } });
    }
    const a = licensing.info().access;
    return json(200, { access: a ? { enforced: a.enforced, message: a.message } : null, reloaded: true });
  };
}

/** Express form of accessReloadHandler: `check(req)` sees the Express request. */
export function expressAccessReload(licensing, check) {
  const handler = accessReloadHandler(licensing, check);
  return async (req, res, next) => {
    try {
      const r = await handler(req);
      res.statusCode = r.status;
      res.setHeader('content-type', 'application/json');
      res.end(await r.text());
    } catch (e) {
      next(e);
    }
  };
}

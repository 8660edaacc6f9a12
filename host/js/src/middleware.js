// HTTP middleware over Licensing#gate. The decision and its JSON body come
// from the core, so every host answers expired (503) and missing-feature
// (403) requests with the same body.

import { AWAITING_CHECK, FIRST_CHECK_WAIT_MS } from './core.js';

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

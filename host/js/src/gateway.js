// Per-request keys, for vendors who sell API access: each caller sends its
// own license key (`Authorization: License <key>` or `X-License-Key`) and
// one instance of the core decides every request (`gateKey`): garbage is
// refused without cryptography, verified keys are remembered inside the core
// within a byte budget (`gatewayCacheBytes`), forged ones are checked once
// and never evict a verified one. With `online.statusToken` the server's
// signed status list (revoked, suspended, deleted, renewed licenses) applies
// to every caller; no device is registered.

import { headersOf } from './rules.js';

/** A gateway over `licensing` (a promise of the gateway's one Licensing). */
export function gateway(licensing) {
  // A bad configuration is reported per request (503 with its code), never
  // as an unhandled rejection that would end the process.
  licensing.catch(() => {});

  /** `{status, body}` to deny with, or `{caller}` to proceed: `{licenseId, snapshot}`. */
  async function decide(header, path, feature) {
    let lic;
    try {
      lic = await licensing;
    } catch (e) {
      return { status: 503, body: JSON.stringify({ error: { code: e.code ?? 'internal', details: e.details ?? {}, message: String(e.message) } }) };
    }
    const d = lic.gateRequest(headersOf(header), path, feature);
    return d.allow ? { caller: d.caller } : { status: d.httpStatus, body: d.body };
  }

  return {
    decide,
    /** The gateway's own Licensing (`info()` shows the status list's fetch state). */
    licensing,
    /** Counts: verified keys held and their bytes, forged keys remembered, the status list. */
    async stats() {
      return (await licensing).gatewayStats();
    },
    /** Express/Connect: `app.get('/api', gw.express({ feature }), handler)`; sets `req.caller`. */
    express({ feature } = {}) {
      return (req, res, next) => {
        decide((n) => req.headers[n], req.path ?? new URL(req.url, 'http://localhost').pathname, feature).then((r) => {
          if (r.caller) {
            req.caller = r.caller;
            return next();
          }
          res.statusCode = r.status;
          res.setHeader('content-type', 'application/json');
          res.end(r.body);
        }, next);
      };
    },
    /** Hono: `app.use('/api/*', gw.hono())`; sets `c.get('caller')`. */
    hono({ feature } = {}) {
      return async (c, next) => {
        const r = await decide((n) => c.req.header(n), new URL(c.req.url).pathname, feature);
        if (!r.caller) return new Response(r.body, { status: r.status, headers: { 'content-type': 'application/json' } });
        c.set('caller', r.caller);
        await next();
      };
    },
  };
}

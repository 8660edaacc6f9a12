// Per-request keys, for vendors who sell API access: each caller sends its
// own license key (`Authorization: License <key>` or `X-License-Key`) and
// the gateway verifies it, as the edge worker does. Verified keys are cached
// by the SHA-256 of the key (never the key itself), bounded, least recently
// used evicted; each entry is a configured Licensing whose snapshot answers
// later requests without re-verifying.

const NO_KEY = JSON.stringify({ error: { code: 'no-license', details: {}, message: 'send the license key as "Authorization: License <key>" or "X-License-Key"' } });

const trimWs = (s) => s.replace(/^[ \t]+|[ \t]+$/g, '');
// ASCII case only: toLowerCase would fold a Kelvin sign into a k.
const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The caller's key from a header getter `(name) => value | undefined`, or
 * null, by the rule every host shares (tests/vectors/gateway.json):
 * Authorization trimmed of spaces and tabs is `License` (ASCII case
 * ignored), spaces or tabs, and a key without either; otherwise
 * X-License-Key trimmed, when not empty.
 */
export function keyFrom(header) {
  const m = /^([^ \t]+)[ \t]+([^ \t]+)$/.exec(trimWs(header('authorization') ?? ''));
  if (m && asciiLower(m[1]) === 'license') return m[2];
  const x = trimWs(header('x-license-key') ?? '');
  return x === '' ? null : x;
}

async function sha256(text) {
  const d = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const errorBody = (e) => JSON.stringify({ error: { code: e.code, details: e.details ?? {}, message: e.message } });

/** A gateway over `create(options)` (the entry's createLicensing). */
export function gateway(create, options = {}, { maxCached = 256 } = {}) {
  const cache = new Map();

  async function licensingFor(key) {
    const id = await sha256(key);
    let lic = cache.get(id);
    if (lic) {
      cache.delete(id); // re-inserted below: most recently used last
    } else {
      lic = create({ ...options, key });
      if (cache.size >= maxCached) {
        const [oldest, old] = cache.entries().next().value;
        cache.delete(oldest);
        old.then((l) => l.close(), () => {});
      }
    }
    cache.set(id, lic);
    return lic;
  }

  /** `{status, body}` to deny with, or `{licensing}` to proceed. */
  async function decide(header, path, feature) {
    const key = keyFrom(header);
    if (!key) return { status: 401, body: NO_KEY };
    let lic;
    try {
      lic = await licensingFor(key);
    } catch (e) {
      return { status: 503, body: errorBody(e) };
    }
    const snap = lic.snapshot();
    if (snap.status === 'invalid' && snap.error) return { status: 401, body: errorBody(snap.error) };
    const d = lic.gate(path, feature);
    if (!d.allow) return { status: d.httpStatus, body: d.body };
    return { licensing: lic };
  }

  return {
    licensingFor,
    decide,
    /** How many verified keys are held. */
    get cached() {
      return cache.size;
    },
    /** Express/Connect: `app.get('/api', gw.express({ feature }), handler)`; sets `req.licensing`. */
    express({ feature } = {}) {
      return (req, res, next) => {
        decide((n) => req.headers[n], req.path ?? new URL(req.url, 'http://localhost').pathname, feature).then((r) => {
          if (r.licensing) {
            req.licensing = r.licensing;
            return next();
          }
          res.statusCode = r.status;
          res.setHeader('content-type', 'application/json');
          res.end(r.body);
        }, next);
      };
    },
    /** Hono: `app.use('/api/*', gw.hono())`; sets `c.get('licensing')`. */
    hono({ feature } = {}) {
      return async (c, next) => {
        const r = await decide((n) => c.req.header(n), new URL(c.req.url).pathname, feature);
        if (!r.licensing) return new Response(r.body, { status: r.status, headers: { 'content-type': 'application/json' } });
        c.set('licensing', r.licensing);
        await next();
      };
    },
  };
}

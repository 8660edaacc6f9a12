// An API-gateway edge worker: verifies the license key on each request at
// the edge, before anything reaches the origin.
//
//   Authorization: License <key>     (or X-License-Key: <key>)
//
// Bindings: TRUSTED_KEYS (JSON array of {kid, algorithm, key}), POLICY (JSON),
// FEATURE_ROUTES (JSON {"/path-prefix": "feature"}). Answers 401 (no or
// rejected key), 403 (feature not licensed), 503 (expired) with the core's
// error code, or 200 with the license summary (a real gateway would forward
// to the origin here).
//
// Verified keys are cached per isolate, keyed by the SHA-256 of the key
// (never the key itself), bounded to MAX_CACHED entries (least recently
// used evicted). Each entry is a configured licensewarden instance whose
// snapshot answers later requests without re-verifying.
//
// Online validation (optional bindings LICENSE_SERVER, SERVER_KEYS): a key
// new to this isolate is validated once before its first answer (bounded by
// a 3 s timeout; unreachable means restricted, i.e. community features);
// after that, due checks run through ctx.waitUntil, so no request waits for
// one, and the core sends at most one check per lease (24 h) per key. The
// sealed state lives in the isolate's memory.

import { createLicensing } from '../../host/js/src/worker.js';

const MAX_CACHED = 32;
const cache = new Map();

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function keyFrom(request) {
  const auth = request.headers.get('authorization') ?? '';
  const m = /^License\s+(\S+)\s*$/i.exec(auth);
  if (m) return m[1];
  const x = request.headers.get('x-license-key');
  return x ? x.trim() : null;
}

async function sha256(text) {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function licensingFor(key, env, ctx) {
  const id = await sha256(key);
  let lic = cache.get(id);
  if (lic) {
    cache.delete(id); // re-insert: most recently used last
    if (env.LICENSE_SERVER) ctx.waitUntil(lic.validateIfDue());
  } else {
    lic = await createLicensing({
      trustedKeys: JSON.parse(env.TRUSTED_KEYS ?? '[]'),
      policy: env.POLICY ?? '',
      key,
      online: env.LICENSE_SERVER
        ? { serverUrl: env.LICENSE_SERVER, serverKeys: JSON.parse(env.SERVER_KEYS ?? '[]'), timeoutMs: 3000 }
        : undefined,
    });
    if (env.LICENSE_SERVER && lic.snapshot().status !== 'invalid') await lic.validateIfDue();
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value);
  }
  cache.set(id, lic);
  return lic;
}

function featureFor(path, routes) {
  const hit = Object.keys(routes).filter((p) => path === p || path.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0];
  return hit ? routes[hit] : null;
}

export default {
  async fetch(request, env, ctx) {
    const key = keyFrom(request);
    if (!key) {
      return json(401, { error: { code: 'no-license', message: 'send the license key as "Authorization: License <key>" or "X-License-Key"' } });
    }
    const lic = await licensingFor(key, env, ctx);
    const snap = lic.snapshot();
    if (snap.status === 'invalid') {
      return json(401, { error: { code: snap.error.code, message: snap.error.message } });
    }
    const path = new URL(request.url).pathname;
    const d = lic.gate(path, featureFor(path, JSON.parse(env.FEATURE_ROUTES ?? '{}')));
    if (!d.allow) {
      return new Response(d.body, { status: d.httpStatus, headers: { 'content-type': 'application/json' } });
    }
    return json(200, { ok: true, plan: snap.plan, status: snap.status, cached: cache.size });
  },
};

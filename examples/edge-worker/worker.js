// An API-gateway edge worker: one licensewarden core per isolate decides the
// caller's key on each request at the edge, before anything reaches the
// origin.
//
//   Authorization: License <key>     (or X-License-Key: <key>)
//
// Bindings: TRUSTED_KEYS (JSON array of {kid, algorithm, key}), POLICY (JSON),
// FEATURE_ROUTES (JSON {"/path-prefix": "feature"}). Answers 401 (no or
// rejected key), 403 (feature not licensed, or a license the status list
// says was revoked, suspended or deleted), 503 (expired) with the core's
// body, or 200 with the caller's license (a real gateway would forward to
// the origin here).
//
// The core remembers verified keys within a byte budget and checks each
// forged key at most once, so a flood of made-up keys neither costs a
// signature check per request nor pushes paying callers out.
//
// Status list (optional bindings LICENSE_SERVER, SERVER_KEYS, STATUS_TOKEN,
// a server token of scope `status`): the isolate's first request waits for
// the server's signed list (3 s timeout); later requests refresh it through
// ctx.waitUntil when due (every 2 minutes), so no request waits for one.
// Revocations, suspensions, deletions and renewals apply to every caller,
// and the worker registers no device on anyone's license.

import { createGateway } from 'licensewarden/worker';

let gw = null;
let firstFetch = null;

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function gatewayFor(env) {
  gw ??= createGateway({
    trustedKeys: JSON.parse(env.TRUSTED_KEYS ?? '[]'),
    policy: env.POLICY ?? '',
    online: env.LICENSE_SERVER && env.STATUS_TOKEN
      ? { serverUrl: env.LICENSE_SERVER, serverKeys: JSON.parse(env.SERVER_KEYS ?? '[]'), statusToken: env.STATUS_TOKEN, timeoutMs: 3000 }
      : undefined,
  });
  return gw;
}

async function refreshStatus(g, ctx) {
  const lic = await g.licensing;
  if (!firstFetch) {
    firstFetch = lic.validateIfDue().catch(() => {});
    await firstFetch;
  } else {
    ctx.waitUntil(lic.validateIfDue().catch(() => {}));
  }
}

function featureFor(path, routes) {
  const hit = Object.keys(routes).filter((p) => path === p || path.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0];
  return hit ? routes[hit] : null;
}

export default {
  async fetch(request, env, ctx) {
    const g = gatewayFor(env);
    if (env.LICENSE_SERVER && env.STATUS_TOKEN) await refreshStatus(g, ctx);
    const path = new URL(request.url).pathname;
    const feature = featureFor(path, JSON.parse(env.FEATURE_ROUTES ?? '{}'));
    const r = await g.decide((name) => request.headers.get(name) ?? undefined, path, feature);
    if (!r.caller) {
      return new Response(r.body, { status: r.status, headers: { 'content-type': 'application/json' } });
    }
    const stats = await g.stats();
    return json(200, {
      ok: true, license: r.caller.licenseId, plan: r.caller.snapshot.plan, status: r.caller.snapshot.status,
      cached: stats.cachedKeys, statusSerial: stats.statusSerial,
    });
  },
};

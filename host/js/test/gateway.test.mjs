// Per-request keys over real HTTP on 127.0.0.1: Express and Hono gateways
// decide each caller's key through one core, remember forgeries apart from
// verified keys, and answer 401 / 403 / 503 with the core's body.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createGateway } from '../src/node.js';
import { issue, keypair, POLICY, tamper } from './helpers.mjs';

const kp = keypair();
const pro = issue(kp, {});
const ent = issue(kp, { id: 'lic_ent', plan: 'enterprise' });

async function withServer(kind, gw, fn) {
  let server;
  if (kind === 'express') {
    const app = express();
    app.get('/api/query', gw.express(), (req, res) => res.send(`plan ${req.caller.snapshot.plan} for ${req.caller.licenseId}`));
    app.get('/api/sso', gw.express({ feature: 'sso' }), (_req, res) => res.send('sso'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.on('listening', r));
  } else {
    const app = new Hono();
    app.get('/api/query', gw.hono(), (c) => c.text(`plan ${c.get('caller').snapshot.plan} for ${c.get('caller').licenseId}`));
    app.get('/api/sso', gw.hono({ feature: 'sso' }), (c) => c.text('sso'));
    server = await new Promise((r) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => r(s)); });
  }
  try {
    await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.close();
  }
}

const get = async (url, headers = {}) => {
  const r = await fetch(url, { headers });
  return { status: r.status, body: await r.text() };
};

for (const kind of ['express', 'hono']) {
  test(`${kind} gateway: each caller's key decides, 401 without or with a forged key`, async () => {
    const gw = createGateway({ trustedKeys: [kp.trusted], policy: POLICY });
    await withServer(kind, gw, async (base) => {
      assert.deepEqual(await get(`${base}/api/query`, { authorization: `License ${pro}` }), { status: 200, body: `plan pro for ${JSON.parse(Buffer.from(pro.split('.')[3], 'base64url')).id}` });
      const denied = await get(`${base}/api/sso`, { 'x-license-key': pro });
      assert.equal(denied.status, 403);
      assert.deepEqual(JSON.parse(denied.body).error.details, { feature: 'sso', plan: 'pro' });
      assert.equal((await get(`${base}/api/sso`, { authorization: `license ${ent}` })).status, 200);
      const none = await get(`${base}/api/query`);
      assert.equal(none.status, 401);
      assert.equal(JSON.parse(none.body).error.code, 'no-license');
      const forged = await get(`${base}/api/query`, { authorization: `License ${tamper(pro)}` });
      assert.equal(forged.status, 401);
      assert.equal(JSON.parse(forged.body).error.code, 'bad-signature');
      const old = await get(`${base}/api/query`, { authorization: `License ${issue(kp, { id: 'lic_old', expires_at: '2020-01-01' })}` });
      assert.equal(old.status, 503);
      assert.equal(JSON.parse(old.body).error.code, 'expired');
      const stats = await gw.stats();
      assert.equal(stats.cachedKeys, 3, 'pro, enterprise and the expired key');
      assert.equal(stats.rejectedKeys, 1, 'the forgery, checked once');
      assert.ok(stats.cachedBytes <= stats.cacheBudget);
    });
  });
}

test('the old cache-size argument is refused, not ignored', () => {
  assert.throws(() => createGateway({ trustedKeys: [kp.trusted] }, { maxCached: 2 }), { code: 'invalid-config' });
});

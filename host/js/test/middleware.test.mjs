// Both middlewares over real HTTP on 127.0.0.1: Express (req, res, next)
// and fetch-style (Hono on @hono/node-server).
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import express from 'express';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createLicensing, expressGate, honoGate } from '../src/node.js';
import { issue, keypair, POLICY } from './helpers.mjs';

const kp = keypair();
const make = (claims, opts = {}) => createLicensing({
  product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, env: {}, home: null,
  key: claims === null ? null : issue(kp, claims), ...opts,
});

// fetch() normalises '/health/../x' to '/x' before sending; node:http sends
// the path exactly as written, so the look-alike really reaches the server.
function rawStatus(port, path) {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject).end();
  });
}

function listen(server) {
  return new Promise((resolve) => server.on('listening', () => resolve(server.address().port)));
}

async function withExpress(lic, fn) {
  const app = express();
  app.use(expressGate(lic));
  app.get('/health', (_req, res) => res.send('ok'));
  app.get('/metrics', (_req, res) => res.type('text/plain').send(lic.metrics()));
  app.get('/api/devices', (_req, res) => res.json({ devices: [] }));
  app.get('/api/sso', expressGate(lic, { feature: 'sso' }), (_req, res) => res.send('sso'));
  const server = app.listen(0, '127.0.0.1');
  const port = await listen(server);
  try {
    await fn((p) => fetch(`http://127.0.0.1:${port}${p}`), port);
  } finally {
    server.close();
  }
}

async function withHono(lic, fn) {
  const app = new Hono();
  app.use('*', honoGate(lic));
  app.get('/health', (c) => c.text('ok'));
  app.get('/api/devices', (c) => c.json({ devices: [] }));
  app.get('/api/sso', honoGate(lic, { feature: 'sso' }), (c) => c.text('sso'));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  const port = await listen(server);
  try {
    await fn((p) => fetch(`http://127.0.0.1:${port}${p}`), port);
  } finally {
    server.close();
  }
}

for (const [name, withServer] of [['express', withExpress], ['fetch-style (hono)', withHono]]) {
  test(`${name}: valid license passes, missing feature is 403 naming feature and plan`, async () => {
    await withServer(await make({}), async (get) => {
      assert.equal((await get('/api/devices')).status, 200);
      const r = await get('/api/sso');
      assert.equal(r.status, 403);
      const body = await r.json();
      assert.equal(body.error.code, 'feature-not-licensed');
      assert.deepEqual(body.error.details, { feature: 'sso', plan: 'pro' });
    });
  });

  test(`${name}: expired license blocks new requests with 503 but not /health`, async () => {
    await withServer(await make({ expires_at: '2021-01-01' }), async (get, port) => {
      const r = await get('/api/devices');
      assert.equal(r.status, 503);
      assert.equal((await r.json()).error.code, 'expired');
      assert.equal((await get('/health')).status, 200);
      assert.equal(await rawStatus(port, '/health/../api/devices'), 503);
    });
  });
}

test('express: /metrics stays open after expiry and reports it', async () => {
  await withExpress(await make({ expires_at: '2021-01-01' }), async (get) => {
    const r = await get('/metrics');
    assert.equal(r.status, 200);
    assert.match(await r.text(), /acme_license_info\{plan="pro",status="expired"\} 1/);
  });
});

// An independent signer for server answers (node:crypto): checks the
// protocol's signing input from outside Rust, and puts a license in grace.
async function inGrace() {
  const { createHash, generateKeyPairSync, sign } = await import('node:crypto');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const server = { kid: 'srv-js', algorithm: 'ed25519', key: publicKey.export({ format: 'jwk' }).x };
  let now = Date.parse('2026-06-01T00:00:00Z');
  const lic = await make({}, { clock: () => now, online: { serverUrl: 'https://license.example.com', serverKeys: [server], background: false } });
  const req = JSON.parse(lic.onlineRequest('validate').body);
  const body = JSON.stringify({ device_id: req.device_id, devices: { max: 5, registered: 1 }, lease_ms: 86400000, license_id: req.license_id,
    message: 'ok', nonce: req.nonce, result: 'valid', server_time: now, v: 1 });
  const input = `licensewarden/response/v1\n200\n${createHash('sha256').update(body).digest('hex')}`;
  const sig = sign(null, Buffer.from(input), privateKey).toString('base64url');
  const out = lic.applyResponse({ status: 200, headers: { 'x-licensewarden-signature': `srv-js.${sig}` }, body });
  assert.equal(out.error, null);
  now += 25 * 3600 * 1000;
  assert.equal(lic.snapshot().status, 'grace');
  return lic;
}

test('Express and Hono allow requests in grace with an x-license-warning header', async () => {
  const lic = await inGrace();
  await withExpress(lic, async (get) => {
    const r = await get('/api/devices');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('x-license-warning'), /offline grace period active \(47h 0m remaining/);
  });
  const app = new Hono();
  app.use('*', honoGate(lic));
  app.get('/api/devices', (c) => c.json({ devices: [] }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  const port = await listen(server);
  const r = await fetch(`http://127.0.0.1:${port}/api/devices`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('x-license-warning'), /grace period/);
  server.close();
});

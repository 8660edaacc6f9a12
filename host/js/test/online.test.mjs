// Online validation through the Node host against the real
// licensewarden-server: activate, device limit, revoke, grace when the
// server is gone, recovery, tampered state, a hanging server.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import express from 'express';
import { createGateway, createLicensing, expressGate, fileStore, memoryStore } from '../src/node.js';
import { issue, keypair, POLICY } from './helpers.mjs';
import { Server } from './server.mjs';

const kp = keypair('js-online');
const server = await new Server().start();
after(() => server.stop());

const facts = (n) => ({ mac: `02:00:00:00:01:${n.toString(16).padStart(2, '0')}`, hostname: `js-${n}`, arch: 'x86_64', os: 'linux' });

async function license(id, maxDevices) {
  const token = issue(kp, { id, limits: { max_devices: maxDevices } });
  const r = await server.admin('POST', '/admin/licenses', { token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return token;
}

function client(token, n, extra = {}) {
  return createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, key: token, env: {}, home: null,
    deviceFacts: facts(n), store: memoryStore(),
    online: { serverUrl: server.url, serverKeys: [server.publicKey], background: false, timeoutMs: 3000 },
    ...extra,
  });
}

test('activate, validate, device limit naming registered/max, revoke', async () => {
  const token = await license('lic_js_life', 2);
  const a = await client(token, 1);
  assert.equal(a.snapshot().status, 'restricted');
  const out = await a.activate();
  assert.equal(out.error, null);
  assert.equal(out.snapshot.status, 'active');
  a.checkFeature('api_access');
  const on = a.info().online;
  assert.deepEqual([on.devicesRegistered, on.devicesMax], [1, 2]);
  assert.equal((await a.validateNow()).error, null);
  assert.equal(await a.validateIfDue(), null, 'no call within the lease');

  assert.equal((await (await client(token, 2)).activate()).error, null);
  const third = await (await client(token, 3)).activate();
  assert.equal(third.error.code, 'device-limit-exceeded');
  assert.equal(third.error.details.registered, '2');
  assert.equal(third.error.details.max, '2');

  assert.equal((await server.admin('POST', '/admin/licenses/lic_js_life/revoke')).status, 200);
  const revoked = await a.validateNow();
  assert.equal(revoked.error.code, 'revoked');
  assert.equal(a.snapshot().status, 'invalid');
  assert.equal(a.hasFeature('api_access'), false);
  a.checkFeature('basic');
});

test('server stopped: grace with hours left; restarted: recovered at once', async () => {
  const token = await license('lic_js_grace', 5);
  let offset = 0;
  const lic = await client(token, 1, { clock: () => Date.now() + offset });
  assert.equal((await lic.activate()).error, null);
  await server.stop();
  offset = 25 * 3600 * 1000;
  const out = await lic.validateIfDue();
  assert.equal(out.error.code, 'offline');
  assert.equal(out.snapshot.status, 'grace');
  assert.match(out.snapshot.error.message, /(46h 5\dm|47h 0\dm) remaining/);
  lic.checkFeature('api_access');
  await server.start();
  offset = 0;
  const back = await lic.validateNow();
  assert.equal(back.error, null);
  assert.equal(back.snapshot.status, 'active');
});

test('a tampered state file is detected and revalidated', async () => {
  const token = await license('lic_js_state', 5);
  const dir = mkdtempSync(join(tmpdir(), 'lw-js-state-'));
  const first = await client(token, 1, { store: fileStore(dir) });
  assert.equal((await first.activate()).error, null);
  const again = await client(token, 1, { store: fileStore(dir) });
  assert.equal(again.snapshot().status, 'active', 'the sealed file carries the lease');
  const file = join(dir, 'validation.state');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.slice(0, -3) + (text.at(-3) === 'A' ? 'B' : 'A') + text.slice(-2));
  const lic = await client(token, 1, { store: fileStore(dir) });
  assert.equal(lic.snapshot().error.code, 'state-tampered');
  assert.equal(lic.info().online.stateError.code, 'state-tampered');
  const out = await lic.validateIfDue();
  assert.equal(out.snapshot.status, 'active');
  // A flipped high bit makes the file invalid UTF-8: still tampered.
  const raw = readFileSync(file);
  raw[10] ^= 0x80;
  writeFileSync(file, raw);
  const flipped = await client(token, 1, { store: fileStore(dir) });
  assert.equal(flipped.snapshot().error.code, 'state-tampered');
});

test('a hanging server never blocks request paths; the check times out as offline', async () => {
  const sockets = [];
  const hang = createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
  await new Promise((r) => hang.once('listening', r));
  const token = issue(kp, { id: 'lic_js_hang' });
  const lic = await createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, key: token, env: {}, home: null, store: memoryStore(),
    online: { serverUrl: `http://127.0.0.1:${hang.address().port}`, serverKeys: [server.publicKey], background: false, timeoutMs: 1500 },
  });
  const pending = lic.validateIfDue();
  let settled = false;
  pending.then(() => { settled = true; });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(settled, false, 'the check is still waiting on the server');
  lic.checkFeature('basic');
  assert.equal(lic.gate('/api', null).allow, true);
  assert.equal(lic.info().status, 'restricted');
  const out = await pending;
  assert.equal(out.error.code, 'offline');
  for (const s of sockets) s.destroy();
  hang.close();
});

test('a state file written by the Rust CLI is read by Node on the same machine', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdirSync } = await import('node:fs');
  const token = await license('lic_js_shared', 5);
  const home = mkdtempSync(join(tmpdir(), 'lw-js-home-'));
  mkdirSync(join(home, '.acme'));
  writeFileSync(join(home, 'vendor.pub'), JSON.stringify(kp.trusted));
  writeFileSync(join(home, 'server.pub'), JSON.stringify(server.publicKey));
  const cli = new URL('../../../target/debug/licensewarden', import.meta.url).pathname;
  execFileSync(cli, ['activate', '--product', 'acme', '--public-key', join(home, 'vendor.pub'), '--key', token,
    '--server', server.url, '--server-key', join(home, 'server.pub')], { env: { ...process.env, HOME: home } });
  // Same home, real device facts, no key override of the state location.
  const lic = await createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, key: token, env: {}, home,
    online: { serverUrl: server.url, serverKeys: [server.publicKey], background: false },
  });
  assert.equal(lic.snapshot().status, 'active', JSON.stringify(lic.info().online));
  assert.equal(await lic.validateIfDue(), null, 'the lease from the CLI holds: no network call');
});

test('the Node timer runs the first check by itself and stops after close()', async () => {
  const token = await license('lic_js_timer', 5);
  const lic = await createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, key: token, env: {}, home: null, store: memoryStore(),
    deviceFacts: facts(9), online: { serverUrl: server.url, serverKeys: [server.publicKey] },
  });
  for (let i = 0; i < 100 && lic.snapshot().status !== 'active'; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(lic.snapshot().status, 'active', 'the background check validated the license');
  lic.close();
  assert.equal(lic.closed, true);
});

test('renew, upgrade, suspend and reinstate reach a running Express service at its next check', async () => {
  const { default: express } = await import('express');
  const { expressGate } = await import('../src/middleware.js');
  const token = await license('lic_js_terms', 3);
  const lic = await client(token, 7);
  const app = express();
  app.get('/api/devices', expressGate(lic), (req, res) => res.json({ devices: [] }));
  app.get('/api/sso', expressGate(lic, { feature: 'sso' }), (req, res) => res.send('sso'));
  app.get('/api/query', expressGate(lic, { feature: 'api_access' }), (req, res) => res.send('q'));
  const http = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const base = `http://127.0.0.1:${http.address().port}`;
  try {
    assert.equal((await lic.activate()).error, null);
    assert.equal((await fetch(`${base}/api/sso`)).status, 403);

    const r = await server.admin('PATCH', '/admin/licenses/lic_js_terms', { plan: 'enterprise', expires: '2100-01-31' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal((await lic.validateNow()).error, null, 'the next check');
    assert.equal((await fetch(`${base}/api/sso`)).status, 200, 'the upgrade unlocks sso in the running service');
    const info = lic.info();
    assert.equal(info.plan, 'enterprise');
    assert.equal(info.expiresAt, 4105123200000, '2100-02-01T00:00:00Z: the renewal, same key');
    assert.match(info.online.termsChanged, /plan changed from pro to enterprise/);

    assert.equal((await server.admin('POST', '/admin/licenses/lic_js_terms/suspend', { reason: 'invoice 7 is unpaid' })).status, 200);
    const out = await lic.validateNow();
    assert.equal(out.error.code, 'suspended');
    assert.match(out.error.message, /invoice 7 is unpaid/);
    assert.equal(out.error.name, 'LicenseSuspendedError');
    assert.equal((await fetch(`${base}/api/devices`)).status, 200, 'community tier, not a 503');
    const q = await fetch(`${base}/api/query`);
    assert.equal(q.status, 403);
    assert.match(await q.text(), /suspended/);

    assert.equal((await server.admin('POST', '/admin/licenses/lic_js_terms/reinstate')).status, 200);
    assert.equal((await lic.validateNow()).error, null);
    assert.equal((await fetch(`${base}/api/sso`)).status, 200);
  } finally {
    await new Promise((resolve) => http.close(resolve));
    lic.close?.();
  }
});

test('a state that cannot be saved is state-not-saved, naming the path', async () => {
  const token = await license('lic_js_unsaved', 5);
  const dir = mkdtempSync(join(tmpdir(), 'lw-js-unsaved-'));
  // No directory can be made under a file, even by root.
  writeFileSync(join(dir, 'not-a-dir'), 'x');
  const out = await (await client(token, 1, { store: fileStore(join(dir, 'not-a-dir', 'state')) })).activate();
  assert.equal(out.error?.code, 'state-not-saved');
  assert.match(out.error.message, /not-a-dir/);
  assert.match(out.error.details.reason, /not-a-dir/);
  assert.equal(out.snapshot.status, 'active', 'the answer holds in memory');
});

test('a state copied back with the clock set back is clock-rollback (the witness lives apart)', async () => {
  const token = await license('lic_js_rollback', 5);
  const dir = mkdtempSync(join(tmpdir(), 'lw-js-rollback-'));
  const [state, witness] = [join(dir, 'state'), join(dir, 'witness')];
  let offset = 0;
  const make = () => client(token, 1, { clock: () => Date.now() + offset, store: fileStore(state, witness) });
  assert.equal((await (await make()).activate()).error, null);
  const saved = readFileSync(join(state, 'validation.state'));
  assert.equal(readdirSync(witness).filter((n) => n.startsWith('witness-')).length, 1);
  await server.stop();
  try {
    offset = 73 * 3600 * 1000;
    const lic = await make();
    assert.equal((await lic.validateIfDue()).error.code, 'offline');
    assert.equal(lic.snapshot().error.code, 'grace-expired');
    writeFileSync(join(state, 'validation.state'), saved);
    offset = 3600 * 1000;
    assert.equal((await make()).snapshot().error.code, 'clock-rollback');
  } finally {
    await server.start();
  }
});

test("a paying customer's first request waits for the first check instead of a 403", async () => {
  const token = await license('lic_js_first', 5);
  const lic = await client(token, 1);
  assert.equal(lic.snapshot().error.code, 'not-validated', 'no check made yet');
  const app = express();
  app.get('/api/reports', expressGate(lic, { feature: 'api_access' }), (req, res) => res.send('ok'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const r = await fetch(`http://127.0.0.1:${server.address().port}/api/reports`);
    assert.equal(r.status, 200, await r.text());
  } finally {
    server.close();
  }
  assert.equal((await lic.ready()).status, 'active');
  // An answer is held: nothing is due, so ready() has nothing to wait for.
  assert.equal(await lic.validateIfDue(), null);
});

test('a revoked license is refused over HTTP with its own code, not an upgrade hint', async () => {
  const token = await license('lic_js_revoked_http', 5);
  const lic = await client(token, 1);
  assert.equal((await lic.activate()).error, null);
  assert.equal((await server.admin('POST', '/admin/licenses/lic_js_revoked_http/revoke')).status, 200);
  assert.equal((await lic.validateNow()).error.code, 'revoked');
  const app = express();
  app.get('/api/reports', expressGate(lic, { feature: 'api_access' }), (req, res) => res.send('ok'));
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  try {
    const r = await fetch(`http://127.0.0.1:${http.address().port}/api/reports`);
    assert.equal(r.status, 403);
    const { error } = await r.json();
    assert.equal(error.code, 'revoked');
    assert.equal(error.details.feature, 'api_access');
    assert.doesNotMatch(error.message, /upgrade to a plan/);
  } finally {
    http.close();
  }
});

test('Node createGateway keeps its online settings: the status list refuses a revoked caller', async () => {
  const revoked = await license('lic_js_gw_revoked', 5);
  const live = await license('lic_js_gw_live', 5);
  assert.equal((await server.admin('POST', '/admin/licenses/lic_js_gw_revoked/revoke')).status, 200);
  const token = await server.admin('POST', '/admin/tokens', { name: 'js-gateway', scope: 'status' });
  assert.equal(token.status, 201);
  const gw = createGateway({
    trustedKeys: [kp.trusted], policy: POLICY,
    online: { serverUrl: server.url, serverKeys: [server.publicKey], statusToken: token.body.token, background: false },
  });
  const lic = await gw.licensing;
  assert.equal(lic.info().online?.serverUrl, server.url, 'the online settings reached the core');
  assert.equal((await lic.validateNow()).error, null, 'the status list was fetched');
  const header = (t) => (n) => (n === 'authorization' ? `License ${t}` : undefined);
  const refused = await gw.decide(header(revoked), '/api/x', 'api_access');
  assert.equal(refused.status, 403);
  assert.equal(JSON.parse(refused.body).error.code, 'revoked');
  assert.ok((await gw.decide(header(live), '/api/x', 'api_access')).caller);
});

test('air-gapped: the request file becomes an activation file on the server, installed here it activates this device only', async () => {
  const token = await license('lic_js_gap', 1);
  // The machine never reaches the server: its URL leads nowhere.
  const offline = { serverUrl: 'http://127.0.0.1:9', serverKeys: [server.publicKey], background: false, timeoutMs: 1000 };
  const store = memoryStore();
  const lic = await client(token, 1, { online: offline, store });
  const made = await server.admin('POST', '/admin/offline-activations', { request: lic.offlineRequest() });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const out = lic.installActivation(made.body.activation);
  assert.equal(out.error, null);
  assert.equal(out.snapshot.status, 'active');
  lic.checkFeature('api_access');
  assert.ok(lic.info().online.activationEnds > Date.now() + 29 * 86400000);
  assert.equal(JSON.parse(lic.infoJson()).online.activation_ends, made.body.valid_until);

  const other = await client(token, 2, { online: offline });
  const refused = other.installActivation(made.body.activation);
  assert.equal(refused.error.code, 'bad-response');
  assert.match(refused.error.message, /another device/);
  const full = await server.admin('POST', '/admin/offline-activations', { request: other.offlineRequest() });
  assert.equal(full.status, 409);
  assert.equal(full.body.error.code, 'device-limit');
  assert.throws(() => lic.installActivation(42), TypeError);
});

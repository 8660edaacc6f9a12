// The access (RBAC) policy through the Node host: files and variables,
// re-reading, the memo, the logger, and Express and Hono over real HTTP.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import express from 'express';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { accessReloadHandler, createLicensing, expressAccessReload, expressAuthorize, honoAuthorize, InternalError, InvalidConfigError } from '../src/node.js';
import { issue, keypair, POLICY } from './helpers.mjs';

const kp = keypair();
// network-ops-team may run topology_*, admin everything.
const RBAC_YAML = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/rbac-ops.yaml'), 'utf8');
const dir = () => mkdtempSync(join(tmpdir(), 'lw-access-'));
const make = (env, opts = {}) => createLicensing({
  product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, env, home: null, key: issue(kp, { plan: 'enterprise' }), ...opts,
});
const subjectOf = (get) => (get('x-api-key') === 'vendor-admin' ? { roles: ['admin'] } : { groups: (get('x-groups') ?? '').split(',').filter(Boolean) });
const ops = { headers: { 'x-groups': 'network-ops-team' } };

async function listening(server) {
  await new Promise((r) => server.on('listening', r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** network-ops-team may run topology_map and not firewall_rules: the 403. */
async function allowsTopologyDeniesFirewall(base) {
  assert.equal((await fetch(`${base}/api/queries/topology_map`, ops)).status, 200);
  const r = await fetch(`${base}/api/queries/firewall_rules`, ops);
  assert.equal(r.status, 403);
  return r;
}

test('express gates an action by the caller\'s groups and answers the core body', async () => {
  const d = dir();
  const file = join(d, 'rbac.yaml');
  writeFileSync(file, RBAC_YAML);
  const lic = await make({ ACME_RBAC_POLICY_FILE: file, ACME_RBAC_RELOAD_INTERVAL: '0' });
  const app = express();
  app.get('/api/queries/:name', expressAuthorize(lic, (req) => req.params.name, (req) => subjectOf((h) => req.get(h))), (req, res) => res.json({ query: req.params.name }));
  app.post('/admin/rbac/reload', expressAccessReload(lic, (req) => req.get('x-api-key') === 'vendor-admin'));
  const { server, base } = await listening(app.listen(0, '127.0.0.1'));
  try {
    const r = await allowsTopologyDeniesFirewall(base);
    const { error } = await r.json();
    assert.equal(error.code, 'access-denied');
    assert.deepEqual(error.details, { action: 'firewall_rules', groups: 'network-ops-team', roles: 'network', verb: 'execute' });
    writeFileSync(file, RBAC_YAML.replace('"topology_*"', '"firewall_*"'));
    assert.equal((await fetch(`${base}/admin/rbac/reload`, { method: 'POST' })).status, 401);
    const ok = await fetch(`${base}/admin/rbac/reload`, { method: 'POST', headers: { 'x-api-key': 'vendor-admin' } });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).access.enforced, true);
    assert.equal((await fetch(`${base}/api/queries/firewall_rules`, ops)).status, 200);
    writeFileSync(file, 'roles:\n  network: [no]\n');
    const bad = await fetch(`${base}/admin/rbac/reload`, { method: 'POST', headers: { 'x-api-key': 'vendor-admin' } });
    assert.equal(bad.status, 422);
    assert.equal((await bad.json()).error.details.field, 'line 2');
    assert.equal((await fetch(`${base}/api/queries/firewall_rules`, ops)).status, 200);
    assert.match(lic.metrics(), /acme_rbac_policy_error 1/);
  } finally {
    server.close();
  }
});

test('hono gates an action and the reload handler is a fetch handler', async () => {
  const lic = await make({ ACME_RBAC_POLICY: RBAC_YAML });
  const app = new Hono();
  app.get('/api/queries/:name', honoAuthorize(lic, (c) => c.req.param('name'), (c) => subjectOf((h) => c.req.header(h))), (c) => c.json({ ok: true }));
  app.post('/admin/rbac/reload', (c) => accessReloadHandler(lic, (req) => req.headers.get('x-api-key') === 'vendor-admin')(c.req.raw));
  const { server, base } = await listening(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }));
  try {
    const r = await allowsTopologyDeniesFirewall(base);
    assert.equal(await r.text(), lic.authorize({ groups: ['network-ops-team'] }, 'firewall_rules', 'execute').body);
    assert.equal((await fetch(`${base}/api/queries/firewall_rules`, { headers: { 'x-api-key': 'vendor-admin' } })).status, 200);
    assert.equal((await fetch(`${base}/admin/rbac/reload`, { method: 'POST' })).status, 401);
  } finally {
    server.close();
  }
});

test('the policy file is re-read when it changes, decisions are memoised and logged', async () => {
  const d = dir();
  const file = join(d, 'rbac.yaml');
  writeFileSync(file, RBAC_YAML);
  const lines = [];
  const lic = await make({}, { accessPolicyFile: file, accessReloadIntervalMs: 1, logger: { debug: (m) => lines.push(m) } });
  const who = { groups: ['network-ops-team'] };
  assert.equal(lic.authorize(who, 'topology_map', 'execute').allow, true);
  const calls = lic.coreCalls;
  assert.equal(lic.authorize(who, 'topology_map', 'execute').allow, true);
  assert.equal(lic.coreCalls, calls, 'a repeated decision is answered from the memo');
  writeFileSync(file, RBAC_YAML.replace('"topology_*"', '"firewall_*"') + '# changed\n');
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(lic.authorize(who, 'topology_map', 'execute').allow, false);
  assert.ok(lines.some((l) => l.includes('rbac deny action="topology_map"')), lines.join('\n'));
});

test('an unreadable policy file stops the start naming it; plain names only when opted in', async () => {
  await assert.rejects(make({ ACME_RBAC_POLICY_FILE: '/nonexistent/rbac.yaml' }), (e) => e instanceof InvalidConfigError && e.message.includes('rbac.yaml'));
  const env = { RBAC_POLICY: 'roles:\n  r: [x]\n' };
  assert.equal((await make(env)).info().access, null);
  assert.equal((await make(env, { rbacPlainEnv: true })).authorize({ roles: ['r'] }, 'y', 'execute').allow, false);
});

test('a plan without rbac leaves the policy unenforced and info says so', async () => {
  const lic = await createLicensing({ product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, env: { ACME_RBAC_POLICY: RBAC_YAML }, home: null, key: issue(kp, { plan: 'pro' }) });
  assert.equal(lic.authorize({ groups: ['marketing'] }, 'firewall_rules', 'execute').allow, true);
  assert.match(lic.info().access.message, /plan "pro" lacks rbac|plan 'pro' lacks rbac/);
});

test('a core failure denies, then a fresh instance answers with the same license and policy', async () => {
  let broken = false;
  const lic = await createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, env: {}, home: null, key: issue(kp, { plan: 'enterprise' }),
    clock: () => { if (broken) throw new Error('the clock broke'); return Date.now(); },
    accessPolicy: 'roles:\n  network: ["topology_*"]\ngroups:\n  ops: network\n',
  });
  const ops = { groups: ['ops'] };
  assert.equal(lic.snapshot().plan, 'enterprise');
  broken = true;
  assert.throws(() => lic.checkFeatureUncached('sso'), InternalError);
  assert.equal(lic.authorize(ops, 'topology_links', 'execute').allow, false);
  broken = false;
  let plan = null;
  for (let i = 0; i < 200 && plan === null; i++) {
    try {
      plan = lic.refresh().plan;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  assert.equal(plan, 'enterprise', 'the license came back');
  assert.equal(lic.authorize(ops, 'topology_map', 'execute').allow, true);
  assert.equal(lic.authorize(ops, 'firewall_rules', 'execute').allow, false);
});

test('a refused policy still denies everyone after a core failure', async () => {
  let broken = false;
  const lic = await createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, env: {}, home: null, key: issue(kp, { plan: 'enterprise' }),
    clock: () => { if (broken) throw new Error('the clock broke'); return Date.now(); },
  });
  assert.throws(() => lic.setAccessPolicy('roles:\n  network: [no]\n'), InvalidConfigError);
  broken = true;
  assert.throws(() => lic.checkFeatureUncached('sso'), InternalError);
  broken = false;
  let d = null;
  for (let i = 0; i < 200 && d === null; i++) {
    try {
      lic.refresh();
      d = lic.authorize({ groups: ['ops'] }, 'topology_map', 'execute');
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  assert.equal(d.allow, false);
  assert.match(d.reason, /refused/);
});

test('an import that throws fails the call closed, and the core answers again with the same key', async () => {
  // After any failure that is not the core's own answer the instance is
  // replaced (its memory may be half-written); the fresh one must hold the
  // same license.
  let broken = false;
  const serverKey = { kid: 'srv', algorithm: 'ed25519', key: kp.trusted.key };
  const lic = await createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, env: {}, home: null, key: issue(kp, { plan: 'enterprise' }),
    online: { serverUrl: 'http://127.0.0.1:9', serverKeys: [serverKey], background: false },
    random: (n) => { if (broken) throw new Error('no entropy'); return globalThis.crypto.getRandomValues(new Uint8Array(n)); },
  });
  broken = true;
  assert.throws(() => lic.onlineRequest('validate'), InternalError);
  broken = false;
  let req = null;
  for (let i = 0; i < 200 && req === null; i++) {
    try {
      req = lic.onlineRequest('validate');
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  assert.ok(req, 'the core never answered again');
  assert.equal(JSON.parse(req.body).license_id.length > 0, true);
});

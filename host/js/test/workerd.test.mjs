// Runs examples/edge-worker in the real workerd binary on 127.0.0.1 and
// drives it over HTTP.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { issue, keypair, POLICY, tamper } from './helpers.mjs';
import { Server } from './server.mjs';

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const require = createRequire(import.meta.url);

function workerdBinary() {
  const pkg = `@cloudflare/workerd-${process.platform}-${process.arch === 'x64' ? '64' : process.arch}`;
  return require.resolve(`${pkg}/bin/workerd`);
}

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const kp = keypair('edge-1');
let child;
let base;
let statusToken;


const server = new Server();

before(async () => {
  await server.start();
  // The offline-behaviour tests below use this key (Ed25519 is deterministic:
  // issue(kp, {}) is the same token each time); the server must know it.
  assert.equal((await server.admin('POST', '/admin/licenses', { token: issue(kp, {}) })).status, 201);
  // Revoked before the worker's first request, which waits for the list.
  const revoked = issue(kp, { id: 'lic_edge_revoked' });
  assert.equal((await server.admin('POST', '/admin/licenses', { token: revoked })).status, 201);
  assert.equal((await server.admin('POST', '/admin/licenses/lic_edge_revoked/revoke')).status, 200);
  const suspended = issue(kp, { id: 'lic_edge_suspended' });
  assert.equal((await server.admin('POST', '/admin/licenses', { token: suspended })).status, 201);
  assert.equal((await server.admin('POST', '/admin/licenses/lic_edge_suspended/suspend', { reason: 'invoice unpaid' })).status, 200);
  const token = await server.admin('POST', '/admin/tokens', { name: 'edge', scope: 'status' });
  assert.equal(token.status, 201);
  statusToken = token.body.token;
  const port = await freePort();
  // The example's own committed config (examples/edge-worker/config.capnp),
  // as a user runs it after `npm install` there: the package by name, the
  // bindings from the environment, the socket moved to a free port.
  const example = join(repo, 'examples/edge-worker');
  assert.ok(existsSync(join(example, 'node_modules/licensewarden/gen/licensewarden.js')), 'run `npm install` in examples/edge-worker first (scripts/test-js.sh does)');
  child = spawn(workerdBinary(), ['serve', 'config.capnp', '--experimental', `--socket-addr=http=127.0.0.1:${port}`], {
    cwd: example,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      TRUSTED_KEYS: JSON.stringify([kp.trusted]),
      POLICY: JSON.stringify(POLICY),
      FEATURE_ROUTES: JSON.stringify({ '/sso': 'sso', '/api': 'api_access' }),
      LICENSE_SERVER: server.url,
      SERVER_KEYS: JSON.stringify([server.publicKey]),
      STATUS_TOKEN: statusToken,
    },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(base);
      return;
    } catch {
      if (child.exitCode !== null) throw new Error(`workerd exited: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`workerd did not start: ${stderr}`);
});

after(async () => {
  // Shut workerd down by its own process id.
  if (child?.pid) process.kill(child.pid, 'SIGTERM');
  await server.stop();
});

async function validations(result) {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(new RegExp(`validations_total\\{result="${result}"\\} (\\d+)`).exec(text)[1]);
}

const get = (path, headers = {}) => fetch(`${base}${path}`, { headers });

test('status list: revoked and suspended licenses are refused at the edge, which takes no device', async () => {
  const before = await validations('valid');
  let r = await get('/api/devices', { authorization: `License ${issue(kp, { id: 'lic_edge_revoked' })}` });
  assert.equal(r.status, 403);
  assert.equal((await r.json()).error.code, 'revoked');
  r = await get('/api/devices', { authorization: `License ${issue(kp, { id: 'lic_edge_suspended' })}` });
  assert.equal(r.status, 403);
  const body = await r.json();
  assert.equal(body.error.code, 'suspended');
  assert.match(body.error.message, /invoice unpaid/);
  const key = issue(kp, {});
  for (let i = 0; i < 5; i++) {
    r = await get('/api/devices', { authorization: `License ${key}` });
    assert.equal(r.status, 200);
    assert.ok((await r.json()).statusSerial >= 2, 'the list was fetched');
  }
  assert.equal(await validations('valid') - before, 0, 'no device validation from the edge');
  const devices = await server.admin('GET', `/admin/licenses/${JSON.parse(Buffer.from(key.split('.')[3], 'base64url')).id}/devices`);
  assert.deepEqual(devices.body.devices, [], 'the edge took no slot');
});

test('valid key: 200 at the edge, cached for the next request', async () => {
  const key = issue(kp, {});
  let r = await get('/api/devices', { authorization: `License ${key}` });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).plan, 'pro');
  r = await get('/api/devices', { 'x-license-key': key });
  assert.equal(r.status, 200);
});

test('tampered key: 401 bad-signature', async () => {
  const r = await get('/api/devices', { authorization: `License ${tamper(issue(kp, {}))}` });
  assert.equal(r.status, 401);
  assert.equal((await r.json()).error.code, 'bad-signature');
});

test('expired key: 503 expired', async () => {
  const r = await get('/api/devices', { authorization: `License ${issue(kp, { expires_at: '2021-01-01' })}` });
  assert.equal(r.status, 503);
  assert.equal((await r.json()).error.code, 'expired');
});

test('missing feature: 403 naming the feature', async () => {
  const r = await get('/sso/login', { authorization: `License ${issue(kp, {})}` });
  assert.equal(r.status, 403);
  const body = await r.json();
  assert.equal(body.error.code, 'feature-not-licensed');
  assert.equal(body.error.details.feature, 'sso');
});

test('no key: 401 no-license', async () => {
  const r = await get('/api/devices');
  assert.equal(r.status, 401);
  assert.equal((await r.json()).error.code, 'no-license');
});

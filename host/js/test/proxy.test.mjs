// Online checks through a real forwarding proxy (Debian's tinyproxy with
// basic auth, on 127.0.0.1): the core picks the route from the proxy
// variables and the setting; Node's fetch reads none of them itself, so
// the Node entry sends through undici's ProxyAgent.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLicensing, InvalidConfigError, memoryStore } from '../src/node.js';
import { issue, keypair, POLICY } from './helpers.mjs';
import { Server } from './server.mjs';

const kp = keypair('js-proxy');
let server;
let addr;
let pid;

async function licenseFor(srv, id, maxDevices) {
  const token = issue(kp, { id, limits: { max_devices: maxDevices } });
  assert.equal((await srv.admin('POST', '/admin/licenses', { token })).status, 201);
  return token;
}

function clientFor(srv, token, n, { env, proxy }) {
  return createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, key: token, env, home: null, store: memoryStore(),
    deviceFacts: { mac: `02:00:00:00:05:${n.toString(16).padStart(2, '0')}`, hostname: `js-proxy-${n}`, arch: 'x86_64', os: 'linux' },
    online: { serverUrl: srv.url, serverKeys: [srv.publicKey], background: false, timeoutMs: 3000, proxy },
  });
}

before(async () => {
  server = await new Server().start();
  const dir = mkdtempSync(join(tmpdir(), 'lw-proxy-'));
  const [port, p] = execFileSync(join(import.meta.dirname, '../../../tests/proxy/tinyproxy.sh'), [dir, 'lw', 's3cret']).toString().trim().split(/\s+/);
  addr = `127.0.0.1:${port}`;
  pid = Number(p);
});

after(async () => {
  process.kill(pid);
  await server.stop();
});

const activate = async (token, n, env, proxy) => (await (await clientFor(server, token, n, { env, proxy })).activate()).error;

test('the right credentials in http_proxy activate through the proxy', async () => {
  const token = await licenseFor(server, 'lic_js_proxy_ok', 9);
  assert.equal(await activate(token, 1, { http_proxy: `http://lw:s3cret@${addr}` }), null);
});

test('wrong credentials are offline naming the proxy, never the password', async () => {
  const token = await licenseFor(server, 'lic_js_proxy_407', 9);
  const e = await activate(token, 2, { http_proxy: `http://lw:wrong@${addr}` });
  // tinyproxy answers 407 and closes before reading the body: the client
  // reads the 407, or only the reset, depending on timing.
  assert.equal(e.code, 'offline');
  assert.ok(['proxy-auth-required', 'proxy-closed'].includes(e.details.cause), e.message);
  assert.ok(e.message.includes(`the proxy at http://${addr} (http_proxy)`), e.message);
  assert.ok(!e.message.includes('wrong'));
});

test('NO_PROXY connects directly, the setting wins, HTTP_PROXY is never read', async () => {
  const token = await licenseFor(server, 'lic_js_proxy_direct', 9);
  assert.equal(await activate(token, 3, { http_proxy: `http://lw:wrong@${addr}`, NO_PROXY: '127.0.0.1' }), null);
  assert.equal(await activate(token, 4, { http_proxy: `http://lw:wrong@${addr}` }, `http://lw:s3cret@${addr}`), null);
  assert.equal(await activate(token, 5, { HTTP_PROXY: `http://lw:wrong@${addr}` }), null);
});

test('a proxy setting the core cannot use fails the start by name', async () => {
  await assert.rejects(clientFor(server, 'lg1.x', 6, { env: { http_proxy: 'socks5://u:hidden@p:1080' } }),
    (e) => e instanceof InvalidConfigError && /socks5/.test(e.message) && /http_proxy/.test(e.message) && !/hidden/.test(e.message));
});

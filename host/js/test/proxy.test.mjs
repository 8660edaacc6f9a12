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

function clientFor(srv, token, n, { env, proxy, url = srv.url, caFile }) {
  return createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, key: token, env, home: null, store: memoryStore(),
    deviceFacts: { mac: `02:00:00:00:05:${n.toString(16).padStart(2, '0')}`, hostname: `js-proxy-${n}`, arch: 'x86_64', os: 'linux' },
    online: { serverUrl: url, serverKeys: [srv.publicKey], background: false, timeoutMs: 3000, proxy, caFile },
  });
}

let https;
let certs;
let tlsPid;

before(async () => {
  server = await new Server().start();
  const dir = mkdtempSync(join(tmpdir(), 'lw-proxy-'));
  const [port, p] = execFileSync(join(import.meta.dirname, '../../../tests/proxy/tinyproxy.sh'), [dir, 'lw', 's3cret']).toString().trim().split(/\s+/);
  addr = `127.0.0.1:${port}`;
  pid = Number(p);
  // stunnel with a test CA in front of the server.
  certs = mkdtempSync(join(tmpdir(), 'lw-tls-'));
  const [tlsPort, tp] = execFileSync(join(import.meta.dirname, '../../../tests/tls/stunnel.sh'), [certs, String(server.port)]).toString().trim().split(/\s+/);
  https = `https://127.0.0.1:${tlsPort}`;
  tlsPid = Number(tp);
});

after(async () => {
  process.kill(pid);
  process.kill(tlsPid);
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

const overTls = async (token, n, env, caFile) => (await (await clientFor(server, token, n, { env, url: https, caFile })).activate()).error;

test('over TLS the CA bundle the core chose is trusted, and a wrong one is named', async () => {
  const token = await licenseFor(server, 'lic_js_tls', 20);
  const ca = join(certs, 'ca.pem');
  const wrong = join(certs, 'other-ca.pem');
  let e = await overTls(token, 11, {});
  assert.equal(e?.details.cause, 'tls-failed', e?.message);
  assert.match(e.message, /ca_file setting or SSL_CERT_FILE/);
  assert.equal(await overTls(token, 12, {}, ca), null, 'the caFile setting');
  assert.equal(await overTls(token, 13, { SSL_CERT_FILE: ca }), null, 'SSL_CERT_FILE');
  assert.equal(await overTls(token, 14, { NODE_EXTRA_CA_CERTS: ca }), null, 'NODE_EXTRA_CA_CERTS');
  e = await overTls(token, 15, { SSL_CERT_FILE: ca }, wrong);
  assert.equal(e?.details.cause, 'tls-failed', e?.message);
  assert.ok(e.message.includes(wrong) && e.message.includes('(named by ca_file)'), e.message);
  e = await overTls(token, 16, {}, join(certs, 'missing.pem'));
  assert.match(e?.message ?? '', /missing\.pem/);
});

test('over TLS through the proxy, CONNECT carries the credentials', async () => {
  const token = await licenseFor(server, 'lic_js_tls_proxy', 20);
  const env = (password) => ({ https_proxy: `http://lw:${password}@${addr}`, SSL_CERT_FILE: join(certs, 'ca.pem') });
  assert.equal(await overTls(token, 17, env('s3cret')), null);
  const e = await overTls(token, 18, env('wrong'));
  assert.ok(e?.message.includes(`the proxy at http://${addr} (https_proxy)`) && !e.message.includes('wrong'), e?.message);
});

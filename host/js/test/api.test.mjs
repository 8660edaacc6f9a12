import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  componentSha256, createGateway, createLicensing, FeatureNotLicensedError, fileStore, LicenseExpiredError,
  InvalidConfigError, LicenseError, LicenseInvalidError, resolveKey,
} from '../src/node.js';
import { issue, keypair, POLICY, tamper } from './helpers.mjs';

const kp = keypair();
const base = { product: 'acme', trustedKeys: [kp.trusted], policy: POLICY, env: {}, home: null };

test('transpiled from exactly dist/licensewarden.wasm', () => {
  const dist = readFileSync(new URL('../../../dist/licensewarden.wasm', import.meta.url));
  assert.equal(componentSha256(), createHash('sha256').update(dist).digest('hex'));
});

test('a node:crypto-signed key verifies through the component', async () => {
  const lic = await createLicensing({ ...base, key: issue(kp, { org: 'Acme' }) });
  const l = lic.verify(issue(kp, {}));
  assert.equal(l.plan, 'pro');
  assert.equal(lic.info().org, 'Acme');
  assert.equal(lic.plan, 'pro');
});

test('missing feature throws FeatureNotLicensedError naming feature and plan', async () => {
  const lic = await createLicensing({ ...base, key: issue(kp, {}) });
  lic.checkFeature('api_access');
  assert.throws(() => lic.checkFeature('sso'), (e) => e instanceof FeatureNotLicensedError
    && e instanceof LicenseError && e.code === 'feature-not-licensed' && e.feature === 'sso' && e.plan === 'pro');
  assert.equal(lic.hasFeature('sso'), false);
});

test('tampered key is rejected with bad-signature and gets the community tier', async () => {
  const lic = await createLicensing({ ...base, key: tamper(issue(kp, { plan: 'enterprise' })) });
  assert.throws(() => lic.verify(tamper(issue(kp, {}))), (e) => e instanceof LicenseInvalidError && e.code === 'bad-signature');
  const info = lic.info();
  assert.equal(info.status, 'invalid');
  assert.equal(info.plan, 'community');
  assert.equal(info.error.code, 'bad-signature');
  // The cause is the key, not the plan: the refusal says so.
  assert.throws(() => lic.checkFeature('sso'), (e) => e instanceof LicenseInvalidError && e.code === 'bad-signature' && e.details.feature === 'sso');
});

test('the cached snapshot is not trusted past its valid-until', async () => {
  let now = Date.parse('2026-06-01T00:00:00Z');
  const lic = await createLicensing({ ...base, key: issue(kp, { expires_at: '2026-06-01T00:00:10Z' }), clock: () => now });
  lic.checkFeature('api_access');
  now += 10_000;
  assert.throws(() => lic.checkFeature('api_access'), (e) => e instanceof LicenseExpiredError && e.code === 'expired');
  const g = lic.gate('/api', null);
  assert.equal(g.httpStatus, 503);
  assert.equal(lic.gate('/health', null).allow, true);
});

test('a flood of denied checks asks the core once per snapshot', async () => {
  let now = Date.parse('2026-06-01T00:00:00Z');
  const lic = await createLicensing({ ...base, key: issue(kp, { expires_at: '2026-06-01T00:00:10Z' }), clock: () => now });
  assert.throws(() => lic.checkFeature('sso'), FeatureNotLicensedError);
  const first = lic.gate('/api/sso', 'sso');
  const calls = lic.coreCalls;
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => lic.checkFeature('sso'), (e) => e instanceof FeatureNotLicensedError && e.details.feature === 'sso');
    assert.equal(lic.hasFeature('sso'), false);
    const g = lic.gate('/api/sso', 'sso');
    assert.deepEqual([g.allow, g.httpStatus, g.body], [first.allow, first.httpStatus, first.body]);
    lic.checkFeature('api_access');
  }
  assert.equal(lic.coreCalls, calls, 'memoised denials and snapshot answers make no core call');
  assert.equal(first.error.code, 'feature-not-licensed');
  // Past valid-until the memo goes with the snapshot: the core answers anew.
  now += 10_000;
  assert.throws(() => lic.checkFeature('sso'), LicenseExpiredError);
  assert.equal(lic.gate('/api/sso', 'sso').httpStatus, 503);
});

test('a clock that throws fails the call closed with InternalError', async () => {
  let broken = false;
  const lic = await createLicensing({ ...base, key: issue(kp, {}), clock: () => { if (broken) throw new Error('clock gone'); return Date.now(); } });
  lic.checkFeatureUncached('api_access');
  broken = true;
  assert.throws(() => lic.checkFeatureUncached('api_access'), (e) => e instanceof LicenseError && e.code === 'internal');
});

test('the background loop waits for the core\'s next boundary, 1 s to 60 s', async () => {
  let now = Date.parse('2026-06-01T00:00:00Z');
  const lic = await createLicensing({ ...base, key: issue(kp, { expires_at: '2026-06-01T00:00:05Z' }), clock: () => now });
  assert.equal(lic.nextCheckDelay(), 5000);
  now += 4_900;
  assert.equal(lic.nextCheckDelay(), 1000);
  const forever = await createLicensing({ ...base, key: issue(kp, {}) });
  assert.equal(forever.nextCheckDelay(), 60_000);
});

test('caps: within, hard-exceeded with cap-exceeded', async () => {
  const lic = await createLicensing({ ...base, key: issue(kp, {}) });
  assert.equal(lic.checkCap('max_devices', 5).outcome, 'within');
  const over = lic.checkCap('max_devices', 6);
  assert.equal(over.outcome, 'hard-exceeded');
  assert.equal(over.error.code, 'cap-exceeded');
  assert.match(lic.metrics(), /acme_license_limit_current\{limit="max_devices"\} 6/);
});

test('invalid policy throws InvalidConfigError naming the field', async () => {
  await assert.rejects(createLicensing({ ...base, policy: { soft_cap: [] } }),
    (e) => e instanceof InvalidConfigError && /soft_cap/.test(e.message));
});

test('key resolution: env var > _FILE > ~/.<product>/license.key > none', () => {
  const home = mkdtempSync(join(tmpdir(), 'lg-js-'));
  mkdirSync(join(home, '.acme-net'));
  writeFileSync(join(home, '.acme-net', 'license.key'), '\n  home-key  \nsecond\n');
  writeFileSync(join(home, 'k.txt'), 'file-key\n');
  assert.deepEqual(resolveKey('acme net', { ACME_NET_LICENSE_KEY: ' env-key\n', ACME_NET_LICENSE_KEY_FILE: join(home, 'k.txt') }, home),
    { token: 'env-key', source: 'env:ACME_NET_LICENSE_KEY', unreadable: null, detail: '' });
  assert.equal(resolveKey('acme net', { ACME_NET_LICENSE_KEY_FILE: join(home, 'k.txt') }, home).token, 'file-key');
  assert.equal(resolveKey('acme net', {}, home).token, 'home-key');
  assert.deepEqual(resolveKey('acme net', {}, null), { token: null, source: 'none', unreadable: null, detail: '' });
  const missing = resolveKey('acme net', { ACME_NET_LICENSE_KEY_FILE: '/nonexistent/k' }, home);
  assert.equal(missing.token, null);
  assert.equal(missing.unreadable, 'not-found');
});

test('key files are read bounded: oversize, directories and FIFOs are refused without blocking', async () => {
  const { execFileSync } = await import('node:child_process');
  const dir = mkdtempSync(join(tmpdir(), 'lw-js-bounded-'));
  writeFileSync(join(dir, 'big'), 'x'.repeat(70 * 1024));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  const via = (p) => resolveKey('acme', { ACME_LICENSE_KEY_FILE: p }, null);
  assert.equal(via(join(dir, 'big')).unreadable, 'too-large');
  assert.equal(via(dir).unreadable, 'not-a-regular-file');
  assert.equal(via(join(dir, 'fifo')).unreadable, 'not-a-regular-file');
  assert.equal(via('/dev/zero').unreadable, 'not-a-regular-file');
});

test('a renewed license file is picked up without a restart', async () => {
  const home = mkdtempSync(join(tmpdir(), 'lg-js-'));
  mkdirSync(join(home, '.acme'));
  const file = join(home, '.acme', 'license.key');
  writeFileSync(file, issue(kp, { plan: 'pro' }));
  let now = Date.now();
  const lic = await createLicensing({ ...base, home, clock: () => now, reloadIntervalMs: 1000 });
  assert.equal(lic.plan, 'pro');
  assert.match(lic.keySource, /^file:/);
  writeFileSync(file, issue(kp, { plan: 'enterprise' }));
  now += 1500;
  lic.checkFeature('sso');
  assert.equal(lic.plan, 'enterprise');
});

test('fileStore writes atomically with mode 0600', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-store-'));
  const s = fileStore(dir);
  assert.equal(s.load('cache'), null);
  s.save('cache', 'hello');
  assert.equal(s.load('cache'), 'hello');
  assert.equal(statSync(join(dir, 'cache.state')).mode & 0o777, 0o600);
  assert.throws(() => s.save('../escape', 'x'));
});

test('a malformed trusted key is InvalidConfigError, not an internal failure', async () => {
  await assert.rejects(createLicensing({ ...base, trustedKeys: [{ kid: 'x' }] }),
    (e) => e instanceof InvalidConfigError && e.code === 'invalid-config' && /public\.key/.test(e.message));
});

test('trustedKeyFromFile refuses private keys and world-readable HMAC secrets', async () => {
  const { chmodSync } = await import('node:fs');
  const { trustedKeyFromFile } = await import('../src/node.js');
  const dir = mkdtempSync(join(tmpdir(), 'lw-js-keyfile-'));
  writeFileSync(join(dir, 'public.key'), JSON.stringify(kp.trusted));
  assert.deepEqual(trustedKeyFromFile(join(dir, 'public.key')), kp.trusted);
  writeFileSync(join(dir, 'private.key'), JSON.stringify({ algorithm: 'ed25519', kid: 'x', private_key: 'AAAA' }));
  assert.throws(() => trustedKeyFromFile(join(dir, 'private.key')), (e) => e instanceof InvalidConfigError && /is a private key/.test(e.message));
  const secret = join(dir, 'secret.key');
  writeFileSync(secret, JSON.stringify({ algorithm: 'hmac-sha256', kid: 'h', key: 'A'.repeat(43) }));
  chmodSync(secret, 0o644);
  assert.throws(() => trustedKeyFromFile(secret), /readable by other users/);
  chmodSync(secret, 0o600);
  assert.equal(trustedKeyFromFile(secret).kid, 'h');
  assert.throws(() => trustedKeyFromFile('/dev/zero'), /not a regular file/);
});

test('settings an entry does not use are refused, not ignored', async () => {
  await assert.rejects(createLicensing({ product: 'acme', trustedKey: [] }),
    (e) => e instanceof InvalidConfigError && /"trustedKey"/.test(e.message) && /trustedKeys/.test(e.message));
  await assert.rejects(createLicensing({ online: { serverUrl: 'https://x.example', serverKeys: [], leaseHour: 1 } }),
    (e) => e instanceof InvalidConfigError && /"leaseHour"/.test(e.message));
  assert.throws(() => createGateway({ key: 'lg1.x', home: '/tmp' }),
    (e) => e instanceof InvalidConfigError && /"key", "home"/.test(e.message));
  assert.throws(() => createGateway({ stateDir: '/var/lib/x' }), InvalidConfigError);
});

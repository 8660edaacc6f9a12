// License events reach the logger: the status at start and when it changes
// (expiry), a soft cap newly exceeded (once, not per call); the key never.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLicensing } from '../src/node.js';
import { issue, keypair } from './helpers.mjs';

test('start-up, expiry and a soft cap are logged once each, at their levels', async () => {
  const kp = keypair();
  const key = issue(kp, { id: 'lic_events', org: 'Acme Corp', expires_at: '2026-06-30' });
  const lines = [];
  const logger = Object.fromEntries(['info', 'warn', 'error'].map((level) => [level, (m) => lines.push(`${level} ${m}`)]));
  let now = Date.UTC(2026, 5, 1);
  const lic = await createLicensing({
    product: 'acme', trustedKeys: [kp.trusted], env: {}, home: null, key, logger, clock: () => now,
    policy: { plans: { pro: { features: ['sso'], limits: { seats: 5 } } }, soft_caps: ['seats'] },
  });
  for (const n of [6, 7, 8]) lic.checkCap('seats', n);
  now = Date.UTC(2026, 6, 2);
  lic.snapshot();
  const log = lines.join('\n');
  assert.match(log, /^info licensewarden: license status active: plan pro, license lic_events for Acme Corp, expires 2026-06-30/m);
  assert.equal(log.match(/warn licensewarden: cap exceeded: 'seats' is 6/g)?.length, 1, log);
  assert.equal(log.match(/error licensewarden: license status changed from active to expired/g)?.length, 1, log);
  assert.ok(!log.includes(key), 'the key reached the log');
});

// The defaults every host shares (tests/options.json), as this host has them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULTS } from '../src/node.js';

test('defaults are the ones every host shares', () => {
  const { options } = JSON.parse(readFileSync(new URL('../../../tests/options.json', import.meta.url), 'utf8'));
  assert.ok(options.length > 0);
  for (const o of options) assert.equal(DEFAULTS[o.node], o.default_ms, o.node);
  assert.deepEqual(Object.keys(DEFAULTS).sort(), options.map((o) => o.node).sort());
});

test('a worker refuses the proxy and CA settings at creation, never failing each check as offline', async () => {
  const { checkOptions, WORKER_ONLINE_OPTIONS, WORKER_OPTIONS } = await import('../src/options.js');
  assert.throws(() => checkOptions({ online: { serverUrl: 'https://l.example', proxy: 'http://p:3128' } }, WORKER_OPTIONS, 'createLicensing (worker)', WORKER_ONLINE_OPTIONS),
    /createLicensing \(worker\): online settings do not include "proxy"/);
  assert.doesNotThrow(() => checkOptions({ online: { serverUrl: 'https://l.example', proxy: 'http://p:3128' } }, WORKER_OPTIONS, 'createLicensing'));
  assert.throws(() => checkOptions({ online: { serverUrl: 'https://l.example', caFile: '/ca.pem' } }, WORKER_OPTIONS, 'createLicensing (worker)', WORKER_ONLINE_OPTIONS),
    /online settings do not include "caFile"/);
});

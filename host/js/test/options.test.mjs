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

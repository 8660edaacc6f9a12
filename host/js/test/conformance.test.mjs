import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCases, outcome } from '../conformance.mjs';

function contains(expected, actual) {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    return actual && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => k in actual && contains(v, actual[k]));
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

const cases = loadCases();

test('there are at least 60 vectors', () => assert.ok(cases.length >= 60, `${cases.length}`));

for (const c of cases) {
  test(`vector ${c.id}`, async () => {
    const got = await outcome(c);
    assert.ok(contains(c.expect, got), `expected ⊇ ${JSON.stringify(c.expect)}\n got ${JSON.stringify(got)}`);
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCases, outcome } from '../conformance.mjs';

// Objects recursively, arrays element by element at equal length, the rest exactly.
function contains(expected, actual) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => contains(e, actual[i]));
  }
  if (expected && typeof expected === 'object') {
    return actual && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => k in actual && contains(v, actual[k]));
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

const cases = loadCases();

// Exactly this many: a host that skips a vector fails.
const VECTOR_COUNT = 379;
test(`there are exactly ${VECTOR_COUNT} vectors`, () => assert.equal(cases.length, VECTOR_COUNT));

for (const c of cases) {
  test(`vector ${c.id}`, async () => {
    const got = await outcome(c);
    assert.ok(contains(c.expect, got), `expected ⊇ ${JSON.stringify(c.expect)}\n got ${JSON.stringify(got)}`);
  });
}

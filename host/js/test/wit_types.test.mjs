// The hand-written declarations and error classes follow the WIT
// (tests/wit-types.json, generated from it): a field, an error code or a
// status added there and forgotten here fails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERROR_CLASSES } from '../src/node.js';

const wit = JSON.parse(readFileSync(new URL('../../../tests/wit-types.json', import.meta.url), 'utf8'));
const dts = readFileSync(new URL('../src/types.d.ts', import.meta.url), 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
const camel = (s) => s.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/** Top-level member names of `export interface name { ... }`. */
function members(name) {
  const start = dts.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `types.d.ts has no interface ${name}`);
  let depth = 0;
  let top = '';
  for (let i = dts.indexOf('{', start); i < dts.length; i++) {
    const c = dts[i];
    if (c === '{') depth++;
    if (c === '}' && --depth === 0) break;
    if (depth === 1 && c !== '{') top += c;
  }
  return new Set([...top.matchAll(/(\w+)\??\s*[:(]/g)].map((m) => m[1]));
}

/** The string literals of `export type name = 'a' | 'b' ...;`. */
function union(name) {
  const m = dts.match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(m, `types.d.ts has no type ${name}`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]).sort();
}

// interface -> WIT record, and the members only JS has (why).
const MIRRORS = {
  Snapshot: ['snapshot', []],
  Info: ['info', ['toJSON']],
  OnlineInfo: ['online-info', []],
  CapCheck: ['cap-check', []],
  GateDecision: ['gate-decision', []],
  License: ['license', []],
  AccessInfo: ['access-info', []],
  AccessDecision: ['access-decision', []],
};

test('each mirrored interface has the WIT fields', () => {
  for (const [name, [record, extra]] of Object.entries(MIRRORS)) {
    const ours = [...members(name)].filter((m) => !extra.includes(m)).sort();
    assert.deepEqual(ours, wit.records[record].map(camel).sort(), `${name} vs record ${record}`);
  }
});

test('error codes and statuses are the WIT ones, and every code has its class', () => {
  assert.deepEqual(union('ErrorCode'), [...wit.enums['error-code']].sort());
  assert.deepEqual(union('Status'), [...wit.enums.status].sort());
  assert.deepEqual(Object.keys(ERROR_CLASSES).sort(), [...wit.enums['error-code']].sort());
});

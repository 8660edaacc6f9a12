import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directClockImport, stripDebugLog } from '../scripts/jco-postprocess.mjs';

const DEFINITION = `const _debugLog = (...args) => {
    if (!globalThis?.process?.env?.JCO_DEBUG) { return; }
    console.debug(...args);
  };`;

test('debug-log statements go, strings and templates with parentheses inside them included', () => {
  const src = `${DEFINITION}
  a();
  _debugLog('[x] enter (', { n: 1, s: ")" });
  _debugLog(\`t \${f({ b: [1, 2] })} )\`, { e: \`\${g(')')}\` });
  // _debugLog('a comment stays', {
  const y = _debugLog;
  b();`;
  const { src: out, removed } = stripDebugLog(src);
  assert.equal(removed, 2);
  assert.match(out, /a\(\);\s+\/\/ _debugLog\('a comment stays'/);
  assert.match(out, /const _debugLog = \(\) => \{\};/);
  assert.match(out, /const y = _debugLog;\s+b\(\);/);
});

test('output of another shape fails the build instead of passing through', () => {
  assert.throws(() => stripDebugLog('_debugLog("x");'), /definition changed shape/);
  assert.throws(() => stripDebugLog(`${DEFINITION}\n  _debugLog("unterminated);`), /unterminated/);
  assert.throws(() => directClockImport('no clock here'), /jco output changed shape/);
});

test('the clock import calls the host function directly', () => {
  const src = `function toUint64(val) {}
const { nowMs } = imports['licensewarden:core/clock'];
_trampoline0.fnName = 'licensewarden:core/clock#nowMs';
'now-ms': Object.assign(trampoline0, { _jcoMaySuspend: false }),`;
  assert.match(directClockImport(src), /'now-ms': Object\.assign\(\(\) => toUint64\(nowMs\(\)\), \{ _jcoMaySuspend: false \}\),/);
});

// The package's modules import one another without a circle: each layer
// (errors, core, gateway and middleware, then the node and worker entries)
// only uses the ones below it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '../src');

test('no module imports itself through another', () => {
  const graph = new Map(readdirSync(src).filter((f) => f.endsWith('.js')).map((f) => [f,
    [...readFileSync(join(src, f), 'utf8').matchAll(/^(?:import|export)\b[^;]*?from '\.\/([\w.]+\.js)'/gm)].map((m) => m[1])]));
  assert.ok(graph.get('node.js').includes('licensing.js'), 'the graph was not read');
  const state = new Map();
  const visit = (m, path) => {
    if (state.get(m) === 2) return;
    assert.notEqual(state.get(m), 1, `import circle: ${[...path, m].join(' -> ')}`);
    state.set(m, 1);
    for (const n of graph.get(m) ?? []) visit(n, [...path, m]);
    state.set(m, 2);
  };
  for (const m of graph.keys()) visit(m, []);
});

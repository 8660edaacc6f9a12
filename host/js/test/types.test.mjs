// Each entry point's .d.ts declares exactly the values that entry exports:
// no declared name is missing at run time, no exported name is undeclared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '../src');

/** Value names (functions, classes) a .d.ts declares, following `export * from`. */
function declared(file) {
  const text = readFileSync(join(src, file), 'utf8');
  const names = new Set([...text.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]));
  for (const m of text.matchAll(/^export \* from '\.\/(\w+)(?:\.js)?';/gm)) for (const n of declared(`${m[1]}.d.ts`)) names.add(n);
  return names;
}

/** Value names a module exports, read from its source (worker.js imports wasm, so it is not loaded here). */
function exported(file) {
  const text = readFileSync(join(src, file), 'utf8');
  const names = new Set([...text.matchAll(/^export (?:async )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]));
  for (const m of text.matchAll(/^export \{([^}]+)\}/gm)) for (const n of m[1].split(',')) names.add(n.trim());
  for (const m of text.matchAll(/^export \* from '\.\/([\w.]+)';/gm)) for (const n of exported(m[1])) names.add(n);
  return names;
}

for (const [entry, types] of [['node.js', 'index.d.ts'], ['worker.js', 'worker.d.ts']]) {
  test(`${types} declares exactly what ${entry} exports`, async () => {
    const want = [...exported(entry)].sort();
    assert.deepEqual([...declared(types)].sort(), want);
    if (entry === 'node.js') assert.deepEqual(Object.keys(await import('../src/node.js')).sort(), want);
  });
}

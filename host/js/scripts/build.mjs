// Transpiles exactly ../../dist/licensewarden.wasm (the baseline variant: V8
// has no wide arithmetic) with the pinned jco-transpile into gen/
// (async instantiation, no WASI shim: the component imports only licensewarden
// interfaces) and records the sha256 of the component it was made from.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transpile } from '@bytecodealliance/jco-transpile';
import { directClockImport, stripDebugLog } from './jco-postprocess.mjs';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasm = process.env.LICENSEWARDEN_WASM ?? join(root, '../../dist/licensewarden.wasm');
if (!existsSync(wasm)) {
  console.error(`${wasm} is missing: run scripts/build-component.sh first`);
  process.exit(1);
}
const sha256 = createHash('sha256').update(readFileSync(wasm)).digest('hex');
const gen = join(root, 'gen');
rmSync(gen, { recursive: true, force: true });
mkdirSync(gen, { recursive: true });
const { files } = await transpile(wasm, { name: 'licensewarden', instantiation: 'async', wasiShim: false, outDir: gen });
let stripped = 0;
for (const [path, bytes] of Object.entries(files)) {
  mkdirSync(dirname(path), { recursive: true });
  if (path.endsWith('.js')) {
    const { src, removed } = stripDebugLog(Buffer.from(bytes).toString('utf8'));
    stripped += removed;
    writeFileSync(path, path.endsWith('licensewarden.js') ? directClockImport(src) : src);
  } else {
    writeFileSync(path, bytes);
  }
}
writeFileSync(join(gen, 'SOURCE_SHA256'), `${sha256}\n`);
console.log(`transpiled ${wasm} (sha256 ${sha256.slice(0, 12)}…) into gen/, ${stripped} jco debug-log calls removed, clock import direct`);

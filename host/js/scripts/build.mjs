// Transpiles exactly ../../dist/licensewarden.wasm (the baseline variant: V8
// has no wide arithmetic) with the pinned jco-transpile into gen/
// (async instantiation, no WASI shim: the component imports only licensewarden
// interfaces) and records the sha256 of the component it was made from.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
// gen/ is committed, like dist/: packing from a clean checkout
// (`npm pack ./host/js`) needs no dev dependencies when it is current, and
// the test suite transpiles again and fails when the bytes differ.
let transpile;
try {
  ({ transpile } = await import('@bytecodealliance/jco-transpile'));
} catch {
  const made = existsSync(join(gen, 'SOURCE_SHA256')) ? readFileSync(join(gen, 'SOURCE_SHA256'), 'utf8').trim() : '';
  if (made === sha256) {
    console.log(`gen/ is current (made from ${wasm}, sha256 ${sha256.slice(0, 12)}…); the transpiler is not installed, nothing to do`);
    process.exit(0);
  }
  console.error(`gen/ was not made from ${wasm} and the transpiler is not installed: run \`npm install\` in host/js first`);
  process.exit(1);
}
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

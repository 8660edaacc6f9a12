// Boundary costs in Node, against baselines measured in the same run:
// - verify through the component vs node:crypto Ed25519 verify;
// - an uncached checkFeature vs the bare call of a do-nothing export
//   (`nop`, target/bench/nop.wasm from `componentize --nop`) transpiled by
//   the same jco pipeline, and vs a raw WebAssembly export call;
// - a snapshot checkFeature (allowed and denied) vs Set.has plus Date.now().
// `npm run bench` (after a build); scripts/bench.sh runs every host's.
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco-transpile';
import { stripDebugLog } from '../scripts/jco-postprocess.mjs';
import { createLicensing } from '../src/node.js';
import { issue, keypair, POLICY } from '../test/helpers.mjs';
import { interleaved, perCall, spread } from './rounds.mjs';

const kp = keypair('bench');
const token = issue(kp, {});
const lic = await createLicensing({ product: 'bench', trustedKeys: [kp.trusted], policy: POLICY, key: token, env: {}, home: null });
const [, , , , sigB64] = token.split('.');
const signed = token.slice(0, token.lastIndexOf('.'));
const msg = Buffer.concat([Buffer.from('licensewarden/license/v1\n'), Buffer.from(signed)]);
const sig = Buffer.from(sigB64, 'base64url');
const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: kp.trusted.key }, format: 'jwk' });

/** The nop component, transpiled as gen/ is, and its `nop` export. */
async function nopExport() {
  const here = dirname(fileURLToPath(import.meta.url));
  const wasm = join(here, '../../../target/bench/nop.wasm');
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run \`cargo run -p componentize -- --nop ${wasm}\``);
  const out = join(tmpdir(), `licensewarden-nop-${process.pid}`);
  const { files } = await transpile(wasm, { name: 'nop', instantiation: 'async', wasiShim: false, outDir: out });
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, path.endsWith('.js') ? stripDebugLog(Buffer.from(bytes).toString('utf8')).src : bytes);
  }
  const { instantiate } = await import(pathToFileURL(join(out, 'nop.js')).href);
  const root = await instantiate((name) => WebAssembly.compile(readFileSync(join(out, name))), {});
  return root.nop;
}

// A raw JS -> wasm call of an empty function: V8's own floor.
const raw = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
  0x07, 0x07, 0x01, 0x03, 0x6e, 0x6f, 0x70, 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
]))).exports.nop;
const nop = await nopExport();

// Each figure: LW_BENCH_ROUNDS (default 7) interleaved rounds against its
// baseline, reported as the median ratio [min-max].
const rounds = Number(process.env.LW_BENCH_ROUNDS ?? 7);
const set = new Set(['api_access', 'basic']);
let sink = 0;
const floor = () => { if (set.has('api_access') && Date.now() < 8.64e15) sink++; };
const v = interleaved(rounds, 1500, () => lic.verify(token), () => verify(null, msg, pub, sig));
const across = interleaved(rounds, 30_000, () => lic.checkFeatureUncached('api_access'), () => nop());
const snap = interleaved(rounds, 500_000, () => lic.checkFeature('api_access'), floor);
const hasDenied = interleaved(rounds, 500_000, () => { if (!lic.hasFeature('sso')) sink++; }, floor);
const gateDenied = interleaved(rounds, 500_000, () => { if (!lic.gate('/api/x', 'sso').allow) sink++; }, floor);
const gateAllowed = interleaved(rounds, 500_000, () => { if (lic.gate('/api/x', 'api_access').allow) sink++; }, floor);
const denied = perCall(100_000, () => { try { lic.checkFeature('sso'); } catch { sink++; } });
const rawCall = perCall(2_000_000, () => raw());

// An access decision against the seeds' allow-form policy, from the memo,
// vs the least an application's own table can do: compose the question
// and look it up in a Set.
const seedPolicy = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/rbac-seed-allow.yaml'), 'utf8');
const rbacLic = await createLicensing({ product: 'bench', trustedKeys: [kp.trusted], policy: POLICY, key: issue(kp, { plan: 'enterprise' }), env: {}, home: null, accessPolicy: seedPolicy });
const ops = { groups: ['network-ops-team'] };
if (!rbacLic.authorize(ops, 'topology_neighbors', 'execute').allow) throw new Error('the seed policy denied network-ops-team');
const table = new Set(['network-ops-team\x01topology_neighbors\x01execute']);
const tableLookup = (s, action, verb) => table.has(`${s.groups[0]}\x01${action}\x01${verb}`);
const rbac = interleaved(rounds, 500_000, () => { if (rbacLic.authorize(ops, 'topology_neighbors', 'execute').allow) sink++; }, () => { if (tableLookup(ops, 'topology_neighbors', 'execute')) sink++; });
// The same table with the clock read every license-aware answer needs.
const rbacClock = interleaved(rounds, 500_000, () => { if (rbacLic.authorize(ops, 'topology_neighbors', 'execute').allow) sink++; }, () => { if (tableLookup(ops, 'topology_neighbors', 'execute') && Date.now() < 8.64e15) sink++; });


const us = (ns) => (ns / 1000).toFixed(2);
console.log(`verify: component ${us(v.subject)} µs, node:crypto ${us(v.baseline)} µs, ratio ${spread(v)}`);
console.log(`boundary: uncached checkFeature ${us(across.subject)} µs, bare nop export through jco ${us(across.baseline)} µs, ratio ${spread(across)} (raw wasm call ${rawCall.toFixed(1)} ns)`);
console.log(`snapshot: checkFeature allowed ${snap.subject.toFixed(0)} ns, floor Set.has + Date.now() ${snap.baseline.toFixed(0)} ns, ratio ${spread(snap)}`);
console.log(`denials (memoised, against the same floor): hasFeature ${hasDenied.subject.toFixed(0)} ns ${spread(hasDenied)}, gate ${gateDenied.subject.toFixed(0)} ns ${spread(gateDenied)} (allowed gate ${gateAllowed.subject.toFixed(0)} ns ${spread(gateAllowed)}), checkFeature throwing ${(denied / 1000).toFixed(2)} µs (an Error with its stack trace)${sink < 0 ? '' : ''}`);
console.log(`access: authorize (memo) ${rbac.subject.toFixed(0)} ns, floor Set.has of the composed question ${rbac.baseline.toFixed(0)} ns, ratio ${spread(rbac)}; with Date.now() in the floor ${rbacClock.baseline.toFixed(0)} ns, ratio ${spread(rbacClock)}`);

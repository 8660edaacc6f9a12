// Boundary costs in Node, against native baselines measured in the same run:
// verify through the component vs node:crypto Ed25519 verify, and a
// snapshot checkFeature vs a plain Set.has. `npm run bench` (after a build).
import { createPublicKey, verify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createLicensing } from '../src/node.js';
import { issue, keypair, POLICY } from '../test/helpers.mjs';

function perCall(n, fn) {
  for (let i = 0; i < Math.min(n, 1000); i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t) * 1e6) / n;
}

const kp = keypair('bench');
const token = issue(kp, {});
const lic = await createLicensing({ product: 'bench', trustedKeys: [kp.trusted], policy: POLICY, key: token, env: {}, home: null });
const [, , , , sigB64] = token.split('.');
const signed = token.slice(0, token.lastIndexOf('.'));
const msg = Buffer.concat([Buffer.from('licensewarden/license/v1\n'), Buffer.from(signed)]);
const sig = Buffer.from(sigB64, 'base64url');
const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: kp.trusted.key }, format: 'jwk' });

const native = perCall(5000, () => verify(null, msg, pub, sig));
const comp = perCall(5000, () => lic.verify(token));
const set = new Set(['api_access', 'basic']);
const setHas = perCall(2_000_000, () => set.has('api_access'));
const snap = perCall(2_000_000, () => lic.checkFeature('api_access'));
const across = perCall(100_000, () => lic.checkFeatureUncached('api_access'));

console.log(`verify: component ${(comp / 1000).toFixed(1)} µs, node:crypto ${(native / 1000).toFixed(1)} µs, ratio ${(comp / native).toFixed(2)}x`);
console.log(`checkFeature: snapshot ${snap.toFixed(0)} ns, Set.has ${setHas.toFixed(1)} ns, across the boundary ${(across / 1000).toFixed(2)} µs`);

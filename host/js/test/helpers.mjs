// Test helpers: an independent token issuer on node:crypto (so the tests
// also check the token format from outside Rust) and a standard policy.
import { generateKeyPairSync, sign } from 'node:crypto';

export const POLICY = {
  plans: {
    community: { features: ['basic'], limits: { max_devices: 1 } },
    pro: { features: ['api_access', 'basic'], limits: { max_devices: 5 } },
    enterprise: { all_features: true },
  },
  features: ['sso'],
  metrics_prefix: 'acme',
};

const b64u = (buf) => Buffer.from(buf).toString('base64url');

export function keypair(kid = 'js-1') {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x;
  return { kid, privateKey, trusted: { kid, algorithm: 'ed25519', key: raw } };
}

export function issue(kp, claims) {
  const payload = { id: 'lic_js', plan: 'pro', issued_at: '2026-01-01', expires_at: '2099-12-31', ...claims };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  const signed = `lg1.ed25519.${kp.kid}.${b64u(JSON.stringify(payload))}`;
  const sig = sign(null, Buffer.concat([Buffer.from('licensewarden/license/v1\n'), Buffer.from(signed)]), kp.privateKey);
  return `${signed}.${b64u(sig)}`;
}

export function tamper(token) {
  const parts = token.split('.');
  const sig = Buffer.from(parts[4], 'base64url');
  sig[3] ^= 1;
  parts[4] = b64u(sig);
  return parts.join('.');
}

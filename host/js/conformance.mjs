// Prints one canonical JSON line per conformance vector, in vector order,
// each outcome obtained through this package's public API. Identical byte
// for byte to the Rust and Python hosts' output (tests/vectors/README.md).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLicensing, LicenseError } from './src/node.js';

const here = dirname(fileURLToPath(import.meta.url));
export const vectorsDir = join(here, '../../tests/vectors');
export const FACTS = { mac: '02:00:00:00:00:01', hostname: 'vector-host', arch: 'x86_64', os: 'linux' };

export function loadCases(dir = vectorsDir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).cases);
}

/** Canonical JSON: sorted keys, no whitespace; bigint as integer. */
export function canonical(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const errorOutcome = (e) => {
  if (!(e instanceof LicenseError)) throw e;
  return { ok: false, code: e.code, details: e.details };
};

export async function outcome(c) {
  const cfg = c.config ?? {};
  let lic;
  try {
    lic = await createLicensing({
      product: 'vectors',
      trustedKeys: cfg.trusted_keys ?? [],
      policy: cfg.policy_json ?? (cfg.policy ? JSON.stringify(cfg.policy) : ''),
      demoMode: Boolean(cfg.demo_mode),
      key: c.key ?? null,
      clock: () => c.now_ms,
      deviceFacts: FACTS,
      env: {},
      home: null,
      reloadIntervalMs: 0,
    });
  } catch (e) {
    return errorOutcome(e);
  }
  try {
    switch (c.op) {
      case 'configure':
        return { ok: true };
      case 'verify': {
        const l = lic.verify(c.token);
        return { ok: true, license: { id: l.id, org: l.org, plan: l.plan, kid: l.kid, features: l.features, limits: l.limits,
          issued_at: l.issuedAt, not_before: l.notBefore, expires_at: l.expiresAt, extra: l.extraJson } };
      }
      case 'info': {
        const i = lic.info();
        return { info: {
          valid: i.valid, status: i.status, plan: i.plan, license_id: i.licenseId, org: i.org, kid: i.kid, key_source: i.keySource,
          features: Object.fromEntries(i.features.map((f) => [f.name, f.enabled])),
          limits: Object.fromEntries(i.limits.map((l) => [l.name, { max: l.max, current: l.current, soft: l.soft }])),
          issued_at: i.issuedAt, expires_at: i.expiresAt, expires_text: i.expiresText, days_remaining: i.daysRemaining,
          demo: i.demo, device_id: i.deviceId, error_code: i.error?.code ?? null,
        } };
      }
      case 'check_feature':
        lic.checkFeature(c.feature);
        return { ok: true };
      case 'check_cap': {
        const r = lic.checkCap(c.cap, c.current);
        return { outcome: r.outcome, max: r.max, current: r.current, code: r.error?.code ?? null };
      }
      case 'gate': {
        const g = lic.gate(c.path, c.feature ?? null);
        return { allow: g.allow, status: g.httpStatus, code: g.error?.code ?? null, body: g.body };
      }
      case 'metrics':
        for (const [name, n] of c.usage ?? []) lic.checkCap(name, n);
        return { metrics: lic.metrics() };
      case 'signature':
        lic.checkSignature(c.signing_key, c.message, c.signature);
        return { ok: true };
      default:
        return { ok: false, code: `unknown-op:${c.op}` };
    }
  } catch (e) {
    return errorOutcome(e);
  }
}

export async function line(c) {
  return canonical({ ...(await outcome(c)), id: c.id });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = [];
  for (const c of loadCases()) out.push(await line(c));
  process.stdout.write(`${out.join('\n')}\n`);
}

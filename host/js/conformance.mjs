// Prints one canonical JSON line per conformance vector, in vector order,
// each outcome obtained through this package's public API. Identical byte
// for byte to the Rust and Python hosts' output (tests/vectors/README.md).

import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { createGateway, createLicensing, keyFrom, LicenseError, memoryStore, resolveKey, trustedKeyFromFile } from './src/node.js';

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

/** The k-th draw of the vectors' random source: sha256("licensewarden/vector-random/<k>")[..len]. */
export function vectorRandom(k, len) {
  return new Uint8Array(createHash('sha256').update(`licensewarden/vector-random/${k}`).digest().subarray(0, Math.min(len, 32)));
}

function build(c, extra = {}) {
  const cfg = c.config ?? {};
  const o = cfg.online;
  return createLicensing({
      product: 'vectors',
      trustedKeys: cfg.trusted_keys ?? [],
      policy: cfg.policy_json ?? (cfg.policy ? JSON.stringify(cfg.policy) : ''),
      demoMode: Boolean(cfg.demo_mode),
      key: c.key ?? null,
      clock: () => c.now_ms,
      deviceFacts: FACTS,
      // The environment the host hands over: the proxy variables only.
      env: { ...(o?.proxy_env ?? {}) },
      home: null,
      reloadIntervalMs: 0,
      logger: {}, // lines are output here; log lines are not
      online: o ? {
        serverUrl: o.server_url, serverKeys: o.server_keys, leaseHours: o.lease_hours ?? 0, graceHours: o.grace_hours ?? 0,
        statusToken: o.status_token ?? undefined, proxy: o.proxy ?? undefined, caFile: o.ca_file ?? undefined, agent: o.agent ?? undefined,
      } : undefined,
      ...extra,
    });
}

const codeOf = (e) => e?.code ?? null;
const snapshotOutcome = (s) => ({ status: s.status, plan: s.plan, all_features: s.allFeatures, features: [...s.features].sort(),
  blocking: s.blocking, valid_until: s.validUntil, code: codeOf(s.error) });

async function online(c) {
  let now = c.now_ms;
  let draws = 0;
  const store = memoryStore();
  const make = () => build(c, { clock: () => now, store, random: (n) => vectorRandom(draws++, n), deviceFacts: c.facts ?? FACTS })
    .then((l) => ({ l }), (e) => ({ e }));
  let lic = await make();
  const steps = [];
  for (const st of c.steps) {
    if (st.at !== undefined) now = st.at;
    if (st.do === 'restart') lic = await make();
    if (st.do === 'store') {
      if (typeof st.value === 'string') store.save(st.slot ?? 'validation', st.value);
      else store.remove(st.slot ?? 'validation');
      steps.push({});
      continue;
    }
    if (st.do === 'observe') {
      store.setNewestChange(st.newest_change);
      steps.push({});
      continue;
    }
    if (lic.e) {
      steps.push(errorOutcome(lic.e));
      continue;
    }
    const l = lic.l;
    try {
      switch (st.do) {
        case 'request':
          const req = l.onlineRequest(st.action);
          // The vectors send directly: the request as the core built it, without its route.
          steps.push({ request: req && { method: req.method, url: req.url, headers: req.headers, body: req.body } });
          break;
        case 'answer':
        case 'install': {
          const out = st.do === 'install' ? l.installActivation(st.file)
            : l.applyResponse(st.error !== undefined ? { error: st.error } : st.response);
          steps.push({ code: codeOf(out.error), details: out.error?.details ?? {}, status: out.snapshot.status });
          break;
        }
        case 'offline_request':
          steps.push({ file: l.offlineRequest() });
          break;
        case 'snapshot':
        case 'restart':
          steps.push(snapshotOutcome(l.snapshot()));
          break;
        case 'info': {
          const i = l.info();
          const on = i.online;
          steps.push({ status: i.status, valid: i.valid, plan: i.plan, expires_at: i.expiresAt, code: codeOf(i.error), online: on ? {
            server_url: on.serverUrl, last_validated: on.lastValidated, next_check: on.nextCheck, grace_ends: on.graceEnds,
            devices_registered: on.devicesRegistered, devices_max: on.devicesMax,
            last_error: codeOf(on.lastError), state_error: codeOf(on.stateError), terms_changed: on.termsChanged,
            activation_ends: on.activationEnds } : null });
          break;
        }
        case 'gate': {
          const g = l.gate(st.path, st.feature ?? null);
          steps.push({ allow: g.allow, status: g.httpStatus, code: codeOf(g.error) });
          break;
        }
        case 'gate_key': {
          const d = l.gateKey(st.token ?? null, st.path, st.feature ?? null);
          steps.push({ allow: d.allow, status: d.httpStatus, code: codeOf(d.error), license_id: d.caller?.licenseId ?? null });
          break;
        }
        default:
          steps.push({ ok: false, code: `unknown-step:${st.do}` });
      }
    } catch (e) {
      steps.push(errorOutcome(e));
    }
  }
  return { steps };
}

/** Writes a case's `files` (tests/vectors/README.md) under `dir`. */
function writeFixtures(dir, files) {
  for (const [rel, content] of Object.entries(files ?? {})) {
    const path = join(dir, rel.replace(/\/$/, ''));
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'string') writeFileSync(path, content);
    else if (content.dir) mkdirSync(path, { recursive: true });
    else if (content.hex !== undefined) writeFileSync(path, Buffer.from(content.hex, 'hex'));
    else writeFileSync(path, content.repeat.repeat(content.count));
  }
}

/** `key_file` cases: the file at `$DIR/key.json` with its mode, read as a trusted key. */
function keyFileCase(c) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'lw-key-file-')));
  try {
    writeFixtures(dir, { 'key.json': c.file });
    const path = join(dir, 'key.json');
    chmodSync(path, c.mode);
    const k = trustedKeyFromFile(path);
    return { key: { kid: k.kid, algorithm: k.algorithm, key: k.key } };
  } catch (e) {
    return { ok: false, code: e.code, message: e.message.replaceAll(dir, '$DIR') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `resolve` cases: the files in a fresh directory, `$DIR` standing for it. */
async function resolveCase(c) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'lw-resolve-')));
  try {
    writeFixtures(dir, c.files);
    const sub = (s) => s.split('$DIR').join(dir);
    const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, sub(v)]));
    const home = c.home === null ? null : sub(c.home);
    const r = resolveKey(c.product, env, home);
    let error = null;
    if (r.unreadable) {
      // What the core makes of it, through the public API.
      const lic = await createLicensing({ product: c.product, env, home, clock: () => 0, deviceFacts: FACTS, logger: {} });
      const e = lic.info().error;
      error = { code: e.code, message: e.message.split(dir).join('$DIR') };
    }
    return { token: r.token, source: r.source.split(dir).join('$DIR'), unreadable: r.unreadable, error };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `gateway_key` and `gateway` cases: the key rule, and one request through createGateway. */
async function gatewayCase(c) {
  const header = (name) => c.headers[name] ?? undefined;
  if (c.op === 'gateway_key') return { key: keyFrom(header) };
  const cfg = c.config ?? {};
  let now = c.now_ms;
  const gw = createGateway({
    product: 'vectors', trustedKeys: cfg.trusted_keys ?? [], policy: cfg.policy_json ?? (cfg.policy ? JSON.stringify(cfg.policy) : ''),
    demoMode: Boolean(cfg.demo_mode), clock: () => now, deviceFacts: FACTS, logger: {},
  });
  if (c.op === 'gateway_requests') {
    const outcomes = [];
    for (const r of c.requests) {
      now = r.now_ms;
      const d = await gw.decide((name) => r.headers[name] ?? undefined, r.path, r.feature ?? undefined);
      outcomes.push(d.caller ? { status: 200, code: null } : { status: d.status, code: JSON.parse(d.body).error?.code ?? null });
    }
    const stats = await gw.stats();
    return { outcomes, cached_keys: stats.cachedKeys, rejected_keys: stats.rejectedKeys };
  }
  const r = await gw.decide(header, c.path, c.feature ?? undefined);
  if (r.caller) return { status: 200, code: null };
  return { status: r.status, code: JSON.parse(r.body).error?.code ?? null };
}

/** `failure` cases: one instance whose clock stops reading (throws) and reads again. */
async function failureCase(c) {
  let broken = false;
  let lic;
  try {
    lic = await build(c, {
      clock: () => {
        if (broken) throw new Error('the clock has no reading');
        return c.now_ms;
      },
      // The failures are the point here: their log lines are not.
      logger: { error() {} },
    });
  } catch (e) {
    return errorOutcome(e);
  }
  const steps = [];
  for (const st of c.steps) {
    if (st.clock === 'broken') broken = true;
    if (st.clock === 'ok') broken = false;
    switch (st.do) {
      case 'snapshot': {
        const s = lic.snapshot();
        steps.push({ status: s.status, plan: s.plan, blocking: s.blocking, code: codeOf(s.error) });
        break;
      }
      case 'gate': {
        const g = lic.gate(st.path, st.feature ?? null);
        steps.push({ allow: g.allow, status: g.httpStatus, body: g.body });
        break;
      }
      case 'check_feature':
        try {
          lic.checkFeature(st.feature);
          steps.push({ ok: true });
        } catch (e) {
          steps.push({ ok: false, code: e.code });
        }
        break;
      case 'metrics':
        steps.push({ metrics: lic.metrics() });
        break;
      case 'info_json':
        steps.push({ json: lic.infoJson() });
        break;
      default:
        steps.push({ ok: false, code: `unknown-step:${st.do}` });
    }
  }
  return { steps };
}

export async function outcome(c) {
  if (c.op === 'online') return online(c);
  if (c.op === 'resolve') return resolveCase(c);
  if (c.op === 'gateway_key' || c.op === 'gateway' || c.op === 'gateway_requests') return gatewayCase(c);
  if (c.op === 'key_file') return keyFileCase(c);
  if (c.op === 'failure') return failureCase(c);
  let lic;
  try {
    lic = await build(c);
  } catch (e) {
    return errorOutcome(e);
  }
  try {
    switch (c.op) {
      case 'configure':
        return { ok: true };
      case 'proxy_route': {
        const req = lic.onlineRequest('activate');
        const p = req?.proxy;
        return { route: p ? { url: p.url, authorization: p.authorization ?? null } : null, ca_file: req?.caFile ?? null };
      }
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
        }, json: lic.infoJson() };
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
      case 'authorize': {
        const policyErrors = (c.rbac_policies ?? []).map((p) => {
          try {
            lic.setAccessPolicy(p);
            return null;
          } catch (e) {
            return errorOutcome(e);
          }
        });
        const decisions = (c.checks ?? []).map((k) => lic.authorize({ roles: k.roles ?? [], groups: k.groups ?? [] }, k.action ?? '', k.verb ?? ''));
        return { policy_errors: policyErrors, decisions, access: JSON.parse(lic.infoJson()).access ?? null };
      }
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

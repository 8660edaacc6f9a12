// The public records a Licensing answers with (decisions, snapshots,
// errors), made from the component's records, and the configuration records
// it gives the component.

import { fromCore, InvalidConfigError } from './errors.js';

export const toNum = (v) => (typeof v === 'bigint' ? Number(v) : v);
export const optNum = (v) => (v === undefined || v === null ? null : Number(v));

/**
 * A gate decision: `{allow, httpStatus, error, body}`. The error object is
 * made only when read: middleware answers from status and body, so a flood
 * of denied requests builds no exceptions.
 */
export class Decision {
  #raw; #error;
  constructor(raw) {
    this.allow = raw.allow;
    this.httpStatus = raw.httpStatus;
    this.body = raw.body;
    this.#raw = raw;
  }

  get error() {
    if (this.#error === undefined) this.#error = toError(this.#raw.error);
    return this.#error;
  }

  toJSON() {
    return { allow: this.allow, httpStatus: this.httpStatus, error: this.error, body: this.body };
  }
}

/**
 * gateKey's answer. The core sends the error only inside `body` (the record
 * stays small, as it crosses on every request); `error` parses it when read,
 * and `caller.snapshot` asks the core (`keySnapshot`) when read.
 */
export class KeyDecision {
  #raw;
  #error;
  #caller;
  #snapshot;

  constructor(raw, snapshot) {
    this.allow = raw.allow;
    this.httpStatus = raw.httpStatus;
    this.body = raw.body;
    this.#raw = raw;
    this.#snapshot = snapshot;
  }

  get error() {
    if (this.#error === undefined) this.#error = errorFromBody(this.body);
    return this.#error;
  }

  /** `{licenseId, snapshot}` when the key verified, else null; `snapshot` is fetched when read. */
  get caller() {
    if (this.#caller === undefined) {
      const id = this.#raw.licenseId;
      const snapshot = this.#snapshot;
      let snap;
      this.#caller = id === undefined ? null : { licenseId: id, get snapshot() { snap ??= snapshot(); return snap; } };
    }
    return this.#caller;
  }

  toJSON() {
    return { allow: this.allow, httpStatus: this.httpStatus, error: this.error, body: this.body, caller: this.caller };
  }
}

/** The error a core-written denial body carries (`{"error":{code,details,message}}`), or null. */
export function errorFromBody(body) {
  if (!body) return null;
  try {
    const e = JSON.parse(body).error;
    return fromCore({ code: e.code, message: e.message, details: Object.entries(e.details ?? {}).map(([key, value]) => ({ key, value: String(value) })) });
  } catch {
    return null;
  }
}

export function toError(e) {
  return e ? fromCore(e) : null;
}

export function snapshotFrom(s) {
  return {
    status: s.status,
    plan: s.plan,
    allFeatures: s.allFeatures,
    features: new Set(s.features),
    limits: Object.fromEntries(s.limits.map((l) => [l.name, toNum(l.max)])),
    blocking: s.blocking,
    validUntil: optNum(s.validUntil),
    error: toError(s.error),
    warning: s.warning ?? null,
  };
}

/** What the host found for the key, as the core's `key-input` variant. */
export function keyInput(r) {
  if (r.unreadable) return { tag: 'unreadable', val: { source: r.source, reason: r.unreadable, detail: r.detail ?? '' } };
  if (r.token === null || r.token === undefined) return { tag: 'none' };
  return { tag: 'key', val: { token: r.token, source: r.source } };
}

/** Key files and trusted keys: `{kid, algorithm: 'ed25519'|'hmac-sha256', key: base64url}`. */
export function trustedKey(k) {
  if (!k || typeof k.kid !== 'string' || typeof k.key !== 'string' || !['ed25519', 'hmac-sha256'].includes(k.algorithm)) {
    throw new InvalidConfigError('invalid-config',
      `trusted key ${JSON.stringify(k?.kid ?? null)}: a trusted key is {kid, algorithm: "ed25519" | "hmac-sha256", key: base64url}; pass the public.key written by \`licensewarden keygen\``);
  }
  return { kid: k.kid, algorithm: k.algorithm, key: k.key };
}

/** `env`: the environment's variables (the core picks the proxy and CA ones by curl's rules); `agent`: the agent variable's value. */
export function onlineConfig(o, env = {}, agent = undefined) {
  if (!o) return undefined;
  return {
    serverUrl: String(o.serverUrl ?? ''),
    serverKeys: (o.serverKeys ?? []).map(trustedKey),
    leaseHours: o.leaseHours ?? 0,
    graceHours: o.graceHours ?? 0,
    statusToken: o.statusToken ?? undefined,
    proxy: o.proxy ?? undefined,
    caFile: o.caFile ?? undefined,
    agent: o.agent ?? (typeof agent === 'string' ? agent : undefined),
    networkEnv: Object.entries(env)
      .filter(([k, v]) => (k.toLowerCase().endsWith('_proxy') || k === 'SSL_CERT_FILE' || k === 'NODE_EXTRA_CA_CERTS') && typeof v === 'string')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value })),
  };
}

export const detailsObject = (list) => Object.fromEntries(list.map((d) => [d.key, d.value]));

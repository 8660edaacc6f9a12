// The JavaScript API over one licensewarden component instance, shared by the
// Node and worker entries (which only differ in where keys, clock, device
// facts and the core wasm modules come from).
//
// Hot paths (checkFeature, gate on allowed routes) answer from the core's
// decision snapshot without crossing into wasm until its validUntil or the
// next key re-resolution; denials and everything else ask the core.

import { fromCore, InternalError, InvalidConfigError, LicenseError } from './errors.js';

const toNum = (v) => (typeof v === 'bigint' ? Number(v) : v);
const optNum = (v) => (v === undefined || v === null ? null : Number(v));

// jco throws a result's error either wrapped (`ComponentError` with
// `.payload`) or as the bare record, depending on its version; accept both.
const isCoreRecord = (r) => r && typeof r === 'object' && typeof r.code === 'string'
  && typeof r.message === 'string' && Array.isArray(r.details);

function coreRecord(err) {
  if (isCoreRecord(err?.payload)) return err.payload;
  if (isCoreRecord(err)) return err;
  return null;
}

export function coreError(err) {
  // Already the host's answer (the failure rule's error).
  if (err instanceof LicenseError) return err;
  const rec = coreRecord(err);
  if (rec) return fromCore(rec);
  return new InternalError('internal', `the licensewarden core could not be run (${err?.message ?? err}); this is a bug: please report it`);
}

function call(fn) {
  try {
    return fn();
  } catch (err) {
    throw coreError(err);
  }
}

// The core's denials are a function of the snapshot, so each is remembered
// (per feature, per path and feature for gate) until the snapshot is
// recomputed: a flood of requests for an unlicensed feature then costs no
// boundary call each. Bounded: once full, further names ask the core.
const MAX_MEMO = 256;

function remember(memo, key, value) {
  if (memo.size < MAX_MEMO) memo.set(key, value);
  return value;
}

/**
 * A gate decision: `{allow, httpStatus, error, body}`. The error object is
 * made only when read: middleware answers from status and body, so a flood
 * of denied requests builds no exceptions.
 */
class Decision {
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
 * stays small, as it crosses on every request); `error` parses it when read.
 * `caller.snapshot` (the caller's terms) comes with the decision.
 */
class KeyDecision {
  #raw;
  #error;
  #caller;

  constructor(raw) {
    this.allow = raw.allow;
    this.httpStatus = raw.httpStatus;
    this.body = raw.body;
    this.#raw = raw;
  }

  get error() {
    if (this.#error === undefined) this.#error = errorFromBody(this.body);
    return this.#error;
  }

  /** `{licenseId, snapshot}` when the key verified, else null; the snapshot came with the decision. */
  get caller() {
    if (this.#caller === undefined) {
      const { licenseId, snapshot } = this.#raw;
      this.#caller = licenseId === undefined || snapshot === undefined ? null : { licenseId, snapshot: snapshotFrom(snapshot) };
    }
    return this.#caller;
  }

  toJSON() {
    return { allow: this.allow, httpStatus: this.httpStatus, error: this.error, body: this.body, caller: this.caller };
  }
}

/** The error a core-written denial body carries (`{"error":{code,details,message}}`), or null. */
function errorFromBody(body) {
  if (!body) return null;
  try {
    const e = JSON.parse(body).error;
    return fromCore({ code: e.code, message: e.message, details: Object.entries(e.details ?? {}).map(([key, value]) => ({ key, value: String(value) })) });
  } catch {
    return null;
  }
}

function toError(e) {
  return e ? fromCore(e) : null;
}

function snapshotFrom(s) {
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
function keyInput(r) {
  if (r.unreadable) return { tag: 'unreadable', val: { source: r.source, reason: r.unreadable, detail: r.detail ?? '' } };
  if (r.token === null || r.token === undefined) return { tag: 'none' };
  return { tag: 'key', val: { token: r.token, source: r.source } };
}

/** Key files and trusted keys: `{kid, algorithm: 'ed25519'|'hmac-sha256', key: base64url}`. */
function trustedKey(k) {
  if (!k || typeof k.kid !== 'string' || typeof k.key !== 'string' || !['ed25519', 'hmac-sha256'].includes(k.algorithm)) {
    throw new InvalidConfigError('invalid-config',
      `trusted key ${JSON.stringify(k?.kid ?? null)}: a trusted key is {kid, algorithm: "ed25519" | "hmac-sha256", key: base64url}; pass the public.key written by \`licensewarden keygen\``);
  }
  return { kid: k.kid, algorithm: k.algorithm, key: k.key };
}

/**
 * State slots in memory (workers, tests): `{load(slot), save(slot, data), remove(slot),
 * newestChange(), setNewestChange(ms)}`; the last two inject file times in tests.
 */
export function memoryStore() {
  const slots = new Map();
  let newest = 0;
  return {
    load: (slot) => slots.get(slot) ?? null,
    save: (slot, data) => { slots.set(slot, data); },
    remove: (slot) => { slots.delete(slot); },
    newestChange: () => newest,
    setNewestChange: (ms) => { newest = ms; },
  };
}

function onlineConfig(o) {
  if (!o) return undefined;
  return {
    serverUrl: String(o.serverUrl ?? ''),
    serverKeys: (o.serverKeys ?? []).map(trustedKey),
    leaseHours: o.leaseHours ?? 0,
    graceHours: o.graceHours ?? 0,
    statusToken: o.statusToken ?? undefined,
  };
}

const detailsObject = (list) => Object.fromEntries(list.map((d) => [d.key, d.value]));

/** Every option of createLicensing (Node), and of its `online` settings. */
export const LICENSING_OPTIONS = ['product', 'trustedKeys', 'policy', 'key', 'clock', 'demoMode', 'deviceFacts',
  'gatewayCacheBytes', 'reloadIntervalMs', 'env', 'home', 'online', 'stateDir', 'witnessDir', 'store', 'random',
  'accessPolicy', 'accessPolicyFile', 'accessReloadIntervalMs', 'rbacPlainEnv', 'logger'];
/** What a gateway uses: no key, state or files of its own (callers bring their keys). */
// An access policy is decided against the instance's own license, and a
// gateway has none: refused rather than silently unenforced.
export const GATEWAY_OPTIONS = LICENSING_OPTIONS.filter((k) => !['key', 'env', 'home', 'stateDir', 'witnessDir', 'store', 'reloadIntervalMs',
  'accessPolicy', 'accessPolicyFile', 'accessReloadIntervalMs', 'rbacPlainEnv'].includes(k));
/** What a worker uses: no environment, home directory or files. */
export const WORKER_OPTIONS = LICENSING_OPTIONS.filter((k) => !['env', 'home', 'stateDir', 'witnessDir', 'accessPolicyFile', 'rbacPlainEnv', 'accessReloadIntervalMs'].includes(k));
const ONLINE_OPTIONS = ['serverUrl', 'serverKeys', 'leaseHours', 'graceHours', 'background', 'timeoutMs', 'fetch', 'statusToken'];

/**
 * Refuse options this entry does not use, rather than ignore them: a
 * misspelt or misplaced setting would otherwise change nothing, silently.
 * `allowed` lists this entry's options; `where` names the entry.
 */
export function checkOptions(options, allowed, where) {
  const unknown = (obj, names) => Object.keys(obj ?? {}).filter((k) => obj[k] !== undefined && !names.includes(k));
  const bad = unknown(options, allowed);
  if (bad.length) {
    throw new InvalidConfigError('invalid-config', `${where} does not use ${bad.map((k) => JSON.stringify(k)).join(', ')}; its options are ${allowed.join(', ')}`);
  }
  const badOnline = unknown(options?.online, ONLINE_OPTIONS);
  if (badOnline.length) {
    throw new InvalidConfigError('invalid-config', `online settings do not include ${badOnline.map((k) => JSON.stringify(k)).join(', ')}; they are ${ONLINE_OPTIONS.join(', ')}`);
  }
}

/**
 * Create a Licensing on a platform.
 * platform: { instantiate(imports) -> Promise<root>, instantiateSync(imports) -> root (the same modules,
 * once compiled: a failed core is re-created within the call that finds it gone), resolveKey() ->
 * {token, source, unreadable, detail}, clock() -> ms, facts() -> {...} }
 */
export async function createWith(platform, options = {}) {
  const clock = options.clock ?? platform.clock;
  // A clock that throws has no reading: the core's call traps (the failure
  // rule answers), and the host's own reading is 0, at which nothing is fresh.
  const now = () => {
    try {
      return clock();
    } catch {
      return 0;
    }
  };
  const facts = options.deviceFacts ?? platform.facts();
  const store = options.store ?? memoryStore();
  const random = options.random ?? ((n) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  const imports = {
    'licensewarden:core/clock': { nowMs: () => BigInt(Math.max(0, Math.floor(clock()))) },
    'licensewarden:core/device': { facts: () => ({ ...facts }) },
    'licensewarden:core/store': {
      load: (slot) => {
        const v = store.load(slot);
        return typeof v === 'string' ? v : undefined;
      },
      // A failed write is the core's to report (`state-not-saved`, with
      // the reason); it never throws through the component.
      save: (slot, data) => {
        try {
          store.save(slot, data);
          return undefined;
        } catch (e) {
          return String(e?.message ?? e);
        }
      },
      newestChange: () => {
        try {
          return BigInt(Math.max(0, Math.floor(store.newestChange?.() ?? 0)));
        } catch {
          return 0n;
        }
      },
    },
    'licensewarden:core/random': { bytes: (n) => random(n) },
    'licensewarden:core/types': {},
  };
  const root = await platform.instantiate(imports);
  const policy = options.policy ?? '';
  const config = {
    trustedKeys: (options.trustedKeys ?? []).map(trustedKey),
    policyJson: typeof policy === 'string' ? policy : JSON.stringify(policy),
    demoMode: Boolean(options.demoMode),
    online: onlineConfig(options.online),
    gatewayCacheBytes: BigInt(options.gatewayCacheBytes ?? 0),
  };
  call(() => root.configure(config));
  const lic = new Licensing(root, platform, now, options, { instantiateSync: platform.instantiateSync ? () => platform.instantiateSync(imports) : null, config });
  if (options.online && options.online.background !== false && platform.schedule) platform.schedule(lic);
  return lic;
}

/** Answer bodies over this are refused by the core; read one byte more so it can say so. */
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * Send one request the core built with `fetch`: no redirects (an answer must
 * come from the server itself), a timeout, the body read up to the core's cap.
 * Resolves to `{status, headers, body}` or `{error}`; never rejects.
 */
export async function sendRequest(req, { fetch: f = globalThis.fetch, timeoutMs = DEFAULTS['online.timeoutMs'] } = {}) {
  try {
    const r = await f(req.url, {
      method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
    });
    const sig = r.headers.get('x-licensewarden-signature');
    const reader = r.body?.getReader();
    const chunks = [];
    let size = 0;
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      if (size > MAX_ANSWER_BYTES) {
        await reader.cancel();
        break;
      }
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c.subarray(0, Math.min(c.length, size - at)), at);
      at += c.length;
    }
    return { status: r.status, headers: sig ? { 'x-licensewarden-signature': sig } : {}, body: new TextDecoder().decode(bytes) };
  } catch (e) {
    return { error: String(e?.cause?.code ?? e?.name ?? 'error') + ': ' + String(e?.cause?.message ?? e?.message ?? e) };
  }
}

/**
 * Codes that mean "this device holds no answer from the license server
 * yet": a check is what settles them, so middleware waits for one (at most
 * FIRST_CHECK_WAIT_MS) before denying a request. The same codes in every host.
 */
export const AWAITING_CHECK = ['not-validated', 'state-tampered'];
/** How long middleware waits for a first check before answering, ms. */
export const FIRST_CHECK_WAIT_MS = 10_000;

/** The defaults every host shares (tests/options.json), in milliseconds. */
export const DEFAULTS = Object.freeze({
  reloadIntervalMs: 10_000,
  accessReloadIntervalMs: 30_000,
  'online.timeoutMs': 10_000,
  'ready(timeoutMs)': FIRST_CHECK_WAIT_MS,
});

/**
 * The access memo: a trie over action, verb, each role (`r` maps) then
 * each group (`g` maps), a decision at the end. Not one string key: V8
 * spends ~0.35 µs building and hashing a composed key, more than the rest
 * of a memo hit; each name's hash is cached on its string instead.
 */
function accessStep(map, key, memo) {
  let n = map.get(key);
  if (n === undefined && memo) {
    n = { r: new Map(), g: new Map(), d: undefined };
    map.set(key, n);
    memo.size++;
  }
  return n;
}

function accessNode(memo, roles, groups, action, verb, create) {
  const grow = create && memo.size < 4096 ? memo : null;
  let n = accessStep(memo.root.r, action, grow);
  if (n) n = accessStep(n.r, verb, grow);
  for (let i = 0; n && i < roles.length; i++) n = accessStep(n.r, roles[i], grow);
  for (let i = 0; n && i < groups.length; i++) n = accessStep(n.g, groups[i], grow);
  return n;
}

const newAccessMemo = () => ({ root: { r: new Map() }, size: 0 });

export class Licensing {
  #root; #platform; #clock; #reloadMs; #explicit; #loaded; #cache; #online; #inflight = null; #closed = false; #calls = 0;
  #access = null; #logger;
  // After a core failure: how to make a fresh instance, and the access
  // policy to give it back (accepted, then refused). #live is the instance
  // (null once it failed); #failure the core's answers while it cannot run.
  #restart; #live; #failure = null; #accessOk = null; #accessRefused = null;
  // The status last logged (#logEvents), null before the first.
  #logged = null;

  constructor(root, platform, clock, options, restart = null) {
    this.#restart = restart;
    this.#live = root;
    this.#root = this.#wrap(root);
    this.#logger = options.logger ?? null;
    this.#platform = platform;
    this.#clock = clock;
    this.#online = options.online ?? null;
    this.#explicit = options.key ?? null;
    this.#reloadMs = options.reloadIntervalMs ?? DEFAULTS.reloadIntervalMs;
    this.#loaded = null;
    this.#failure = root.failureAnswers();
    this.refresh();
    // Where the access policy comes from (docs/rbac.md): explicit text, or
    // the platform's source (Node: an explicit file, then the variables).
    this.#access = options.accessPolicy != null
      ? { origin: 'explicit', read: () => String(options.accessPolicy), due: () => false, seen() {} }
      : platform.accessSource?.() ?? null;
    if (this.#access) {
      // An unreadable file throws here (the start fails naming it); a
      // refused policy leaves the core denying everyone and says so.
      const text = this.#access.read();
      try {
        this.setAccessPolicy(text);
      } catch (e) {
        this.#logger?.error?.(`licensewarden: RBAC policy from ${this.#access.origin} refused: ${e.message}`);
      }
    }
  }

  /**
   * Every export, counted (tests check that snapshot and memo answers make
   * no call) and watched: a failure that is not the core's own answer (a
   * trap, an import that threw) drops the instance, and the next call
   * re-creates it (the failure rule every host follows; failure.json).
   */
  #wrap(root) {
    return Object.fromEntries(Object.keys(root).filter((name) => typeof root[name] === 'function').map((name) => [name, (...args) => {
      const live = this.#live ?? this.#recreate();
      this.#calls++;
      try {
        return live[name](...args);
      } catch (err) {
        if (coreRecord(err)) throw err;
        throw this.#failed(err);
      }
    }]));
  }

  /** The core failed (`err`): drop it, log why, and answer with the core's failure error. */
  #failed(err) {
    this.#live = null;
    if (this.#cache) this.#cache = { ...this.#cache, recheckAt: 0 };
    const why = String(err?.message ?? err).slice(0, 512);
    const line = `licensewarden: the core failed; every licensed request is refused until it is re-created (at the next call): ${JSON.stringify(why)}`;
    if (this.#logger?.error) this.#logger.error(line);
    else console.error(line);
    return this.#failureError();
  }

  #failureError() {
    return fromCore(this.#failure.error);
  }

  /**
   * A fresh instance with the same configuration, key and access policy (a
   * lost policy would mean full access), made synchronously from the
   * compiled modules; throws the failure error when it cannot be made.
   */
  #recreate() {
    if (!this.#restart?.instantiateSync) throw this.#failureError();
    try {
      const root = this.#restart.instantiateSync();
      root.configure(this.#restart.config);
      if (this.#loaded) root.load(keyInput(this.#loaded));
      if (this.#accessOk !== null) root.setAccessPolicy(this.#accessOk);
      if (this.#accessRefused !== null) {
        try {
          root.setAccessPolicy(this.#accessRefused);
        } catch { /* refused again, as before */ }
      }
      this.#failure = root.failureAnswers();
      this.#live = root;
      if (this.#cache) this.#cache = { ...this.#cache, recheckAt: 0, access: newAccessMemo() };
      return root;
    } catch (err) {
      throw this.#failed(err);
    }
  }

  #isFailure(e) {
    return e instanceof InternalError && e.message === this.#failure.error.message;
  }

  #resolve() {
    return this.#platform.resolveKey(this.#explicit);
  }

  /** Recompute the snapshot, re-resolving the key (picks up a renewed key file). */
  refresh() {
    const now = this.#clock();
    const r = this.#resolve();
    let raw;
    const l = this.#loaded;
    try {
      if (!l || l.token !== r.token || l.source !== r.source || l.unreadable !== r.unreadable || l.detail !== r.detail) {
        if (l) this.#logger?.info?.(`licensewarden: the license key changed (${JSON.stringify(r.source)}); loaded again`);
        raw = call(() => this.#root.load(keyInput(r)));
        this.#loaded = r;
        this.#failure = call(() => this.#root.failureAnswers());
      } else {
        raw = call(() => this.#root.snapshot());
      }
    } catch (e) {
      if (!this.#isFailure(e)) throw e;
      // Asked again at the next call.
      const snap = snapshotFrom(this.#failure.snapshot);
      this.#cache = { snap, computedAt: now, recheckAt: 0, denials: new Map(), gates: new Map(), access: newAccessMemo() };
      return snap;
    }
    const snap = snapshotFrom(raw);
    this.#logEvents(snap.status, false);
    const reloadAt = this.#explicit !== null || this.#reloadMs === 0 ? Infinity : now + this.#reloadMs;
    this.#cache = {
      snap, computedAt: now, recheckAt: Math.min(snap.validUntil ?? Infinity, reloadAt), denials: new Map(), gates: new Map(),
      access: newAccessMemo(),
    };
    return snap;
  }

  /**
   * Log the core's lines (the status at start and when it changes, caps
   * newly exceeded, online checks newly failing or succeeding again) through
   * the `logger` option (`info`, `warn`, `error`), or `console.warn` for
   * warnings and errors when there is none. An unchanged status with
   * nothing queued costs no call.
   */
  #logEvents(status, queued) {
    if (this.#logged === status && !queued) return;
    let events;
    try {
      events = this.#root.events(this.#logged ?? undefined);
    } catch {
      return;
    }
    this.#logged = status;
    for (const e of events) {
      const line = `licensewarden: ${e.message}`;
      const log = this.#logger?.[e.level];
      if (typeof log === 'function') log.call(this.#logger, line);
      else if (!this.#logger && e.level !== 'info') console.warn(line);
    }
  }

  #fresh(now) {
    return now >= this.#cache.computedAt && now < this.#cache.recheckAt;
  }

  #ensureFresh() {
    if (!this.#fresh(this.#clock())) this.refresh();
  }

  /** The decision snapshot (cached while fresh). */
  snapshot() {
    this.#ensureFresh();
    return this.#cache.snap;
  }

  #fastAllow(feature) {
    const now = this.#clock();
    if (!this.#fresh(now)) return false;
    const s = this.#cache.snap;
    return !s.blocking && (feature === undefined || feature === null || s.allFeatures || s.features.has(feature));
  }

  /** Resolves when licensed; throws FeatureNotLicensedError / LicenseExpiredError otherwise. */
  checkFeature(name) {
    const rec = this.#denial(name);
    if (rec) throw fromCore(rec);
  }

  /** The core's error record when `name` is denied, else null (memoised per snapshot). */
  #denial(name) {
    if (this.#fastAllow(name)) return null;
    this.#ensureFresh();
    const denials = this.#cache.denials;
    let rec = denials.get(name);
    if (rec === undefined) {
      try {
        this.#root.checkFeature(name);
        return null;
      } catch (err) {
        rec = coreRecord(err);
        if (!rec) throw coreError(err);
      }
      remember(denials, name, rec);
    }
    return rec;
  }

  /** How many calls into the component this instance has made (diagnostics). */
  get coreCalls() {
    return this.#calls;
  }

  /** Ask the core directly, bypassing the snapshot (diagnostics, benchmarks). */
  checkFeatureUncached(name) {
    call(() => this.#root.checkFeature(name));
  }

  /** True when licensed. */
  hasFeature(name) {
    try {
      return this.#denial(name) === null;
    } catch {
      return false;
    }
  }

  /** Compare usage with a cap: {outcome: 'within'|'soft-exceeded'|'hard-exceeded', name, max, current, error}. */
  checkCap(name, current) {
    this.#ensureFresh();
    let c;
    try {
      c = call(() => this.#root.checkCap(name, BigInt(current)));
    } catch (e) {
      if (!this.#isFailure(e)) throw e;
      return { outcome: 'hard-exceeded', name, max: 0, current, error: e };
    }
    if (c.outcome !== 'within') this.#logEvents(this.#cache.snap.status, true);
    return { outcome: c.outcome, name: c.name, max: toNum(c.max), current: toNum(c.current), error: toError(c.error) };
  }

  /** Decide an HTTP request: {allow, httpStatus, error, body}. */
  gate(path, feature) {
    if (this.#fastAllow(feature)) return { allow: true, httpStatus: 200, error: null, body: '' };
    this.#ensureFresh();
    const gates = this.#cache.gates;
    try {
      let g = gates.get(path)?.get(feature);
      if (g === undefined) {
        g = this.#root.gate(path, feature ?? undefined);
        if (!g.allow && (gates.has(path) || gates.size < MAX_MEMO)) {
          const byFeature = gates.get(path) ?? new Map();
          gates.set(path, remember(byFeature, feature, g) && byFeature);
        }
      }
      return new Decision(g);
    } catch (err) {
      if (coreRecord(err)) throw coreError(err);
      return new Decision(this.#failure.gate);
    }
  }

  /**
   * Gateway mode: decide a request to `path` (optionally needing `feature`)
   * carrying a caller's own `token` (null: no key sent). Never throws: a core
   * failure is a 503 `internal` denial. Returns `{allow, httpStatus, error,
   * body, caller}` where caller is `{licenseId, org, snapshot}` when the key
   * verified.
   */
  gateKey(token, path, feature) {
    return this.#gate(() => this.#root.gateKey(token ?? undefined, path, feature ?? undefined));
  }

  /** `gateKey` for a request's `{authorization, xLicenseKey}`, the key read by the core's rule. */
  gateRequest(headers, path, feature) {
    return this.#gate(() => this.#root.gateRequest(headers, path, feature ?? undefined));
  }

  #gate(decide) {
    try {
      return new KeyDecision(decide());
    } catch (err) {
      if (coreRecord(err)) throw coreError(err);
      const g = this.#failure.gate;
      return new KeyDecision({ allow: false, httpStatus: g.httpStatus, body: g.body, licenseId: undefined });
    }
  }

  /** Gateway mode: the caller's plan, features and caps in force for `token`; throws why the key is refused. */
  keySnapshot(token) {
    return snapshotFrom(call(() => this.#root.keySnapshot(token)));
  }

  /** Gateway mode's counts: `{cachedKeys, cachedBytes, cacheBudget, rejectedKeys, statusLicenses, statusSerial}`. */
  gatewayStats() {
    const s = call(() => this.#root.gatewayStats());
    return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, toNum(v)]));
  }

  /** Everything `license info` shows. Never throws. */
  info() {
    let i;
    try {
      this.#ensureFresh();
      i = this.#root.info();
    } catch (err) {
      if (coreRecord(err)) throw coreError(err);
      i = this.#failure.info;
    }
    {
      const info = {
        valid: i.valid,
        status: i.status,
        plan: i.plan,
        licenseId: i.licenseId ?? null,
        org: i.org ?? null,
        kid: i.kid ?? null,
        keySource: i.keySource,
        features: i.features.map((f) => ({ name: f.name, enabled: f.enabled })),
        limits: i.limits.map((l) => ({ name: l.name, max: toNum(l.max), current: toNum(l.current), soft: l.soft })),
        issuedAt: optNum(i.issuedAt),
        expiresAt: optNum(i.expiresAt),
        expiresText: i.expiresText ?? null,
        daysRemaining: i.daysRemaining ?? null,
        demo: i.demo,
        deviceId: i.deviceId,
        error: toError(i.error),
        online: i.online ? {
          serverUrl: i.online.serverUrl,
          lastValidated: optNum(i.online.lastValidated),
          nextCheck: optNum(i.online.nextCheck),
          graceEnds: optNum(i.online.graceEnds),
          devicesRegistered: optNum(i.online.devicesRegistered),
          devicesMax: optNum(i.online.devicesMax),
          lastError: toError(i.online.lastError),
          stateError: toError(i.online.stateError),
          termsChanged: i.online.termsChanged ?? null,
        } : null,
        access: i.access ? {
          enforced: i.access.enforced, roles: i.access.roles, patterns: i.access.patterns,
          message: i.access.message, error: toError(i.access.error),
        } : null,
      };
      // JSON.stringify(info) gives the one info shape every host shares
      // (snake_case, features and limits keyed by name, RFC 3339 instants);
      // infoJson() gives its exact bytes.
      Object.defineProperty(info, 'toJSON', { value: () => JSON.parse(this.infoJson()), enumerable: false });
      return info;
    }
  }

  /** `info()` as the one canonical JSON text every host produces byte for byte (`licensewarden info --json`). */
  infoJson() {
    this.#ensureFresh();
    try {
      return call(() => this.#root.infoJson());
    } catch (e) {
      if (!this.#isFailure(e)) throw e;
      return this.#failure.infoJson;
    }
  }

  /**
   * Prometheus text. While the core cannot run, its failure text: a comment
   * naming the failure and the license gauges at zero, so alerts fire.
   */
  metrics() {
    this.#ensureFresh();
    try {
      return call(() => this.#root.metrics());
    } catch (e) {
      if (!this.#isFailure(e)) throw e;
      return this.#failure.metrics;
    }
  }

  /** Verify a token without changing the loaded license; throws on rejection. */
  verify(token) {
    const l = call(() => this.#root.verify(token));
    return {
      id: l.id, org: l.org, plan: l.plan, kid: l.kid, features: l.features,
      limits: Object.fromEntries(l.limits.map((x) => [x.name, toNum(x.max)])),
      issuedAt: toNum(l.issuedAt), notBefore: optNum(l.notBefore), expiresAt: optNum(l.expiresAt), extraJson: l.extraJson,
    };
  }

  /** Low level: verify a detached signature (base64url message and signature). */
  checkSignature(key, message, signature) {
    call(() => this.#root.checkSignature(trustedKey(key), message, signature));
  }

  /**
   * Replace the access (RBAC) policy with a policy file's text, YAML or JSON
   * (docs/rbac.md); null removes it. A refused policy leaves the one in force
   * and throws InvalidConfigError with a `field` detail naming where (a key
   * path or `line N`).
   */
  setAccessPolicy(text) {
    try {
      call(() => this.#root.setAccessPolicy(text ?? undefined));
      [this.#accessOk, this.#accessRefused] = [text ?? null, null];
    } catch (e) {
      if (e instanceof InvalidConfigError) this.#accessRefused = text ?? null;
      throw e;
    } finally {
      this.#cache.access = newAccessMemo();
    }
  }

  /**
   * Re-read the configured policy now (the `POST /admin/rbac/reload` of
   * docs/rbac.md). Throws InvalidConfigError when it cannot be read or is
   * refused; the policy in force stays.
   */
  reloadAccessPolicy() {
    const a = this.#access;
    if (!a) return;
    const seen = a.stamp?.();
    this.setAccessPolicy(a.read());
    a.seen(seen);
    this.#logger?.info?.(`licensewarden: RBAC policy reloaded from ${a.origin}`);
  }

  /**
   * Whether `subject` ({roles, groups}) may run `verb` on `action`:
   * `{allow, role, pattern, reason, body}` (`body`: the 403 every host
   * answers a denial with). Fails closed: a core failure denies. Decisions
   * are remembered per policy and snapshot; each goes to `logger.debug`.
   */
  authorize(subject, action, verb) {
    if (this.#access?.due()) this.#reloadOrWarn();
    const roles = subject?.roles ?? [];
    const groups = subject?.groups ?? [];
    // The fast path: one clock read and the memo's trie. A clock that
    // throws means no fresh snapshot: the slow path decides (fails closed).
    let d;
    try {
      d = this.#fresh(this.#clock()) ? accessNode(this.#cache.access, roles, groups, action, verb, false)?.d : undefined;
    } catch {
      d = undefined;
    }
    if (d === undefined) d = this.#authorizeSlow(roles, groups, action, verb);
    this.#logger?.debug?.(`licensewarden: rbac ${d.allow ? 'allow' : 'deny'} action=${JSON.stringify(action)} verb=${JSON.stringify(verb)} role=${JSON.stringify(d.role)} pattern=${JSON.stringify(d.pattern)} reason=${d.reason}`);
    return d;
  }

  #reloadOrWarn() {
    try {
      this.reloadAccessPolicy();
    } catch (e) {
      this.#logger?.warn?.(`licensewarden: RBAC policy reload from ${this.#access.origin} refused, the previous policy stays: ${e.message}`);
    }
  }

  #authorizeSlow(roles, groups, action, verb) {
    try {
      this.#ensureFresh();
      const memo = this.#cache.access;
      let d = accessNode(memo, roles, groups, action, verb, false)?.d;
      if (!d) {
        const r = this.#root.authorize({ roles: [...roles], groups: [...groups] }, action, verb);
        d = Object.freeze({ allow: r.allow, role: r.role ?? null, pattern: r.pattern ?? null, reason: r.reason, body: r.body });
        const n = accessNode(memo, roles, groups, action, verb, true);
        if (n) n.d = d;
      }
      return d;
    } catch (err) {
      const e = coreError(err);
      return { allow: false, role: null, pattern: null, reason: e.message, body: JSON.stringify({ error: { code: e.code, details: {}, message: e.message } }) };
    }
  }


  /**
   * Online validation, low level: the request the core wants sent for `action`
   * ('validate-if-due' | 'validate' | 'activate' | 'deactivate'), or null when
   * nothing is due: `{method, url, headers: {name: value}, body}`.
   */
  onlineRequest(action = 'validate-if-due') {
    const r = call(() => this.#root.onlineRequest(action));
    if (!r) return null;
    return { method: r.method, url: r.url, headers: detailsObject(r.headers), body: r.body };
  }

  /**
   * Hand the answer to the last onlineRequest to the core: `{status, headers, body}`
   * as received, or `{error: 'why no answer came'}`. Returns `{error, snapshot}`.
   */
  applyResponse(answer) {
    const arg = typeof answer?.error === 'string'
      ? { tag: 'err', val: answer.error }
      : { tag: 'ok', val: { status: answer.status, headers: Object.entries(answer.headers ?? {}).map(([key, value]) => ({ key, value: String(value) })), body: answer.body ?? '' } };
    const out = call(() => this.#root.applyResponse(arg));
    this.#cache = { ...this.#cache, recheckAt: 0 };
    this.#logEvents(out.snapshot.status, true);
    return { error: toError(out.error), snapshot: snapshotFrom(out.snapshot) };
  }

  async #check(action) {
    // One check at a time: a second request would replace the outstanding
    // nonce and make the first answer stale.
    while (this.#inflight) await this.#inflight.catch(() => {});
    const run = (async () => {
      const req = this.onlineRequest(action);
      if (!req) return null;
      const answer = await sendRequest(req, { fetch: this.#online?.fetch, timeoutMs: this.#online?.timeoutMs });
      return this.applyResponse(answer);
    })();
    this.#inflight = run;
    try {
      return await run;
    } finally {
      if (this.#inflight === run) this.#inflight = null;
    }
  }

  /**
   * Resolves with the snapshot once the first online check after start (or
   * after a new key) has been made, or at once when none is needed (offline
   * only, no key, an answer already held); at most `timeoutMs`. Serve
   * requests after `await lic.ready()` to skip the short restricted window of
   * a fresh install.
   */
  async ready(timeoutMs = FIRST_CHECK_WAIT_MS) {
    const awaiting = () => AWAITING_CHECK.includes(this.snapshot().error?.code);
    if (!this.#online || !awaiting()) return this.snapshot();
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
    });
    try {
      await Promise.race([this.validateIfDue().catch(() => null), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return this.snapshot();
  }

  /** Run an online check if one is due (first use, lease over, retry); null when nothing was due. */
  validateIfDue() {
    return this.#check('validate-if-due');
  }

  /** Validate with the license server now: `{error, snapshot}`. */
  validateNow() {
    return this.#check('validate');
  }

  /** Register this device with the license. */
  activate() {
    return this.#check('activate');
  }

  /** Free this device's slot. */
  deactivate() {
    return this.#check('deactivate');
  }

  /** Stop scheduling background checks (Node); request paths keep working. */
  close() {
    this.#closed = true;
  }

  /** True after close(). */
  get closed() {
    return this.#closed;
  }

  /** Milliseconds until the core's next boundary (lease end, retry, grace end), 1 s..60 s (the core's rule). */
  nextCheckDelay() {
    try {
      return this.#root.nextCheckDelay();
    } catch {
      return this.#failure.retryMs;
    }
  }

  /** Effective plan. */
  get plan() {
    return this.snapshot().plan;
  }

  /** Where the key came from. */
  get keySource() {
    return this.#loaded?.source ?? 'none';
  }
}

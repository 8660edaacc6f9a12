// The JavaScript API over one licensewarden component instance, shared by the
// Node and worker entries (which only differ in where keys, clock, device
// facts and the core wasm modules come from).
//
// Hot paths (checkFeature, gate on allowed routes) answer from the core's
// decision snapshot without crossing into wasm until its validUntil or the
// next key re-resolution; denials and everything else ask the core.

import { call, Core, coreError, coreRecord } from './core.js';
import { accessNode, MAX_MEMO, newAccessMemo, remember } from './cache.js';
import { fromCore, InvalidConfigError } from './errors.js';
import { sendRequest } from './online.js';
import { AWAITING_CHECK, DEFAULTS, FIRST_CHECK_WAIT_MS } from './options.js';
import { Decision, detailsObject, KeyDecision, keyInput, onlineConfig, optNum, snapshotFrom, toError, toNum, trustedKey } from './records.js';

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
  const env = platform.env ?? {};
  // The setting, else <PRODUCT>_LICENSE_AGENT (docs/agent.md).
  const agentVar = root.keyPlaces(options.product ?? 'licensewarden').agentVar;
  const config = {
    trustedKeys: (options.trustedKeys ?? []).map(trustedKey),
    policyJson: typeof policy === 'string' ? policy : JSON.stringify(policy),
    demoMode: Boolean(options.demoMode),
    online: onlineConfig(options.online, env, env[agentVar]),
    gatewayCacheBytes: BigInt(options.gatewayCacheBytes ?? 0),
  };
  call(() => root.configure(config));
  const lic = new Licensing(root, platform, now, options, { instantiateSync: platform.instantiateSync ? () => platform.instantiateSync(imports) : null, config });
  if (options.online && options.online.background !== false && platform.schedule) platform.schedule(lic);
  return lic;
}

export class Licensing {
  #core; #root; #platform; #clock; #reloadMs; #explicit; #cache; #online; #inflight = null; #closed = false;
  #access = null; #logger;
  // The status last logged (#logEvents), null before the first.
  #logged = null;

  constructor(root, platform, clock, options, restart = null) {
    this.#logger = options.logger ?? null;
    // Cached answers no longer hold once the core failed or was re-created.
    this.#core = new Core(root, restart, this.#logger, () => {
      if (this.#cache) this.#cache = { ...this.#cache, recheckAt: 0, access: newAccessMemo() };
    });
    this.#root = this.#core.root;
    this.#platform = platform;
    this.#clock = clock;
    this.#online = options.online ?? null;
    this.#explicit = options.key ?? null;
    this.#reloadMs = options.reloadIntervalMs ?? DEFAULTS.reloadIntervalMs;
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

  #resolve() {
    return this.#platform.resolveKey(this.#explicit);
  }

  /** Recompute the snapshot, re-resolving the key (picks up a renewed key file). */
  refresh() {
    const now = this.#clock();
    const r = this.#resolve();
    let raw;
    const l = this.#core.loaded;
    try {
      if (!l || l.token !== r.token || l.source !== r.source || l.unreadable !== r.unreadable || l.detail !== r.detail) {
        if (l) this.#logger?.info?.(`licensewarden: the license key changed (${JSON.stringify(r.source)}); loaded again`);
        raw = call(() => this.#root.load(keyInput(r)));
        this.#core.loaded = r;
        this.#core.failure = call(() => this.#root.failureAnswers());
      } else {
        raw = call(() => this.#root.snapshot());
      }
    } catch (e) {
      if (!this.#core.isFailure(e)) throw e;
      // Asked again at the next call.
      const snap = snapshotFrom(this.#core.failure.snapshot);
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
    return this.#core.calls;
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
      if (!this.#core.isFailure(e)) throw e;
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
      return new Decision(this.#core.failure.gate);
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
    return this.#gate(() => this.#root.gateKey(token ?? undefined, path, feature ?? undefined, false), () => token);
  }

  /** `gateKey` for a request's `{authorization, xLicenseKey}`, the key read by the core's rule. */
  gateRequest(headers, path, feature) {
    return this.#gate(() => this.#root.gateRequest(headers, path, feature ?? undefined, false), () => this.#root.keyFromHeaders(headers));
  }

  // The caller's snapshot is asked for only when read (most handlers need
  // only the decision), with the key `token()` gives.
  #gate(decide, token) {
    const snapshot = () => this.keySnapshot(token());
    try {
      return new KeyDecision(decide(), snapshot);
    } catch (err) {
      if (coreRecord(err)) throw coreError(err);
      const g = this.#core.failure.gate;
      return new KeyDecision({ allow: false, httpStatus: g.httpStatus, body: g.body, licenseId: undefined }, snapshot);
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
      i = this.#core.failure.info;
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
          activationEnds: optNum(i.online.activationEnds),
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
      if (!this.#core.isFailure(e)) throw e;
      return this.#core.failure.infoJson;
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
      if (!this.#core.isFailure(e)) throw e;
      return this.#core.failure.metrics;
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
      [this.#core.accessOk, this.#core.accessRefused] = [text ?? null, null];
    } catch (e) {
      if (e instanceof InvalidConfigError) this.#core.accessRefused = text ?? null;
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
    return { method: r.method, url: r.url, headers: detailsObject(r.headers), body: r.body, proxy: r.proxy ?? null, caFile: r.caFile ?? null };
  }

  /**
   * Hand the answer to the last onlineRequest to the core: `{status, headers, body}`
   * as received, or `{error: 'why no answer came'}`. Returns `{error, snapshot}`.
   */
  applyResponse(answer) {
    const arg = typeof answer?.error === 'string'
      ? { tag: 'err', val: answer.error }
      : { tag: 'ok', val: { status: answer.status, headers: Object.entries(answer.headers ?? {}).map(([key, value]) => ({ key, value: String(value) })), body: answer.body ?? '' } };
    return this.#settle(call(() => this.#root.applyResponse(arg)));
  }

  /** What this process hands its host's processes as their license agent (docs/agent.md); null without a verified key. */
  agentMessage() {
    return call(() => this.#root.agentMessage()) ?? null;
  }

  /**
   * Air-gapped activation, step 1: the request file's text (one JSON line)
   * to carry to the vendor, whose server turns it into an activation file
   * (docs/air-gapped.md). Throws as onlineRequest does.
   */
  offlineRequest() {
    return call(() => this.#root.offlineRequest());
  }

  /**
   * Air-gapped activation, step 2: install the activation file's text.
   * Returns `{error, snapshot}`; a refused file changes nothing and the
   * error names the rule.
   */
  installActivation(file) {
    if (typeof file !== 'string') throw new TypeError('installActivation takes the activation file\'s text');
    return this.#settle(call(() => this.#root.installActivation(file)));
  }

  #settle(out) {
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
      const answer = await sendRequest(req, { fetch: this.#online?.fetch, timeoutMs: this.#online?.timeoutMs, dispatcher: this.#platform.dispatcher, agent: this.#platform.readAgent });
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
      return this.#core.failure.retryMs;
    }
  }

  /** Effective plan. */
  get plan() {
    return this.snapshot().plan;
  }

  /** Where the key came from. */
  get keySource() {
    return this.#core.loaded?.source ?? 'none';
  }
}

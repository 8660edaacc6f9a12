// Node entry: the core wasm modules are read from gen/ and compiled once per
// process; the key comes from <PRODUCT>_LICENSE_KEY, <PRODUCT>_LICENSE_KEY_FILE
// or ~/.<product>/license.key (first non-empty line); device facts from `os`.

import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { rootCertificates } from 'node:tls';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantiate } from '../gen/licensewarden.js';
import { createWith, Licensing, memoryStore } from './licensing.js';
import { sendRequest } from './online.js';
import { checkOptions, DEFAULTS, GATEWAY_OPTIONS, LICENSING_OPTIONS } from './options.js';
import { gateway } from './gateway.js';
import { InvalidConfigError } from './errors.js';
import { accessSource, deviceFacts, fileStore, readBounded, resolveKeyWith, trustedKeyFromFileWith } from './platform.js';
import { rules } from './rules.js';

export * from './errors.js';
export * from './middleware.js';
export { DEFAULTS, Licensing, memoryStore, sendRequest };
export { deviceFacts, fileStore, readBounded };

const genDir = join(dirname(fileURLToPath(import.meta.url)), '../gen');
const compiled = new Map();
// The same modules once compiled: re-creating a failed core is synchronous.
const ready = new Map();

function getCoreModule(name) {
  if (!compiled.has(name)) {
    compiled.set(name, WebAssembly.compile(readFileSync(join(genDir, name))).then((m) => (ready.set(name, m), m)));
  }
  return compiled.get(name);
}

function getCoreModuleSync(name) {
  if (!ready.has(name)) ready.set(name, new WebAssembly.Module(readFileSync(join(genDir, name))));
  return ready.get(name);
}

const instantiateSync = (imports) => instantiate(getCoreModuleSync, imports, (m, i) => new WebAssembly.Instance(m, i));
const shared = rules(instantiateSync);

/**
 * The license key by the core's rule: <PREFIX>_LICENSE_KEY >
 * <PREFIX>_LICENSE_KEY_FILE > ~/.<product>/license.key > none.
 * `{token, source, unreadable, detail}`: `unreadable` names why a named
 * file could not be used (`not-found`, `too-large`, ...; the core words it).
 */
export const resolveKey = (product, env = process.env, home = homedir()) => resolveKeyWith(shared, product, env, home);

/** Read a `public.key` file by the core's rule (a private key and a shared HMAC secret refused). */
export const trustedKeyFromFile = (path) => trustedKeyFromFileWith(shared, path);

/** The caller's key from a header getter `(name) => value | undefined`, or null (the core's rule). */
export const keyFrom = (header) => shared.keyFrom(header);

/** Largest CA bundle read, bytes. */
const MAX_CA_FILE_BYTES = 1024 * 1024;

/** The CA bundle's text; the error names the file in words the core's `tls-failed` cause knows. */
function caText(path) {
  try {
    return readBounded(path, MAX_CA_FILE_BYTES).toString('ascii');
  } catch (e) {
    throw new Error(`certificate authorities file ${path}: ${e.message}`);
  }
}

// One undici agent per route and CA bundle (connections are reused); the
// bundle is read for every request, so a replaced file takes effect at the
// next check, as in every host. Its certificates are trusted besides
// Node's roots.
const agents = new Map();
async function dispatcherFor(route, caFile) {
  const pem = caFile ? caText(caFile) : '';
  const key = `${route?.url ?? ''} ${route?.authorization ?? ''} ${pem}`;
  if (!agents.has(key)) {
    const { Agent, ProxyAgent } = await import('undici');
    const tls = pem ? { ca: [...rootCertificates, pem] } : undefined;
    agents.set(key, route
      ? new ProxyAgent({ uri: route.url, token: route.authorization ?? undefined, ...(tls ? { requestTls: tls } : {}) })
      : new Agent({ connect: tls }));
  }
  return agents.get(key);
}

/** Largest message read from a license agent, bytes. */
const MAX_AGENT_BYTES = 64 * 1024;

/** The license agent's message from its socket, as the core takes it (docs/agent.md). */
function readAgent(path, timeoutMs) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const s = connect(path);
    const done = (answer) => { s.destroy(); resolve(answer); };
    s.setTimeout(timeoutMs, () => done({ error: `${path}: no answer within ${timeoutMs} ms` }));
    s.on('data', (c) => {
      chunks.push(c);
      size += c.length;
      if (size > MAX_AGENT_BYTES) done({ status: 200, headers: {}, body: Buffer.concat(chunks).toString('utf8') });
    });
    s.on('end', () => done({ status: 200, headers: {}, body: Buffer.concat(chunks).toString('utf8') }));
    s.on('error', (e) => done({ error: `${path}: ${e.code ?? ''} ${e.message}` }));
  });
}

/** sha256 (hex) of the component gen/ was transpiled from. */
export function componentSha256() {
  return readFileSync(join(genDir, 'SOURCE_SHA256'), 'utf8').trim();
}

/**
 * Create a Licensing for a Node service.
 * @param {import('./index').LicensingOptions} options
 */
export async function createLicensing(options = {}) {
  checkOptions(options, LICENSING_OPTIONS, 'createLicensing');
  const product = options.product ?? 'licensewarden';
  const env = options.env ?? process.env;
  const home = options.home === undefined ? homedir() : options.home;
  const opts = { ...options };
  if (opts.online && !opts.store) {
    // The sealed state lives next to the license file, as in every host;
    // rollback witnesses apart from it (docs/online-protocol.md).
    const dot = shared.places(product).homeFile[0];
    const dir = opts.stateDir ?? (home ? join(home, dot, 'state') : null);
    const witnessDir = opts.witnessDir ?? (!opts.stateDir && home ? join(home, '.local', 'share', dot.slice(1)) : null);
    // File times are in the system clock's terms: against an injected
    // clock they prove nothing.
    if (dir) opts.store = fileStore(dir, witnessDir, { fileTimes: !opts.clock });
  }
  return createWith({
    instantiate: (imports) => instantiate(getCoreModule, imports),
    instantiateSync,
    resolveKey: (explicit) => resolveKeyWith(shared, product, env, home, explicit),
    accessSource: () => accessSource(shared.places(product).prefix, env, options),
    // The environment's proxy and CA variables go to the core, which picks
    // the route and the CA bundle; fetch itself reads none of them.
    env,
    dispatcher: dispatcherFor,
    readAgent,
    clock: () => Date.now(),
    facts: deviceFacts,
    // Due checks on an unref'd timer: they never keep the process alive and
    // never run on a request path.
    schedule: (lic) => {
      const tick = async () => {
        if (lic.closed) return;
        await lic.validateIfDue().catch(() => {});
        if (!lic.closed) setTimeout(tick, lic.nextCheckDelay()).unref();
      };
      setTimeout(tick, 0).unref();
    },
  }, opts);
}

/**
 * Per-request keys: one core decides each caller's own key
 * (`Authorization: License <key>` or `X-License-Key`). Trusted keys and
 * policy as for createLicensing; `gatewayCacheBytes` bounds the verified
 * keys held (64 MiB); `online: {serverUrl, serverKeys, statusToken}` applies
 * the server's status list, fetched in the background.
 */
export function createGateway(options = {}, ...rest) {
  // The old second argument ({maxCached}) would otherwise be ignored silently.
  if (rest.length) throw new InvalidConfigError('invalid-config', 'createGateway takes one options object; the cache is bounded by bytes now: pass gatewayCacheBytes in it');
  checkOptions(options, GATEWAY_OPTIONS, 'createGateway (callers bring their own keys; it keeps no key, state or files)');
  // Only the proxy variables from the environment: a gateway reads no key of its own.
  const proxies = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase().endsWith('_proxy')));
  return gateway(createLicensing({ ...options, key: null, env: proxies, home: null, reloadIntervalMs: 0, store: memoryStore() }));
}

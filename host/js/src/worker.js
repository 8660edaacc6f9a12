// Worker entry (workerd, Cloudflare Workers and other edge runtimes): no fs,
// no process. The core wasm modules are imported statically, because workers
// forbid compiling wasm from bytes at run time; the key comes from the
// request or the worker's bindings (pass it as `key`).

import { instantiate } from '../gen/licensewarden.js';
import core from '../gen/licensewarden.core.wasm';
import core2 from '../gen/licensewarden.core2.wasm';
import core3 from '../gen/licensewarden.core3.wasm';
import { createWith, Licensing, memoryStore } from './licensing.js';
import { sendRequest } from './online.js';
import { checkOptions, DEFAULTS, GATEWAY_OPTIONS, WORKER_ONLINE_OPTIONS, WORKER_OPTIONS } from './options.js';
import { InvalidConfigError } from './errors.js';
import { gateway } from './gateway.js';
import { rules } from './rules.js';

export * from './errors.js';
export * from './middleware.js';
export { DEFAULTS, Licensing, memoryStore, sendRequest };

const modules = {
  'licensewarden.core.wasm': core,
  'licensewarden.core2.wasm': core2,
  'licensewarden.core3.wasm': core3,
};

const instantiateSync = (imports) => instantiate((name) => modules[name], imports, (m, i) => new WebAssembly.Instance(m, i));
const shared = rules(instantiateSync);

/** The caller's key from a header getter `(name) => value | undefined`, or null (the core's rule). */
export const keyFrom = (header) => shared.keyFrom(header);

/**
 * Create a Licensing inside a worker. `key` is the license key (or null for
 * the community tier); there is no environment or file lookup here.
 * @param {import('./index').LicensingOptions} options
 */
export async function createLicensing(options = {}) {
  checkOptions(options, WORKER_OPTIONS, 'createLicensing (worker: no environment, home or files)', WORKER_ONLINE_OPTIONS);
  return createWith({
    instantiate: (imports) => instantiate((name) => modules[name], imports),
    instantiateSync,
    // Only the key passed in code: trimmed by the core's rule.
    resolveKey: (explicit) => shared.resolveKey('', { explicit }),
    clock: () => Date.now(),
    facts: () => ({ mac: '', hostname: 'worker', arch: 'wasm', os: 'worker' }),
  }, { reloadIntervalMs: 0, ...options });
}

/**
 * Per-request keys: one core decides each caller's own key. Options as for
 * the Node createGateway. Workers have no timers between requests: call
 * `(await gw.licensing).validateIfDue()` inside `ctx.waitUntil` on each
 * request to keep the status list fresh (it asks only when due).
 */
export function createGateway(options = {}, ...rest) {
  // The old second argument ({maxCached}) would otherwise be ignored silently.
  if (rest.length) throw new InvalidConfigError('invalid-config', 'createGateway takes one options object; the cache is bounded by bytes now: pass gatewayCacheBytes in it');
  checkOptions(options, GATEWAY_OPTIONS.filter((k) => WORKER_OPTIONS.includes(k)), 'createGateway (callers bring their own keys; it keeps no key, state or files)', WORKER_ONLINE_OPTIONS);
  return gateway(createLicensing({ ...options, key: null }));
}

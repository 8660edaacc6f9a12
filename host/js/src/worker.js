// Worker entry (workerd, Cloudflare Workers and other edge runtimes): no fs,
// no process. The core wasm modules are imported statically, because workers
// forbid compiling wasm from bytes at run time; the key comes from the
// request or the worker's bindings (pass it as `key`).

import { instantiate } from '../gen/licensewarden.js';
import core from '../gen/licensewarden.core.wasm';
import core2 from '../gen/licensewarden.core2.wasm';
import core3 from '../gen/licensewarden.core3.wasm';
import { createWith, Licensing, memoryStore, sendRequest } from './core.js';
import { gateway, keyFrom } from './gateway.js';

export * from './errors.js';
export * from './middleware.js';
export { Licensing, memoryStore, sendRequest, keyFrom };

const modules = {
  'licensewarden.core.wasm': core,
  'licensewarden.core2.wasm': core2,
  'licensewarden.core3.wasm': core3,
};

/**
 * Create a Licensing inside a worker. `key` is the license key (or null for
 * the community tier); there is no environment or file lookup here.
 * @param {import('./index').LicensingOptions} options
 */
export async function createLicensing(options = {}) {
  return createWith({
    instantiate: (imports) => instantiate((name) => modules[name], imports),
    resolveKey: () => ({ token: null, source: 'none' }),
    clock: () => Date.now(),
    facts: () => ({ mac: '', hostname: 'worker', arch: 'wasm', os: 'worker' }),
  }, { reloadIntervalMs: 0, ...options });
}

/**
 * Per-request keys: verify each caller's own key (`Authorization: License <key>`
 * or `X-License-Key`), cached by its SHA-256, at most `maxCached` (256).
 * Trusted keys and policy as for createLicensing.
 */
export function createGateway(options = {}, { maxCached = 256 } = {}) {
  return gateway(createLicensing, options, { maxCached });
}

// The options every entry takes, checked, and the defaults every host
// shares (tests/options.json).

import { InvalidConfigError } from './errors.js';

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
const ONLINE_OPTIONS = ['serverUrl', 'serverKeys', 'leaseHours', 'graceHours', 'background', 'timeoutMs', 'fetch', 'statusToken', 'proxy', 'caFile', 'agent'];
/** A worker's online settings: its platform sends the requests, so there is no proxy, CA bundle or local agent to set (refused, not failing each check as offline). */
export const WORKER_ONLINE_OPTIONS = ONLINE_OPTIONS.filter((k) => k !== 'proxy' && k !== 'caFile' && k !== 'agent');

/**
 * Refuse options this entry does not use, rather than ignore them: a
 * misspelt or misplaced setting would otherwise change nothing, silently.
 * `allowed` lists this entry's options; `where` names the entry.
 */
export function checkOptions(options, allowed, where, online = ONLINE_OPTIONS) {
  const unknown = (obj, names) => Object.keys(obj ?? {}).filter((k) => obj[k] !== undefined && !names.includes(k));
  const bad = unknown(options, allowed);
  if (bad.length) {
    throw new InvalidConfigError('invalid-config', `${where} does not use ${bad.map((k) => JSON.stringify(k)).join(', ')}; its options are ${allowed.join(', ')}`);
  }
  const badOnline = unknown(options?.online, online);
  if (badOnline.length) {
    throw new InvalidConfigError('invalid-config', `${where}: online settings do not include ${badOnline.map((k) => JSON.stringify(k)).join(', ')}; they are ${online.join(', ')}`);
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

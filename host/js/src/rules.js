// The core's stateless rules through one shared instance per entry: where
// the license key comes from (key-places, find-key, key-from-file), what a
// key file must hold (trusted-key-file) and which header carries a caller's
// key (key-from-headers). They run before, or without, a Licensing; the
// host only looks up what they name and reads what they ask for. An
// instance that throws is dropped and the next call makes a new one.

import { coreError } from './core.js';

// The rules read no clock, facts, store or randomness.
const IMPORTS = {
  'licensewarden:core/clock': { nowMs: () => BigInt(Date.now()) },
  'licensewarden:core/device': { facts: () => ({ mac: '', hostname: '', arch: '', os: '' }) },
  'licensewarden:core/store': { load: () => undefined, save: () => undefined, newestChange: () => 0n },
  'licensewarden:core/random': { bytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)) },
  'licensewarden:core/types': {},
};

/** The key as every host reports it: `{token, source, unreadable, detail}`. */
export function resolved(k) {
  if (k.tag === 'key') return { token: k.val.token, source: k.val.source, unreadable: null, detail: '' };
  if (k.tag === 'unreadable') return { token: null, source: k.val.source, unreadable: k.val.reason, detail: k.val.detail };
  return { token: null, source: 'none', unreadable: null, detail: '' };
}

/** The rules over `instantiateSync(imports) -> root` (the entry's compiled modules). */
export function rules(instantiateSync) {
  let root = null;
  const run = (fn) => {
    try {
      root ??= instantiateSync(IMPORTS);
      return fn(root);
    } catch (err) {
      root = null;
      throw coreError(err);
    }
  };
  return {
    /** The core's names for `product`: `{prefix, keyVar, fileVar, homeFile}`. */
    places: (product) => run((r) => r.keyPlaces(product)),
    /**
     * The key by the core's rule. `lookup.env` is looked up for the names
     * the core gives; `lookup.home(parts)` joins the home file's path (null:
     * no home); `lookup.read(path)` reads a file for the core.
     */
    resolveKey(product, { explicit = null, env = {}, home = () => null, read }) {
      return run((r) => {
        const p = r.keyPlaces(product);
        const step = r.findKey(product, {
          explicit: explicit === null || explicit === undefined ? undefined : String(explicit),
          keyVar: env[p.keyVar] ?? undefined,
          fileVar: env[p.fileVar] ?? undefined,
          homeFile: home(p.homeFile) ?? undefined,
        });
        return resolved(step.tag === 'done' ? step.val : r.keyFromFile(step.val, read(step.val.path)));
      });
    },
    /** A `public.key` file from what reading `path` gave (see trusted-key-file). */
    trustedKeyFile: (path, read, shared) => run((r) => r.trustedKeyFile(path, read, shared)),
    /** The caller's key from a header getter `(name) => value | undefined`, or null. */
    keyFrom: (header) => run((r) => r.keyFromHeaders(headersOf(header))) ?? null,
  };
}

/** The two headers that may carry a caller's key, as the core takes them. */
export function headersOf(header) {
  const v = (n) => {
    const x = header(n);
    return x === undefined || x === null ? undefined : String(x);
  };
  return { authorization: v('authorization'), xLicenseKey: v('x-license-key') };
}

// One instance of the component and the failure rule every host shares
// (README "When the core cannot run"; tests/vectors/failure.json): a call
// that traps drops the instance and is answered with the core's failure
// answers; the next call makes a fresh instance from the compiled modules
// and replays what the lost one held (configuration, key, access policy: a
// lost policy would mean full access).

import { fromCore, InternalError, LicenseError } from './errors.js';
import { keyInput } from './records.js';

// jco throws a result's error either wrapped (`ComponentError` with
// `.payload`) or as the bare record, depending on its version; accept both.
const isCoreRecord = (r) => r && typeof r === 'object' && typeof r.code === 'string'
  && typeof r.message === 'string' && Array.isArray(r.details);

export function coreRecord(err) {
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

export function call(fn) {
  try {
    return fn();
  } catch (err) {
    throw coreError(err);
  }
}

export class Core {
  #live; #restart; #logger; #stale;
  /** The core's answers while it cannot run. */
  failure = null;
  /** What a fresh instance is given again: the key, the access policy accepted and one refused since. */
  loaded = null;
  accessOk = null;
  accessRefused = null;
  /** Calls into the component (tests check that cached answers make none). */
  calls = 0;

  /**
   * `root` the first instance; `restart` `{instantiateSync, config}` (null:
   * no re-creation); `stale()` is called when cached answers no longer hold.
   */
  constructor(root, restart, logger, stale) {
    this.#live = root;
    this.#restart = restart;
    this.#logger = logger;
    this.#stale = stale;
    this.root = this.#wrap(root);
    this.failure = root.failureAnswers();
  }

  /**
   * Every export, counted and watched: a failure that is not the core's
   * own answer (a trap, an import that threw) drops the instance, and the
   * next call re-creates it.
   */
  #wrap(root) {
    return Object.fromEntries(Object.keys(root).filter((name) => typeof root[name] === 'function').map((name) => [name, (...args) => {
      const live = this.#live ?? this.#recreate();
      this.calls++;
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
    this.#stale();
    const why = String(err?.message ?? err).slice(0, 512);
    const line = `licensewarden: the core failed; every licensed request is refused until it is re-created (at the next call): ${JSON.stringify(why)}`;
    if (this.#logger?.error) this.#logger.error(line);
    else console.error(line);
    return this.failureError();
  }

  /** The failure rule's error. */
  failureError() {
    return fromCore(this.failure.error);
  }

  /** Whether `e` is the failure rule's answer (not the core's verdict). */
  isFailure(e) {
    return e instanceof InternalError && e.message === this.failure.error.message;
  }

  #recreate() {
    if (!this.#restart?.instantiateSync) throw this.failureError();
    try {
      const root = this.#restart.instantiateSync();
      root.configure(this.#restart.config);
      if (this.loaded) root.load(keyInput(this.loaded));
      if (this.accessOk !== null) root.setAccessPolicy(this.accessOk);
      if (this.accessRefused !== null) {
        try {
          root.setAccessPolicy(this.accessRefused);
        } catch { /* refused again, as before */ }
      }
      this.failure = root.failureAnswers();
      this.#live = root;
      this.#stale();
      return root;
    } catch (err) {
      throw this.#failed(err);
    }
  }
}

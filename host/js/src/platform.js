// What the Node entry reads from the machine: bounded file reads, key files
// and key resolution, the access policy's source, device facts and the
// state store's files. Only I/O: every rule (where the key comes from, what
// a key file holds) and every decision is the core's.

import { closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { arch, homedir, hostname, networkInterfaces, platform as osPlatform } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULTS } from './options.js';
import { InvalidConfigError } from './errors.js';

/**
 * Read at most `cap` bytes of a regular file: opened non-blocking so a FIFO
 * or device never hangs the process; larger files and non-files throw.
 */
export function readBounded(path, cap) {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error(`${path}: not a regular file`), { code: 'ENOTFILE' });
    const buf = Buffer.alloc(cap + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > cap) throw Object.assign(new Error(`${path}: larger than ${cap} bytes`), { code: 'ETOOBIG' });
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * A bounded read as the core takes it (`result<list<u8>, read-error>`): the
 * bytes, or the platform's error mapped to a reason (its error code for any
 * other failure); the core words the message.
 */
export function readForCore(path) {
  try {
    return { tag: 'ok', val: readBounded(path, 64 * 1024) };
  } catch (e) {
    const reason = { ENOENT: 'not-found', ETOOBIG: 'too-large', ENOTFILE: 'not-a-regular-file', EISDIR: 'not-a-regular-file', EACCES: 'permission-denied', EPERM: 'permission-denied' }[e.code];
    return { tag: 'err', val: reason ? { reason, detail: '' } : { reason: 'other', detail: String(e.code ?? 'an unknown error') } };
  }
}

/** The key by the core's rule, looking in `env` and under `home` (null: none). */
export function resolveKeyWith(rules, product, env, home, explicit = null) {
  return rules.resolveKey(product, { explicit, env, home: (parts) => (home ? join(home, ...parts) : null), read: readForCore });
}

/**
 * Read a key file written by `licensewarden keygen` (bounded, regular files
 * only) by the core's rule: a private key is refused, and an HMAC secret
 * must not be readable by other users.
 */
export function trustedKeyFromFileWith(rules, path) {
  let shared = false;
  try {
    shared = (statSync(path).mode & 0o077) !== 0;
  } catch {
    /* the read reports it */
  }
  return rules.trustedKeyFile(String(path), readForCore(path), shared);
}

const archNames = { x64: 'x86_64', arm64: 'aarch64', ia32: 'x86', arm: 'arm' };
const osNames = { darwin: 'macos', win32: 'windows' };

// The rule every host applies on Linux: the first interface in name order
// other than lo with a non-zero address, so one machine has one device id.
function sysClassNetMac() {
  let names;
  try {
    names = readdirSync('/sys/class/net').filter((n) => n !== 'lo').sort();
  } catch {
    return null;
  }
  for (const n of names) {
    try {
      const mac = readFileSync(`/sys/class/net/${n}/address`, 'utf8').trim();
      if (mac && mac !== '00:00:00:00:00:00') return mac;
    } catch {
      /* next interface */
    }
  }
  return null;
}

/** Primary MAC, hostname, arch, OS, chosen as every host chooses them. */
export function deviceFacts() {
  const ifaces = networkInterfaces();
  const mac = sysClassNetMac() ?? Object.keys(ifaces).sort()
    .flatMap((n) => ifaces[n].filter((a) => !a.internal).map((a) => a.mac))
    .find((m) => m && m !== '00:00:00:00:00:00') ?? '';
  return { mac, hostname: hostname(), arch: archNames[arch()] ?? arch(), os: osNames[osPlatform()] ?? osPlatform() };
}

/** Files the OS stamps as its clock moves (systemd-timesyncd, at every sync). */
const OS_TIME_FILES = ['/var/lib/systemd/timesync/clock'];

/**
 * State slots as files, written atomically (temp file + rename, mode 0600);
 * rollback witnesses (`witness-*` slots) under `witnessDir` when given.
 */
export function fileStore(dir, witnessDir = null, { fileTimes = true } = {}) {
  const path = (slot) => {
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/.test(slot)) throw new Error(`invalid slot name ${JSON.stringify(slot)}`);
    return join(witnessDir && slot.startsWith('witness-') ? witnessDir : dir, `${slot}.state`);
  };
  return {
    /** Newest modification time (ms) of the store's directories, slot files and the OS time files. */
    newestChange() {
      if (!fileTimes) return 0;
      const paths = [...OS_TIME_FILES];
      for (const d of [dir, witnessDir]) {
        if (!d) continue;
        paths.push(d);
        try {
          paths.push(...readdirSync(d).filter((n) => n.endsWith('.state')).slice(0, 64).map((n) => join(d, n)));
        } catch { /* absent: no evidence */ }
      }
      let newest = 0;
      for (const p of paths) {
        try {
          newest = Math.max(newest, Math.floor(lstatSync(p).mtimeMs));
        } catch { /* absent */ }
      }
      return newest;
    },
    load(slot) {
      try {
        return readBounded(path(slot), 1 << 20).toString('utf8');
      } catch {
        return null;
      }
    },
    save(slot, data) {
      const p = path(slot);
      mkdirSync(dirname(p), { recursive: true });
      const tmp = `${p}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, p);
    },
  };
}

/**
 * Why a bounded read failed, in words, without the error's own message
 * (which repeats the path unescaped).
 */
function unreadable(e, cap) {
  return { ENOENT: 'not found', ETOOBIG: `the file is larger than ${cap}`, ENOTFILE: 'not a regular file', EISDIR: 'not a regular file', EACCES: 'permission denied' }[e.code]
    ?? `cannot read: ${e.code ?? 'an unknown error'}`;
}

/** The largest policy file read, as the core's cap. */
const MAX_POLICY_BYTES = 1 << 20;

function policyStamp(path) {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.mtimeNs}:${s.size}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Where the access (RBAC) policy comes from (docs/rbac.md): an explicit
 * file, else <PREFIX>_RBAC_POLICY (inline), else <PREFIX>_RBAC_POLICY_FILE;
 * the plain RBAC_POLICY / RBAC_POLICY_FILE only with `rbacPlainEnv`. A file
 * is looked at every <PREFIX>_RBAC_RELOAD_INTERVAL seconds (default 30; 0:
 * never) and re-read when its (mtime, size, inode) changed.
 */
export function accessSource(prefix, env, options) {
  const names = [`${prefix}_RBAC_POLICY`, ...(options.rbacPlainEnv ? ['RBAC_POLICY'] : [])];
  let origin = null;
  let inline = null;
  let file = options.accessPolicyFile ?? null;
  if (file) origin = `file:${file}`;
  for (const n of names) {
    if (origin) break;
    if ((env[n] ?? '').trim()) [origin, inline] = [`env:${n}`, env[n]];
    else if ((env[`${n}_FILE`] ?? '').trim()) [origin, file] = [`env:${n}_FILE`, env[`${n}_FILE`].trim()];
  }
  if (!origin) return null;
  if (inline !== null) return { origin, read: () => inline, due: () => false, seen() {} };
  let intervalMs = options.accessReloadIntervalMs;
  if (intervalMs == null) {
    intervalMs = DEFAULTS.accessReloadIntervalMs;
    for (const n of [`${prefix}_RBAC_RELOAD_INTERVAL`, ...(options.rbacPlainEnv ? ['RBAC_RELOAD_INTERVAL'] : [])]) {
      const v = (env[n] ?? '').trim();
      if (!v) continue;
      const secs = Number(v);
      if (!Number.isFinite(secs)) throw new InvalidConfigError('invalid-config', `${n}=${JSON.stringify(v)} is not a number of seconds; set it to e.g. 30, or 0 to never re-read the file`, { field: n });
      intervalMs = Math.max(0, secs * 1000);
      break;
    }
  }
  let stamp = policyStamp(file);
  let nextLook = intervalMs > 0 ? Date.now() + intervalMs : Infinity;
  return {
    origin,
    read() {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(readBounded(file, MAX_POLICY_BYTES));
      } catch (e) {
        throw new InvalidConfigError('invalid-config', `the RBAC policy file ${JSON.stringify(file)} cannot be read (${unreadable(e, '1 MiB')}); fix the path or its permissions, or unset the setting`, { field: 'RBAC_POLICY_FILE' });
      }
    },
    stamp: () => policyStamp(file),
    seen(s) { stamp = s; },
    due() {
      const now = Date.now();
      if (now < nextLook) return false;
      nextLook = now + intervalMs;
      return policyStamp(file) !== stamp;
    },
  };
}

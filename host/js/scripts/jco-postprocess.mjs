// Two rewrites of jco's generated bindings, each checked against the exact
// shape it expects (a different jco output fails the build, never silently
// passes through):
//
// 1. `stripDebugLog`: removes jco's `_debugLog(...)` statements.
// 2. `directClockImport`: wires the clock import straight to the host's
//    function.
//
// 1. jco-transpile 0.15 emits ~130 of them on the paths of every export and
// import call; each builds its argument objects and reads
// `process.env.JCO_DEBUG` before returning, which was ~40% of the time of an
// uncached `checkFeature`. They only serve debugging jco itself, so the
// package drops them (JCO_DEBUG has no effect on licensewarden) and keeps a
// no-op definition for any reference left. The scan understands strings and
// template literals so that a `)` inside a message cannot end a call early;
// anything it does not understand throws and fails the build.

const CALL = '_debugLog(';

/** The index just past the `)` matching the `(` at `open`. */
function matchParen(src, open) {
  const stack = [];
  let i = open;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'") {
      i = skipString(src, i);
      continue;
    }
    if (c === '`') {
      stack.push('`');
      i = scanTemplate(src, i + 1, stack);
      continue;
    }
    if (c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) {
      throw new Error(`comment inside a _debugLog call at ${i}`);
    }
    if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      const want = { ')': '(', ']': '[', '}': top === '${' ? '${' : '{' }[c];
      if (top !== want) throw new Error(`unbalanced ${c} at ${i}`);
      if (top === '${') {
        // Back inside the enclosing template literal.
        i = scanTemplate(src, i + 1, stack);
        continue;
      }
      if (stack.length === 0) return i + 1;
    }
    i++;
  }
  throw new Error(`unterminated _debugLog call at ${open}`);
}

/**
 * Inside a template literal (its `${` or backtick on top of `stack`) from
 * `i`: scans to its end (popping it) or to a `${` (pushing one), and
 * returns the index after.
 */
function scanTemplate(src, i, stack) {
  while (stack[stack.length - 1] === '`') {
    const t = src[i];
    if (t === undefined) throw new Error('unterminated template literal');
    if (t === '\\') i += 2;
    else if (t === '`') { stack.pop(); i++; }
    else if (t === '$' && src[i + 1] === '{') { stack.push('${'); i += 2; }
    else i++;
  }
  return i;
}

function skipString(src, i) {
  const q = src[i++];
  while (i < src.length) {
    if (src[i] === '\\') i += 2;
    else if (src[i] === q) return i + 1;
    else if (src[i] === '\n') break;
    else i++;
  }
  throw new Error(`unterminated string at ${i}`);
}

/** `src` without its `_debugLog(...);` statements, and how many were removed. */
export function stripDebugLog(src) {
  let out = '';
  let from = 0;
  let removed = 0;
  for (;;) {
    const at = src.indexOf(CALL, from);
    if (at < 0) break;
    const lineStart = src.lastIndexOf('\n', at) + 1;
    const before = src.slice(lineStart, at);
    if (!/^\s*$/.test(before)) {
      // A definition, a comment or another use: leave it.
      out += src.slice(from, at + CALL.length);
      from = at + CALL.length;
      continue;
    }
    const end = matchParen(src, at + CALL.length - 1);
    const semi = /^\s*;/.exec(src.slice(end));
    if (!semi) throw new Error(`_debugLog call at ${at} is not a statement`);
    out += src.slice(from, at);
    from = end + semi[0].length;
    removed++;
  }
  out += src.slice(from);
  const definition = /const _debugLog = \(\.\.\.args\) => \{\s*if \(!globalThis\?\.process\?\.env\?\.JCO_DEBUG\) \{ return; \}\s*console\.debug\(\.\.\.args\);\s*\};/;
  if (!definition.test(out)) throw new Error('the _debugLog definition changed shape: review jco-postprocess.mjs');
  out = out.replace(definition, 'const _debugLog = () => {};');
  if (/^\s*_debugLog\(/m.test(out)) throw new Error('a _debugLog call survived');
  return { src: out, removed };
}

// 2. Every export call of the core reads the clock (`now-ms: func() -> u64`).
// jco routes each import call through `_lowerImportBackwardsCompat` and a
// trampoline that create, enter and resolve two task objects: machinery
// for the component model's async calls, which this component (sync
// imports and exports only) never makes. About half of an uncached
// `checkFeature` went there. The core module receives instead a function
// that calls the host's `nowMs` and converts its answer to a u64 as the
// trampoline did (`toUint64`); an exception from the host's clock still
// propagates through the export call, which marks the instance trapped.
const CLOCK_IMPORT = "'now-ms': Object.assign(trampoline0, { _jcoMaySuspend: false }),";
const CLOCK_FN = "const { nowMs } = imports['licensewarden:core/clock'];";
const CLOCK_TRAMPOLINE = "_trampoline0.fnName = 'licensewarden:core/clock#nowMs';";

/** `src` with the clock import called directly. */
export function directClockImport(src) {
  for (const shape of [CLOCK_IMPORT, CLOCK_FN, CLOCK_TRAMPOLINE, 'function toUint64(val) {']) {
    if (src.split(shape).length !== 2) throw new Error(`jco output changed shape (expected exactly one ${JSON.stringify(shape)}): review jco-postprocess.mjs`);
  }
  return src.replace(CLOCK_IMPORT, "'now-ms': Object.assign(() => toUint64(nowMs()), { _jcoMaySuspend: false }),");
}

// Interleaved rounds: a figure and its baseline measured alternately, so
// that a loaded machine's drift hits both; each figure is reported as the
// median ratio over the rounds with their min-max.
import { performance } from 'node:perf_hooks';

/** Nanoseconds per call of `fn` over `n` calls, after a warm-up. */
export function perCall(n, fn) {
  for (let i = 0; i < Math.min(n, 1000); i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t) * 1e6) / n;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `rounds` alternating measurements of `subject` and `baseline`. */
export function interleaved(rounds, n, subject, baseline) {
  const s = [];
  const b = [];
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always runs on a warmer core.
    let x;
    let y;
    if (r % 2) {
      x = perCall(n, subject);
      y = perCall(n, baseline);
    } else {
      y = perCall(n, baseline);
      x = perCall(n, subject);
    }
    s.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { subject: median(s), baseline: median(b), ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** `1.23x [1.10-1.40]`: the median ratio and its spread. */
export const spread = (r) => `${r.ratio.toFixed(2)}x [${r.min.toFixed(2)}-${r.max.toFixed(2)}]`;

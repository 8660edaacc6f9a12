// Gateway mode in Node (one core for many callers' keys), against baselines
// measured in the same run:
// - per distinct garbage key and per distinct well-formed forgery, vs
//   node:crypto's Ed25519 verify (the issue's bound: garbage <= 20 µs,
//   forged <= 1.5x native verify + 20 µs);
// - a new valid key vs a forgery; a cached valid key vs Express's own
//   do-nothing route (both over HTTP on 127.0.0.1, sequential requests);
// - a valid caller's p99 with and without a flood of 20,000 forged keys;
// - memory per cached key at N distinct valid keys (N = 100,000 unless
//   LW_BENCH_KEYS says otherwise): the core's estimate and the process's
//   resident-set growth.
// Figures, not assertions. `node bench/gateway.mjs` after a build.
import { createPublicKey, verify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { createGateway } from '../src/node.js';
import { issue, keypair, POLICY, tamper } from '../test/helpers.mjs';

const kp = keypair('bench');
const gw = createGateway({ trustedKeys: [kp.trusted], policy: POLICY });
const lic = await gw.licensing;
const decide = (key) => lic.gateKey(key, '/api', null);

function each(keys, fn) {
  const t = performance.now();
  for (const k of keys) fn(k);
  return ((performance.now() - t) * 1e6) / keys.length;
}

const n = 2000;
const valid = Array.from({ length: n }, (_, i) => issue(kp, { id: `lic_new_${i}` }));
const forged = valid.map(tamper);
const garbage = Array.from({ length: n }, (_, i) => `garbage-${i}-${'x'.repeat(40)}`);
const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: kp.trusted.key }, format: 'jwk' });
const signedOf = (t) => Buffer.concat([Buffer.from('licensewarden/license/v1\n'), Buffer.from(t.slice(0, t.lastIndexOf('.')))]);
const nativeInputs = valid.map((t) => [signedOf(t), Buffer.from(t.split('.')[4], 'base64url')]);

// Warm both paths (JIT, the core's first allocations) on keys not measured.
const warm = Array.from({ length: 300 }, (_, i) => issue(kp, { id: `lic_warm_${i}` }));
for (const k of warm) {
  decide(k);
  decide(tamper(k));
  decide(`warm-${k.length}-${Math.random()}`);
  verify(null, signedOf(k), pub, Buffer.from(k.split('.')[4], 'base64url'));
}
const native = each(nativeInputs, ([m, s]) => verify(null, m, pub, s));
const tGarbage = each(garbage, decide);
const tForged = each(forged, decide);
const tNew = each(valid, decide);
const tCached = each(valid, decide);
const us = (ns) => (ns / 1000).toFixed(2);
console.log(`native Ed25519 verify (node:crypto): ${us(native)} µs`);
console.log(`garbage key: ${us(tGarbage)} µs (bound 20 µs)`);
console.log(`forged key: ${us(tForged)} µs = ${(tForged / native).toFixed(2)}x native verify (bound 1.5x + 20 µs = ${us(1.5 * native + 20000)} µs)`);
console.log(`new valid key: ${us(tNew)} µs = ${(tNew / tForged).toFixed(2)}x a forged key (bound 2x)`);
console.log(`cached valid key (decision only): ${us(tCached)} µs`);

// Over HTTP: Express's do-nothing route vs the gateway's route with a cached key.
const app = express();
app.get('/nop', (_req, res) => res.send('ok'));
app.get('/api', gw.express(), (_req, res) => res.send('ok'));
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;
const paying = valid[0];
async function latencies(path, headers, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const r = await fetch(`${base}${path}`, { headers });
    await r.text();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}
const p = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
await latencies('/nop', {}, 300);
const nopLat = await latencies('/nop', {}, 2000);
const apiLat = await latencies('/api', { authorization: `License ${paying}` }, 2000);
console.log(`HTTP: cached valid key ${(mean(apiLat) * 1000).toFixed(0)} µs/request, Express do-nothing route ${(mean(nopLat) * 1000).toFixed(0)} µs, ratio ${(mean(apiLat) / mean(nopLat)).toFixed(2)}x (bound 2x)`);

// A flood of 20,000 distinct forged keys, interleaved with the paying caller.
const before = await latencies('/api', { authorization: `License ${paying}` }, 1000);
const flood = Array.from({ length: 20000 }, (_, i) => tamper(issue(kp, { id: `lic_flood_${i}` })));
const during = [];
for (let i = 0; i < flood.length; i++) {
  decide(flood[i]);
  if (i % 20 === 0) during.push(...(await latencies('/api', { authorization: `License ${paying}` }, 1)));
}
during.sort((a, b) => a - b);
const stats = lic.gatewayStats();
console.log(`flood of 20,000 forged keys: paying caller p99 ${(p(during, 0.99) * 1000).toFixed(0)} µs vs ${(p(before, 0.99) * 1000).toFixed(0)} µs without (ratio ${(p(during, 0.99) / p(before, 0.99)).toFixed(2)}x, bound 2x); forgeries remembered ${stats.rejectedKeys}, paying key still cached: ${decide(paying).allow}`);
server.close();

// Memory per cached key.
const keys = Number(process.env.LW_BENCH_KEYS ?? 100000);
const gw2 = createGateway({ trustedKeys: [kp.trusted], policy: POLICY });
const lic2 = await gw2.licensing;
const many = Array.from({ length: keys }, (_, i) => issue(kp, { id: `lic_mem_${String(i).padStart(6, '0')}`, org: 'Acme Corp' }));
globalThis.gc?.();
const rss0 = process.memoryUsage().rss;
for (const k of many) lic2.gateKey(k, '/api', null);
globalThis.gc?.();
const rss1 = process.memoryUsage().rss;
const s2 = lic2.gatewayStats();
console.log(`memory at ${keys} valid keys: ${s2.cachedKeys} held, core estimate ${(s2.cachedBytes / s2.cachedKeys).toFixed(0)} B/key, resident growth ${((rss1 - rss0) / s2.cachedKeys).toFixed(0)} B/key (bound 2048)`);

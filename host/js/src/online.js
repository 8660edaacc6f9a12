// Sending the requests the core builds (online validation, the status
// list) with `fetch`.

import { DEFAULTS } from './options.js';

/** Answer bodies over this are refused by the core; read one byte more so it can say so. */
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * Send one request the core built with `fetch`: no redirects (an answer must
 * come from the server itself), a timeout, the body read up to the core's cap.
 * Resolves to `{status, headers, body}` or `{error}`; never rejects.
 */
export async function sendRequest(req, { fetch: f = globalThis.fetch, timeoutMs = DEFAULTS['online.timeoutMs'], dispatcher = null, agent = null } = {}) {
  // A `unix:` URL reads the license agent's socket (docs/agent.md).
  if (req.url.startsWith('unix:')) {
    if (!agent) return { error: `this runtime cannot read the license agent at ${req.url.slice(5)} (no Unix sockets)` };
    return agent(req.url.slice(5), timeoutMs);
  }
  try {
    const init = { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) };
    // The core chose the route and the CA bundle; `dispatcher(route, caFile)`
    // sends that way (Node: undici's ProxyAgent or Agent). A runtime without
    // one cannot, and says so.
    if (req.proxy || req.caFile) {
      if (!dispatcher) {
        throw new Error(req.proxy ? `this runtime cannot send through the proxy at ${req.proxy.url}; unset the proxy setting here`
          : `this runtime cannot trust the certificate authorities file ${req.caFile}; unset the CA setting here`);
      }
      init.dispatcher = await dispatcher(req.proxy ?? null, req.caFile ?? null);
    }
    const r = await f(req.url, init);
    const sig = r.headers.get('x-licensewarden-signature');
    const reader = r.body?.getReader();
    const chunks = [];
    let size = 0;
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      if (size > MAX_ANSWER_BYTES) {
        await reader.cancel();
        break;
      }
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c.subarray(0, Math.min(c.length, size - at)), at);
      at += c.length;
    }
    return { status: r.status, headers: sig ? { 'x-licensewarden-signature': sig } : {}, body: new TextDecoder().decode(bytes) };
  } catch (e) {
    // The whole chain of causes: undici puts the proxy's answer three deep.
    const words = [];
    for (let c = e, i = 0; c && i < 4; c = c.cause, i++) words.push(`${c.code && c.code !== 0 ? `${c.code}: ` : ''}${c.message ?? c}`);
    return { error: `${e?.name ?? 'Error'}: ${words.join(': ')}` };
  }
}

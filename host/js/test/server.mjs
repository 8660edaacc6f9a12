// The real licensewarden-server (built by `cargo test --workspace` in
// scripts/test.sh) on 127.0.0.1 over SQLite in a temp dir.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const bin = new URL('../../../target/debug/licensewarden-server', import.meta.url).pathname;
export const ADMIN = 'js-test-admin-token-0123456789';

export class Server {
  constructor() {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run scripts/test.sh (it builds the server first)`);
    this.dir = mkdtempSync(join(tmpdir(), 'lw-js-server-'));
    this.port = 0;
  }

  async start() {
    this.child = spawn(bin, ['--database', `sqlite://${join(this.dir, 'licenses.db')}`, '--listen', `127.0.0.1:${this.port}`], {
      cwd: this.dir, env: { ...process.env, LICENSEWARDEN_ADMIN_TOKEN: ADMIN, RUST_LOG: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise((resolve, reject) => {
      const rl = createInterface({ input: this.child.stdout });
      rl.once('line', (l) => { rl.close(); resolve(l); });
      this.child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    this.url = line.split(' ').find((w) => w.startsWith('http://'));
    this.port = Number(this.url.split(':').pop());
    return this;
  }

  get publicKey() {
    return JSON.parse(readFileSync(join(this.dir, 'server.pub'), 'utf8'));
  }

  async stop() {
    if (!this.child) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  async admin(method, path, body) {
    const r = await fetch(`${this.url}${path}`, {
      method, headers: { authorization: `Bearer ${ADMIN}` }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json() };
  }
}

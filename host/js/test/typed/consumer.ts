// A small typed consumer: what a TypeScript service writes against the
// package's declarations. `tsc --noEmit` (scripts/test-js.sh) fails when a
// declaration drifts from how the API is used in the README.
import {
  createGateway,
  createLicensing,
  LicenseError,
  resolveKey,
  type UnreadableReason,
} from 'licensewarden';

async function main(): Promise<void> {
  const lic = await createLicensing({ product: 'acme', policy: { plans: {} }, clock: () => Date.now() });
  const snap = lic.snapshot();
  const status: string = snap.status;
  const blocking: boolean = snap.blocking;
  const gate = lic.gate('/api/devices', 'api_access');
  const allowed: boolean = gate.allow && gate.httpStatus === 200;
  try {
    lic.checkFeature('sso');
  } catch (e) {
    if (e instanceof LicenseError) console.log(e.code, e.message);
  }
  const cap = lic.checkCap('max_devices', 3);
  const outcome: 'within' | 'soft-exceeded' | 'hard-exceeded' = cap.outcome;
  const metrics: string = lic.metrics();
  const info = lic.info();
  const source: string = info.keySource;
  const found = resolveKey('acme', {}, null);
  const why: UnreadableReason | null = found.unreadable;
  const d = lic.authorize({ roles: ['ops'], groups: [] }, 'firewall_rules', 'execute');
  const body: string = d.body;
  const gw = createGateway({ product: 'acme' });
  console.log(status, blocking, allowed, outcome, metrics.length, source, why, body, gw !== null);
}

void main();

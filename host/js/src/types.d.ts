// Types shared by both entries of the licensewarden JavaScript host: the Node
// entry (`index.d.ts`) and the worker entry (`worker.d.ts`) add their own.

/** Stable error codes, identical in every host. */
export type ErrorCode =
  | 'malformed' | 'too-large' | 'unsupported-version' | 'unknown-key-id' | 'wrong-algorithm'
  | 'bad-signature' | 'invalid-payload' | 'expired' | 'not-yet-valid' | 'no-license'
  | 'feature-not-licensed' | 'cap-exceeded' | 'invalid-config' | 'internal'
  | 'revoked' | 'license-not-found' | 'device-limit-exceeded' | 'clock-rollback' | 'clock-skew'
  | 'grace-expired' | 'offline' | 'not-validated' | 'state-tampered' | 'bad-response' | 'suspended'
  | 'state-not-saved' | 'activation-expired';

export type Status = 'active' | 'community' | 'expired' | 'not-yet-valid' | 'invalid' | 'demo' | 'grace' | 'restricted';

/** State slots (the sealed online-validation state and the rollback witnesses). */
export interface SlotStore {
  load(slot: string): string | null;
  /** Throws with the path and cause when the slot cannot be written (reported as `state-not-saved`). */
  save(slot: string, data: string): void;
  /** Newest modification time (unix ms) of the store's files and the OS time files; 0 or absent: none. */
  newestChange?(): number;
}

/** Online validation against a license server (docs/online-protocol.md). */
export interface OnlineSettings {
  serverUrl: string;
  /** The server's Ed25519 public keys (`server.pub`). */
  serverKeys: TrustedKey[];
  /** 0 or absent = 24. */
  leaseHours?: number;
  /** 0 or absent = 72. */
  graceHours?: number;
  /** Node: run due checks on an unref'd timer (default true). */
  background?: boolean;
  /** Request timeout (default 10000 ms). */
  timeoutMs?: number;
  /** fetch to use (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** Gateway mode: a token with scope `status`; the server's status list is fetched instead of validating a device. */
  statusToken?: string;
  /** Node: `http://[user:password@]host:port`; wins over the proxy variables (`https_proxy`, `NO_PROXY`, ...), which the core reads as curl does (docs/proxies.md). */
  proxy?: string;
  /** Node: a PEM file of certificate authorities trusted for the server's certificate besides Node's roots (a TLS-intercepting proxy's CA); wins over `SSL_CERT_FILE` and `NODE_EXTRA_CA_CERTS`. */
  caFile?: string;
  /** Node: the license agent's socket (else `<PRODUCT>_LICENSE_AGENT`): the key and the server's answers come from it (docs/agent.md). */
  agent?: string;
}
export type OnlineAction = 'validate-if-due' | 'validate' | 'activate' | 'deactivate';
/** The proxy the core chose for a request: `url` without credentials, `authorization` the `Proxy-Authorization` value. */
export interface ProxyRoute { url: string; authorization?: string }
export interface OnlineRequest { method: string; url: string; headers: Record<string, string>; body: string; proxy?: ProxyRoute | null; caFile?: string | null }
export interface OnlineInfo {
  serverUrl: string; lastValidated: number | null; nextCheck: number | null; graceEnds: number | null;
  devicesRegistered: number | null; devicesMax: number | null; lastError: LicenseError | null; stateError: LicenseError | null;
  termsChanged: string | null;
  /** When the activation file this device runs on ends (air-gapped activation); null on online checks. */
  activationEnds: number | null;
}

export interface TrustedKey { kid: string; algorithm: 'ed25519' | 'hmac-sha256'; key: string }
export interface DeviceFacts { mac: string; hostname: string; arch: string; os: string }

export interface LicensingOptions {
  /** Drives <PRODUCT>_LICENSE_KEY, <PRODUCT>_LICENSE_KEY_FILE, ~/.<product>/license.key (Node). */
  product?: string;
  trustedKeys?: TrustedKey[];
  /** Product policy (docs/policy.md), as an object or JSON text. */
  policy?: object | string;
  /** Use this key and skip every other source; null/undefined resolves (Node) or means none (worker). */
  key?: string | null;
  /** Unix milliseconds. A clock that throws has no reading: calls then get the core's failure answers (fail closed). */
  clock?: () => number;
  demoMode?: boolean;
  deviceFacts?: DeviceFacts;
  /** Gateway mode: bytes the verified callers' keys may take in the core (0 or absent = 64 MiB; at least 1 MiB). */
  gatewayCacheBytes?: number;
  /** Re-resolve the key this often so a renewed key file is picked up (default 10000; 0 = never). */
  reloadIntervalMs?: number;
  /** Access (RBAC) policy text, YAML or JSON (docs/rbac.md); overrides every other source. */
  accessPolicy?: string;
  /** Node: a policy file, re-read when it changes (overrides <PRODUCT>_RBAC_POLICY[_FILE]). */
  accessPolicyFile?: string;
  /** Node: how often the policy file's modification time is looked at (default <PRODUCT>_RBAC_RELOAD_INTERVAL seconds, else 30 s; 0 = never). */
  accessReloadIntervalMs?: number;
  /** Node: also read the plain RBAC_POLICY, RBAC_POLICY_FILE and RBAC_RELOAD_INTERVAL. */
  rbacPlainEnv?: boolean;
  /** Where license events go: `debug` gets every access decision; `info`, `warn`, `error` the policy's (re)loads. None by default. */
  logger?: { debug?(msg: string): void; info?(msg: string): void; warn?(msg: string): void; error?(msg: string): void };
  /** Node only: environment to read (default process.env). */
  env?: Record<string, string | undefined>;
  /** Node only: home directory for ~/.<product>/license.key (null disables). */
  home?: string | null;
  /** Online validation; absent = offline only. */
  online?: OnlineSettings;
  /** Node: directory of the sealed state (default ~/.<product>/state when online). */
  stateDir?: string;
  /** Node: directory of the rollback witnesses (default ~/.local/share/<product> with the default stateDir, else stateDir). */
  witnessDir?: string;
  /** Where the sealed state lives (default: a file store under stateDir on Node, memory in workers). */
  store?: SlotStore;
  /** Random bytes (default crypto.getRandomValues); only tests replace it. */
  random?: (n: number) => Uint8Array;
}

export class LicenseError extends Error { code: ErrorCode; details: Record<string, string> }
/** The exception class for each error code. */
export const ERROR_CLASSES: Readonly<Record<ErrorCode, typeof LicenseError>>;
export class LicenseInvalidError extends LicenseError {}
export class LicenseExpiredError extends LicenseError {}
export class LicenseNotYetValidError extends LicenseError {}
export class LicenseNotFoundError extends LicenseError {}
export class FeatureNotLicensedError extends LicenseError { readonly feature: string; readonly plan: string }
export class CapExceededError extends LicenseError {}
export class InvalidConfigError extends LicenseError {}
export class InternalError extends LicenseError {}
export class LicenseRevokedError extends LicenseError {}
export class LicenseSuspendedError extends LicenseError {}
export class DeviceLimitExceededError extends LicenseError {}
export class OnlineValidationError extends LicenseError {}

export interface Snapshot {
  status: Status; plan: string; allFeatures: boolean; features: Set<string>;
  limits: Record<string, number>; blocking: boolean; validUntil: number | null; error: LicenseError | null;
  /** `x-license-warning` for allowed responses during the offline grace period (printable ASCII, at most 512 bytes), else null. */
  warning: string | null;
}
export interface Info {
  valid: boolean; status: Status; plan: string; licenseId: string | null; org: string | null; kid: string | null;
  keySource: string; features: { name: string; enabled: boolean }[];
  limits: { name: string; max: number; current: number; soft: boolean }[];
  issuedAt: number | null; expiresAt: number | null; expiresText: string | null; daysRemaining: number | null;
  demo: boolean; deviceId: string; error: LicenseError | null; online: OnlineInfo | null;
  /** The access (RBAC) policy; null until one is configured. */
  access: AccessInfo | null;
}
/** What info says of the access (RBAC) policy. */
export interface AccessInfo {
  /** Decisions follow the policy (one is in force and the plan grants rbac). */
  enforced: boolean; roles: number; patterns: number;
  /** In words: in force, present but not licensed, or refused. */
  message: string;
  /** Why the last (re)load was refused, until one succeeds. */
  error: LicenseError | null;
}
export interface CapCheck {
  outcome: 'within' | 'soft-exceeded' | 'hard-exceeded'; name: string; max: number; current: number; error: LicenseError | null;
}
export interface GateDecision { allow: boolean; httpStatus: number; error: LicenseError | null; body: string }
export interface License {
  id: string; org: string; plan: string; kid: string; features: string[]; limits: Record<string, number>;
  issuedAt: number; notBefore: number | null; expiresAt: number | null; extraJson: string;
}

export class Licensing {
  /** Throws FeatureNotLicensedError / LicenseExpiredError when not licensed. */
  checkFeature(name: string): void;
  checkFeatureUncached(name: string): void;
  /** How many calls into the component this instance has made (diagnostics). */
  readonly coreCalls: number;
  hasFeature(name: string): boolean;
  checkCap(name: string, current: number | bigint): CapCheck;
  gate(path: string, feature?: string | null): GateDecision;
  /** Gateway mode: the decision for a request carrying a caller's own key. Never throws. */
  gateKey(token: string | null, path: string, feature?: string | null): GateDecision & { caller: Caller | null };
  /** gateKey for a request's headers: the core reads the caller's key from them. Never throws. */
  gateRequest(headers: { authorization?: string; xLicenseKey?: string }, path: string, feature?: string | null): GateDecision & { caller: Caller | null };
  /** Gateway mode: the caller's plan, features and caps in force; throws why the key is refused. */
  keySnapshot(token: string): Snapshot;
  /** Gateway mode's counts. */
  gatewayStats(): GatewayStats;
  /** Never throws. */
  info(): Info;
  metrics(): string;
  verify(token: string): License;
  checkSignature(key: TrustedKey, message: string, signature: string): void;
  /** Replace the access (RBAC) policy with its JSON form (docs/rbac.md); null removes it. Throws InvalidConfigError naming the field. */
  setAccessPolicy(text: string | null): void;
  /** Re-read the configured policy now; throws InvalidConfigError when it cannot be read or is refused (the policy in force stays). */
  reloadAccessPolicy(): void;
  /** Whether `subject` may run `verb` (e.g. 'execute') on `action`; fails closed. */
  authorize(subject: AccessSubject, action: string, verb: string): AccessDecision;
  snapshot(): Snapshot;
  refresh(): Snapshot;
  /** Online, low level: what to send for `action` (null when nothing is due). */
  onlineRequest(action?: OnlineAction): OnlineRequest | null;
  /** Run a check if one is due; null when nothing was due. */
  validateIfDue(): Promise<{ error: LicenseError | null; snapshot: Snapshot } | null>;
  /** The snapshot once the first online check has been made (or none is needed), waiting at most `timeoutMs` (default 10 s). */
  /** `info()` as the one canonical JSON text every host produces byte for byte; `JSON.stringify(lic.info())` gives the same shape. */
  infoJson(): string;
  ready(timeoutMs?: number): Promise<Snapshot>;
  validateNow(): Promise<{ error: LicenseError | null; snapshot: Snapshot }>;
  activate(): Promise<{ error: LicenseError | null; snapshot: Snapshot }>;
  deactivate(): Promise<{ error: LicenseError | null; snapshot: Snapshot }>;
  /** Stop scheduling background checks (Node). */
  close(): void;
  readonly closed: boolean;
  /** Milliseconds until the core's next boundary, 1000..60000. */
  nextCheckDelay(): number;
  /** As a license agent: the key and the server's answer this process holds (docs/agent.md); null without a verified key. */
  agentMessage(): string | null;
  /** Air-gapped activation, step 1: the request file's text (one JSON line) for the vendor (docs/air-gapped.md). */
  offlineRequest(): string;
  /** Air-gapped activation, step 2: install the activation file the vendor made from the request; a refused file changes nothing. */
  installActivation(file: string): { error: LicenseError | null; snapshot: Snapshot };
  /** Hand the server's answer (or `{error}` when none came) to the core. */
  applyResponse(answer: { status: number; headers?: Record<string, string>; body?: string } | { error: string }): { error: LicenseError | null; snapshot: Snapshot };
  readonly plan: string;
  readonly keySource: string;
}

export function expressGate(l: Licensing, o?: { feature?: string }): (req: any, res: any, next: () => void) => void;
export function gateRequest(l: Licensing, request: Request, o?: { feature?: string }): Promise<Response | null>;
export function fetchGate<A extends unknown[]>(l: Licensing, handler: (request: Request, ...rest: A) => Response | Promise<Response>, o?: { feature?: string }): (request: Request, ...rest: A) => Promise<Response>;
export function honoGate(l: Licensing, o?: { feature?: string }): (c: any, next: () => Promise<void>) => Promise<Response | void>;
/** Express middleware for one action under the access policy; 403 with the core's body when denied. */
export function expressAuthorize(l: Licensing, action: string | ((req: any) => string), subject: (req: any) => AccessSubject | Promise<AccessSubject>, o?: { verb?: string }): (req: any, res: any, next: (err?: unknown) => void) => void;
/** Fetch-style: the 403 Response when the access policy denies, or null to proceed. */
export function authorizeRequest(l: Licensing, request: Request, action: string | ((request: Request) => string), subject: (request: Request) => AccessSubject | Promise<AccessSubject>, o?: { verb?: string }): Promise<Response | null>;
/** Hono middleware for one action under the access policy. */
export function honoAuthorize(l: Licensing, action: string | ((c: any) => string), subject: (c: any) => AccessSubject | Promise<AccessSubject>, o?: { verb?: string }): (c: any, next: () => Promise<void>) => Promise<Response | void>;
/** The POST /admin/rbac/reload route as a fetch handler; `check` is the vendor's own authentication (false: 401). */
export function accessReloadHandler(l: Licensing, check: (request: any) => boolean | Promise<boolean>): (request: any) => Promise<Response>;
/** Express form of accessReloadHandler. */
export function expressAccessReload(l: Licensing, check: (req: any) => boolean | Promise<boolean>): (req: any, res: any, next: (err?: unknown) => void) => Promise<void>;
/** The `x-license-warning` text while in grace, else null. */
export function licenseWarning(l: Licensing): string | null;
/** The defaults every host shares (tests/options.json), in milliseconds. */
export const DEFAULTS: Readonly<{ reloadIntervalMs: number; accessReloadIntervalMs: number; 'online.timeoutMs': number; 'ready(timeoutMs)': number }>;
export function memoryStore(): SlotStore & { remove(slot: string): void; setNewestChange(ms: number): void };

/** Send one request the core built (fetch, no redirects, bounded body); never rejects. */
export function sendRequest(req: OnlineRequest, o?: { fetch?: typeof fetch; timeoutMs?: number; dispatcher?: ((route: ProxyRoute) => unknown) | null }): Promise<{ status: number; headers: Record<string, string>; body: string } | { error: string }>;
/** Internal: the exception for a core error record. */
export function fromCore(e: { code: string; message: string; details: { key: string; value: string }[] }): LicenseError;

/** Who called, when the caller's key verified; `snapshot` is fetched from the core when read. */
export interface Caller {
  licenseId: string;
  readonly snapshot: Snapshot;
}

/** Gateway mode's counts. */
export interface GatewayStats {
  cachedKeys: number;
  cachedBytes: number;
  cacheBudget: number;
  rejectedKeys: number;
  statusLicenses: number;
  statusSerial: number;
}

/** Per-request keys: one core decides each caller's own key. */
export interface Gateway {
  readonly licensing: Promise<Licensing>;
  decide(header: (name: string) => string | undefined, path: string, feature?: string): Promise<{ caller: Caller } | { status: number; body: string }>;
  stats(): Promise<GatewayStats>;
  express(o?: { feature?: string }): (req: any, res: any, next: (err?: unknown) => void) => void;
  hono(o?: { feature?: string }): (c: any, next: () => Promise<void>) => Promise<Response | void>;
}
export function keyFrom(header: (name: string) => string | undefined): string | null;

/** Who asks for an access (RBAC) decision. */
export interface AccessSubject {
  /** Roles the application resolved directly (an API-key caller as 'admin', say). */
  roles?: string[];
  /** The identity provider's groups; groups the policy does not name add no role. */
  groups?: string[];
}

/** An access decision and what made it. */
export interface AccessDecision {
  /** Whether the caller may run the action. */
  allow: boolean;
  /** The role that allowed it. */
  role: string | null;
  /** The pattern of that role that matched. */
  pattern: string | null;
  /** What matched, or why nothing did (names escaped). */
  reason: string;
  /** The JSON body of the 403 every host answers a denial with; '' when allowed. */
  body: string;
}

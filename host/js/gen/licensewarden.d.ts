// world root:component/root
export type Config = import('./interfaces/licensewarden-core-types.js').Config;
export type KeyInput = import('./interfaces/licensewarden-core-types.js').KeyInput;
export type FailureAnswers = import('./interfaces/licensewarden-core-types.js').FailureAnswers;
export type LicenseEvent = import('./interfaces/licensewarden-core-types.js').LicenseEvent;
export type Status = import('./interfaces/licensewarden-core-types.js').Status;
export type LicenseError = import('./interfaces/licensewarden-core-types.js').LicenseError;
export type License = import('./interfaces/licensewarden-core-types.js').License;
export type Snapshot = import('./interfaces/licensewarden-core-types.js').Snapshot;
export type Info = import('./interfaces/licensewarden-core-types.js').Info;
export type CapCheck = import('./interfaces/licensewarden-core-types.js').CapCheck;
export type GateDecision = import('./interfaces/licensewarden-core-types.js').GateDecision;
export type TrustedKey = import('./interfaces/licensewarden-core-types.js').TrustedKey;
export type OnlineAction = import('./interfaces/licensewarden-core-types.js').OnlineAction;
export type Request = import('./interfaces/licensewarden-core-types.js').Request;
export type Response = import('./interfaces/licensewarden-core-types.js').Response;
export type OnlineOutcome = import('./interfaces/licensewarden-core-types.js').OnlineOutcome;
export type KeyDecision = import('./interfaces/licensewarden-core-types.js').KeyDecision;
export type GatewayStats = import('./interfaces/licensewarden-core-types.js').GatewayStats;
export type KeyPlaces = import('./interfaces/licensewarden-core-types.js').KeyPlaces;
export type KeyLookup = import('./interfaces/licensewarden-core-types.js').KeyLookup;
export type KeyFile = import('./interfaces/licensewarden-core-types.js').KeyFile;
export type KeyStep = import('./interfaces/licensewarden-core-types.js').KeyStep;
export type ReadError = import('./interfaces/licensewarden-core-types.js').ReadError;
export type KeyHeaders = import('./interfaces/licensewarden-core-types.js').KeyHeaders;
export type AccessSubject = import('./interfaces/licensewarden-core-types.js').AccessSubject;
export type AccessDecision = import('./interfaces/licensewarden-core-types.js').AccessDecision;
export type AccessInfo = import('./interfaces/licensewarden-core-types.js').AccessInfo;
import type * as LicensewardenCoreClock from './interfaces/licensewarden-core-clock.js'; // licensewarden:core/clock
import type * as LicensewardenCoreDevice from './interfaces/licensewarden-core-device.js'; // licensewarden:core/device
import type * as LicensewardenCoreRandom from './interfaces/licensewarden-core-random.js'; // licensewarden:core/random
import type * as LicensewardenCoreStore from './interfaces/licensewarden-core-store.js'; // licensewarden:core/store
import type * as LicensewardenCoreTypes from './interfaces/licensewarden-core-types.js'; // licensewarden:core/types
export interface ImportObject {
  'licensewarden:core/clock': typeof LicensewardenCoreClock,
  'licensewarden:core/device': typeof LicensewardenCoreDevice,
  'licensewarden:core/random': typeof LicensewardenCoreRandom,
  'licensewarden:core/store': typeof LicensewardenCoreStore,
  'licensewarden:core/types': typeof LicensewardenCoreTypes,
}
export interface Root {
  configure(cfg: Config): void,
  verify(token: string): License,
  load(key: KeyInput): Snapshot,
  snapshot(): Snapshot,
  info(): Info,
  infoJson(): string,
  checkFeature(name: string): void,
  checkCap(name: string, current: bigint): CapCheck,
  gate(path: string, feature: string | undefined): GateDecision,
  gateKey(token: string | undefined, path: string, feature: string | undefined, terms: boolean): KeyDecision,
  keySnapshot(token: string): Snapshot,
  gatewayStats(): GatewayStats,
  gateRequest(headers: KeyHeaders, path: string, feature: string | undefined, terms: boolean): KeyDecision,
  keyFromHeaders(headers: KeyHeaders): string | undefined,
  keyPlaces(product: string): KeyPlaces,
  findKey(product: string, found: KeyLookup): KeyStep,
  keyFromFile(file: KeyFile, read: Result<Uint8Array, ReadError>): KeyInput,
  trustedKeyFile(path: string, read: Result<Uint8Array, ReadError>, shared: boolean): TrustedKey,
  metrics(): string,
  checkSignature(key: TrustedKey, message: string, signature: string): void,
  onlineRequest(action: OnlineAction): Request | undefined,
  applyResponse(answer: Result<Response, string>): OnlineOutcome,
  offlineRequest(): string,
  installActivation(file: string): OnlineOutcome,
  agentMessage(): string | undefined,
  setAccessPolicy(policy: string | undefined): void,
  authorize(subject: AccessSubject, action: string, verb: string): AccessDecision,
  nextCheckDelay(): number,
  failureAnswers(): FailureAnswers,
  events(before: Status | undefined): Array<LicenseEvent>,
}
export type Option<T> = { tag: 'none' } | { tag: 'some', val: T };
export type Result<T, E> = { tag: 'ok', val: T } | { tag: 'err', val: E };

/**
* Instantiates this component with the provided imports and
* returns a map of all the exports of the component.
*
* This function is intended to be similar to the
* `WebAssembly.Instantiate` constructor. The second `imports`
* argument is the "import object" for wasm, except here it
* uses component-model-layer types instead of core wasm
* integers/numbers/etc.
*
* The first argument to this function, `getCoreModule`, is
* used to compile core wasm modules within the component.
* Components are composed of core wasm modules and this callback
* will be invoked per core wasm module. The caller of this
* function is responsible for reading the core wasm module
* identified by `path` and returning its compiled
* `WebAssembly.Module` object. This would use the
* `WebAssembly.Module` constructor on the web, for example.
*/
export function instantiate(
getCoreModule: (path: string) => WebAssembly.Module,
imports: ImportObject,
instantiateCore?: (module: WebAssembly.Module, imports: Record<string, any>) => WebAssembly.Instance
): Root;
export function instantiate(
getCoreModule: (path: string) => WebAssembly.Module | Promise<WebAssembly.Module>,
imports: ImportObject,
instantiateCore?: (module: WebAssembly.Module, imports: Record<string, any>) => WebAssembly.Instance | Promise<WebAssembly.Instance>
): Root | Promise<Root>;


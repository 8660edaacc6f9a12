/** @module Interface licensewarden:core/types **/
/**
 * # Variants
 * 
 * ## `"ed25519"`
 * 
 * ## `"hmac-sha256"`
 */
export type Algorithm = 'ed25519' | 'hmac-sha256';
export interface TrustedKey {
  kid: string,
  algorithm: Algorithm,
  key: string,
}
export interface Detail {
  key: string,
  value: string,
}
export interface OnlineConfig {
  serverUrl: string,
  serverKeys: Array<TrustedKey>,
  leaseHours: number,
  graceHours: number,
  statusToken?: string,
  proxy?: string,
  caFile?: string,
  agent?: string,
  networkEnv: Array<Detail>,
}
export interface Config {
  trustedKeys: Array<TrustedKey>,
  policyJson: string,
  demoMode: boolean,
  online?: OnlineConfig,
  gatewayCacheBytes: bigint,
}
export interface GivenKey {
  token: string,
  source: string,
}
/**
 * # Variants
 * 
 * ## `"not-found"`
 * 
 * ## `"permission-denied"`
 * 
 * ## `"not-a-regular-file"`
 * 
 * ## `"too-large"`
 * 
 * ## `"not-utf8"`
 * 
 * ## `"no-key-line"`
 * 
 * ## `"other"`
 */
export type UnreadableReason = 'not-found' | 'permission-denied' | 'not-a-regular-file' | 'too-large' | 'not-utf8' | 'no-key-line' | 'other';
export interface UnreadableKey {
  source: string,
  reason: UnreadableReason,
  detail: string,
}
export type KeyInput = KeyInputNone | KeyInputKey | KeyInputUnreadable;
export interface KeyInputNone {
  tag: 'none',
}
export interface KeyInputKey {
  tag: 'key',
  val: GivenKey,
}
export interface KeyInputUnreadable {
  tag: 'unreadable',
  val: UnreadableKey,
}
/**
 * # Variants
 * 
 * ## `"malformed"`
 * 
 * ## `"too-large"`
 * 
 * ## `"unsupported-version"`
 * 
 * ## `"unknown-key-id"`
 * 
 * ## `"wrong-algorithm"`
 * 
 * ## `"bad-signature"`
 * 
 * ## `"invalid-payload"`
 * 
 * ## `"expired"`
 * 
 * ## `"not-yet-valid"`
 * 
 * ## `"no-license"`
 * 
 * ## `"feature-not-licensed"`
 * 
 * ## `"cap-exceeded"`
 * 
 * ## `"invalid-config"`
 * 
 * ## `"internal"`
 * 
 * ## `"revoked"`
 * 
 * ## `"license-not-found"`
 * 
 * ## `"device-limit-exceeded"`
 * 
 * ## `"clock-rollback"`
 * 
 * ## `"clock-skew"`
 * 
 * ## `"grace-expired"`
 * 
 * ## `"offline"`
 * 
 * ## `"not-validated"`
 * 
 * ## `"state-tampered"`
 * 
 * ## `"bad-response"`
 * 
 * ## `"suspended"`
 * 
 * ## `"state-not-saved"`
 * 
 * ## `"activation-expired"`
 */
export type ErrorCode = 'malformed' | 'too-large' | 'unsupported-version' | 'unknown-key-id' | 'wrong-algorithm' | 'bad-signature' | 'invalid-payload' | 'expired' | 'not-yet-valid' | 'no-license' | 'feature-not-licensed' | 'cap-exceeded' | 'invalid-config' | 'internal' | 'revoked' | 'license-not-found' | 'device-limit-exceeded' | 'clock-rollback' | 'clock-skew' | 'grace-expired' | 'offline' | 'not-validated' | 'state-tampered' | 'bad-response' | 'suspended' | 'state-not-saved' | 'activation-expired';
export interface LicenseError {
  code: ErrorCode,
  message: string,
  details: Array<Detail>,
}
/**
 * # Variants
 * 
 * ## `"active"`
 * 
 * ## `"community"`
 * 
 * ## `"expired"`
 * 
 * ## `"not-yet-valid"`
 * 
 * ## `"invalid"`
 * 
 * ## `"demo"`
 * 
 * ## `"grace"`
 * 
 * ## `"restricted"`
 */
export type Status = 'active' | 'community' | 'expired' | 'not-yet-valid' | 'invalid' | 'demo' | 'grace' | 'restricted';
export interface Limit {
  name: string,
  max: bigint,
}
export interface Snapshot {
  status: Status,
  plan: string,
  allFeatures: boolean,
  features: Array<string>,
  limits: Array<Limit>,
  blocking: boolean,
  validUntil?: bigint,
  error?: LicenseError,
  warning?: string,
}
export interface GateDecision {
  allow: boolean,
  httpStatus: number,
  error?: LicenseError,
  body: string,
}
export interface FeatureFlag {
  name: string,
  enabled: boolean,
}
export interface LimitInfo {
  name: string,
  max: bigint,
  current: bigint,
  soft: boolean,
}
export interface OnlineInfo {
  serverUrl: string,
  lastValidated?: bigint,
  nextCheck?: bigint,
  graceEnds?: bigint,
  devicesRegistered?: bigint,
  devicesMax?: bigint,
  lastError?: LicenseError,
  stateError?: LicenseError,
  termsChanged?: string,
  activationEnds?: bigint,
}
export interface AccessInfo {
  enforced: boolean,
  roles: number,
  patterns: number,
  message: string,
  error?: LicenseError,
}
export interface Info {
  valid: boolean,
  status: Status,
  plan: string,
  licenseId?: string,
  org?: string,
  kid?: string,
  keySource: string,
  features: Array<FeatureFlag>,
  limits: Array<LimitInfo>,
  issuedAt?: bigint,
  expiresAt?: bigint,
  expiresText?: string,
  daysRemaining?: number,
  demo: boolean,
  deviceId: string,
  error?: LicenseError,
  online?: OnlineInfo,
  access?: AccessInfo,
}
export interface FailureAnswers {
  error: LicenseError,
  snapshot: Snapshot,
  gate: GateDecision,
  info: Info,
  infoJson: string,
  metrics: string,
  retryMs: number,
}
/**
 * # Variants
 * 
 * ## `"info"`
 * 
 * ## `"warn"`
 * 
 * ## `"error"`
 */
export type LogLevel = 'info' | 'warn' | 'error';
export interface LicenseEvent {
  level: LogLevel,
  message: string,
}
export interface License {
  id: string,
  org: string,
  plan: string,
  kid: string,
  features: Array<string>,
  limits: Array<Limit>,
  issuedAt: bigint,
  notBefore?: bigint,
  expiresAt?: bigint,
  extraJson: string,
}
/**
 * # Variants
 * 
 * ## `"within"`
 * 
 * ## `"soft-exceeded"`
 * 
 * ## `"hard-exceeded"`
 */
export type CapOutcome = 'within' | 'soft-exceeded' | 'hard-exceeded';
export interface CapCheck {
  outcome: CapOutcome,
  name: string,
  max: bigint,
  current: bigint,
  error?: LicenseError,
}
/**
 * # Variants
 * 
 * ## `"validate-if-due"`
 * 
 * ## `"validate"`
 * 
 * ## `"activate"`
 * 
 * ## `"deactivate"`
 */
export type OnlineAction = 'validate-if-due' | 'validate' | 'activate' | 'deactivate';
export interface ProxyRoute {
  url: string,
  authorization?: string,
}
export interface Request {
  method: string,
  url: string,
  headers: Array<Detail>,
  body: string,
  proxy?: ProxyRoute,
  caFile?: string,
}
export interface Response {
  status: number,
  headers: Array<Detail>,
  body: string,
}
export interface OnlineOutcome {
  error?: LicenseError,
  snapshot: Snapshot,
}
export interface KeyDecision {
  allow: boolean,
  httpStatus: number,
  body: string,
  licenseId?: string,
  snapshot?: Snapshot,
}
export interface GatewayStats {
  cachedKeys: bigint,
  cachedBytes: bigint,
  cacheBudget: bigint,
  rejectedKeys: bigint,
  statusLicenses: bigint,
  statusSerial: bigint,
}
export interface KeyPlaces {
  prefix: string,
  keyVar: string,
  fileVar: string,
  agentVar: string,
  homeFile: Array<string>,
}
export interface KeyLookup {
  explicit?: string,
  keyVar?: string,
  fileVar?: string,
  homeFile?: string,
}
export interface KeyFile {
  path: string,
  source: string,
  optional: boolean,
}
export type KeyStep = KeyStepDone | KeyStepRead;
export interface KeyStepDone {
  tag: 'done',
  val: KeyInput,
}
export interface KeyStepRead {
  tag: 'read',
  val: KeyFile,
}
export interface ReadError {
  reason: UnreadableReason,
  detail: string,
}
export interface KeyHeaders {
  authorization?: string,
  xLicenseKey?: string,
}
export interface AccessSubject {
  roles: Array<string>,
  groups: Array<string>,
}
export interface AccessDecision {
  allow: boolean,
  role?: string,
  pattern?: string,
  reason: string,
  body: string,
}
export interface DeviceFacts {
  mac: string,
  hostname: string,
  arch: string,
  os: string,
}

// Errors thrown by the JavaScript host. `.code` is the core's stable code:
// the same string the Rust and Python hosts surface.

/** Base class: every licensewarden failure. */
export class LicenseError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}
/** The key was rejected: malformed, bad signature, unknown key id, ... */
export class LicenseInvalidError extends LicenseError {}
/** The license has expired. */
export class LicenseExpiredError extends LicenseError {}
/** The license is not valid yet. */
export class LicenseNotYetValidError extends LicenseError {}
/** No license key was found (community tier). */
export class LicenseNotFoundError extends LicenseError {}
/** A feature is not part of the license. `.feature` and `.plan` name them. */
export class FeatureNotLicensedError extends LicenseError {
  get feature() { return this.details.feature; }
  get plan() { return this.details.plan; }
}
/** Usage is over a cap. */
export class CapExceededError extends LicenseError {}
/** The vendor's keys or policy were rejected. */
export class InvalidConfigError extends LicenseError {}
/** The core could not be run; requests fail closed. */
export class InternalError extends LicenseError {}

/** The license server says the license was revoked. */
export class LicenseRevokedError extends LicenseError {}
/** The license server says the vendor suspended the license for now (community tier until reinstated). */
export class LicenseSuspendedError extends LicenseError {}
/** The license server refused this device: `.details` name `registered` and `max`. */
export class DeviceLimitExceededError extends LicenseError {}
/** Online validation did not succeed: offline, clock skew or rollback, grace expired, not validated yet, a refused answer, tampered state, a state that could not be saved, or an activation file that ran out. */
export class OnlineValidationError extends LicenseError {}

const online = Object.fromEntries(['offline', 'bad-response', 'clock-skew', 'clock-rollback', 'grace-expired', 'not-validated', 'state-tampered', 'state-not-saved', 'activation-expired']
  .map((c) => [c, OnlineValidationError]));

// Every code the core has (test/wit_types.test.mjs checks the list against
// the WIT), so a new code cannot fall through to a class by accident.
const invalidKey = Object.fromEntries(['malformed', 'too-large', 'unsupported-version', 'unknown-key-id', 'wrong-algorithm', 'bad-signature', 'invalid-payload']
  .map((c) => [c, LicenseInvalidError]));

export const ERROR_CLASSES = Object.freeze({
  ...invalidKey,
  ...online,
  'license-not-found': LicenseNotFoundError,
  revoked: LicenseRevokedError,
  suspended: LicenseSuspendedError,
  'device-limit-exceeded': DeviceLimitExceededError,
  expired: LicenseExpiredError,
  'not-yet-valid': LicenseNotYetValidError,
  'no-license': LicenseNotFoundError,
  'feature-not-licensed': FeatureNotLicensedError,
  'cap-exceeded': CapExceededError,
  'invalid-config': InvalidConfigError,
  internal: InternalError,
});

/** Turn the core's error record into the matching exception. */
export function fromCore(e) {
  const details = Object.fromEntries((e.details ?? []).map(({ key, value }) => [key, value]));
  const Cls = ERROR_CLASSES[e.code] ?? LicenseInvalidError;
  return new Cls(e.code, e.message, details);
}

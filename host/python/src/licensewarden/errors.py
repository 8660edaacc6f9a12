"""Exceptions raised by the Python host. ``.code`` is the core's stable code:
the same string the Rust and JavaScript hosts surface."""

from __future__ import annotations


class LicenseError(Exception):
    """Base class of every licensewarden failure."""

    def __init__(self, code: str, message: str, details: dict[str, str] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = dict(details or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"

    def __reduce__(self) -> tuple[type, tuple[str, str, dict[str, str]]]:
        # Picklable and copyable (dataclasses.asdict deep-copies info.error).
        return (type(self), (self.code, self.message, self.details))


class LicenseInvalidError(LicenseError):
    """The key was rejected: malformed, bad signature, unknown key id, ..."""


class LicenseExpiredError(LicenseError):
    """The license has expired."""


class LicenseNotYetValidError(LicenseError):
    """The license is not valid yet."""


class LicenseNotFoundError(LicenseError):
    """No license key was found (community tier)."""


class FeatureNotLicensedError(LicenseError):
    """A feature is not part of the license; ``.feature`` and ``.plan`` name them."""

    @property
    def feature(self) -> str:
        return self.details.get("feature", "")

    @property
    def plan(self) -> str:
        return self.details.get("plan", "")


# The name every host uses is FeatureNotLicensedError (code
# `feature-not-licensed`); this alias keeps the earlier Python name working.
FeatureNotAvailableError = FeatureNotLicensedError


class CapExceededError(LicenseError):
    """Usage is over a cap."""


class InvalidConfigError(LicenseError):
    """The vendor's keys or policy were rejected."""


class InternalError(LicenseError):
    """The core could not be run; requests fail closed."""


class LicenseRevokedError(LicenseError):
    """The license server says the license was revoked."""


class LicenseSuspendedError(LicenseError):
    """The license server says the vendor suspended the license for now (community tier until reinstated)."""


class DeviceLimitExceededError(LicenseError):
    """The license server refused this device: ``details`` name ``registered`` and ``max``."""


class OnlineValidationError(LicenseError):
    """Online validation did not succeed: offline, clock skew or rollback,
    grace expired, not validated yet, a refused answer or tampered state."""


# Every code the core has (tests/test_wit_types.py checks the list against
# the WIT), so a new code cannot fall through to a class by accident.
_BY_CODE: dict[str, type[LicenseError]] = {
    "malformed": LicenseInvalidError,
    "too-large": LicenseInvalidError,
    "unsupported-version": LicenseInvalidError,
    "unknown-key-id": LicenseInvalidError,
    "wrong-algorithm": LicenseInvalidError,
    "bad-signature": LicenseInvalidError,
    "invalid-payload": LicenseInvalidError,
    "expired": LicenseExpiredError,
    "not-yet-valid": LicenseNotYetValidError,
    "no-license": LicenseNotFoundError,
    "feature-not-licensed": FeatureNotLicensedError,
    "cap-exceeded": CapExceededError,
    "invalid-config": InvalidConfigError,
    "internal": InternalError,
    "license-not-found": LicenseNotFoundError,
    "revoked": LicenseRevokedError,
    "suspended": LicenseSuspendedError,
    "device-limit-exceeded": DeviceLimitExceededError,
    "offline": OnlineValidationError,
    "bad-response": OnlineValidationError,
    "clock-skew": OnlineValidationError,
    "clock-rollback": OnlineValidationError,
    "grace-expired": OnlineValidationError,
    "not-validated": OnlineValidationError,
    "state-tampered": OnlineValidationError,
    "state-not-saved": OnlineValidationError,
    "activation-expired": OnlineValidationError,
}


def error_for(code: str, message: str, details: dict[str, str]) -> LicenseError:
    """The exception class for a core error code."""
    return _BY_CODE.get(code, LicenseInvalidError)(code, message, details)

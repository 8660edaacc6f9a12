"""licensewarden for Python products: the licensewarden component (the same
``.wasm`` every host runs) on wasmtime, behind a Pythonic API."""

from ._component import component_sha256
from ._licensing import (
    AccessDecision,
    AccessInfo,
    AccessSubject,
    Caller,
    CapCheck,
    FeatureFlag,
    GateDecision,
    KeyDecision,
    License,
    LicenseInfo,
    Licensing,
    LimitInfo,
    OnlineInfo,
    OnlineOutcome,
    OnlineRequest,
    OnlineSettings,
    Snapshot,
    TrustedKey,
)
from ._component import MemoryStore
from ._online import FileStore, read_bounded
from .errors import (
    CapExceededError,
    DeviceLimitExceededError,
    FeatureNotAvailableError,
    FeatureNotLicensedError,
    InternalError,
    InvalidConfigError,
    LicenseError,
    LicenseExpiredError,
    LicenseInvalidError,
    LicenseNotFoundError,
    LicenseNotYetValidError,
    LicenseRevokedError,
    LicenseSuspendedError,
    OnlineValidationError,
)
from .keys import device_facts, resolve_key

__all__ = [
    "Licensing", "AccessSubject", "AccessDecision", "AccessInfo", "Caller", "KeyDecision", "TrustedKey", "Snapshot", "LicenseInfo", "CapCheck", "GateDecision", "License", "FeatureFlag",
    "LimitInfo", "LicenseError", "LicenseInvalidError", "LicenseExpiredError", "LicenseNotYetValidError",
    "LicenseNotFoundError", "FeatureNotAvailableError", "FeatureNotLicensedError", "CapExceededError", "InvalidConfigError", "InternalError",
    "component_sha256", "device_facts", "resolve_key", "OnlineInfo", "OnlineOutcome", "OnlineRequest",
    "OnlineSettings", "MemoryStore", "FileStore", "read_bounded", "LicenseRevokedError", "LicenseSuspendedError", "DeviceLimitExceededError", "OnlineValidationError",
]

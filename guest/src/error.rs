//! The one error type of the core. Its `code` is the stable string every
//! host surfaces; its message always says what to do next.

use std::fmt;

/// Stable machine-readable reason for a rejection (mirrors `error-code` in WIT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// Token structure, base64url or JSON is not strictly well formed.
    Malformed,
    /// Input is larger than its size cap.
    TooLarge,
    /// Token format version is not one this core knows.
    UnsupportedVersion,
    /// No trusted key has the token's key id.
    UnknownKeyId,
    /// The token's algorithm differs from the trusted key's.
    WrongAlgorithm,
    /// The signature does not verify.
    BadSignature,
    /// The payload lacks a required field or has a mistyped one.
    InvalidPayload,
    /// The license has expired (or carries an unparseable date).
    Expired,
    /// The license's not-before instant is in the future.
    NotYetValid,
    /// No license key was supplied.
    NoLicense,
    /// The feature is not part of the effective license.
    FeatureNotLicensed,
    /// Usage is above a licensed cap.
    CapExceeded,
    /// Trusted keys or product policy were rejected.
    InvalidConfig,
    /// The host could not get an answer from the core (never produced by
    /// the core; hosts fail closed with it).
    Internal,
    /// The license server says the license was revoked.
    Revoked,
    /// The license server does not know the license.
    LicenseNotFound,
    /// The license server refused a new device: the device limit is reached.
    DeviceLimitExceeded,
    /// The local clock is behind a time already seen (clock set back).
    ClockRollback,
    /// The local clock differs from the license server's by more than 5 min.
    ClockSkew,
    /// No successful online check within the grace period.
    GraceExpired,
    /// The license server could not be reached (or gave no signed answer).
    Offline,
    /// The license has not been validated online on this device yet.
    NotValidated,
    /// The saved validation state failed authentication and was ignored.
    StateTampered,
    /// A signed-looking answer was refused (bad signature, replayed, for
    /// another device or license, or not well formed).
    BadResponse,
    /// The license server says the vendor suspended the license for now.
    Suspended,
    /// The answer was applied but the sealed state could not be saved.
    StateNotSaved,
    /// The activation file an air-gapped device runs on has run out.
    ActivationExpired,
}

impl ErrorCode {
    /// Every code, in declaration order.
    pub const ALL: [ErrorCode; 27] = [
        ErrorCode::Malformed,
        ErrorCode::TooLarge,
        ErrorCode::UnsupportedVersion,
        ErrorCode::UnknownKeyId,
        ErrorCode::WrongAlgorithm,
        ErrorCode::BadSignature,
        ErrorCode::InvalidPayload,
        ErrorCode::Expired,
        ErrorCode::NotYetValid,
        ErrorCode::NoLicense,
        ErrorCode::FeatureNotLicensed,
        ErrorCode::CapExceeded,
        ErrorCode::InvalidConfig,
        ErrorCode::Internal,
        ErrorCode::Revoked,
        ErrorCode::LicenseNotFound,
        ErrorCode::DeviceLimitExceeded,
        ErrorCode::ClockRollback,
        ErrorCode::ClockSkew,
        ErrorCode::GraceExpired,
        ErrorCode::Offline,
        ErrorCode::NotValidated,
        ErrorCode::StateTampered,
        ErrorCode::BadResponse,
        ErrorCode::Suspended,
        ErrorCode::StateNotSaved,
        ErrorCode::ActivationExpired,
    ];

    /// The stable string, e.g. `bad-signature`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Malformed => "malformed",
            ErrorCode::TooLarge => "too-large",
            ErrorCode::UnsupportedVersion => "unsupported-version",
            ErrorCode::UnknownKeyId => "unknown-key-id",
            ErrorCode::WrongAlgorithm => "wrong-algorithm",
            ErrorCode::BadSignature => "bad-signature",
            ErrorCode::InvalidPayload => "invalid-payload",
            ErrorCode::Expired => "expired",
            ErrorCode::NotYetValid => "not-yet-valid",
            ErrorCode::NoLicense => "no-license",
            ErrorCode::FeatureNotLicensed => "feature-not-licensed",
            ErrorCode::CapExceeded => "cap-exceeded",
            ErrorCode::InvalidConfig => "invalid-config",
            ErrorCode::Internal => "internal",
            ErrorCode::Revoked => "revoked",
            ErrorCode::LicenseNotFound => "license-not-found",
            ErrorCode::DeviceLimitExceeded => "device-limit-exceeded",
            ErrorCode::ClockRollback => "clock-rollback",
            ErrorCode::ClockSkew => "clock-skew",
            ErrorCode::GraceExpired => "grace-expired",
            ErrorCode::Offline => "offline",
            ErrorCode::NotValidated => "not-validated",
            ErrorCode::StateTampered => "state-tampered",
            ErrorCode::BadResponse => "bad-response",
            ErrorCode::Suspended => "suspended",
            ErrorCode::StateNotSaved => "state-not-saved",
            ErrorCode::ActivationExpired => "activation-expired",
        }
    }

    /// Parse a stable string back into a code.
    pub fn parse(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejection: code, actionable message, structured details (sorted by key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseError {
    /// Stable code.
    pub code: ErrorCode,
    /// What went wrong and what to do.
    pub message: String,
    /// Structured context, sorted by key.
    pub details: Vec<(String, String)>,
}

impl LicenseError {
    /// A new error without details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        LicenseError {
            code,
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// Attach one detail, keeping details sorted by key.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self.details.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) => self.details[i].1 = value,
            Err(i) => self.details.insert(i, (key.to_string(), value)),
        }
        self
    }

    /// The value of a detail, if present.
    pub fn detail(&self, key: &str) -> Option<&str> {
        self.details
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `{"code":..,"details":{..},"message":..}` as canonical JSON.
    pub fn to_json(&self) -> crate::json::Value {
        use crate::json::Value;
        Value::object(vec![
            ("code", Value::from(self.code.as_str())),
            (
                "details",
                Value::Object(
                    self.details
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                        .collect(),
                ),
            ),
            ("message", Value::from(self.message.as_str())),
        ])
    }
}

impl fmt::Display for LicenseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for LicenseError {}

/// Shorthand for results of the core.
pub type Result<T> = std::result::Result<T, LicenseError>;

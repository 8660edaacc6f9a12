//! Public types this crate defines itself, where the core's own type carries
//! fields that only the core uses.

use licensewarden_guest::decision::Snapshot;
use licensewarden_guest::error::LicenseError;
use licensewarden_guest::names::NameMap;

/// A verified license ([`crate::Licensing::verify`]): the WIT's `license`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    /// License id.
    pub id: String,
    /// Organisation (empty when absent).
    pub org: String,
    /// Plan name.
    pub plan: String,
    /// Key id that signed it.
    pub kid: String,
    /// Features granted by the key itself (sorted, unique).
    pub features: Vec<String>,
    /// Caps granted by the key itself; 0 means no cap.
    pub limits: NameMap<u64>,
    /// Issued-at, unix ms.
    pub issued_at: u64,
    /// Not-before, unix ms.
    pub not_before: Option<u64>,
    /// First instant at which the license is no longer valid, unix ms.
    pub expires_at: Option<u64>,
    /// Unknown payload fields as canonical JSON (`{}` when none).
    pub extra_json: String,
}

/// What applying a license server's answer did: the WIT's `online-outcome`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineOutcome {
    /// Why the check did not succeed, if it did not.
    pub error: Option<LicenseError>,
    /// The snapshot after the answer.
    pub snapshot: Snapshot,
}

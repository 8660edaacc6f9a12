//! Key files written by `licensewarden keygen` and read by hosts and the CLI.
//!
//! `public.key` (what products ship) and `private.key` (what only the
//! vendor's issuing machine holds) are one-line JSON objects:
//!
//! ```json
//! {"algorithm":"ed25519","key":"<base64url public key>","kid":"k-3f9a1c2b7d4e"}
//! {"algorithm":"ed25519","kid":"k-3f9a1c2b7d4e","private_key":"<base64url 32-byte seed>"}
//! ```
//!
//! For HMAC-SHA256 both files hold the shared secret; treat both as secret.
//! The document's rule is the core's ([`TrustedKey::from_json`]); this module
//! adds what only a host can do: read the file, bounded, and check who else
//! may read an HMAC secret.

use std::path::Path;

pub use licensewarden_guest::keys::TrustedKey;

/// Reading a `public.key` file (`TrustedKey::from_file`).
pub trait TrustedKeyFile: Sized {
    /// Read a `public.key` file: at most 64 KiB, a regular file, the
    /// core's document rule, and an HMAC secret readable by nobody else.
    fn from_file(path: &Path) -> Result<Self, String>;
}

impl TrustedKeyFile for TrustedKey {
    fn from_file(path: &Path) -> Result<TrustedKey, String> {
        use licensewarden_guest::key_sources;
        let read = crate::state_store::read_bounded(path, key_sources::MAX_KEY_FILE_BYTES);
        let detail = read
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default();
        let read = read
            .as_deref()
            .map_err(|e| (crate::keysource::unreadable_reason(e), detail.as_str()));
        key_sources::trusted_key_file(&path.display().to_string(), read, shared(path))
            .map_err(|e| e.message)
    }
}

/// Whether users other than the owner may read the file.
#[cfg(unix)]
fn shared(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn shared(_: &Path) -> bool {
    false
}

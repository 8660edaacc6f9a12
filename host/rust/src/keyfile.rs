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

use licensewarden_guest::crypto::Algorithm;
pub use licensewarden_guest::keys::TrustedKey;

/// Reading a `public.key` file (`TrustedKey::from_file`).
pub trait TrustedKeyFile: Sized {
    /// Read a `public.key` file: at most 64 KiB, a regular file, the
    /// core's document rule, and an HMAC secret readable by nobody else.
    fn from_file(path: &Path) -> Result<Self, String>;
}

impl TrustedKeyFile for TrustedKey {
    fn from_file(path: &Path) -> Result<TrustedKey, String> {
        let shown = path.display();
        let bytes = crate::state_store::read_bounded(path, 64 * 1024)
            .map_err(|e| format!("key file {shown}: {}", crate::state_store::read_error(&e)))?;
        let text =
            String::from_utf8(bytes).map_err(|_| format!("key file {shown}: not UTF-8 text"))?;
        let key = TrustedKey::from_json(&text).map_err(|e| format!("key file {shown}: {e}"))?;
        #[cfg(unix)]
        if key.algorithm == Algorithm::HmacSha256 {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .map(|m| m.permissions().mode())
                .unwrap_or(0);
            if mode & 0o077 != 0 {
                return Err(format!("key file {shown} holds an HMAC secret (anyone who reads it can issue licenses) but is readable by other users (mode {:o}); chmod 600 it", mode & 0o777));
            }
        }
        Ok(key)
    }
}

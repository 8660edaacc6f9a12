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

use std::path::Path;

use licensewarden_guest::b64;
use licensewarden_guest::crypto::Algorithm;
use licensewarden_guest::json::{self, Value};

/// A key the product trusts to sign licenses.
#[derive(Clone, PartialEq, Eq)]
pub struct TrustedKey {
    /// Key id carried in tokens.
    pub kid: String,
    /// The only algorithm the key verifies.
    pub algorithm: Algorithm,
    /// Key bytes, base64url without padding.
    pub key: String,
}

impl std::fmt::Debug for TrustedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrustedKey")
            .field("kid", &self.kid)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

impl TrustedKey {
    /// An Ed25519 public key.
    pub fn ed25519(kid: &str, public_key: &[u8]) -> TrustedKey {
        TrustedKey {
            kid: kid.into(),
            algorithm: Algorithm::Ed25519,
            key: b64::encode(public_key),
        }
    }

    /// An HMAC-SHA256 shared secret (at least 32 bytes).
    pub fn hmac_sha256(kid: &str, secret: &[u8]) -> TrustedKey {
        TrustedKey {
            kid: kid.into(),
            algorithm: Algorithm::HmacSha256,
            key: b64::encode(secret),
        }
    }

    /// Parse a `public.key` document.
    pub fn from_json(text: &str) -> Result<TrustedKey, String> {
        let v =
            json::parse(text.trim()).map_err(|e| format!("not a licensewarden key file: {e}"))?;
        let field = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("key file has no string field '{k}'"))
        };
        let alg = field("algorithm")?;
        Ok(TrustedKey {
            kid: field("kid")?.to_string(),
            algorithm: Algorithm::from_config_name(alg)
                .ok_or_else(|| format!("unknown algorithm '{alg}' (ed25519 or hmac-sha256)"))?,
            key: field("key")?.to_string(),
        })
    }

    /// Read a `public.key` file.
    pub fn from_file(path: &Path) -> Result<TrustedKey, String> {
        let shown = path.display();
        let bytes = crate::state_store::read_bounded(path, 64 * 1024)
            .map_err(|e| format!("key file {shown}: {}", crate::state_store::read_error(&e)))?;
        let text =
            String::from_utf8(bytes).map_err(|_| format!("key file {shown}: not UTF-8 text"))?;
        // The rule every host shares (tests/vectors/key_file.json).
        if text.contains("\"private_key\"") {
            return Err(format!("key file {shown} is a private key: pass the public.key written next to it by `licensewarden keygen` (never ship the private key)"));
        }
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

    /// The `public.key` document.
    pub fn to_json(&self) -> String {
        Value::object(vec![
            ("algorithm", Value::from(self.algorithm.config_name())),
            ("key", Value::from(self.key.as_str())),
            ("kid", Value::from(self.kid.as_str())),
        ])
        .to_canonical()
    }
}

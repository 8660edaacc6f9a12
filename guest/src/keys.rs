//! The set of trusted keys, chosen by key id. Several keys may be trusted at
//! once so vendors can rotate: new licenses name the new key id while old
//! ones keep verifying until the old key is removed.

use crate::b64;
use crate::crypto::{self, Algorithm};
use crate::error::{ErrorCode, LicenseError, Result};

/// Most keys one configuration may hold.
pub const MAX_KEYS: usize = 64;
/// Shortest accepted HMAC secret; shorter shared secrets are guessable.
pub const MIN_HMAC_KEY_LEN: usize = 32;
/// Largest message `check_signature` accepts, in bytes (base64url text).
pub const MAX_MESSAGE_LEN: usize = 64 * 1024;

/// A key the product trusts to sign licenses (base64url key bytes), as a
/// configuration supplies it and as `public.key` holds it:
///
/// ```json
/// {"algorithm":"ed25519","key":"<base64url public key>","kid":"k-3f9a1c2b7d4e"}
/// ```
///
/// For HMAC-SHA256 the key is the shared secret: treat the file as secret.
#[derive(Clone, PartialEq, Eq)]
pub struct TrustedKey {
    /// Key id carried in tokens.
    pub kid: String,
    /// The only algorithm the key verifies.
    pub algorithm: Algorithm,
    /// Base64url key bytes.
    pub key: String,
}

impl std::fmt::Debug for TrustedKey {
    // HMAC secrets must never reach logs.
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

    /// Parse a `public.key` document: one JSON object whose `kid`,
    /// `algorithm` and `key` are strings, each named exactly once (the
    /// rule of tests/vectors/key_file.json). A private key file is refused
    /// by name, so it is never shipped by mistake. The file's permissions
    /// are the reader's to check.
    pub fn from_json(text: &str) -> core::result::Result<TrustedKey, String> {
        if text.contains("\"private_key\"") {
            return Err("this is a private key: pass the public.key written next to it by `licensewarden keygen` (never ship the private key)".into());
        }
        // The core's parser refuses a repeated member and matches names
        // exactly, where a lenient one would keep the last or fold case.
        let v = crate::json::parse(text.trim())
            .map_err(|e| format!("not a licensewarden key file: {e}"))?;
        let field = |k: &str| {
            v.get(k)
                .and_then(crate::json::Value::as_str)
                .ok_or_else(|| format!("no string field '{k}'"))
        };
        let alg = field("algorithm")?;
        Ok(TrustedKey {
            kid: field("kid")?.to_string(),
            algorithm: Algorithm::from_config_name(alg)
                .ok_or_else(|| format!("unknown algorithm '{alg}' (ed25519 or hmac-sha256)"))?,
            key: field("key")?.to_string(),
        })
    }

    /// The `public.key` document.
    pub fn to_json(&self) -> String {
        use crate::json::Value;
        Value::object(vec![
            ("algorithm", Value::from(self.algorithm.config_name())),
            ("key", Value::from(self.key.as_str())),
            ("kid", Value::from(self.kid.as_str())),
        ])
        .to_canonical()
    }
}

/// A key the core trusts, decoded.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodedKey {
    /// Key id.
    pub kid: String,
    /// The only algorithm this key verifies.
    pub alg: Algorithm,
    /// Public key or HMAC secret bytes.
    pub key: Vec<u8>,
}

impl std::fmt::Debug for DecodedKey {
    // HMAC secrets must never reach logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecodedKey")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}

/// True for 1-64 characters of `A-Z a-z 0-9 _ -`.
pub fn valid_kid(kid: &str) -> bool {
    (1..=64).contains(&kid.len())
        && kid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl DecodedKey {
    /// Decode and check one key as a configuration supplies it. `strict`
    /// applies the configuration rules (HMAC secret length); the low-level
    /// signature check accepts any non-empty HMAC key, as RFC 4231 does.
    pub fn decode(kid: &str, alg: Algorithm, key_b64: &str, strict: bool) -> Result<DecodedKey> {
        let bad = |why: String| {
            LicenseError::new(
                ErrorCode::InvalidConfig,
                format!("trusted key '{kid}': {why}"),
            )
            .with("kid", kid)
        };
        if strict && !valid_kid(kid) {
            return Err(bad(
                "key id must be 1-64 characters of A-Z a-z 0-9 _ -".into()
            ));
        }
        let key = b64::decode(key_b64).map_err(|e| {
            bad(format!(
                "key is not canonical base64url without padding ({e})"
            ))
        })?;
        match alg {
            Algorithm::Ed25519 if key.len() != 32 => {
                return Err(bad(format!(
                    "an Ed25519 public key is 32 bytes, this one is {}; pass the public.key written by `licensewarden keygen`",
                    key.len()
                )))
            }
            Algorithm::Ed25519 if strict => {
                let mut raw = [0u8; 32];
                raw.copy_from_slice(&key);
                match crate::ed25519::check_public_key(&raw) {
                    Ok(()) => {}
                    Err(crate::ed25519::KeyFault::SmallOrder) => {
                        return Err(bad("this Ed25519 public key is a small-order point (all-zero, identity or another weak key): no genuine license can ever verify with it, and a forger could make signatures that do; pass the public.key written by `licensewarden keygen`".into()))
                    }
                    Err(_) => {
                        return Err(bad("these 32 bytes are not a canonical Ed25519 public key (not a curve point, or a non-canonical encoding); pass the public.key written by `licensewarden keygen`".into()))
                    }
                }
            }
            Algorithm::HmacSha256 if key.is_empty() => {
                return Err(bad("the HMAC secret is empty".into()))
            }
            Algorithm::HmacSha256 if strict && key.len() < MIN_HMAC_KEY_LEN => {
                return Err(bad(format!(
                    "an HMAC-SHA256 secret must be at least {MIN_HMAC_KEY_LEN} random bytes, this one is {}",
                    key.len()
                )))
            }
            _ => {}
        }
        Ok(DecodedKey {
            kid: kid.to_string(),
            alg,
            key,
        })
    }
}

/// Trusted keys with unique key ids.
#[derive(Debug, Clone, Default)]
pub struct KeySet {
    keys: Vec<DecodedKey>,
}

impl KeySet {
    /// Build a set, rejecting duplicate key ids and oversize sets.
    pub fn new(keys: Vec<DecodedKey>) -> Result<KeySet> {
        if keys.len() > MAX_KEYS {
            return Err(LicenseError::new(
                ErrorCode::InvalidConfig,
                format!(
                    "at most {MAX_KEYS} trusted keys may be configured, got {}",
                    keys.len()
                ),
            ));
        }
        for (i, k) in keys.iter().enumerate() {
            if keys[..i].iter().any(|o| o.kid == k.kid) {
                return Err(LicenseError::new(
                    ErrorCode::InvalidConfig,
                    format!(
                        "key id '{}' is configured twice; key ids must be unique",
                        k.kid
                    ),
                )
                .with("kid", &k.kid));
            }
        }
        Ok(KeySet { keys })
    }

    /// The key with this id.
    pub fn get(&self, kid: &str) -> Option<&DecodedKey> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    /// Key ids, in configuration order.
    pub fn kids(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.kid.as_str()).collect()
    }

    /// No keys configured.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Verify a detached signature (low level; RFC test vectors, signed answers).
pub fn check_signature(key: &TrustedKey, message_b64: &str, signature_b64: &str) -> Result<()> {
    if message_b64.len() > MAX_MESSAGE_LEN * 4 / 3 + 4 {
        return Err(LicenseError::new(
            ErrorCode::TooLarge,
            format!("message is larger than {MAX_MESSAGE_LEN} bytes"),
        ));
    }
    let k = DecodedKey::decode(&key.kid, key.algorithm, &key.key, false)?;
    let decode = |what: &str, s: &str| {
        b64::decode(s).map_err(|e| {
            LicenseError::new(
                ErrorCode::Malformed,
                format!("{what} is not canonical base64url ({e})"),
            )
        })
    };
    let msg = decode("message", message_b64)?;
    let sig = decode("signature", signature_b64)?;
    if sig.len() == k.alg.signature_len() && crypto::verify(k.alg, &k.key, &msg, &sig) {
        Ok(())
    } else {
        Err(LicenseError::new(
            ErrorCode::BadSignature,
            format!("signature does not verify with key id '{}'", key.kid),
        )
        .with("kid", key.kid.as_str()))
    }
}

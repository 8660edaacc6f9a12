//! The license token format (see docs/token-format.md):
//!
//! ```text
//! lg1.<alg>.<kid>.<payload>.<sig>
//! ```
//!
//! `payload` and `sig` are canonical base64url without padding. The
//! signature covers the domain-separation tag followed by everything before
//! the last dot, so the version, algorithm name and key id are all bound to
//! the signature. The algorithm used to verify is the trusted key's; the
//! token's `alg` only lets a mismatch be reported as `wrong-algorithm`.

use crate::b64;
use crate::crypto::{self, Algorithm};
use crate::error::{ErrorCode, LicenseError, Result};
use crate::keys::{valid_kid, KeySet};

/// Format version prefix.
pub const PREFIX: &str = "lg1";
/// Largest accepted token, in bytes.
pub const MAX_TOKEN_LEN: usize = 16 * 1024;
/// Prepended to the signed text so a licensewarden signature can never be
/// replayed as a signature over some other protocol's message.
pub const DOMAIN_TAG: &[u8] = b"licensewarden/license/v1\n";

/// A token split into its parts; nothing is verified yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<'a> {
    /// Algorithm the token claims.
    pub alg: Algorithm,
    /// Key id.
    pub kid: &'a str,
    /// `lg1.<alg>.<kid>.<payload>`, the text under the signature.
    pub signed: &'a str,
    /// Decoded payload bytes (not yet checked for UTF-8 or JSON).
    pub payload: Vec<u8>,
    /// Decoded signature bytes.
    pub sig: Vec<u8>,
}

fn malformed(why: impl Into<String>) -> LicenseError {
    LicenseError::new(
        ErrorCode::Malformed,
        format!(
            "license key is malformed: {}; copy the whole key exactly as issued (it starts with 'lg1.')",
            why.into()
        ),
    )
}

/// The exact bytes a signer signs and a verifier checks.
pub fn signing_input(signed: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(DOMAIN_TAG.len() + signed.len());
    m.extend_from_slice(DOMAIN_TAG);
    m.extend_from_slice(signed.as_bytes());
    m
}

/// `lg1.<alg>.<kid>.<payload>`: the part of a new token that gets signed.
pub fn signed_part(alg: Algorithm, kid: &str, payload_json: &[u8]) -> String {
    signed_part_named(alg.token_name(), kid, payload_json)
}

/// [`signed_part`] with any algorithm name in the header, as a forger
/// would write it (tests of algorithm confusion and unknown algorithms).
pub fn signed_part_named(alg_name: &str, kid: &str, payload_json: &[u8]) -> String {
    format!("{PREFIX}.{alg_name}.{kid}.{}", b64::encode(payload_json))
}

/// Append a signature to a signed part, completing a token.
pub fn assemble(signed: &str, sig: &[u8]) -> String {
    format!("{signed}.{}", b64::encode(sig))
}

/// The one trimming rule for a key, wherever it comes from (argument,
/// variable, file line, request header): a leading byte-order mark (editors
/// on Windows write one), then surrounding ASCII whitespace (space, tab, CR,
/// LF, VT, FF). Nothing else: a key is ASCII, so any other character (a
/// no-break space, a zero-width space) is part of what is judged, and the
/// key is malformed.
pub fn trim(s: &str) -> &str {
    s.strip_prefix('\u{feff}')
        .unwrap_or(s)
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0b' | '\x0c'))
}

/// Split a token strictly, after [`trim`]. Checks size (before trimming,
/// so the work is bounded), version, structure and encodings.
pub fn parse(token: &str) -> Result<Parts<'_>> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(LicenseError::new(
            ErrorCode::TooLarge,
            format!(
                "license key is {} bytes, more than the {MAX_TOKEN_LEN}-byte limit; check that the right file or variable is used",
                token.len()
            ),
        )
        .with("limit", MAX_TOKEN_LEN.to_string()));
    }
    let token = trim(token);
    if token.is_empty() {
        return Err(malformed("it is empty"));
    }
    let fields: Vec<&str> = token.split('.').collect();
    let version = fields[0];
    if version != PREFIX {
        let looks_versioned = version.len() > 2
            && version.starts_with("lg")
            && version[2..].bytes().all(|b| b.is_ascii_digit());
        if looks_versioned {
            return Err(LicenseError::new(
                ErrorCode::UnsupportedVersion,
                format!(
                    "license key format '{version}' is not supported by this version of licensewarden (it reads '{PREFIX}'); upgrade the product or ask the vendor for an '{PREFIX}' key"
                ),
            )
            .with("version", version));
        }
        return Err(malformed("it does not start with 'lg1.'"));
    }
    if fields.len() != 5 {
        return Err(malformed(format!(
            "it has {} dot-separated parts, expected 5",
            fields.len()
        )));
    }
    let alg = Algorithm::from_token_name(fields[1]).ok_or_else(|| {
        malformed(format!(
            "unknown algorithm name {}",
            crate::escape::quoted(fields[1])
        ))
    })?;
    let kid = fields[2];
    if !valid_kid(kid) {
        return Err(malformed(
            "the key id is not 1-64 characters of A-Z a-z 0-9 _ -",
        ));
    }
    if fields[3].is_empty() {
        return Err(malformed("the payload is empty"));
    }
    let payload = b64::decode(fields[3]).map_err(|e| malformed(format!("payload: {e}")))?;
    let sig = b64::decode(fields[4]).map_err(|e| malformed(format!("signature: {e}")))?;
    let signed = &token[..token.len() - fields[4].len() - 1];
    Ok(Parts {
        alg,
        kid,
        signed,
        payload,
        sig,
    })
}

/// Parse and check the signature against the trusted keys. Returns the
/// authenticated payload bytes; nothing inside them has been read yet.
pub fn authenticate<'a>(token: &'a str, keys: &KeySet) -> Result<(Parts<'a>, Algorithm)> {
    let parts = parse(token)?;
    let Some(key) = keys.get(parts.kid) else {
        let known = keys.kids().join(", ");
        let msg = if keys.is_empty() {
            format!(
                "license key was signed with key id '{}', but no trusted keys are configured; the product must be configured with the vendor's public key",
                parts.kid
            )
        } else {
            format!(
                "license key was signed with key id '{}', which is not trusted here (trusted: {known}); the key may be for another product or a newer key rotation: upgrade the product or ask the vendor for a key signed with a trusted key id",
                parts.kid
            )
        };
        return Err(LicenseError::new(ErrorCode::UnknownKeyId, msg).with("kid", parts.kid));
    };
    if key.alg != parts.alg {
        return Err(LicenseError::new(
            ErrorCode::WrongAlgorithm,
            format!(
                "license key claims algorithm '{}', but key id '{}' is trusted only for '{}'; the key was not issued by this vendor's signing key",
                parts.alg.token_name(),
                parts.kid,
                key.alg.config_name()
            ),
        )
        .with("kid", parts.kid));
    }
    let ok = parts.sig.len() == key.alg.signature_len()
        && crypto::verify(key.alg, &key.key, &signing_input(parts.signed), &parts.sig);
    if !ok {
        return Err(LicenseError::new(
            ErrorCode::BadSignature,
            format!(
                "license key signature does not verify with key id '{}'; the key was altered or is not genuine: copy it again exactly as issued",
                parts.kid
            ),
        )
        .with("kid", parts.kid));
    }
    let alg = key.alg;
    Ok((parts, alg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_structural_problems_with_specific_codes() {
        let code = |t: &str| parse(t).unwrap_err().code;
        assert_eq!(code(""), ErrorCode::Malformed);
        assert_eq!(code("lg2.ed25519.k.e30.AA"), ErrorCode::UnsupportedVersion);
        assert_eq!(code("xx1.ed25519.k.e30.AA"), ErrorCode::Malformed);
        assert_eq!(code("lg1.ed25519.k.e30"), ErrorCode::Malformed);
        assert_eq!(code("lg1.rs256.k.e30.AA"), ErrorCode::Malformed);
        assert_eq!(code("lg1.ed25519.k!.e30.AA"), ErrorCode::Malformed);
        assert_eq!(code("lg1.ed25519.k.e30=.AA"), ErrorCode::Malformed);
        assert_eq!(code(&"a".repeat(MAX_TOKEN_LEN + 1)), ErrorCode::TooLarge);
    }

    #[test]
    fn signed_part_covers_everything_but_the_signature() {
        let p = parse("lg1.hs256.k1.e30.AAAA").unwrap();
        assert_eq!(p.signed, "lg1.hs256.k1.e30");
        assert_eq!(p.payload, b"{}");
        assert_eq!(p.sig, vec![0, 0, 0]);
    }
}

//! Signature verification. Only public keys and verification secrets enter
//! the core; signing lives in hosts' tooling.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Algorithms a trusted key can be registered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// Ed25519 (RFC 8032).
    Ed25519,
    /// HMAC-SHA256 (RFC 2104 / RFC 4231).
    HmacSha256,
}

impl Algorithm {
    /// Name used inside tokens.
    pub fn token_name(self) -> &'static str {
        match self {
            Algorithm::Ed25519 => "ed25519",
            Algorithm::HmacSha256 => "hs256",
        }
    }

    /// Name used in configuration and key files.
    pub fn config_name(self) -> &'static str {
        match self {
            Algorithm::Ed25519 => "ed25519",
            Algorithm::HmacSha256 => "hmac-sha256",
        }
    }

    /// The algorithm a token names, if any.
    pub fn from_token_name(s: &str) -> Option<Self> {
        match s {
            "ed25519" => Some(Algorithm::Ed25519),
            "hs256" => Some(Algorithm::HmacSha256),
            _ => None,
        }
    }

    /// The algorithm a configuration names, if any.
    pub fn from_config_name(s: &str) -> Option<Self> {
        match s {
            "ed25519" => Some(Algorithm::Ed25519),
            "hmac-sha256" => Some(Algorithm::HmacSha256),
            _ => None,
        }
    }

    /// Exact signature length in bytes.
    pub fn signature_len(self) -> usize {
        match self {
            Algorithm::Ed25519 => 64,
            Algorithm::HmacSha256 => 32,
        }
    }
}

/// Ed25519 verification of `sig` over `msg` with the 32-byte public key `pk`,
/// by the rules in [`crate::ed25519`] (non-canonical signatures and
/// small-order points refused, the cofactored equation).
pub fn verify_ed25519(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    crate::ed25519::verify(pk, msg, sig)
}

/// HMAC-SHA256 verification in constant time; the tag must be exactly 32 bytes.
pub fn verify_hmac_sha256(key: &[u8], msg: &[u8], tag: &[u8]) -> bool {
    if tag.len() != 32 {
        return false;
    }
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return false;
    };
    mac.update(msg);
    mac.verify_slice(tag).is_ok()
}

/// Verify with either algorithm.
pub fn verify(alg: Algorithm, key: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    match alg {
        Algorithm::Ed25519 => verify_ed25519(key, msg, sig),
        Algorithm::HmacSha256 => verify_hmac_sha256(key, msg, sig),
    }
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[usize::from(b >> 4)] as char);
        s.push(HEX[usize::from(b & 15)] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn rfc8032_test_1_verifies_and_a_flipped_bit_does_not() {
        let pk = unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        let mut sig = unhex(concat!(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155",
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ));
        assert!(verify_ed25519(&pk, b"", &sig));
        sig[0] ^= 1;
        assert!(!verify_ed25519(&pk, b"", &sig));
    }

    #[test]
    fn rfc4231_test_2_verifies_and_truncated_tags_do_not() {
        let tag = unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assert!(verify_hmac_sha256(
            b"Jefe",
            b"what do ya want for nothing?",
            &tag
        ));
        assert!(!verify_hmac_sha256(
            b"Jefe",
            b"what do ya want for nothing?",
            &tag[..16]
        ));
        assert!(!verify_hmac_sha256(
            b"Jefe",
            b"what do ya want for nothing!",
            &tag
        ));
    }
}

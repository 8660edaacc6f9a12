//! Keys and signing shared by the native integration tests: the vendor's
//! license key (`k1`) and the license server's answer key (`s1`).
#![allow(dead_code)]

use licensewarden_guest::b64;
use licensewarden_guest::crypto::Algorithm;
use licensewarden_guest::keys::TrustedKey;
use licensewarden_guest::token;

/// The vendor's signing key pair.
pub fn vendor() -> ed25519_compact::KeyPair {
    ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([4; 32]))
}

/// The license server's answer-signing key pair.
pub fn server() -> ed25519_compact::KeyPair {
    ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([9; 32]))
}

/// The vendor's key as a product trusts it.
pub fn vendor_key() -> TrustedKey {
    TrustedKey {
        kid: "k1".into(),
        algorithm: Algorithm::Ed25519,
        key: b64::encode(vendor().pk.as_ref()),
    }
}

/// The server's key as a product trusts it.
pub fn server_key() -> TrustedKey {
    TrustedKey {
        kid: "s1".into(),
        algorithm: Algorithm::Ed25519,
        key: b64::encode(server().pk.as_ref()),
    }
}

/// A token for `payload`, signed by the vendor.
pub fn signed(payload: &str) -> String {
    let part = token::signed_part(Algorithm::Ed25519, "k1", payload.as_bytes());
    let sig = vendor().sk.sign(token::signing_input(&part), None);
    token::assemble(&part, sig.as_ref())
}

//! Sealed local state: XChaCha20-Poly1305 under a key derived with
//! HKDF-SHA256 from the license token and the device id, so a file that was
//! edited, truncated, or copied from another machine or license fails to
//! open. What this does and does not protect against is written down in
//! docs/online-protocol.md ("Sealed state").

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::Sha256;

use crate::b64;

/// Format tag of sealed records.
pub const PREFIX: &str = "lws1.";
/// Random bytes needed per seal (the XChaCha20 nonce).
pub const NONCE_LEN: usize = 24;
/// Largest sealed record accepted, bytes.
pub const MAX_SEALED_BYTES: usize = 64 * 1024;

/// The sealing key for one license on one device.
pub fn key(token: &str, device_id: &str) -> [u8; 32] {
    let hk = Hkdf::<Sha256>::new(Some(b"licensewarden/state/v1"), token.as_bytes());
    let mut k = [0u8; 32];
    hk.expand(device_id.as_bytes(), &mut k)
        .expect("32 bytes is a valid HKDF-SHA256 length");
    k
}

/// The key of the rollback witness for one license on one device: its own
/// HKDF label, so a witness never opens as a state (or the reverse) and
/// the two can share a nonce source.
pub fn witness_key(token: &str, device_id: &str) -> [u8; 32] {
    let hk = Hkdf::<Sha256>::new(Some(b"licensewarden/witness/v1"), token.as_bytes());
    let mut k = [0u8; 32];
    hk.expand(device_id.as_bytes(), &mut k)
        .expect("32 bytes is a valid HKDF-SHA256 length");
    k
}

fn aad(license_id: &str, device_id: &str) -> Vec<u8> {
    format!("licensewarden/state/v1\n{license_id}\n{device_id}").into_bytes()
}

/// Seal `plaintext` with a fresh random `nonce`.
pub fn seal(
    key: &[u8; 32],
    nonce: &[u8; NONCE_LEN],
    license_id: &str,
    device_id: &str,
    plaintext: &str,
) -> String {
    let cipher = XChaCha20Poly1305::new(key.into());
    let ct = cipher
        .encrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: plaintext.as_bytes(),
                aad: &aad(license_id, device_id),
            },
        )
        .expect("XChaCha20-Poly1305 encryption of a small record cannot fail");
    format!("{PREFIX}{}.{}", b64::encode(nonce), b64::encode(&ct))
}

/// Open a sealed record; `Err` says why it is not trusted.
pub fn open(
    key: &[u8; 32],
    license_id: &str,
    device_id: &str,
    sealed: &str,
) -> Result<String, &'static str> {
    if sealed.len() > MAX_SEALED_BYTES {
        return Err("it is larger than 64 KiB");
    }
    let rest = sealed
        .strip_prefix(PREFIX)
        .ok_or("it is not a licensewarden state record")?;
    let (n, ct) = rest.split_once('.').ok_or("it is truncated")?;
    let nonce = b64::decode(n).map_err(|_| "it is not canonical base64url")?;
    let ct = b64::decode(ct).map_err(|_| "it is not canonical base64url")?;
    if nonce.len() != NONCE_LEN {
        return Err("it is truncated");
    }
    let cipher = XChaCha20Poly1305::new(key.into());
    let pt = cipher
        .decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &ct,
                aad: &aad(license_id, device_id),
            },
        )
        .map_err(|_| {
            "it does not authenticate (edited, truncated, or written for another license or machine)"
        })?;
    String::from_utf8(pt).map_err(|_| "it is not UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_opens_only_for_its_license_and_device() {
        let k = key("lg1.token", "dev-a");
        let s = seal(&k, &[7; NONCE_LEN], "lic_1", "dev-a", "{\"x\":1}");
        assert_eq!(open(&k, "lic_1", "dev-a", &s).unwrap(), "{\"x\":1}");
        assert!(open(&k, "lic_2", "dev-a", &s).is_err());
        assert!(open(&key("lg1.token", "dev-b"), "lic_1", "dev-b", &s).is_err());
        let mut flipped = s.clone().into_bytes();
        let i = flipped.len() - 3;
        flipped[i] = if flipped[i] == b'A' { b'B' } else { b'A' };
        assert!(open(&k, "lic_1", "dev-a", &String::from_utf8(flipped).unwrap()).is_err());
        assert!(open(&k, "lic_1", "dev-a", &s[..s.len() - 4]).is_err());
    }
}

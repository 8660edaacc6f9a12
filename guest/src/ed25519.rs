//! Ed25519 verification: one set of acceptance rules, two curve backends.
//!
//! The rules (docs/ed25519.md) are those of ed25519-compact, written down
//! here so that a second backend can keep them exactly:
//! - `S` is canonical (`S < L`);
//! - `A` and `R` are canonical encodings (`y < p`, no "negative zero") of
//!   curve points that are not of small order (order 1, 2, 4 or 8);
//! - the cofactored equation holds: `[8]([S]B - [k]A - R)` is the identity,
//!   with `k = SHA-512(R || A || M) mod L`. Mixed-order `A` or `R` therefore
//!   verify, as they do for every cofactored verifier.
//!
//! The wide-arithmetic build (wasmtime hosts) verifies with ed25519-compact,
//! whose 64-bit limbs become single `i64.mul_wide` instructions there. The
//! baseline build (V8, wazero) has no 64x64->128 multiply, and
//! curve25519-dalek's 32-bit-limb backend (selected by the `verify-dalek`
//! feature, which scripts/build-component.sh turns on for that build only)
//! verifies about twice as fast on it. The vectors in
//! `tests/vectors/crypto.json` hold mixed-order and small-order cases that
//! any backend keeping different rules fails, and a native differential
//! test (`guest/tests/ed25519_backends.rs`) compares the two backends.

/// Why 32 bytes are not a usable Ed25519 public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFault {
    /// Not a canonical encoding of a curve point.
    NotAPoint,
    /// A point of small order: any signature could be made to verify.
    SmallOrder,
}

/// Whether `raw` is a public key that can verify signatures, by the rules
/// of the backend this build verifies with.
pub fn check_public_key(raw: &[u8; 32]) -> Result<(), KeyFault> {
    #[cfg(feature = "verify-dalek")]
    return dalek::decode(raw).map(|_| ());
    #[cfg(not(feature = "verify-dalek"))]
    return compact::check_public_key(raw);
}

/// Ed25519 verification of `sig` over `msg` with the public key `pk`, by
/// the backend this build verifies with.
pub fn verify(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    #[cfg(feature = "verify-dalek")]
    return dalek::verify(pk, msg, sig);
    #[cfg(not(feature = "verify-dalek"))]
    return compact::verify(pk, msg, sig);
}

/// The ed25519-compact backend.
pub mod compact {
    use super::KeyFault;

    /// See [`super::check_public_key`].
    pub fn check_public_key(raw: &[u8; 32]) -> Result<(), KeyFault> {
        match ed25519_compact::PublicKey::new(*raw).validate() {
            Ok(()) => Ok(()),
            Err(ed25519_compact::Error::WeakPublicKey) => Err(KeyFault::SmallOrder),
            Err(_) => Err(KeyFault::NotAPoint),
        }
    }

    /// See [`super::verify`].
    pub fn verify(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        let (Ok(pk), Ok(sig)) = (
            ed25519_compact::PublicKey::from_slice(pk),
            ed25519_compact::Signature::from_slice(sig),
        ) else {
            return false;
        };
        pk.verify(msg, &sig).is_ok()
    }
}

/// The curve25519-dalek backend, called at the curve level so that the
/// rules above are this module's, not a signature crate's (ed25519-dalek's
/// `verify` and `verify_strict` each differ from them on mixed-order input).
#[cfg(feature = "verify-dalek")]
pub mod dalek {
    use super::KeyFault;
    use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
    use curve25519_dalek::scalar::Scalar;
    use curve25519_dalek::traits::IsIdentity;
    use sha2::{Digest, Sha512};

    /// Decodes a point by the rules above. curve25519-dalek itself accepts
    /// `y >= p` (it reduces) and a set sign bit on `x = 0`, so both are
    /// refused here first.
    pub fn decode(raw: &[u8; 32]) -> Result<EdwardsPoint, KeyFault> {
        if !y_is_canonical(raw) || negative_zero(raw) {
            return Err(KeyFault::NotAPoint);
        }
        let point = CompressedEdwardsY(*raw)
            .decompress()
            .ok_or(KeyFault::NotAPoint)?;
        if point.is_small_order() {
            return Err(KeyFault::SmallOrder);
        }
        Ok(point)
    }

    /// See [`super::verify`].
    pub fn verify(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        let (Ok(pk), Ok(sig)) = (<&[u8; 32]>::try_from(pk), <&[u8; 64]>::try_from(sig)) else {
            return false;
        };
        let mut r = [0u8; 32];
        let mut s = [0u8; 32];
        r.copy_from_slice(&sig[..32]);
        s.copy_from_slice(&sig[32..]);
        let Some(s) = Option::<Scalar>::from(Scalar::from_canonical_bytes(s)) else {
            return false;
        };
        let (Ok(a), Ok(r_point)) = (decode(pk), decode(&r)) else {
            return false;
        };
        let mut h = Sha512::new();
        h.update(r);
        h.update(pk);
        h.update(msg);
        let k = Scalar::from_bytes_mod_order_wide(&h.finalize().into());
        // [k](-A) + [S]B - R, then the cofactor.
        let check = EdwardsPoint::vartime_double_scalar_mul_basepoint(&k, &-a, &s) - r_point;
        check.mul_by_cofactor().is_identity()
    }

    /// `y < p = 2^255 - 19`, the sign bit aside.
    fn y_is_canonical(raw: &[u8; 32]) -> bool {
        !(raw[31] & 0x7f == 0x7f && raw[1..31].iter().all(|&b| b == 0xff) && raw[0] >= 0xed)
    }

    /// `x = 0` happens only for `y = 1` and `y = p - 1`; its encoding with
    /// the sign bit set is not canonical.
    fn negative_zero(raw: &[u8; 32]) -> bool {
        if raw[31] & 0x80 == 0 {
            return false;
        }
        let one = raw[0] == 1 && raw[1..31].iter().all(|&b| b == 0) && raw[31] == 0x80;
        let minus_one = raw[0] == 0xec && raw[1..31].iter().all(|&b| b == 0xff) && raw[31] == 0xff;
        one || minus_one
    }
}

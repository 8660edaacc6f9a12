//! The two Ed25519 backends (ed25519-compact for the wide-arithmetic build,
//! curve25519-dalek for the baseline build) give the same verdict on every
//! edge case the acceptance rules name, and on random input.
#![cfg(feature = "verify-dalek")]

use curve25519_dalek::constants::EIGHT_TORSION;
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use licensewarden_guest::ed25519::{compact, dalek};
use proptest::prelude::*;
use sha2::{Digest, Sha512};

/// Both backends on one input; returns the common verdict.
fn agree(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    let c = compact::verify(pk, msg, sig);
    let d = dalek::verify(pk, msg, sig);
    assert_eq!(
        c, d,
        "backends disagree: pk {pk:02x?} sig {sig:02x?} msg {msg:02x?}"
    );
    if let Ok(raw) = <[u8; 32]>::try_from(pk) {
        assert_eq!(
            compact::check_public_key(&raw),
            dalek::decode(&raw).map(|_| ()),
            "key checks disagree on {raw:02x?}"
        );
    }
    c
}

fn scalar(seed: u64) -> Scalar {
    let mut wide = [0u8; 64];
    wide[..8].copy_from_slice(&seed.to_le_bytes());
    wide[8] = 0x5a;
    Scalar::from_bytes_mod_order_wide(&Sha512::digest(wide).into())
}

fn hram(r: &[u8; 32], a: &[u8; 32], msg: &[u8]) -> Scalar {
    let mut h = Sha512::new();
    h.update(r);
    h.update(a);
    h.update(msg);
    Scalar::from_bytes_mod_order_wide(&h.finalize().into())
}

/// A signature by the secret scalar `a` whose public key is published as
/// `a_pub` and whose nonce point is published as `r_pub`: valid under the
/// cofactored equation whenever the published points differ from `[a]B`
/// and `[r]B` by torsion only.
fn sign_as(
    a: Scalar,
    a_pub: EdwardsPoint,
    r: Scalar,
    r_pub: EdwardsPoint,
    msg: &[u8],
) -> ([u8; 32], [u8; 64]) {
    let (a_enc, r_enc) = (a_pub.compress().to_bytes(), r_pub.compress().to_bytes());
    let s = r + hram(&r_enc, &a_enc, msg) * a;
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(&r_enc);
    sig[32..].copy_from_slice(s.as_bytes());
    (a_enc, sig)
}

#[test]
fn mixed_order_keys_and_nonces_verify_in_both() {
    let mut accepted = 0;
    for i in 0..8 {
        for j in 0..8 {
            for m in 0..4u8 {
                let (a, r) = (
                    scalar(u64::from(m) * 64 + i * 8 + j),
                    scalar(1000 + u64::from(m)),
                );
                let msg = [m; 3];
                let a_pub = EdwardsPoint::mul_base(&a) + EIGHT_TORSION[i as usize];
                let r_pub = EdwardsPoint::mul_base(&r) + EIGHT_TORSION[j as usize];
                let (pk, sig) = sign_as(a, a_pub, r, r_pub, &msg);
                assert!(agree(&pk, &msg, &sig), "mixed order {i},{j} refused");
                accepted += 1;
            }
        }
    }
    assert_eq!(accepted, 256);
}

#[test]
fn small_order_keys_and_nonces_are_refused_by_both_even_when_the_equation_holds() {
    for (i, t) in EIGHT_TORSION.iter().enumerate() {
        let (a, r) = (scalar(i as u64), scalar(100 + i as u64));
        // Small-order A with S = r: [S]B - [k]A - R = -[k]T, small order.
        let a_enc = t.compress().to_bytes();
        let r_enc = EdwardsPoint::mul_base(&r).compress().to_bytes();
        let mut sig = [0u8; 64];
        sig[..32].copy_from_slice(&r_enc);
        sig[32..].copy_from_slice(r.as_bytes());
        assert!(!agree(&a_enc, b"m", &sig), "small-order A #{i} accepted");
        // Small-order R with S = [k]a: the remainder is -R, small order.
        let a_pub = EdwardsPoint::mul_base(&a);
        let (pk, r_enc) = (a_pub.compress().to_bytes(), t.compress().to_bytes());
        let s = hram(&r_enc, &pk, b"m") * a;
        sig[..32].copy_from_slice(&r_enc);
        sig[32..].copy_from_slice(s.as_bytes());
        assert!(!agree(&pk, b"m", &sig), "small-order R #{i} accepted");
    }
}

/// `p + y` for the 19 values of `y` that have a second, non-canonical
/// encoding, with and without the sign bit, as A and as R; and the
/// "negative zero" encodings of the two points with `x = 0`.
#[test]
fn non_canonical_encodings_are_refused_by_both() {
    let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([7; 32]));
    let good = kp.sk.sign(b"m", None);
    let mut encodings = Vec::new();
    for y in 0u8..19 {
        for sign in [0u8, 0x80] {
            let mut e = [0xffu8; 32];
            e[0] = 0xed + y;
            e[31] = 0x7f | sign;
            encodings.push(e);
        }
    }
    let mut one = [0u8; 32];
    one[0] = 1;
    one[31] = 0x80;
    let mut minus_one = [0xffu8; 32];
    minus_one[0] = 0xec;
    encodings.extend([one, minus_one]);
    for e in encodings {
        assert!(
            !agree(&e, b"m", good.as_ref()),
            "non-canonical A {e:02x?} accepted"
        );
        let mut sig = *good;
        sig[..32].copy_from_slice(&e);
        assert!(
            !agree(kp.pk.as_ref(), b"m", &sig),
            "non-canonical R {e:02x?} accepted"
        );
    }
}

#[test]
fn non_canonical_s_is_refused_by_both() {
    let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([8; 32]));
    let sig = kp.sk.sign(b"m", None);
    assert!(agree(kp.pk.as_ref(), b"m", sig.as_ref()));
    let s = Scalar::from_canonical_bytes(sig[32..].try_into().unwrap()).unwrap();
    let order: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut s_plus_l = *sig;
    let mut carry = 0u16;
    for i in 0..32 {
        let v = u16::from(s.as_bytes()[i]) + u16::from(order[i]) + carry;
        s_plus_l[32 + i] = v as u8;
        carry = v >> 8;
    }
    let mut s_is_l = *sig;
    s_is_l[32..].copy_from_slice(&order);
    let mut high = *sig;
    high[63] |= 0x80;
    for bad in [s_plus_l, s_is_l, high, [0u8; 64]] {
        assert!(!agree(kp.pk.as_ref(), b"m", &bad));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn bit_flips_get_one_verdict(seed in any::<[u8; 32]>(), msg in proptest::collection::vec(any::<u8>(), 0..64), flip in 0usize..(96 * 8 + 64 * 8)) {
        let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new(seed));
        let sig = kp.sk.sign(&msg, None);
        let (mut pk, mut sig, mut msg) = (kp.pk.to_vec(), sig.to_vec(), msg);
        prop_assert!(agree(&pk, &msg, &sig));
        let (byte, bit) = (flip / 8, flip % 8);
        if byte < 32 {
            pk[byte] ^= 1 << bit;
        } else if byte < 96 {
            sig[byte - 32] ^= 1 << bit;
        } else if !msg.is_empty() {
            let n = msg.len();
            msg[(byte - 96) % n] ^= 1 << bit;
        }
        agree(&pk, &msg, &sig);
    }

    #[test]
    fn random_bytes_get_one_verdict(pk in any::<[u8; 32]>(), r in any::<[u8; 32]>(), s in any::<[u8; 32]>()) {
        let mut sig = [0u8; 64];
        sig[..32].copy_from_slice(&r);
        sig[32..].copy_from_slice(&s);
        prop_assert!(!agree(&pk, b"", &sig));
    }
}

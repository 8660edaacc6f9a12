//! `tests/vectors/crypto.json`: The signature layer against RFC 8032 and RFC 4231 vectors.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "The signature layer against RFC 8032 and RFC 4231 vectors";

pub fn cases(g: &mut Gen) -> Vec<Value> {
    // RFC 8032 section 7.1, tests 1-3 (secret key, public key, message, signature).
    let ed = [
        ("rfc8032-test-1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("rfc8032-test-2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("rfc8032-test-3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ];
    for (id, sk, pk, msg, sig) in ed {
        // Cross-check the transcription against an independent signer.
        let seed: [u8; 32] = unhex(sk).try_into().unwrap();
        let k = SigningKey::ed25519_from_seed(Some("rfc"), seed);
        assert_eq!(
            b64::decode(&k.trusted_key().key).unwrap(),
            unhex(pk),
            "{id} public key"
        );
        assert_eq!(k.sign(&unhex(msg)), unhex(sig), "{id} signature");
        let key = json!({"kid": "rfc8032", "algorithm": "ed25519", "key": b64::encode(&unhex(pk))});
        g.case(&format!("crypto/{id}"), "RFC 8032 Ed25519 test vector", json!({"op": "signature", "signing_key": key, "message": b64::encode(&unhex(msg)), "signature": b64::encode(&unhex(sig))}), json!({"ok": true}));
        let mut bad_msg = unhex(msg);
        bad_msg.push(0);
        g.case(&format!("crypto/{id}-altered-message"), "RFC 8032 signature over a different message", json!({"op": "signature", "signing_key": key, "message": b64::encode(&bad_msg), "signature": b64::encode(&unhex(sig))}), bad("bad-signature"));
    }
    ed25519_edge_cases(g);
    ed25519_torsion_cases(g);
    let aa131 = [0xaa; 131];
    let key25: Vec<u8> = (1..=25).collect();
    let hm: [(&str, Vec<u8>, Vec<u8>, &str); 7] = [
        ("rfc4231-test-1", vec![0x0b; 20], b"Hi There".to_vec(), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("rfc4231-test-2", b"Jefe".to_vec(), b"what do ya want for nothing?".to_vec(), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ("rfc4231-test-3", vec![0xaa; 20], vec![0xdd; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ("rfc4231-test-4", key25, vec![0xcd; 50], "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ("rfc4231-test-5-truncated", vec![0x0c; 20], b"Test With Truncation".to_vec(), "a3b6167473100ee06e0c796c2955552b"),
        ("rfc4231-test-6", aa131.to_vec(), b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ("rfc4231-test-7", aa131.to_vec(), b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ];
    for (id, key, data, mac) in hm {
        let full = SigningKey::hmac_sha256("rfc", &key).sign(&data);
        assert_eq!(
            &full[..unhex(mac).len()],
            unhex(mac).as_slice(),
            "{id} transcription"
        );
        let k = json!({"kid": "rfc4231", "algorithm": "hmac-sha256", "key": b64::encode(&key)});
        let expect = if id.ends_with("truncated") {
            bad("bad-signature")
        } else {
            json!({"ok": true})
        };
        let d = if id.ends_with("truncated") {
            "RFC 4231 truncated (128-bit) tag: licensewarden accepts only full 256-bit tags"
        } else {
            "RFC 4231 HMAC-SHA256 test vector"
        };
        g.case(&format!("crypto/{id}"), d, json!({"op": "signature", "signing_key": k, "message": b64::encode(&data), "signature": b64::encode(&unhex(mac))}), expect);
    }
    g.take()
}

/// Wycheproof-style Ed25519 edge cases built from RFC 8032 test 1: each
/// must be refused by every build of the component (baseline and
/// wide-arithmetic), as strict RFC 8032 verification requires.
fn ed25519_edge_cases(g: &mut Gen) {
    let pk = unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    let sig = unhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    // The group order L, little-endian.
    let order = unhex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    let mut s_plus_l = sig.clone();
    let mut carry = 0u16;
    for i in 0..32 {
        let v = u16::from(s_plus_l[32 + i]) + u16::from(order[i]) + carry;
        s_plus_l[32 + i] = v as u8;
        carry = v >> 8;
    }
    let mut s_high_bit = sig.clone();
    s_high_bit[63] |= 0x80;
    let mut identity = vec![0u8; 32];
    identity[0] = 1;
    let mut identity_sig = identity.clone();
    identity_sig.extend([0u8; 32]);
    // y = p (2^255 - 19): a non-canonical encoding of y = 0.
    let mut non_canonical_key = vec![0xffu8; 32];
    non_canonical_key[0] = 0xed;
    non_canonical_key[31] = 0x7f;
    let key = |k: &[u8]| json!({"kid": "edge", "algorithm": "ed25519", "key": b64::encode(k)});
    let cases: [(&str, &str, &[u8], &[u8]); 5] = [
        ("ed25519-s-plus-order", "S + L: the same signature with a non-canonical (malleated) S is refused", &pk, &s_plus_l),
        ("ed25519-s-high-bit", "S with its top bit set (S >= 2^255) is refused", &pk, &s_high_bit),
        ("ed25519-zero-signature", "an all-zero signature is refused", &pk, &[0u8; 64]),
        ("ed25519-small-order-key", "the identity point as public key with R = identity, S = 0 (verifies under a naive equation for any message) is refused", &identity, &identity_sig),
        ("ed25519-non-canonical-key", "a public key encoding y = p (non-canonical) is refused", &non_canonical_key, &sig),
    ];
    for (id, description, k, s) in cases {
        g.case(&format!("crypto/{id}"), description, json!({"op": "signature", "signing_key": key(k), "message": "", "signature": b64::encode(s)}), bad("bad-signature"));
    }
}

/// Mixed-order and small-order points, signed so that the cofactored
/// equation holds: the acceptance rules of guest/src/ed25519.rs, which
/// every backend of every build must keep. A cofactorless verifier
/// (ed25519-dalek's `verify_strict`, say) refuses the mixed-order ones; one
/// that skips the small-order checks accepts the others.
fn ed25519_torsion_cases(g: &mut Gen) {
    use curve25519_dalek::constants::EIGHT_TORSION;
    use curve25519_dalek::edwards::EdwardsPoint;
    use curve25519_dalek::scalar::Scalar;
    use curve25519_dalek::traits::IsIdentity;
    use sha2::{Digest, Sha512};

    let scalar =
        |label: &str| Scalar::from_bytes_mod_order_wide(&Sha512::digest(label.as_bytes()).into());
    let hram = |r: &[u8; 32], a: &[u8; 32], m: &[u8]| {
        let mut h = Sha512::new();
        h.update(r);
        h.update(a);
        h.update(m);
        Scalar::from_bytes_mod_order_wide(&h.finalize().into())
    };
    let msg = b"licensewarden torsion vector";
    let a = scalar("vector secret a");
    let ab = EdwardsPoint::mul_base(&a);
    // Signs with the nonce `r`, publishing `a_pub` and `r_pub` (which may
    // differ from [a]B and [r]B by torsion); `s_of(k, r)` gives S. Returns
    // the key bytes, the signature, and whether a cofactorless verifier
    // would accept it too.
    let sign = |a_pub: EdwardsPoint,
                r: Scalar,
                r_torsion: EdwardsPoint,
                s_of: &dyn Fn(Scalar, Scalar) -> Scalar| {
        let r_pub = EdwardsPoint::mul_base(&r) + r_torsion;
        let (a_enc, r_enc) = (a_pub.compress().to_bytes(), r_pub.compress().to_bytes());
        let k = hram(&r_enc, &a_enc, msg);
        let s = s_of(k, r);
        let mut sig = r_enc.to_vec();
        sig.extend_from_slice(s.as_bytes());
        let remainder = EdwardsPoint::mul_base(&s) - k * a_pub - r_pub;
        assert!(
            remainder.mul_by_cofactor().is_identity(),
            "the cofactored equation must hold"
        );
        (a_enc, sig, remainder.is_identity())
    };
    // The first nonce for which a cofactorless verifier refuses the
    // signature ([k]T is not the identity), so the vector tells the two apart.
    let mixed = |a_pub: EdwardsPoint, r_torsion: EdwardsPoint| {
        (0..64)
            .map(|n| {
                sign(
                    a_pub,
                    scalar(&format!("vector nonce {n}")),
                    r_torsion,
                    &|k, r| r + k * a,
                )
            })
            .find(|(_, _, cofactorless)| !cofactorless)
            .expect("one of 64 nonces gives [k]T != 0")
    };
    let key = |k: &[u8]| json!({"kid": "torsion", "algorithm": "ed25519", "key": b64::encode(k)});
    let mut case = |id: &str,
                    description: &str,
                    (k, sig, _): ([u8; 32], Vec<u8>, bool),
                    expect: Value| {
        g.case(&format!("crypto/{id}"), description, json!({"op": "signature", "signing_key": key(&k), "message": b64::encode(msg), "signature": b64::encode(&sig)}), expect);
    };
    let identity = EIGHT_TORSION[0];
    case("ed25519-mixed-order-key", "A = [a]B + T (T of order 8), R = [r]B: verifies under the cofactored equation (a cofactorless verifier refuses it)", mixed(ab + EIGHT_TORSION[1], identity), json!({"ok": true}));
    case("ed25519-mixed-order-r", "R = [r]B + T (T of order 4): verifies under the cofactored equation (a cofactorless verifier refuses it)", mixed(ab, EIGHT_TORSION[2]), json!({"ok": true}));
    case(
        "ed25519-mixed-order-key-and-r",
        "A and R both offset by points of order 8: verifies under the cofactored equation",
        mixed(ab + EIGHT_TORSION[3], EIGHT_TORSION[5]),
        json!({"ok": true}),
    );
    let r = scalar("vector nonce r");
    for (i, t) in EIGHT_TORSION.iter().enumerate() {
        let order = [1, 8, 4, 8, 2, 8, 4, 8][i];
        case(&format!("ed25519-small-order-key-t{i}"), &format!("A = the {i}th point of the 8-torsion subgroup (order {order}), S = r: the cofactored equation holds, and the key is refused for its small order"), sign(*t, r, identity, &|_, r| r), bad("bad-signature"));
        case(&format!("ed25519-small-order-r-t{i}"), &format!("R = the {i}th point of the 8-torsion subgroup (order {order}), S = [k]a: the cofactored equation holds, and R is refused for its small order"), sign(ab, Scalar::ZERO, *t, &|k, _| k * a), bad("bad-signature"));
    }
}

//! Property tests (bounded, run in CI): no mutation of a valid token
//! verifies; arbitrary input never verifies, and what the parsers accept
//! keeps their invariants (canonical JSON and base64url round-trip, a
//! validly signed payload is refused only for what it says, never as a bad
//! signature).

use licensewarden_guest::crypto::Algorithm;
use licensewarden_guest::instance::{Config, Instance};
use licensewarden_guest::keys::TrustedKey;
use licensewarden_guest::{b64, json, names, token, ErrorCode};
use proptest::prelude::*;

const NOW: u64 = 1_780_000_000_000;

fn signer() -> ed25519_compact::KeyPair {
    ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([4; 32]))
}

fn sign(payload: &str) -> String {
    let signed = token::signed_part(Algorithm::Ed25519, "k1", payload.as_bytes());
    let sig = signer().sk.sign(token::signing_input(&signed), None);
    token::assemble(&signed, sig.as_ref())
}

fn instance() -> Instance {
    let mut i = Instance::default();
    i.configure(&Config {
        trusted_keys: vec![TrustedKey {
            kid: "k1".into(),
            algorithm: Algorithm::Ed25519,
            key: b64::encode(signer().pk.as_ref()),
        }],
        policy_json: String::new(),
        demo_mode: false,
        online: None,
        gateway_cache_bytes: 0,
    })
    .unwrap();
    i
}

fn valid_token() -> String {
    sign(r#"{"expires_at":"2099-01-01","id":"L1","issued_at":"2026-01-01","plan":"pro"}"#)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn no_single_character_change_of_a_valid_token_verifies(pos in 0usize..200, c in any::<char>()) {
        let t = valid_token();
        let pos = pos % t.len();
        let mut chars: Vec<char> = t.chars().collect();
        prop_assume!(chars[pos] != c);
        chars[pos] = c;
        let mutated: String = chars.into_iter().collect();
        prop_assert!(instance().verify(&mutated, NOW).is_err(), "mutated token verified: {mutated}");
    }

    #[test]
    fn no_insertion_or_deletion_verifies(pos in 0usize..200, insert in proptest::option::of("[A-Za-z0-9_.=-]{1,3}")) {
        let t = valid_token();
        let pos = pos % t.len();
        let mutated = match insert {
            Some(s) => format!("{}{s}{}", &t[..pos], &t[pos..]),
            None => format!("{}{}", &t[..pos], &t[pos + 1..]),
        };
        prop_assert!(instance().verify(&mutated, NOW).is_err(), "mutated token verified: {mutated}");
    }

    #[test]
    fn arbitrary_strings_never_verify_and_parse_only_canonically(s in ".{0,300}") {
        let i = instance();
        prop_assert!(i.verify(&s, NOW).is_err());
        if let Ok(v) = json::parse(&s) {
            let c = v.to_canonical();
            prop_assert_eq!(json::parse(&c).unwrap().to_canonical(), c);
        }
        // The decoder is strict: it accepts only the one canonical encoding.
        if let Ok(bytes) = b64::decode(&s) {
            prop_assert_eq!(b64::encode(&bytes), s);
        }
    }

    #[test]
    fn a_validly_signed_payload_is_refused_only_for_its_content(payload in ".{0,200}") {
        match instance().verify(&sign(&payload), NOW) {
            Ok(l) => {
                prop_assert!(json::parse(&payload).is_ok(), "non-JSON payload verified: {payload:?}");
                prop_assert!(!l.id.is_empty() && names::valid_name(&l.plan));
            }
            Err(e) => prop_assert!(
                matches!(e.code, ErrorCode::InvalidPayload | ErrorCode::Malformed | ErrorCode::Expired | ErrorCode::NotYetValid),
                "signed payload {payload:?} refused as {:?}", e.code
            ),
        }
    }

    #[test]
    fn canonical_json_round_trips(s in r#"\{("[a-z]{1,4}":(true|null|[0-9]{1,5}|"[a-z\\n]{0,5}"),){0,4}"z":\[1,2\]\}"#) {
        if let Ok(v) = json::parse(&s) {
            prop_assert_eq!(json::parse(&v.to_canonical()).unwrap().to_canonical(), v.to_canonical());
        }
    }

    #[test]
    fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        prop_assert_eq!(b64::decode(&b64::encode(&bytes)).unwrap(), bytes);
    }
}

#[test]
fn the_unmutated_token_does_verify() {
    // Guards the properties above against passing vacuously.
    assert!(instance().verify(&valid_token(), NOW).is_ok());
    assert_eq!(
        instance()
            .verify(&valid_token(), 4_102_444_800_001)
            .unwrap_err()
            .code,
        ErrorCode::Expired
    );
}

//! Server answers: arbitrary bodies, signed with the server key the client
//! trusts (so the fuzzer reaches everything after the signature: strict
//! JSON, fields, `terms`), through `protocol::verify_answer` and, when it
//! accepts, through an online session at the answer's own time. The
//! invariants: nothing panics; accepted terms always name the answer's
//! license and read as a license by the token's rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use licensewarden_guest::b64;
use licensewarden_guest::crypto::Algorithm;
use licensewarden_guest::keys::{DecodedKey, KeySet};
use licensewarden_guest::payload::License;
use licensewarden_guest::protocol::{self, Response, SIGNATURE_HEADER};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([9; 32]));
    let key = DecodedKey::decode(
        "srv",
        Algorithm::Ed25519,
        &b64::encode(kp.pk.as_ref()),
        true,
    )
    .unwrap();
    let keys = KeySet::new(vec![key]).unwrap();
    for status in [200u16, 201, 403, 404, 409] {
        let msg = protocol::signing_input(status, body);
        let sig = kp.sk.sign(msg.as_bytes(), None);
        let r = Response {
            status,
            headers: vec![(
                SIGNATURE_HEADER.into(),
                protocol::signature_header("srv", sig.as_ref()),
            )],
            body: body.into(),
        };
        if let Ok(a) = protocol::verify_answer(&r, &keys) {
            if let Some(t) = &a.terms {
                let l = License::from_payload(t.as_bytes(), "k")
                    .expect("accepted terms read as a license");
                assert_eq!(
                    l.id, a.license_id,
                    "accepted terms name the answer's license"
                );
            }
            let again = protocol::answer_body(&a);
            assert!(
                licensewarden_guest::json::parse(&again).is_ok(),
                "a re-serialised answer is strict JSON"
            );
        }
    }
});

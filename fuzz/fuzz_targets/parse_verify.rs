//! Parse + verify arbitrary input. Invariants: nothing the fuzzer produces
//! verifies or becomes active, because it never holds the signing key;
//! whatever the JSON reader accepts round-trips through its canonical form;
//! a policy means the same in any key order and spacing; an accepted
//! payload names a license id, a valid plan and the key id it came with;
//! and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use licensewarden_guest::crypto::Algorithm;
use licensewarden_guest::instance::{Config, Instance};
use licensewarden_guest::keys::TrustedKey;
use licensewarden_guest::{b64, json, names, payload, policy};

fn instance() -> Instance {
    let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([4; 32]));
    let mut i = Instance::default();
    i.configure(&Config {
        trusted_keys: vec![
            TrustedKey { kid: "k1".into(), algorithm: Algorithm::Ed25519, key: b64::encode(kp.pk.as_ref()) },
            TrustedKey { kid: "h1".into(), algorithm: Algorithm::HmacSha256, key: b64::encode(&[7u8; 32]) },
        ],
        policy_json: String::new(),
        demo_mode: false,
        online: None,
        gateway_cache_bytes: 0,
    })
    .expect("fuzz config");
    i
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let mut i = instance();
        if i.verify(s, 1_780_000_000_000).is_ok() {
            panic!("invalid token was verified: {s:?}");
        }
        let snap = i.load(Some(s), "fuzz", 1_780_000_000_000);
        assert_ne!(snap.status, licensewarden_guest::decision::Status::Active, "fuzzed key became active");
        if let Ok(v) = json::parse(s) {
            let canonical = v.to_canonical();
            let again = json::parse(&canonical).expect("the canonical form parses");
            assert_eq!(again.to_canonical(), canonical, "canonical JSON is not a fixed point");
            if let Ok(p) = policy::Policy::from_json(s) {
                assert_eq!(policy::Policy::from_json(&canonical).ok(), Some(p), "policy depends on layout");
            }
        }
    }
    if let Ok(l) = payload::License::from_payload(data, "k1") {
        assert!(json::parse(std::str::from_utf8(data).expect("payload is UTF-8")).is_ok());
        assert!(!l.id.is_empty() && names::valid_name(&l.plan) && l.kid == "k1", "accepted payload {l:?}");
    }
});

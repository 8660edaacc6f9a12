//! Parse + verify arbitrary input. Invariant: nothing the fuzzer produces
//! verifies, because it never holds the signing key; and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use licensewarden_guest::crypto::Algorithm;
use licensewarden_guest::instance::{Config, Instance};
use licensewarden_guest::keys::TrustedKey;
use licensewarden_guest::{b64, json, payload, policy};

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
        let _ = json::parse(s);
        let _ = policy::Policy::from_json(s);
    }
    let _ = payload::License::from_payload(data, "k1");
});

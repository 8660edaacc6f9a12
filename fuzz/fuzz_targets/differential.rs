//! Differential: the component through wasmtime (the Rust host) and the
//! native core must agree on every input: the same verdict and code for a
//! token, the same snapshot for a loaded key, the same code for a policy.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use licensewarden::{Clock, Licensing};
use licensewarden_guest::b64;
use licensewarden_guest::crypto::Algorithm;
use licensewarden_guest::instance::{Config, Instance};
use licensewarden_guest::keys::TrustedKey as CoreKey;

const NOW: u64 = 1_780_000_000_000;

fn keys() -> (String, String) {
    let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([4; 32]));
    (b64::encode(kp.pk.as_ref()), b64::encode(&[7u8; 32]))
}

fn native(policy: &str) -> Result<Instance, &'static str> {
    let (ed, h) = keys();
    let mut i = Instance::default();
    i.configure(&Config {
        trusted_keys: vec![
            CoreKey {
                kid: "k1".into(),
                algorithm: Algorithm::Ed25519,
                key: ed,
            },
            CoreKey {
                kid: "h1".into(),
                algorithm: Algorithm::HmacSha256,
                key: h,
            },
        ],
        policy_json: policy.into(),
        demo_mode: false,
        online: None,
        gateway_cache_bytes: 0,
    })
    .map(|()| i)
    .map_err(|e| e.code.as_str())
}

fn component(policy: &str) -> Result<Licensing, &'static str> {
    let (ed, h) = keys();
    Licensing::builder("fuzz")
        .trusted_key(licensewarden::TrustedKey {
            kid: "k1".into(),
            algorithm: Algorithm::Ed25519,
            key: ed,
        })
        .trusted_key(licensewarden::TrustedKey {
            kid: "h1".into(),
            algorithm: Algorithm::HmacSha256,
            key: h,
        })
        .policy_json(policy)
        .clock(Clock::fixed(NOW))
        .env(|_| None)
        .home_dir("/nonexistent")
        .reload_interval_ms(0)
        .build()
        .map_err(|e| e.code.as_str())
}

static DEFAULT: OnceLock<Licensing> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let lic = DEFAULT.get_or_init(|| component("").expect("default config"));
    let mut nat = native("").expect("default config");
    let n = nat
        .verify(s, NOW)
        .map(|l| l.id)
        .map_err(|e| e.code.as_str());
    let c = lic.verify(s).map(|l| l.id).map_err(|e| e.code.as_str());
    assert_eq!(n, c, "verify disagrees on {s:?}");
    // A key loaded into a fresh component instance: same status and plan.
    let ns = nat.load(Some(s), "fuzz", NOW);
    let nf = (
        ns.status.as_str(),
        ns.plan.clone(),
        ns.error.map(|e| e.code.as_str()),
    );
    let (ed, h) = keys();
    let loaded = Licensing::builder("fuzz")
        .trusted_key(licensewarden::TrustedKey {
            kid: "k1".into(),
            algorithm: Algorithm::Ed25519,
            key: ed,
        })
        .trusted_key(licensewarden::TrustedKey {
            kid: "h1".into(),
            algorithm: Algorithm::HmacSha256,
            key: h,
        })
        .clock(Clock::fixed(NOW))
        .key(s)
        .env(|_| None)
        .reload_interval_ms(0)
        .build();
    if let Ok(l) = loaded {
        let snap = l.snapshot();
        let cf = (
            snap.status.as_str(),
            snap.plan.clone(),
            snap.error.map(|e| e.code.as_str()),
        );
        // Hosts trim the keys they are given; the native core is handed the raw text.
        if s.trim() == s {
            assert_eq!(nf, cf, "load disagrees on {s:?}");
        }
    }
    if s.len() <= 4096 {
        let np = native(s).map(|_| ());
        let cp = component(s).map(|_| ());
        assert_eq!(np, cp, "configure disagrees on policy {s:?}");
    }
});

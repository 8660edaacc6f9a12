//! The conformance vectors, one module per file of `tests/vectors/`,
//! built deterministically from fixed seeds. Expectations are written in
//! these modules by hand (they are the spec); the signed tokens come from
//! the fixed test keys below, never from a production key.

mod caps;
mod config;
mod crypto;
mod failure;
mod features;
mod gate;
mod gateway;
mod info;
mod key_file;
mod metrics;
mod online;
mod proxy;
mod rbac;
mod resolve;
mod time;
mod token;

use licensewarden_guest::b64;
use licensewarden_guest::time as core_time;
use licensewarden_issue::{LicenseSpec, SigningKey};
use serde_json::{json, Value};

const NOW: &str = "2026-06-01T00:00:00Z";

fn ms(s: &str) -> u64 {
    core_time::parse(s).expect("fixed date").ms
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

struct Keys {
    a: SigningKey,
    b: SigningKey,
    forged_a: SigningKey,
    h: SigningKey,
}

fn keys() -> Keys {
    Keys {
        a: SigningKey::ed25519_from_seed(Some("k-2026a"), [1; 32]),
        b: SigningKey::ed25519_from_seed(Some("k-2026b"), [2; 32]),
        // Same key id as `a`, different key: what a forger would try.
        forged_a: SigningKey::ed25519_from_seed(Some("k-2026a"), [9; 32]),
        h: SigningKey::hmac_sha256("h-1", &[0x11; 32]),
    }
}

fn policy() -> Value {
    json!({
        "plans": {
            "community": {"features": ["basic_discovery"], "limits": {"max_devices": 1}},
            "pro": {"features": ["api_access", "basic_discovery", "rbac"], "limits": {"max_devices": 5, "max_identities": 1000}},
            "enterprise": {"all_features": true, "limits": {"max_devices": 0, "max_identities": 0}}
        },
        "features": ["audit_logging", "sso"],
        "soft_caps": ["max_identities"],
        "exempt_paths": ["/health", "/ready", "/metrics", "/license", "/login"],
        "metrics_prefix": "acme"
    })
}

fn tk(k: &SigningKey) -> Value {
    let t = k.trusted_key();
    json!({"kid": t.kid, "algorithm": t.algorithm.config_name(), "key": t.key})
}

fn spec(plan: &str) -> LicenseSpec {
    LicenseSpec {
        id: format!("lic_{plan}_1"),
        org: Some("Acme Corp".into()),
        plan: plan.into(),
        issued_at: "2026-01-01T00:00:00Z".into(),
        expires_at: Some("2026-12-31".into()),
        ..Default::default()
    }
}

struct Gen {
    k: Keys,
    cases: Vec<Value>,
}

impl Gen {
    fn config(&self) -> Value {
        json!({"trusted_keys": [tk(&self.k.a), tk(&self.k.b), tk(&self.k.h)], "policy": policy(), "demo_mode": false})
    }

    fn case(&mut self, id: &str, description: &str, mut fields: Value, expect: Value) {
        let mut c = json!({"id": id, "description": description, "config": self.config(), "now_ms": ms(NOW), "key": null});
        let obj = c.as_object_mut().unwrap();
        for (k, v) in fields.as_object_mut().unwrap().iter() {
            obj.insert(k.clone(), v.clone());
        }
        obj.insert("expect".into(), expect);
        self.cases.push(c);
    }

    fn take(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.cases)
    }
}

/// `token` with `mask` flipped in byte `at` of its signature.
fn flip_signature_bit(token: &str, at: usize, mask: u8) -> String {
    let (signed, sig) = token.rsplit_once('.').expect("a token");
    let mut sig = b64::decode(sig).expect("a signature");
    sig[at] ^= mask;
    format!("{signed}.{}", b64::encode(&sig))
}

fn bad(code: &str) -> Value {
    json!({"ok": false, "code": code})
}

/// One vector file: its name in `tests/vectors/`, what it holds, its cases.
pub struct File {
    /// File name, e.g. `token.json`.
    pub name: &'static str,
    /// One line on what the cases show.
    pub description: &'static str,
    /// The cases, in order.
    pub cases: Vec<Value>,
}

impl File {
    /// The file's text as written to disk.
    pub fn text(&self) -> String {
        let doc = json!({"description": self.description, "cases": self.cases});
        serde_json::to_string_pretty(&doc).expect("vectors serialise") + "\n"
    }
}

/// Every vector file, in name order.
pub fn files() -> Vec<File> {
    let mut g = Gen {
        k: keys(),
        cases: Vec::new(),
    };
    let mut files = vec![
        File {
            name: "caps.json",
            description: caps::DESCRIPTION,
            cases: caps::cases(&mut g),
        },
        File {
            name: "config.json",
            description: config::DESCRIPTION,
            cases: config::cases(&mut g),
        },
        File {
            name: "crypto.json",
            description: crypto::DESCRIPTION,
            cases: crypto::cases(&mut g),
        },
        File {
            name: "failure.json",
            description: failure::DESCRIPTION,
            cases: failure::cases(&mut g),
        },
        File {
            name: "features.json",
            description: features::DESCRIPTION,
            cases: features::cases(&mut g),
        },
        File {
            name: "gate.json",
            description: gate::DESCRIPTION,
            cases: gate::cases(&mut g),
        },
        File {
            name: "gateway.json",
            description: gateway::DESCRIPTION,
            cases: gateway::cases(&mut g),
        },
        File {
            name: "info.json",
            description: info::DESCRIPTION,
            cases: info::cases(&mut g),
        },
        File {
            name: "key_file.json",
            description: key_file::DESCRIPTION,
            cases: key_file::cases(&mut g),
        },
        File {
            name: "metrics.json",
            description: metrics::DESCRIPTION,
            cases: metrics::cases(&mut g),
        },
        File {
            name: "online.json",
            description: online::DESCRIPTION,
            cases: online::cases(&g.k),
        },
        File {
            name: "proxy.json",
            description: proxy::DESCRIPTION,
            cases: proxy::cases(&mut g),
        },
        File {
            name: "rbac.json",
            description: rbac::DESCRIPTION,
            cases: rbac::cases(&mut g),
        },
        File {
            name: "resolve.json",
            description: resolve::DESCRIPTION,
            cases: resolve::cases(),
        },
        File {
            name: "time.json",
            description: time::DESCRIPTION,
            cases: time::cases(&mut g),
        },
        File {
            name: "token.json",
            description: token::DESCRIPTION,
            cases: token::cases(&mut g),
        },
    ];
    files.sort_by_key(|f| f.name);
    files
}

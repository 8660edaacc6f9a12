//! `tests/vectors/config.json`: configure: keys and policy validation.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "configure: keys and policy validation";

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let base = g.config();
    let mut with = |id: &str, d: &str, f: &dyn Fn(&mut Value)| {
        let mut c = base.clone();
        f(&mut c);
        g.case(
            id,
            d,
            json!({"op": "configure", "config": c}),
            bad("invalid-config"),
        );
    };
    let a_key = tk(&SigningKey::ed25519_from_seed(Some("k-2026a"), [1; 32]));
    with("config/duplicate-kid", "Two keys with one key id", &|c| {
        c["trusted_keys"]
            .as_array_mut()
            .unwrap()
            .push(a_key.clone())
    });
    with(
        "config/short-hmac-secret",
        "HMAC secrets under 32 bytes are refused",
        &|c| {
            c["trusted_keys"] = json!([{"kid": "h", "algorithm": "hmac-sha256", "key": b64::encode(b"short secret")}])
        },
    );
    with(
        "config/ed25519-wrong-length",
        "An Ed25519 public key is 32 bytes",
        &|c| {
            c["trusted_keys"] =
                json!([{"kid": "k", "algorithm": "ed25519", "key": b64::encode(&[7; 31])}])
        },
    );
    with(
        "config/key-not-base64url",
        "Key bytes must be canonical base64url",
        &|c| {
            c["trusted_keys"] = json!([{"kid": "k", "algorithm": "ed25519", "key": "not base64!"}])
        },
    );
    with(
        "config/bad-kid",
        "Key ids are restricted to a safe alphabet",
        &|c| {
            c["trusted_keys"] =
                json!([{"kid": "k.1", "algorithm": "ed25519", "key": b64::encode(&[7; 32])}])
        },
    );
    for (id, d, key) in [
        (
            "config/weak-key-all-zero",
            "An all-zero Ed25519 public key (small order) is refused at configuration",
            [0u8; 32],
        ),
        (
            "config/weak-key-identity",
            "The identity point as a public key is refused",
            {
                let mut k = [0u8; 32];
                k[0] = 1;
                k
            },
        ),
        (
            "config/non-canonical-key",
            "A non-canonical Ed25519 encoding (y >= p) is refused",
            {
                let mut k = [0xff; 32];
                k[31] = 0x7f;
                k
            },
        ),
    ] {
        with(
            id,
            d,
            &|c| {
                c["trusted_keys"] =
                    json!([{"kid": "k", "algorithm": "ed25519", "key": b64::encode(&key)}])
            },
        );
    }
    with(
        "config/policy-unknown-field",
        "A typo in the policy is an error, not a no-op",
        &|c| c["policy"]["soft_cap"] = json!(["max_devices"]),
    );
    with(
        "config/policy-duplicate-keys",
        "Policy JSON is parsed strictly",
        &|c| c["policy_json"] = json!(r#"{"demo":false,"demo":true}"#),
    );
    with(
        "config/policy-bad-prefix",
        "Metric prefixes must be valid Prometheus names",
        &|c| c["policy"]["metrics_prefix"] = json!("9acme"),
    );
    with(
        "config/policy-bad-exempt-path",
        "Exempt paths must be absolute",
        &|c| c["policy"]["exempt_paths"] = json!(["health"]),
    );
    g.case(
        "config/valid",
        "The standard configuration is accepted",
        json!({"op": "configure"}),
        json!({"ok": true}),
    );
    g.take()
}

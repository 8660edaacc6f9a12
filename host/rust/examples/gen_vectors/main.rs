//! Regenerates `tests/vectors/*.json` deterministically from fixed seeds.
//!
//! `cargo run -p licensewarden --example gen_vectors` rewrites the files; CI
//! runs it and fails when `git diff` shows a change. Expectations are
//! written here by hand (they are the spec); the signed tokens come from
//! the fixed test keys below, never from a production key.

mod online;
mod resolve;

use licensewarden::issue::{LicenseSpec, SigningKey};
use licensewarden_guest::b64;
use licensewarden_guest::time;
use serde_json::{json, Value};

const NOW: &str = "2026-06-01T00:00:00Z";

fn ms(s: &str) -> u64 {
    time::parse(s).expect("fixed date").ms
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

fn bad(code: &str) -> Value {
    json!({"ok": false, "code": code})
}

fn write(dir: &std::path::Path, name: &str, description: &str, cases: Vec<Value>) -> usize {
    let n = cases.len();
    let doc = json!({"description": description, "cases": cases});
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    std::fs::write(dir.join(name), text).unwrap();
    n
}

fn token_cases(g: &mut Gen) -> Vec<Value> {
    let pro = g.k.a.issue(&spec("pro"));
    let (a, b, h, forged) = (
        g.k.a.clone(),
        g.k.b.clone(),
        g.k.h.clone(),
        g.k.forged_a.clone(),
    );
    let ok_pro = json!({"ok": true, "license": {"id": "lic_pro_1", "org": "Acme Corp", "plan": "pro", "kid": "k-2026a",
        "issued_at": ms("2026-01-01T00:00:00Z"), "expires_at": ms("2027-01-01T00:00:00Z"), "not_before": null, "extra": "{}"}});
    g.case(
        "token/ed25519-valid",
        "An Ed25519-signed pro license verifies",
        json!({"op": "verify", "token": pro}),
        ok_pro,
    );
    g.case(
        "token/hmac-valid",
        "An HMAC-SHA256-signed license verifies with the HMAC key",
        json!({"op": "verify", "token": h.issue(&spec("pro"))}),
        json!({"ok": true, "license": {"kid": "h-1", "plan": "pro"}}),
    );
    g.case(
        "token/rotation-new-key",
        "A token signed with the second trusted key verifies (rotation)",
        json!({"op": "verify", "token": b.issue(&spec("enterprise"))}),
        json!({"ok": true, "license": {"kid": "k-2026b", "plan": "enterprise"}}),
    );
    let mut only_b = g.config();
    only_b["trusted_keys"] = json!([tk(&b)]);
    g.case(
        "token/rotation-old-key-removed",
        "After the old key is removed its tokens name an unknown key id",
        json!({"op": "verify", "token": pro, "config": only_b}),
        bad("unknown-key-id"),
    );
    g.case("token/unknown-kid", "A key id nobody trusts", json!({"op": "verify", "token": SigningKey::ed25519_from_seed(Some("k-other"), [3; 32]).issue(&spec("pro"))}), bad("unknown-key-id"));
    let mut none = g.config();
    none["trusted_keys"] = json!([]);
    g.case(
        "token/no-trusted-keys",
        "No trusted keys configured",
        json!({"op": "verify", "token": pro, "config": none}),
        bad("unknown-key-id"),
    );
    // Algorithm confusion: HMAC keyed with the Ed25519 *public* key, under the Ed25519 key id.
    let pub_a = b64::decode(&a.trusted_key().key).unwrap();
    let confused = SigningKey::hmac_sha256("k-2026a", &pub_a).sign_token_raw(
        "hs256",
        "k-2026a",
        spec("enterprise").payload_json().as_bytes(),
    );
    g.case(
        "token/alg-confusion-hmac-with-public-key",
        "An HMAC token keyed with the Ed25519 public key is refused before any MAC check",
        json!({"op": "verify", "token": confused}),
        bad("wrong-algorithm"),
    );
    let as_ed = a.sign_token_raw("ed25519", "h-1", spec("pro").payload_json().as_bytes());
    g.case(
        "token/alg-confusion-ed25519-for-hmac-key",
        "An Ed25519 token naming the HMAC key id",
        json!({"op": "verify", "token": as_ed}),
        bad("wrong-algorithm"),
    );
    g.case(
        "token/forged-same-kid",
        "Signed by a different key claiming a trusted key id",
        json!({"op": "verify", "token": forged.issue(&spec("enterprise"))}),
        bad("bad-signature"),
    );
    // Tampering.
    let parts: Vec<&str> = pro.split('.').collect();
    let mut ent_payload = spec("enterprise").payload_json();
    ent_payload = ent_payload.replace("lic_enterprise_1", "lic_pro_1");
    let swapped = format!(
        "{}.{}.{}.{}.{}",
        parts[0],
        parts[1],
        parts[2],
        b64::encode(ent_payload.as_bytes()),
        parts[4]
    );
    g.case(
        "token/tampered-payload",
        "Payload swapped for an enterprise one, signature kept",
        json!({"op": "verify", "token": swapped}),
        bad("bad-signature"),
    );
    let mut sig = b64::decode(parts[4]).unwrap();
    sig[10] ^= 0x01;
    let flipped = format!(
        "{}.{}.{}.{}.{}",
        parts[0],
        parts[1],
        parts[2],
        parts[3],
        b64::encode(&sig)
    );
    g.case(
        "token/tampered-signature",
        "One signature bit flipped",
        json!({"op": "verify", "token": flipped}),
        bad("bad-signature"),
    );
    let rekid = format!(
        "{}.{}.k-2026b.{}.{}",
        parts[0], parts[1], parts[3], parts[4]
    );
    g.case(
        "token/tampered-kid",
        "Key id changed to another trusted key: the key id is under the signature",
        json!({"op": "verify", "token": rekid}),
        bad("bad-signature"),
    );
    let short = format!(
        "{}.{}.{}.{}.{}",
        parts[0],
        parts[1],
        parts[2],
        parts[3],
        b64::encode(&b64::decode(parts[4]).unwrap()[..63])
    );
    g.case(
        "token/truncated-signature",
        "A 63-byte signature",
        json!({"op": "verify", "token": short}),
        bad("bad-signature"),
    );
    g.case("token/empty-signature", "Nothing after the last dot", json!({"op": "verify", "token": format!("{}.{}.{}.{}.", parts[0], parts[1], parts[2], parts[3])}), bad("bad-signature"));
    // Encoding strictness.
    let p = parts[3];
    let noncanon = {
        // Same bytes, last character with non-zero trailing bits.
        let bytes = b64::decode(p).unwrap();
        let enc = b64::encode(&bytes);
        assert!(
            !enc.len().is_multiple_of(4),
            "payload length must leave trailing bits"
        );
        let last = enc.chars().last().unwrap();
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let idx = alphabet.find(last).unwrap();
        let bumped = alphabet.chars().nth(idx + 1).unwrap();
        format!("{}{}", &enc[..enc.len() - 1], bumped)
    };
    g.case("token/non-canonical-base64", "Payload base64url with non-zero trailing bits", json!({"op": "verify", "token": format!("{}.{}.{}.{}.{}", parts[0], parts[1], parts[2], noncanon, parts[4])}), bad("malformed"));
    g.case(
        "token/padded-base64",
        "Signature with '=' padding",
        json!({"op": "verify", "token": format!("{pro}==")}),
        bad("malformed"),
    );
    g.case("token/standard-alphabet", "Standard-alphabet '+' in the payload", json!({"op": "verify", "token": format!("{}.{}.{}.+{}.{}", parts[0], parts[1], parts[2], &p[1..], parts[4])}), bad("malformed"));
    g.case("token/oversize", "A token over 16 KiB is refused before parsing", json!({"op": "verify", "token": format!("lg1.ed25519.k-2026a.{}.AA", "A".repeat(16 * 1024))}), bad("too-large"));
    let mut big = spec("pro");
    big.id = "x".repeat(200);
    let big_payload = {
        let mut v: Value = serde_json::from_str(&big.payload_json()).unwrap();
        v["notes"] = json!("n".repeat(11_000));
        v.to_string()
    };
    let big_tok = a.sign_token_raw("ed25519", "k-2026a", big_payload.as_bytes());
    assert!(big_tok.len() > 14_000 && big_tok.len() <= 16 * 1024);
    g.case(
        "token/large-under-cap",
        "A signed token just under the cap verifies; unknown fields are kept",
        json!({"op": "verify", "token": big_tok}),
        json!({"ok": true, "license": {"plan": "pro"}}),
    );
    g.case(
        "token/unsupported-version",
        "A future format version",
        json!({"op": "verify", "token": pro.replacen("lg1.", "lg2.", 1)}),
        bad("unsupported-version"),
    );
    g.case(
        "token/wrong-prefix-case",
        "Prefix is case-sensitive",
        json!({"op": "verify", "token": pro.replacen("lg1.", "LG1.", 1)}),
        bad("malformed"),
    );
    g.case("token/four-parts", "Signature part missing", json!({"op": "verify", "token": format!("{}.{}.{}.{}", parts[0], parts[1], parts[2], parts[3])}), bad("malformed"));
    g.case(
        "token/trailing-part",
        "Extra data after the signature",
        json!({"op": "verify", "token": format!("{pro}.AA")}),
        bad("malformed"),
    );
    g.case(
        "token/empty",
        "Empty key",
        json!({"op": "verify", "token": ""}),
        bad("malformed"),
    );
    g.case(
        "token/surrounding-whitespace",
        "The core does not trim: hosts must",
        json!({"op": "verify", "token": format!(" {pro}")}),
        bad("malformed"),
    );
    g.case(
        "token/unknown-alg-name",
        "An algorithm name the format does not define",
        json!({"op": "verify", "token": pro.replacen(".ed25519.", ".rs256.", 1)}),
        bad("malformed"),
    );
    let signed = |bytes: &[u8]| a.sign_token_raw("ed25519", "k-2026a", bytes);
    g.case("payload/bad-utf8", "Validly signed payload that is not UTF-8", json!({"op": "verify", "token": signed(b"{\"id\":\"\xff\xfe\",\"plan\":\"pro\",\"issued_at\":\"2026-01-01\"}")}), bad("malformed"));
    g.case("payload/duplicate-keys", "Validly signed payload with a duplicated key", json!({"op": "verify", "token": signed(br#"{"id":"L","plan":"community","plan":"enterprise","issued_at":"2026-01-01"}"#)}), bad("malformed"));
    g.case("payload/trailing-bytes", "Validly signed payload with bytes after the JSON", json!({"op": "verify", "token": signed(br#"{"id":"L","plan":"pro","issued_at":"2026-01-01"}x"#)}), bad("malformed"));
    g.case(
        "payload/not-an-object",
        "Payload is a JSON array",
        json!({"op": "verify", "token": signed(b"[]")}),
        bad("invalid-payload"),
    );
    g.case(
        "payload/missing-plan",
        "Required field missing",
        json!({"op": "verify", "token": signed(br#"{"id":"L","issued_at":"2026-01-01"}"#)}),
        bad("invalid-payload"),
    );
    g.case("payload/negative-limit", "Limits are non-negative integers", json!({"op": "verify", "token": signed(br#"{"id":"L","plan":"pro","issued_at":"2026-01-01","limits":{"max_devices":-1}}"#)}), bad("invalid-payload"));
    g.case("payload/float-limit", "Limits are integers, not floats", json!({"op": "verify", "token": signed(br#"{"id":"L","plan":"pro","issued_at":"2026-01-01","limits":{"max_devices":5.0}}"#)}), bad("invalid-payload"));
    g.case("payload/features-not-array", "Features must be an array", json!({"op": "verify", "token": signed(br#"{"id":"L","plan":"pro","issued_at":"2026-01-01","features":"sso"}"#)}), bad("invalid-payload"));
    g.case("payload/unknown-fields-kept", "Unknown fields come back as canonical JSON, untouched by policy", json!({"op": "verify", "token": signed(br#"{"id":"L","plan":"pro","issued_at":"2026-01-01","z":{"b":1,"a":[true]},"all_features":true}"#)}),
        json!({"ok": true, "license": {"extra": "{\"all_features\":true,\"z\":{\"a\":[true],\"b\":1}}", "features": []}}));
    g.take()
}

fn time_cases(g: &mut Gen) -> Vec<Value> {
    let a = g.k.a.clone();
    let with = |f: &dyn Fn(&mut LicenseSpec)| {
        let mut s = spec("pro");
        f(&mut s);
        a.issue(&s)
    };
    let exp_dt = with(&|s| s.expires_at = Some("2026-06-01T12:00:00Z".into()));
    let at = |t: &str| ms(t);
    g.case(
        "time/one-second-before-exp",
        "Valid one second before expiry",
        json!({"op": "verify", "token": exp_dt, "now_ms": at("2026-06-01T11:59:59Z")}),
        json!({"ok": true}),
    );
    g.case(
        "time/exactly-at-exp",
        "Expired at the expiry instant itself",
        json!({"op": "verify", "token": exp_dt, "now_ms": at("2026-06-01T12:00:00Z")}),
        bad("expired"),
    );
    g.case(
        "time/one-second-after-exp",
        "Expired one second after",
        json!({"op": "verify", "token": exp_dt, "now_ms": at("2026-06-01T12:00:01Z")}),
        bad("expired"),
    );
    let exp_date = with(&|s| s.expires_at = Some("2026-06-01".into()));
    g.case(
        "time/date-only-last-second",
        "A date-only expiry covers that whole UTC day",
        json!({"op": "verify", "token": exp_date, "now_ms": at("2026-06-01T23:59:59Z")}),
        json!({"ok": true}),
    );
    g.case(
        "time/date-only-next-midnight",
        "A date-only expiry ends at the next midnight UTC",
        json!({"op": "verify", "token": exp_date, "now_ms": at("2026-06-02T00:00:00Z")}),
        bad("expired"),
    );
    let offset = with(&|s| s.expires_at = Some("2026-06-01T14:00:00+02:00".into()));
    g.case(
        "time/offset-respected",
        "Offsets are honoured (14:00+02:00 is 12:00Z)",
        json!({"op": "verify", "token": offset, "now_ms": at("2026-06-01T12:00:00Z")}),
        bad("expired"),
    );
    let nbf = with(&|s| s.not_before = Some("2026-07-01".into()));
    g.case(
        "time/not-yet-valid",
        "Before not_before",
        json!({"op": "verify", "token": nbf}),
        bad("not-yet-valid"),
    );
    g.case(
        "time/exactly-at-not-before",
        "Valid from the not_before instant itself",
        json!({"op": "verify", "token": nbf, "now_ms": at("2026-07-01T00:00:00Z")}),
        json!({"ok": true}),
    );
    let bad_exp = with(&|s| s.expires_at = Some("2026-13-45".into()));
    g.case(
        "time/unparseable-expiry-is-expired",
        "An impossible date fails safe: expired",
        json!({"op": "verify", "token": bad_exp}),
        bad("expired"),
    );
    let bad_iat = with(&|s| s.issued_at = "yesterday".into());
    g.case(
        "time/unparseable-issued-at-is-expired",
        "Any unparseable date fails safe",
        json!({"op": "verify", "token": bad_iat}),
        bad("expired"),
    );
    let perpetual = with(&|s| s.expires_at = None);
    g.case(
        "time/perpetual",
        "No expiry: valid far in the future",
        json!({"op": "verify", "token": perpetual, "now_ms": at("2099-01-01T00:00:00Z")}),
        json!({"ok": true, "license": {"expires_at": null}}),
    );
    for (id, d, exp) in [
        (
            "time/expiry-1969-12-31",
            "A date before 1970 parses (clamped to the epoch): long expired",
            "1969-12-31",
        ),
        (
            "time/expiry-year-1",
            "Year 0001 parses: long expired",
            "0001-01-01T00:00:00Z",
        ),
        (
            "time/expiry-empty-string",
            "An empty expiry string is unparseable: treated as expired",
            "",
        ),
    ] {
        let tok = with(&|s| s.expires_at = Some(exp.into()));
        g.case(
            id,
            d,
            json!({"op": "info", "key": tok}),
            json!({"info": {"status": "expired", "error_code": "expired", "days_remaining": 0}}),
        );
    }
    let early_nbf = with(&|s| s.not_before = Some("1969-12-31T23:59:59Z".into()));
    g.case(
        "time/not-before-1969",
        "A not-before before 1970 has long been reached",
        json!({"op": "info", "key": early_nbf}),
        json!({"info": {"status": "active", "error_code": null}}),
    );
    let numeric = a.sign_token_raw(
        "ed25519",
        "k-2026a",
        br#"{"expires_at":1767225600,"id":"lic_num","issued_at":"2026-01-01","plan":"pro"}"#,
    );
    g.case(
        "time/numeric-expiry-is-invalid-payload",
        "A date that is not a string is a malformed payload, not a date",
        json!({"op": "verify", "token": numeric}),
        bad("invalid-payload"),
    );
    for (id, d, n, expect) in [
        (
            "caps/limit-at-2^53-1",
            "The largest cap every host represents exactly is accepted",
            9_007_199_254_740_991u64,
            json!({"ok": true, "license": {"limits": {"seats": 9_007_199_254_740_991u64}}}),
        ),
        (
            "caps/limit-at-2^53",
            "A cap of 2^53 is refused for every host (JS would round it)",
            9_007_199_254_740_992u64,
            bad("invalid-payload"),
        ),
    ] {
        let tok = a.sign_token_raw(
            "ed25519",
            "k-2026a",
            format!(r#"{{"id":"lic_big","issued_at":"2026-01-01","limits":{{"seats":{n}}},"plan":"pro"}}"#).as_bytes(),
        );
        g.case(id, d, json!({"op": "verify", "token": tok}), expect);
    }
    g.take()
}

fn info_cases(g: &mut Gen) -> Vec<Value> {
    let (a, b) = (g.k.a.clone(), g.k.b.clone());
    let pro = a.issue(&spec("pro"));
    let expiring = a.issue(&LicenseSpec {
        expires_at: Some("2026-06-03".into()),
        ..spec("pro")
    });
    g.case("info/days-remaining-rounds-up", "2.5 days left shows 3", json!({"op": "info", "key": expiring, "now_ms": ms("2026-06-01T12:00:00Z")}),
        json!({"info": {"valid": true, "status": "active", "days_remaining": 3, "expires_text": "2026-06-03", "expires_at": ms("2026-06-04T00:00:00Z")}}));
    let exact = a.issue(&LicenseSpec {
        expires_at: Some("2026-06-03T00:00:00Z".into()),
        ..spec("pro")
    });
    g.case(
        "info/days-remaining-exact",
        "Exactly 2 days left shows 2",
        json!({"op": "info", "key": exact}),
        json!({"info": {"days_remaining": 2}}),
    );
    g.case(
        "info/days-remaining-last-millisecond",
        "One millisecond left shows 1",
        json!({"op": "info", "key": exact, "now_ms": ms("2026-06-03T00:00:00Z") - 1}),
        json!({"info": {"days_remaining": 1, "status": "active"}}),
    );
    g.case("info/active-pro", "Plan, org, flags and limits of a pro license", json!({"op": "info", "key": pro}),
        json!({"info": {"valid": true, "status": "active", "plan": "pro", "org": "Acme Corp", "license_id": "lic_pro_1", "kid": "k-2026a", "key_source": "explicit",
            "features": {"api_access": true, "audit_logging": false, "basic_discovery": true, "rbac": true, "sso": false},
            "limits": {"max_devices": {"max": 5, "current": 0, "soft": false}, "max_identities": {"max": 1000, "current": 0, "soft": true}},
            "days_remaining": 214, "demo": false, "error_code": null}}));
    g.case("info/expired", "Expired: 0 days, every flag off, error expired", json!({"op": "info", "key": pro, "now_ms": ms("2027-01-02T00:00:00Z")}),
        json!({"info": {"valid": false, "status": "expired", "days_remaining": 0, "error_code": "expired", "features": {"api_access": false, "basic_discovery": false}}}));
    g.case("info/community-no-key", "No key: community tier, not an error state", json!({"op": "info"}),
        json!({"info": {"valid": false, "status": "community", "plan": "community", "key_source": "none", "license_id": null, "days_remaining": null,
            "features": {"api_access": false, "basic_discovery": true}, "limits": {"max_devices": {"max": 1}}, "error_code": "no-license"}}));
    let parts: Vec<&str> = pro.split('.').collect();
    let mut sig = b64::decode(parts[4]).unwrap();
    sig[0] ^= 0x80;
    let tampered = format!(
        "{}.{}.{}.{}.{}",
        parts[0],
        parts[1],
        parts[2],
        parts[3],
        b64::encode(&sig)
    );
    g.case("info/invalid-key", "A rejected key: community tier, the reason shown, nothing from the untrusted payload", json!({"op": "info", "key": tampered}),
        json!({"info": {"valid": false, "status": "invalid", "plan": "community", "org": null, "license_id": null, "error_code": "bad-signature"}}));
    g.case("info/enterprise-unlocks-all", "Enterprise turns every known flag on", json!({"op": "info", "key": b.issue(&spec("enterprise"))}),
        json!({"info": {"plan": "enterprise", "features": {"api_access": true, "audit_logging": true, "basic_discovery": true, "rbac": true, "sso": true}}}));
    let mut demo = g.config();
    demo["demo_mode"] = json!(true);
    g.case("info/demo-mode", "Demo mode: everything on and reported as demo", json!({"op": "info", "config": demo}),
        json!({"info": {"valid": true, "status": "demo", "demo": true, "features": {"sso": true, "api_access": true}, "error_code": null}}));
    let mut demo_policy = g.config();
    demo_policy["policy"]["demo"] = json!(true);
    g.case(
        "info/demo-mode-from-policy",
        "Demo mode set in the policy",
        json!({"op": "info", "config": demo_policy}),
        json!({"info": {"status": "demo"}}),
    );
    let perpetual = a.issue(&LicenseSpec {
        expires_at: None,
        ..spec("pro")
    });
    g.case(
        "info/perpetual",
        "No expiry: no days remaining figure",
        json!({"op": "info", "key": perpetual}),
        json!({"info": {"status": "active", "days_remaining": null, "expires_at": null}}),
    );
    let nbf = a.issue(&LicenseSpec {
        not_before: Some("2026-07-01".into()),
        ..spec("pro")
    });
    g.case("info/not-yet-valid", "Before not_before: community tier meanwhile", json!({"op": "info", "key": nbf}),
        json!({"info": {"status": "not-yet-valid", "plan": "community", "error_code": "not-yet-valid", "features": {"api_access": false}}}));
    let custom = a.issue(&LicenseSpec {
        features: vec!["sso".into()],
        limits: vec![("max_devices".into(), 10)],
        ..spec("pro")
    });
    g.case("info/license-overrides-plan", "Token features add to the plan; token limits override it", json!({"op": "info", "key": custom}),
        json!({"info": {"features": {"sso": true, "api_access": true}, "limits": {"max_devices": {"max": 10}}}}));
    g.take()
}

fn feature_cases(g: &mut Gen) -> Vec<Value> {
    let (a, b) = (g.k.a.clone(), g.k.b.clone());
    let pro = a.issue(&spec("pro"));
    let ok = json!({"ok": true});
    g.case(
        "feature/pro-has-api-access",
        "A plan feature",
        json!({"op": "check_feature", "key": pro, "feature": "api_access"}),
        ok.clone(),
    );
    g.case("feature/pro-lacks-sso", "Denied naming feature and plan", json!({"op": "check_feature", "key": pro, "feature": "sso"}),
        json!({"ok": false, "code": "feature-not-licensed", "details": {"feature": "sso", "plan": "pro"}}));
    g.case(
        "feature/unknown-feature",
        "A feature no plan mentions is denied too",
        json!({"op": "check_feature", "key": pro, "feature": "teleport"}),
        bad("feature-not-licensed"),
    );
    let custom = a.issue(&LicenseSpec {
        features: vec!["sso".into()],
        ..spec("pro")
    });
    g.case(
        "feature/token-adds-feature",
        "A feature granted by the token itself",
        json!({"op": "check_feature", "key": custom, "feature": "sso"}),
        ok.clone(),
    );
    g.case("feature/enterprise-unlocks-all", "Enterprise allows any feature name", json!({"op": "check_feature", "key": b.issue(&spec("enterprise")), "feature": "anything_new"}), ok.clone());
    g.case(
        "feature/community-basic",
        "Community tier features work without a key",
        json!({"op": "check_feature", "feature": "basic_discovery"}),
        ok.clone(),
    );
    g.case(
        "feature/community-lacks-paid",
        "Paid features need a key",
        json!({"op": "check_feature", "feature": "api_access"}),
        json!({"ok": false, "code": "feature-not-licensed", "details": {"plan": "community"}}),
    );
    g.case("feature/expired", "After expiry every check says expired", json!({"op": "check_feature", "key": pro, "feature": "api_access", "now_ms": ms("2027-01-01T00:00:00Z")}),
        json!({"ok": false, "code": "expired", "details": {"feature": "api_access"}}));
    let mut demo = g.config();
    demo["demo_mode"] = json!(true);
    g.case(
        "feature/demo",
        "Demo mode allows everything",
        json!({"op": "check_feature", "config": demo, "feature": "sso"}),
        ok.clone(),
    );
    g.case("feature/tampered-key-gets-community", "A rejected key never grants more than community", json!({"op": "check_feature", "key": g.k.forged_a.issue(&spec("enterprise")), "feature": "sso"}), bad("feature-not-licensed"));
    g.case("feature/unknown-plan-uses-token-features", "A plan the policy does not know grants only the token's features",
        json!({"op": "check_feature", "key": a.issue(&LicenseSpec { features: vec!["rbac".into()], ..spec("legacy") }), "feature": "api_access"}), bad("feature-not-licensed"));
    g.take()
}

fn cap_cases(g: &mut Gen) -> Vec<Value> {
    let (a, b) = (g.k.a.clone(), g.k.b.clone());
    let pro = a.issue(&spec("pro"));
    let cap = |cap: &str, current: u64| json!({"op": "check_cap", "key": pro, "cap": cap, "current": current});
    g.case(
        "cap/within",
        "3 of 5 devices",
        cap("max_devices", 3),
        json!({"outcome": "within", "max": 5, "code": null}),
    );
    g.case(
        "cap/at-cap",
        "Exactly at the cap is within",
        cap("max_devices", 5),
        json!({"outcome": "within"}),
    );
    g.case(
        "cap/hard-exceeded",
        "One over a hard cap",
        cap("max_devices", 6),
        json!({"outcome": "hard-exceeded", "code": "cap-exceeded"}),
    );
    g.case(
        "cap/soft-exceeded",
        "Over a soft cap: warn and allow",
        cap("max_identities", 1001),
        json!({"outcome": "soft-exceeded", "code": "cap-exceeded"}),
    );
    g.case(
        "cap/absent-cap",
        "A cap the license does not set",
        cap("max_widgets", 1_000_000),
        json!({"outcome": "within", "max": 0}),
    );
    g.case("cap/zero-means-unlimited", "0 means no cap", json!({"op": "check_cap", "key": b.issue(&spec("enterprise")), "cap": "max_devices", "current": 1_000_000}), json!({"outcome": "within", "max": 0}));
    let custom = a.issue(&LicenseSpec {
        limits: vec![("max_devices".into(), 10)],
        ..spec("pro")
    });
    g.case(
        "cap/token-overrides-plan",
        "Token limit 10 beats plan limit 5",
        json!({"op": "check_cap", "key": custom, "cap": "max_devices", "current": 8}),
        json!({"outcome": "within", "max": 10}),
    );
    g.case(
        "cap/community-one-device",
        "Community tier: one device",
        json!({"op": "check_cap", "cap": "max_devices", "current": 2}),
        json!({"outcome": "hard-exceeded", "max": 1}),
    );
    g.take()
}

fn gate_cases(g: &mut Gen) -> Vec<Value> {
    let a = g.k.a.clone();
    let pro = a.issue(&spec("pro"));
    let later = ms("2027-01-01T00:00:00Z");
    let allow = json!({"allow": true, "status": 200, "code": null, "body": ""});
    g.case(
        "gate/active-plain-route",
        "Active license, no feature needed",
        json!({"op": "gate", "key": pro, "path": "/api/devices"}),
        allow.clone(),
    );
    g.case(
        "gate/active-feature-route",
        "Feature present",
        json!({"op": "gate", "key": pro, "path": "/api/query", "feature": "api_access"}),
        allow.clone(),
    );
    g.case(
        "gate/missing-feature-403",
        "Feature missing: 403 naming it",
        json!({"op": "gate", "key": pro, "path": "/sso/login", "feature": "sso"}),
        json!({"allow": false, "status": 403, "code": "feature-not-licensed"}),
    );
    g.case(
        "gate/expired-503",
        "After expiry new requests get 503",
        json!({"op": "gate", "key": pro, "path": "/api/devices", "now_ms": later}),
        json!({"allow": false, "status": 503, "code": "expired"}),
    );
    g.case("gate/expired-feature-route-503", "Expiry wins over feature checks", json!({"op": "gate", "key": pro, "path": "/api/query", "feature": "api_access", "now_ms": later}), json!({"allow": false, "status": 503, "code": "expired"}));
    for (id, path) in [
        ("health", "/health"),
        ("ready", "/ready"),
        ("metrics", "/metrics"),
        ("license-status", "/license"),
        ("login", "/login"),
        ("health-subpath", "/health/live"),
        ("query-string", "/metrics?format=text"),
    ] {
        g.case(
            &format!("gate/expired-exempt-{id}"),
            "Exempt paths stay open after expiry",
            json!({"op": "gate", "key": pro, "path": path, "now_ms": later}),
            allow.clone(),
        );
    }
    for (id, path) in [
        ("traversal", "/health/../admin"),
        ("prefix-not-segment", "/healthz"),
        ("encoded", "/health/%2e%2e/admin"),
        ("double-slash", "//health"),
    ] {
        g.case(
            &format!("gate/expired-not-exempt-{id}"),
            "Look-alike paths are not exempt",
            json!({"op": "gate", "key": pro, "path": path, "now_ms": later}),
            json!({"allow": false, "status": 503}),
        );
    }
    g.case(
        "gate/community-feature-route",
        "No key, paid route: 403",
        json!({"op": "gate", "path": "/api/query", "feature": "api_access"}),
        json!({"allow": false, "status": 403, "code": "feature-not-licensed"}),
    );
    g.case(
        "gate/community-plain-route",
        "No key, plain route: allowed",
        json!({"op": "gate", "path": "/"}),
        allow,
    );
    g.take()
}

fn metrics_cases(g: &mut Gen) -> Vec<Value> {
    let pro = g.k.a.issue(&spec("pro"));
    let text = "# HELP acme_license_info Current license status and plan (always 1).\n# TYPE acme_license_info gauge\nacme_license_info{plan=\"pro\",status=\"active\"} 1\n# HELP acme_license_valid 1 when a verified license or demo mode is in force.\n# TYPE acme_license_valid gauge\nacme_license_valid 1\n# HELP acme_license_expires_at License expiry as a unix timestamp in seconds; 0 when it never expires.\n# TYPE acme_license_expires_at gauge\nacme_license_expires_at 1798761600\n# HELP acme_license_limit_max Licensed cap per limit; 0 means no cap.\n# TYPE acme_license_limit_max gauge\nacme_license_limit_max{limit=\"max_devices\"} 5\nacme_license_limit_max{limit=\"max_identities\"} 1000\n# HELP acme_license_limit_current Last usage reported per limit.\n# TYPE acme_license_limit_current gauge\nacme_license_limit_current{limit=\"max_devices\"} 3\nacme_license_limit_current{limit=\"max_identities\"} 1200\n# HELP acme_license_feature_enabled 1 when the feature is enabled for the current license.\n# TYPE acme_license_feature_enabled gauge\nacme_license_feature_enabled{feature=\"api_access\"} 1\nacme_license_feature_enabled{feature=\"audit_logging\"} 0\nacme_license_feature_enabled{feature=\"basic_discovery\"} 1\nacme_license_feature_enabled{feature=\"rbac\"} 1\nacme_license_feature_enabled{feature=\"sso\"} 0\n";
    g.case("metrics/active-with-usage", "Prometheus text with the configured prefix and reported usage", json!({"op": "metrics", "key": pro, "usage": [["max_devices", 3], ["max_identities", 1200]]}), json!({"metrics": text}));
    let mut default_prefix = g.config();
    default_prefix["policy"] = Value::Null;
    g.case("metrics/community-default-prefix", "No policy, no key", json!({"op": "metrics", "config": default_prefix}),
        json!({"metrics": "# HELP licensewarden_license_info Current license status and plan (always 1).\n# TYPE licensewarden_license_info gauge\nlicensewarden_license_info{plan=\"community\",status=\"community\"} 1\n# HELP licensewarden_license_valid 1 when a verified license or demo mode is in force.\n# TYPE licensewarden_license_valid gauge\nlicensewarden_license_valid 0\n# HELP licensewarden_license_expires_at License expiry as a unix timestamp in seconds; 0 when it never expires.\n# TYPE licensewarden_license_expires_at gauge\nlicensewarden_license_expires_at 0\n# HELP licensewarden_license_limit_max Licensed cap per limit; 0 means no cap.\n# TYPE licensewarden_license_limit_max gauge\n# HELP licensewarden_license_limit_current Last usage reported per limit.\n# TYPE licensewarden_license_limit_current gauge\n# HELP licensewarden_license_feature_enabled 1 when the feature is enabled for the current license.\n# TYPE licensewarden_license_feature_enabled gauge\n"}));
    g.take()
}

fn config_cases(g: &mut Gen) -> Vec<Value> {
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

fn crypto_cases(g: &mut Gen) -> Vec<Value> {
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

fn main() {
    // An optional argument writes elsewhere (CI regenerates into a temp dir and diffs).
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
        });
    std::fs::create_dir_all(&dir).unwrap();
    let mut g = Gen {
        k: keys(),
        cases: Vec::new(),
    };
    let mut n = 0;
    n += write(
        &dir,
        "caps.json",
        "check-cap: within, soft and hard caps, 0 = unlimited",
        cap_cases(&mut g),
    );
    n += write(
        &dir,
        "config.json",
        "configure: keys and policy validation",
        config_cases(&mut g),
    );
    n += write(
        &dir,
        "crypto.json",
        "The signature layer against RFC 8032 and RFC 4231 vectors",
        crypto_cases(&mut g),
    );
    n += write(
        &dir,
        "features.json",
        "check-feature: plans, token features, community, demo, expiry",
        feature_cases(&mut g),
    );
    n += write(
        &dir,
        "gate.json",
        "gate: 503 after expiry with exempt paths, 403 for missing features",
        gate_cases(&mut g),
    );
    n += write(
        &dir,
        "info.json",
        "info: status, flags, limits, days remaining",
        info_cases(&mut g),
    );
    n += write(
        &dir,
        "metrics.json",
        "metrics: Prometheus text",
        metrics_cases(&mut g),
    );
    n += write(
        &dir,
        "online.json",
        "Online validation as step sequences: lease, grace, restricted, signed answers, clocks, sealed state",
        online::cases(&g.k),
    );
    n += write(
        &dir,
        "resolve.json",
        "Key resolution: variable > _FILE variable > home file > none, trimming, bounded reads, reasons",
        resolve::cases(),
    );
    n += write(
        &dir,
        "time.json",
        "Expiry and not-before boundaries",
        time_cases(&mut g),
    );
    n += write(
        &dir,
        "token.json",
        "Token format, signatures, rotation, algorithm confusion, strict parsing",
        token_cases(&mut g),
    );
    println!("gen_vectors: wrote {n} cases to {}", dir.display());
}

//! `tests/vectors/token.json`: Token format, signatures, rotation, algorithm confusion, strict parsing.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str =
    "Token format, signatures, rotation, algorithm confusion, strict parsing";

pub fn cases(g: &mut Gen) -> Vec<Value> {
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
        ok_pro.clone(),
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
    let flipped = flip_signature_bit(&parts.join("."), 10, 0x01);
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
    // One trimming rule, in the core, for every entry point: a leading
    // byte-order mark, then surrounding ASCII whitespace; nothing else.
    g.case(
        "token/surrounding-whitespace",
        "Surrounding ASCII whitespace (space, tab, CR, LF, VT, FF) is trimmed by the core",
        json!({"op": "verify", "token": format!(" \t\x0b\x0c{pro}\r\n")}),
        ok_pro.clone(),
    );
    g.case(
        "token/leading-bom",
        "A leading byte-order mark (Windows editors) is trimmed before the whitespace",
        json!({"op": "verify", "token": format!("\u{feff} {pro}\n")}),
        ok_pro.clone(),
    );
    g.case(
        "token/bom-after-whitespace",
        "A byte-order mark only counts first: after a space it is part of the key",
        json!({"op": "verify", "token": format!(" \u{feff}{pro}")}),
        bad("malformed"),
    );
    g.case(
        "token/no-break-space",
        "A no-break space around a key is not whitespace to trim: malformed",
        json!({"op": "verify", "token": format!("{pro}\u{a0}")}),
        bad("malformed"),
    );
    g.case(
        "token/bom-then-other-version",
        "A byte-order mark before another format's prefix: trimmed, then unsupported-version (the same in every host)",
        json!({"op": "verify", "token": "\u{feff}lg99"}),
        bad("unsupported-version"),
    );
    g.case(
        "token/whitespace-only",
        "A key of whitespace alone is empty after trimming: malformed",
        json!({"op": "verify", "token": " \r\n\t"}),
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

//! `tests/vectors/key_file.json`: reading a trusted key file (the
//! `public.key` `licensewarden keygen` writes), written once for every
//! host's `TrustedKey::from_file` / `trustedKeyFromFile` /
//! `TrustedKey.from_file` / `TrustedKeyFromFile`.
//!
//! Each case names the file's content (as `resolve` cases do: text,
//! `{"dir": true}` or `{"repeat": s, "count": n}`), written to
//! `$DIR/key.json` and given `mode`; the outcome is the key read or the
//! error (code and the core's message, `$DIR` for the directory). The rule: at most 64 KiB, a regular UTF-8 file, a JSON
//! object with string `kid`, `algorithm` (`ed25519` or `hmac-sha256`) and
//! `key` (names exact, no member twice); a file with a `private_key` member is a private key and refused;
//! an HMAC secret readable by the group or others (mode & 0o077) refused.

use super::*;
#[allow(unused_imports)]
use licensewarden::TrustedKeyFile as _;

/// What the file holds.
pub const DESCRIPTION: &str =
    "Trusted key files: what a host accepts as public.key, and what it refuses";

fn case(g: &mut Gen, id: &str, description: &str, file: Value, mode: u32, expect: Value) {
    let expect = if expect["ok"] == false {
        refusal(&file, mode)
    } else {
        expect
    };
    g.case(
        &format!("key-file/{id}"),
        description,
        json!({"op": "key_file", "file": file, "mode": mode}),
        expect,
    );
}

/// The refusal every host gives, worded by the core (hosts only read the
/// file and say whether others may read it).
fn refusal(file: &Value, mode: u32) -> Value {
    use licensewarden_guest::{key_sources, unreadable::Reason};
    let bytes = match file {
        Value::String(text) => Ok(text.clone().into_bytes()),
        f if f["dir"] == true => Err((Reason::NotARegularFile, "")),
        f => Ok(f["repeat"]
            .as_str()
            .expect("repeat")
            .repeat(f["count"].as_u64().expect("count") as usize)
            .into_bytes()),
    };
    let read = bytes.as_deref().map_err(|e| *e);
    let e = key_sources::trusted_key_file("$DIR/key.json", read, mode & 0o077 != 0)
        .expect_err("a refused case");
    json!({"ok": false, "code": e.code.as_str(), "message": e.message})
}

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let ed = g.k.a.trusted_key();
    let h = g.k.h.trusted_key();
    let doc = |kid: &str, alg: &str, key: &str| {
        json!({"kid": kid, "algorithm": alg, "key": key}).to_string() + "\n"
    };
    let ed_doc = doc(&ed.kid, "ed25519", &ed.key);
    let h_doc = doc(&h.kid, "hmac-sha256", &h.key);
    let ok = |kid: &str, alg: &str, key: &str| json!({"key": {"kid": kid, "algorithm": alg, "key": key}});
    let refused = bad("invalid-config");
    case(
        g,
        "ed25519",
        "A public key as keygen writes it",
        json!(ed_doc),
        0o644,
        ok(&ed.kid, "ed25519", &ed.key),
    );
    case(
        g,
        "ed25519-world-readable",
        "Public keys may be readable by anyone",
        json!(ed_doc),
        0o666,
        ok(&ed.kid, "ed25519", &ed.key),
    );
    case(
        g,
        "hmac-private-mode",
        "An HMAC secret readable only by its owner",
        json!(h_doc),
        0o600,
        ok(&h.kid, "hmac-sha256", &h.key),
    );
    case(
        g,
        "hmac-group-readable",
        "An HMAC secret the group can read is refused (it can issue licenses)",
        json!(h_doc),
        0o640,
        refused.clone(),
    );
    case(
        g,
        "hmac-world-readable",
        "An HMAC secret anyone can read is refused",
        json!(h_doc),
        0o604,
        refused.clone(),
    );
    case(g, "private-key", "A private key file is refused: never ship it", json!(json!({"algorithm": "ed25519", "kid": ed.kid, "private_key": ed.key, "public_key": ed.key}).to_string()), 0o600, refused.clone());
    case(
        g,
        "not-json",
        "Text that is not JSON",
        json!("ed25519 key\n"),
        0o644,
        refused.clone(),
    );
    case(
        g,
        "not-an-object",
        "JSON that is not an object",
        json!("[\"kid\"]"),
        0o644,
        refused.clone(),
    );
    case(
        g,
        "unknown-algorithm",
        "An algorithm other than ed25519 or hmac-sha256",
        json!(doc(&ed.kid, "rsa", &ed.key)),
        0o644,
        refused.clone(),
    );
    case(
        g,
        "missing-kid",
        "Every field is required",
        json!(json!({"algorithm": "ed25519", "key": ed.key}).to_string()),
        0o644,
        refused.clone(),
    );
    case(
        g,
        "numeric-kid",
        "Fields must be strings",
        json!(json!({"kid": 7, "algorithm": "ed25519", "key": ed.key}).to_string()),
        0o644,
        refused.clone(),
    );
    case(
        g,
        "directory",
        "A directory is not a key file",
        json!({"dir": true}),
        0o755,
        refused.clone(),
    );
    // Each JSON library would otherwise answer its own way: last wins in
    // JSON.parse, json.loads and encoding/json, which also matches member
    // names without regard to case.
    case(
        g,
        "duplicate-member",
        "A member twice (two kids) is refused, whichever would win",
        json!(format!(
            "{{\"kid\": \"other\", \"kid\": \"{}\", \"algorithm\": \"ed25519\", \"key\": \"{}\"}}\n",
            ed.kid, ed.key
        )),
        0o644,
        refused.clone(),
    );
    case(
        g,
        "member-names-exact",
        "Member names are exact: KID is not kid",
        json!(format!(
            "{{\"KID\": \"{}\", \"algorithm\": \"ed25519\", \"key\": \"{}\"}}\n",
            ed.kid, ed.key
        )),
        0o644,
        refused.clone(),
    );
    case(
        g,
        "oversize",
        "Larger than 64 KiB",
        json!({"repeat": " ", "count": 65537}),
        0o644,
        refused,
    );
    g.take()
}

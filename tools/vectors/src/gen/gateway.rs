//! `tests/vectors/gateway.json`: per-request keys (gateway mode), written
//! once for every host's gateway.
//!
//! `gateway_key` cases give the `authorization` and `x-license-key` header
//! values as the host's HTTP layer hands them over and expect the key the
//! gateway uses (`null`: none, so 401). The rule, exactly:
//! 1. Authorization, with leading and trailing spaces and tabs removed, is
//!    a scheme, one or more spaces or tabs, and a key with neither; the
//!    scheme equals `License` ignoring ASCII case only. Then that is the key.
//! 2. Otherwise X-License-Key, with leading and trailing spaces and tabs
//!    removed, is the key when not empty.
//!
//! `gateway` cases run a request through the gateway and expect its
//! status and the code in its JSON body (`null` when allowed).
//!
//! `gateway_requests` cases run several requests, each at its own
//! `now_ms`, through one gateway (one core for many keys) and expect each
//! outcome plus how many verified keys (`cached_keys`) and forged keys
//! (`rejected_keys`) it then holds: one key's expiry is not another's, a
//! forgery is remembered apart and never answers for a genuine key, and
//! refusals that need no cryptography take no slot.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str =
    "Gateway mode: which header carries the caller's key, and 401/403/503 per request";

fn key_case(
    g: &mut Gen,
    id: &str,
    description: &str,
    auth: Option<&str>,
    x: Option<&str>,
    key: Option<&str>,
) {
    g.case(
        &format!("gateway/key-{id}"),
        description,
        json!({"op": "gateway_key", "headers": {"authorization": auth, "x-license-key": x}}),
        json!({"key": key}),
    );
}

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let k = "lg1.ed25519.k.e30.sig";
    key_case(
        g,
        "authorization",
        "Authorization: License <key>",
        Some(&format!("License {k}")),
        None,
        Some(k),
    );
    key_case(
        g,
        "scheme-case",
        "The scheme ignores ASCII case",
        Some(&format!("lIcEnSe {k}")),
        None,
        Some(k),
    );
    key_case(
        g,
        "surrounding-space",
        "Spaces and tabs around the value and between scheme and key are dropped",
        Some(&format!(" \tLicense \t {k} \t")),
        None,
        Some(k),
    );
    key_case(
        g,
        "x-license-key",
        "X-License-Key: <key>, trimmed",
        None,
        Some(&format!("  {k}\t")),
        Some(k),
    );
    key_case(
        g,
        "authorization-wins",
        "Both headers: Authorization wins",
        Some("License first"),
        Some("second"),
        Some("first"),
    );
    key_case(
        g,
        "other-scheme-falls-back",
        "Another scheme is not a key; X-License-Key is used",
        Some(&format!("Bearer {k}")),
        Some("from-x"),
        Some("from-x"),
    );
    key_case(
        g,
        "two-words",
        "A key with a space in it is not a License authorization",
        Some("License a b"),
        None,
        None,
    );
    key_case(
        g,
        "scheme-alone",
        "The scheme without a key is none",
        Some("License"),
        None,
        None,
    );
    key_case(
        g,
        "scheme-and-space",
        "The scheme and spaces only is none",
        Some("License   "),
        None,
        None,
    );
    key_case(
        g,
        "glued",
        "No separator between scheme and key",
        Some(&format!("License{k}")),
        None,
        None,
    );
    key_case(
        g,
        "kelvin-sign",
        "Case folding is ASCII only: a Kelvin sign is not a K",
        Some(&format!("LICEN\u{212a}E {k}")),
        None,
        None,
    );
    key_case(
        g,
        "no-break-space",
        "A no-break space does not separate",
        Some(&format!("License\u{a0}{k}")),
        None,
        None,
    );
    key_case(
        g,
        "non-ascii-key",
        "Whatever the key holds goes to the core, which rejects it",
        Some("License k\u{e9}y"),
        None,
        Some("k\u{e9}y"),
    );
    key_case(
        g,
        "empty-x",
        "An empty or blank X-License-Key is none",
        None,
        Some(" \t "),
        None,
    );
    key_case(g, "none", "No header: none (401)", None, None, None);

    let a = g.k.a.clone();
    let pro = a.issue(&spec("pro"));
    let later = ms("2027-01-01T00:00:00Z");
    let mut tampered = pro.clone();
    tampered.replace_range(tampered.len() - 4.., "AAAA");
    let request = |auth: Option<String>, path: &str, feature: Option<&str>| json!({"op": "gateway", "headers": {"authorization": auth, "x-license-key": null}, "path": path, "feature": feature});
    let license = |t: &str| Some(format!("License {t}"));
    let mut with_now =
        |id: &str, d: &str, mut req: Value, now: Option<u64>, status: u16, code: Option<&str>| {
            if let Some(n) = now {
                req["now_ms"] = json!(n);
            }
            g.case(
                &format!("gateway/{id}"),
                d,
                req,
                json!({"status": status, "code": code}),
            );
        };
    with_now(
        "allowed",
        "A valid key on a plain route passes",
        request(license(&pro), "/api/devices", None),
        None,
        200,
        None,
    );
    with_now(
        "feature-allowed",
        "A valid key with the route's feature passes",
        request(license(&pro), "/api/query", Some("api_access")),
        None,
        200,
        None,
    );
    with_now(
        "no-key-401",
        "No key: 401 no-license",
        request(None, "/api/devices", None),
        None,
        401,
        Some("no-license"),
    );
    with_now(
        "rejected-key-401",
        "A key that does not verify: 401 with the core's code",
        request(license(&tampered), "/api/devices", None),
        None,
        401,
        Some("bad-signature"),
    );
    with_now(
        "malformed-key-401",
        "A key that is not a token: 401 malformed",
        request(Some("License not-a-token".into()), "/api/devices", None),
        None,
        401,
        Some("malformed"),
    );
    with_now(
        "missing-feature-403",
        "A valid key without the route's feature: 403 naming it",
        request(license(&pro), "/sso/login", Some("sso")),
        None,
        403,
        Some("feature-not-licensed"),
    );
    with_now(
        "expired-503",
        "An expired key: 503 on ordinary routes",
        request(license(&pro), "/api/devices", None),
        Some(later),
        503,
        Some("expired"),
    );
    with_now(
        "expired-exempt-path",
        "An expired key still reaches exempt paths",
        request(license(&pro), "/health", None),
        Some(later),
        200,
        None,
    );
    requests_cases(g, &pro, &tampered);
    g.take()
}

fn requests_cases(g: &mut Gen, pro: &str, tampered: &str) {
    let a = g.k.a.clone();
    let issue = |id: &str, nb: Option<&str>, exp: &str| {
        a.issue(&LicenseSpec {
            id: id.into(),
            not_before: nb.map(Into::into),
            expires_at: Some(exp.into()),
            ..spec("pro")
        })
    };
    let now = ms(NOW);
    let later = ms("2027-01-01T00:00:00Z");
    let req = |key: Option<&str>, path: &str, feature: Option<&str>, at: u64| {
        json!({"headers": {"authorization": key.map(|k| format!("License {k}")), "x-license-key": null},
               "path": path, "feature": feature, "now_ms": at})
    };
    let mut seq = |id: &str, d: &str, steps: Vec<(Value, u16, Option<&str>)>, held: (u64, u64)| {
        let (requests, outcomes): (Vec<Value>, Vec<Value>) = steps
            .into_iter()
            .map(|(r, status, code)| (r, json!({"status": status, "code": code})))
            .unzip();
        g.case(
            &format!("gateway/{id}"),
            d,
            json!({"op": "gateway_requests", "requests": requests}),
            json!({"outcomes": outcomes, "cached_keys": held.0, "rejected_keys": held.1}),
        );
    };
    let short = issue("lic_short", None, "2026-12-31");
    let long = issue("lic_long", None, "2099-12-31");
    seq(
        "many-keys-expire-apart",
        "One gateway, two keys: the first expiring blocks only its own callers",
        vec![
            (req(Some(&short), "/api/devices", None, now), 200, None),
            (req(Some(&long), "/api/devices", None, now), 200, None),
            (
                req(Some(&short), "/api/devices", None, later),
                503,
                Some("expired"),
            ),
            (req(Some(&long), "/api/devices", None, later), 200, None),
            (req(Some(&short), "/health", None, later), 200, None),
        ],
        (2, 0),
    );
    seq(
        "forgery-checked-once-kept-apart",
        "A forged key is remembered apart from verified ones; garbage and unknown key ids take no slot",
        vec![
            (req(Some(pro), "/api/devices", None, now), 200, None),
            (req(Some(tampered), "/api/devices", None, now), 401, Some("bad-signature")),
            (req(Some(tampered), "/api/devices", None, now), 401, Some("bad-signature")),
            (req(Some("not-a-token"), "/api/devices", None, now), 401, Some("malformed")),
            (req(Some("lg1.ed25519.nokid.e30.AAAA"), "/api/devices", None, now), 401, Some("unknown-key-id")),
            (req(Some(pro), "/api/devices", None, now), 200, None),
        ],
        (1, 1),
    );
    let genuine = issue("lic_genuine", None, "2099-12-31");
    let mut forged = genuine.clone();
    forged.replace_range(forged.len() - 4.., "AAAA");
    seq(
        "negative-cache-never-answers-for-a-genuine-key",
        "A forgery of a license, then the genuine key for it: the genuine key passes",
        vec![
            (
                req(Some(&forged), "/api/devices", None, now),
                401,
                Some("bad-signature"),
            ),
            (req(Some(&genuine), "/api/devices", None, now), 200, None),
            (
                req(Some(&forged), "/api/devices", None, now),
                401,
                Some("bad-signature"),
            ),
        ],
        (1, 1),
    );
    let future = issue("lic_future", Some("2026-09-01"), "2099-12-31");
    seq(
        "not-yet-valid-becomes-valid",
        "A key not valid yet runs the community tier, then its plan once its time comes",
        vec![
            (
                req(Some(&future), "/api/query", Some("api_access"), now),
                403,
                Some("not-yet-valid"),
            ),
            (req(Some(&future), "/api/devices", None, now), 200, None),
            (
                req(
                    Some(&future),
                    "/api/query",
                    Some("api_access"),
                    ms("2026-09-02T00:00:00Z"),
                ),
                200,
                None,
            ),
        ],
        (1, 0),
    );
    seq(
        "no-key-holds-nothing",
        "Requests without a key are refused and leave nothing behind",
        vec![
            (
                req(None, "/api/devices", None, now),
                401,
                Some("no-license"),
            ),
            (req(None, "/health", None, now), 401, Some("no-license")),
        ],
        (0, 0),
    );
}

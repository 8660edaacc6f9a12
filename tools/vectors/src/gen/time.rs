//! `tests/vectors/time.json`: Expiry and not-before boundaries.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "Expiry and not-before boundaries";

pub fn cases(g: &mut Gen) -> Vec<Value> {
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

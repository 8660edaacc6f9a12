//! `POST /v1/status`: the signed status list for gateways and edge workers
//! (docs/online-protocol.md, "Status list"). A gateway holding a token of
//! scope `status` asks for the changes since the serial it holds and gets
//! every license changed since (revoked, suspended, deleted, or in force
//! with its current terms), signed like every answer, paged to stay under
//! the clients' 16 KiB answer cap. It registers no device.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use licensewarden_guest::json::{self, Value};
use licensewarden_guest::protocol::{MAX_ANSWER_BYTES, SIGNATURE_HEADER, VERSION};

use crate::db::{LicenseRow, StatusChange};
use crate::reply::{bad_request, DbError};
use crate::tokens::Scope;
use crate::{now_ms, AppState};

/// Most changes read per answer.
pub const PAGE_ROWS: i64 = 200;
/// Body size an answer stops growing at (the clients' cap, less room for
/// the envelope).
const PAGE_BYTES: usize = MAX_ANSWER_BYTES - 512;

/// `{"nonce": <1-64 base64url chars>, "since": <serial>, "v": 1}`, strictly.
fn parse(body: &[u8]) -> Result<(String, u64), String> {
    let text = std::str::from_utf8(body).map_err(|_| "the body is not UTF-8".to_string())?;
    let v = json::parse(text).map_err(|e| format!("the body is not strict JSON ({e})"))?;
    let Value::Object(members) = &v else {
        return Err("the body must be an object".into());
    };
    if members.len() != 3 || v.get("v").and_then(Value::as_u64) != Some(VERSION) {
        return Err("the body must be exactly {\"nonce\", \"since\", \"v\": 1}".into());
    }
    let nonce = v
        .get("nonce")
        .and_then(Value::as_str)
        .filter(|n| {
            (1..=64).contains(&n.len())
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .ok_or("'nonce' must be 1-64 base64url characters")?;
    let since = v
        .get("since")
        .and_then(Value::as_u64)
        .filter(|s| i64::try_from(*s).is_ok())
        .ok_or("'since' must be a whole number")?;
    Ok((nonce.to_string(), since))
}

/// One entry of the list; `with_terms` false drops the terms of an entry
/// too large for an answer (the key's own terms then apply).
fn entry(change: &StatusChange, with_terms: bool) -> Value {
    match change {
        StatusChange::Deleted(id) => Value::object(vec![
            ("id", Value::from(id.as_str())),
            ("state", Value::from("deleted")),
        ]),
        StatusChange::Stands(l) => standing(l, with_terms),
    }
}

fn standing(l: &LicenseRow, with_terms: bool) -> Value {
    let id = ("id", Value::from(l.id.as_str()));
    if l.revoked_at.is_some() {
        return Value::object(vec![
            id,
            ("reason", Value::from("")),
            ("state", Value::from("revoked")),
        ]);
    }
    if l.suspended_at.is_some() {
        let reason = l.suspend_reason.clone().unwrap_or_default();
        return Value::object(vec![
            id,
            ("reason", Value::String(reason)),
            ("state", Value::from("suspended")),
        ]);
    }
    let mut m = vec![id, ("state", Value::from("active"))];
    if with_terms {
        if let Ok(t) = json::parse(&l.terms()) {
            m.push(("terms", t));
        }
    }
    Value::object(m)
}

/// The changes that fit one answer, the serial after them, and whether
/// more wait.
fn page(changes: &[(i64, StatusChange)], since: u64) -> (Vec<Value>, u64, bool) {
    let mut out = Vec::new();
    let mut size = 0;
    let mut serial = since;
    for (s, change) in changes {
        let mut e = entry(change, true);
        let mut len = e.to_canonical().len() + 1;
        if out.is_empty() && len > PAGE_BYTES {
            e = entry(change, false);
            len = e.to_canonical().len() + 1;
        }
        if size + len > PAGE_BYTES {
            return (out, serial, true);
        }
        size += len;
        serial = (*s).max(0) as u64;
        out.push(e);
    }
    let full = changes.len() as i64 >= PAGE_ROWS;
    (out, serial, full)
}

/// Answer one status-list request.
pub async fn status(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let _actor = crate::require!(state, headers, Scope::Status);
    let Ok(body) = axum::body::to_bytes(body, crate::protocol_api::MAX_REQUEST_BYTES).await else {
        return crate::protocol_api::too_large(&state);
    };
    let (nonce, since) = match parse(&body) {
        Ok(x) => x,
        Err(why) => return bad_request(vec![why]),
    };
    let changes = match state.db.status_since(since as i64, PAGE_ROWS).await {
        Ok(c) => c,
        Err(e) => return DbError(e).into_response(),
    };
    let (licenses, serial, more) = page(&changes, since);
    let body = Value::object(vec![
        ("licenses", Value::Array(licenses)),
        ("more", Value::Bool(more)),
        ("nonce", Value::String(nonce)),
        ("result", Value::from("status")),
        ("serial", Value::from(serial)),
        ("server_time", Value::from(now_ms().max(0) as u64)),
        ("v", Value::from(VERSION)),
    ])
    .to_canonical();
    let sig = state.signing.sign_answer(200, &body);
    let mut r = Response::new(axum::body::Body::from(body));
    *r.status_mut() = StatusCode::OK;
    let h = r.headers_mut();
    h.insert("content-type", HeaderValue::from_static("application/json"));
    if let Ok(v) = HeaderValue::from_str(&sig) {
        h.insert(SIGNATURE_HEADER, v);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_body_is_read_strictly() {
        assert_eq!(
            parse(br#"{"nonce":"AAAA","since":7,"v":1}"#).unwrap(),
            ("AAAA".into(), 7)
        );
        for bad in [
            &br#"{"nonce":"AAAA","since":7}"#[..],
            br#"{"nonce":"AA AA","since":7,"v":1}"#,
            br#"{"nonce":"AAAA","since":-1,"v":1}"#,
            br#"{"nonce":"AAAA","since":7,"v":1,"x":0}"#,
            br#"{"nonce":"AAAA","since":7,"v":2}"#,
            b"\xff",
        ] {
            assert!(parse(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_page_stops_under_the_answer_cap_and_says_more() {
        let changes: Vec<(i64, StatusChange)> = (1..=PAGE_ROWS)
            .map(|n| (n, StatusChange::Deleted(format!("lic_{n:0>100}"))))
            .collect();
        let (out, serial, more) = page(&changes, 0);
        assert!(more);
        assert!(!out.is_empty() && (out.len() as i64) < PAGE_ROWS);
        assert_eq!(serial, out.len() as u64);
        let text = Value::Array(out).to_canonical();
        assert!(text.len() <= PAGE_BYTES);
        let (none, serial, more) = page(&[], 41);
        assert!(none.is_empty() && serial == 41 && !more);
    }
}

//! Air-gapped activation by file (docs/air-gapped.md): a request file made
//! on a machine without network becomes an activation file here, through
//! the admin API (`POST /admin/offline-activations`, the admin CLI's
//! `offline-activate`) or the customer portal. The request is judged by
//! the protocol's own handler ([`protocol_api::answer`] with
//! [`Via::File`]): the same MAC, revocation, suspension, expiry and device
//! limit rules as an online `activate`, so a file counts against
//! `max_devices` like an online activation.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensewarden_guest::activation_file::{self, MAX_REQUEST_FILE_BYTES};
use licensewarden_guest::protocol::{self, DATE_HEADER, SIGNATURE_HEADER};
use licensewarden_guest::time;
use serde_json::{json, Value};

use crate::protocol_api::{self, Via};
use crate::reply::error;
use crate::tokens::Scope;
use crate::AppState;

/// An activation file made for one device.
#[derive(Debug, Clone)]
pub struct Made {
    /// The file's text (one line of JSON), to save as `activation.lwa`.
    pub file: String,
    /// The license it activates.
    pub license_id: String,
    /// The device it is bound to.
    pub device_id: String,
    /// The machine's hostname, as its request gave it.
    pub hostname: String,
    /// Until when the file keeps the device active, unix ms.
    pub until: u64,
}

/// Why no activation file was made: HTTP status, stable code, words.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// HTTP status for an API caller.
    pub status: StatusCode,
    /// The protocol's result (`device-limit`, `revoked`, ...) or
    /// `bad-request`.
    pub code: String,
    /// What is wrong and what to do.
    pub message: String,
}

fn refusal(status: StatusCode, code: &str, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        code: code.into(),
        message: message.into(),
    }
}

/// Turn a request file into an activation file. `license`: the only
/// license the caller may activate (a portal session's), or none (admin).
pub async fn make(state: &AppState, text: &str, license: Option<&str>) -> Result<Made, Refusal> {
    let bad = |m: String| refusal(StatusCode::BAD_REQUEST, "bad-request", m);
    let req = activation_file::parse_request_file(text).map_err(bad)?;
    let body = protocol::parse_request_body(&req.body)
        .map_err(|why| bad(format!("the request file's body is refused: {why}")))?;
    if body.action != protocol::Action::Activate {
        return Err(bad(format!(
            "the request file asks to {}, not to activate; make it with `licensewarden activate --offline-request request.json`",
            body.action.as_str()
        )));
    }
    if license.is_some_and(|l| l != body.license_id) {
        return Err(refusal(
            StatusCode::FORBIDDEN,
            "other-license",
            "this request file is for another license than the one you signed in with; sign in with the key of the machine that made it",
        ));
    }
    let mut headers = HeaderMap::new();
    for (name, value) in [
        (DATE_HEADER, &req.date),
        ("authorization", &req.authorization),
    ] {
        let v = HeaderValue::from_str(value)
            .map_err(|_| bad(format!("the request file's {name} is not a header value")))?;
        headers.insert(name, v);
    }
    let answer =
        protocol_api::answer(state, "activate", &headers, req.body.as_bytes(), Via::File).await;
    let status = answer.status().as_u16();
    let signature = answer
        .headers()
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = axum::body::to_bytes(answer.into_body(), protocol::MAX_ANSWER_BYTES)
        .await
        .unwrap_or_default();
    let answer_text = String::from_utf8_lossy(&bytes).into_owned();
    let v: Value = serde_json::from_str(&answer_text).unwrap_or(Value::Null);
    let Some(signature) = signature else {
        // Unsigned: the server's own failure (storage down, busy).
        return Err(refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            v["error"]["code"].as_str().unwrap_or("unavailable"),
            v["error"]["message"]
                .as_str()
                .unwrap_or("the license server could not answer; try again"),
        ));
    };
    let result = v["result"].as_str().unwrap_or("");
    if result != "valid" {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
        let message = v["message"].as_str().unwrap_or("refused");
        return Err(refusal(
            status,
            result,
            format!("no activation file: {message}"),
        ));
    }
    Ok(Made {
        file: activation_file::activation_file(status, &answer_text, &signature),
        license_id: body.license_id,
        device_id: body.device_id,
        hostname: body.hostname,
        until: v["offline_until"].as_u64().unwrap_or(0),
    })
}

/// The `request` member of an admin body, read as strictly as every admin
/// body (strict JSON, no duplicate or unknown member).
fn request_member(body: &[u8]) -> Result<String, String> {
    use licensewarden_guest::json::{self as core_json, Value as CoreValue};
    const SHAPE: &str = "the body must be {\"request\": \"<the request file's text>\"}";
    let text = std::str::from_utf8(body).map_err(|_| "the body is not UTF-8".to_string())?;
    let v = core_json::parse(text)
        .map_err(|e| format!("the body is not strict JSON ({e}); {SHAPE}"))?;
    let CoreValue::Object(members) = &v else {
        return Err(SHAPE.into());
    };
    if let Some((k, _)) = members.iter().find(|(k, _)| k != "request") {
        return Err(format!(
            "unknown member {}; {SHAPE}",
            licensewarden_guest::escape::quoted(k)
        ));
    }
    v.get("request")
        .and_then(CoreValue::as_str)
        .map(str::to_string)
        .ok_or_else(|| SHAPE.to_string())
}

/// `POST /admin/offline-activations`: `{"request": "<request file text>"}`
/// answers `{"activation": "<activation file text>", "license_id",
/// "device_id", "hostname", "valid_until"}`.
pub async fn create(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let _actor = crate::require!(state, headers, Scope::Admin);
    if body.len() > 2 * MAX_REQUEST_FILE_BYTES {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "request body is larger than 16 KiB",
        );
    }
    let text = match request_member(&body) {
        Ok(t) => t,
        Err(why) => return error(StatusCode::BAD_REQUEST, "bad-request", &why),
    };
    match make(&state, &text, None).await {
        Ok(m) => (
            StatusCode::CREATED,
            Json(json!({
                "activation": m.file,
                "license_id": m.license_id,
                "device_id": m.device_id,
                "hostname": m.hostname,
                "valid_until": time::format_datetime(m.until),
            })),
        )
            .into_response(),
        Err(r) => error(r.status, &r.code, &r.message),
    }
}

//! Admin API (bearer token): create or register licenses, list and show
//! them with their devices, revoke, delete a device.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensewarden::issue::{random_license_id, LicenseSpec};
use licensewarden_guest::names::license_id_problem;
use licensewarden_guest::payload::License;
use licensewarden_guest::{time, token};
use serde_json::{json, Value};

use crate::admin_input::{org_problem, parse_create, CreateRequest};
use crate::db::{DeviceRow, LicenseRow};
use crate::{ct_eq, now_ms, AppState};

/// Largest admin request body, bytes.
pub const MAX_ADMIN_BYTES: usize = 32 * 1024;

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    crate::json_error(status, code, message)
}

fn authorized(state: &AppState, headers: &HeaderMap) -> bool {
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Only the hash is kept; comparing hashes in constant time also hides
    // the token's length.
    ct_eq(
        &licensewarden_guest::crypto::sha256(given.as_bytes()),
        &state.admin_hash,
    )
}

macro_rules! require_admin {
    ($state:expr, $headers:expr) => {
        if !authorized(&$state, &$headers) {
            return error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "missing or wrong admin token: send Authorization: Bearer <token>",
            );
        }
    };
}

fn db_error(e: &str) -> Response {
    tracing::error!(error = e, "database error");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "storage-unavailable",
        "the database did not answer; try again",
    )
}

/// A license as the admin API shows it: its terms as they were given
/// (`expires` as written) beside the instants they mean.
fn license_json(l: &LicenseRow, devices: Option<&[DeviceRow]>) -> Value {
    let parsed = |text: &str, empty: Value| serde_json::from_str(text).unwrap_or(empty);
    let mut v = json!({
        "id": l.id, "plan": l.plan, "org": l.org,
        "features": parsed(&l.features, json!([])),
        "limits": parsed(&l.limits, json!({})),
        "max_devices": l.max_devices,
        "expires": l.expires,
        "expires_at": l.expires_at.map(|e| time::format_datetime(e as u64)),
        "revoked": l.revoked_at.is_some(),
        "revoked_at": l.revoked_at.map(|e| time::format_datetime(e as u64)),
        "created_at": time::format_datetime(l.created_at as u64),
    });
    if let Some(ds) = devices {
        v["devices"] = ds
            .iter()
            .map(|d| {
                json!({"device_id": d.device_id, "hostname": d.hostname, "os": d.os, "arch": d.arch,
                            "first_seen": time::format_datetime(d.first_seen as u64),
                            "last_seen": time::format_datetime(d.last_seen as u64)})
            })
            .collect();
    }
    v
}

/// The license a token carries, decoded. The token's signature is checked
/// against the vendor keys the server was given (`--license-key`), when any.
/// Its id and org must pass the same rules as the admin API's fields, so a
/// registered license can always be validated and shown safely.
fn decode(state: &AppState, tok: &str) -> Result<License, String> {
    let lic = if state.vendor_keys.is_empty() {
        let parts = token::parse(tok).map_err(|e| e.message)?;
        License::from_payload(&parts.payload, parts.kid).map_err(|e| e.message)?
    } else {
        let (parts, _) = token::authenticate(tok, &state.vendor_keys).map_err(|e| e.message)?;
        License::from_payload(&parts.payload, parts.kid).map_err(|e| e.message)?
    };
    if let Some(why) = license_id_problem(&lic.id) {
        return Err(format!(
            "the token's license id {why}; the protocol could never validate it"
        ));
    }
    if !lic.org.is_empty() {
        if let Some(why) = org_problem(&lic.org) {
            return Err(format!("the token's org {why}"));
        }
    }
    Ok(lic)
}

/// `POST /admin/licenses`: `{"token": "lg1..."}` registers a token issued
/// elsewhere; `{"plan", "org"?, "features"?, "limits"?, "expires"?,
/// "not_before"?, "id"?}` has the server issue one with its issuing key.
/// Unknown, mistyped or duplicated fields are refused, each one named.
pub async fn create(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    require_admin!(state, headers);
    if body.len() > MAX_ADMIN_BYTES {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "request body is larger than 32 KiB",
        );
    }
    let request = match parse_create(&body) {
        Ok(r) => r,
        Err(problems) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"error": {"code": "bad-request", "message": problems.join("; "), "fields": problems}})),
            )
                .into_response()
        }
    };
    let tok = match request {
        CreateRequest::Register { token } => token,
        CreateRequest::Issue(terms) => {
            let Some(key) = &state.issuing else {
                return error(StatusCode::BAD_REQUEST, "no-issuing-key",
                    "this server has no issuing key (--issuing-key private.key): register a token issued with `licensewarden issue` as {\"token\": ...}");
            };
            key.issue(&LicenseSpec {
                id: terms.id.unwrap_or_else(random_license_id),
                org: terms.org,
                plan: terms.plan,
                features: terms.features,
                limits: terms.limits,
                issued_at: time::format_datetime(now_ms() as u64),
                not_before: terms.not_before,
                expires_at: terms.expires,
            })
        }
    };
    let lic = match decode(&state, &tok) {
        Ok(l) => l,
        Err(e) => return error(StatusCode::BAD_REQUEST, "bad-token", &e),
    };
    let row = LicenseRow::from_token(&tok, &lic, now_ms());
    match state.db.insert_license(&row).await {
        Ok(true) => {
            tracing::info!(license = %licensewarden_guest::escape::quoted(&row.id), plan = %row.plan, "license created");
            (
                StatusCode::CREATED,
                Json(json!({"license": license_json(&row, None), "token": tok})),
            )
                .into_response()
        }
        Ok(false) => error(
            StatusCode::CONFLICT,
            "exists",
            "a license with this id is already registered",
        ),
        Err(e) => db_error(&e),
    }
}

/// `GET /admin/licenses`.
pub async fn list(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    require_admin!(state, headers);
    match state.db.licenses(10_000).await {
        Ok(ls) => {
            Json(json!({"licenses": ls.iter().map(|l| license_json(l, None)).collect::<Vec<_>>()}))
                .into_response()
        }
        Err(e) => db_error(&e),
    }
}

/// `GET /admin/licenses/{id}` with its devices.
pub async fn show(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    require_admin!(state, headers);
    match state.db.license(&id).await {
        Ok(Some(l)) => match state.db.devices(&id).await {
            Ok(ds) => Json(json!({"license": license_json(&l, Some(&ds))})).into_response(),
            Err(e) => db_error(&e),
        },
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no license with this id",
        ),
        Err(e) => db_error(&e),
    }
}

/// `POST /admin/licenses/{id}/revoke`.
pub async fn revoke(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    require_admin!(state, headers);
    match state.db.revoke(&id, now_ms()).await {
        Ok(true) => {
            tracing::info!(license = %licensewarden_guest::escape::quoted(&id), "license revoked");
            Json(json!({"revoked": id})).into_response()
        }
        Ok(false) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no license with this id",
        ),
        Err(e) => db_error(&e),
    }
}

/// `DELETE /admin/licenses/{id}/devices/{device}`.
pub async fn delete_device(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path((id, device)): Path<(String, String)>,
) -> Response {
    require_admin!(state, headers);
    match state.db.remove_device(&id, &device, now_ms()).await {
        Ok((true, left)) => Json(json!({"deleted": device, "registered": left})).into_response(),
        Ok((false, _)) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no such device on this license",
        ),
        Err(e) => db_error(&e),
    }
}

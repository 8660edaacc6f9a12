//! Admin API (bearer token): create or register licenses, list and show
//! them with their devices, revoke, delete a device.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensewarden::issue::{random_license_id, LicenseSpec};
use licensewarden_guest::names::valid_name;
use licensewarden_guest::payload::License;
use licensewarden_guest::{time, token};
use serde_json::{json, Value};

use crate::db::{DeviceRow, LicenseRow};
use crate::{ct_eq, now_ms, AppState};

/// Largest admin request body, bytes.
pub const MAX_ADMIN_BYTES: usize = 32 * 1024;

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
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

fn license_json(l: &LicenseRow, devices: Option<&[DeviceRow]>) -> Value {
    let mut v = json!({
        "id": l.id, "plan": l.plan, "org": l.org, "max_devices": l.max_devices,
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
fn decode(state: &AppState, tok: &str) -> Result<License, String> {
    if state.vendor_keys.is_empty() {
        let parts = token::parse(tok).map_err(|e| e.message)?;
        License::from_payload(&parts.payload, parts.kid).map_err(|e| e.message)
    } else {
        let (parts, _) = token::authenticate(tok, &state.vendor_keys).map_err(|e| e.message)?;
        License::from_payload(&parts.payload, parts.kid).map_err(|e| e.message)
    }
}

fn strings(v: &Value, field: &str) -> Result<Vec<String>, String> {
    match v.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .filter(|s| valid_name(s))
                    .map(str::to_string)
                    .ok_or(format!(
                        "'{field}' entries must be names of 1-64 A-Z a-z 0-9 _ - . :"
                    ))
            })
            .collect(),
        _ => Err(format!("'{field}' must be a list")),
    }
}

/// `POST /admin/licenses`: `{"token": "lg1..."}` registers a token issued
/// elsewhere; `{"plan", "org"?, "features"?, "limits"?, "expires"?, "id"?}`
/// has the server issue one with its issuing key.
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
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return error(StatusCode::BAD_REQUEST, "bad-request", "body is not JSON");
    };
    let tok = match v.get("token").and_then(Value::as_str) {
        Some(t) => t.trim().to_string(),
        None => {
            let Some(key) = &state.issuing else {
                return error(StatusCode::BAD_REQUEST, "no-issuing-key",
                    "this server has no issuing key (--issuing-key private.key): register a token issued with `licensewarden issue` as {\"token\": ...}");
            };
            let Some(plan) = v
                .get("plan")
                .and_then(Value::as_str)
                .filter(|p| valid_name(p))
            else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "bad-request",
                    "'plan' is required: 1-64 of A-Z a-z 0-9 _ - . :",
                );
            };
            let features = match strings(&v, "features") {
                Ok(f) => f,
                Err(e) => return error(StatusCode::BAD_REQUEST, "bad-request", &e),
            };
            let mut limits = Vec::new();
            if let Some(obj) = v.get("limits").and_then(Value::as_object) {
                for (k, n) in obj {
                    match n.as_u64() {
                        Some(n) if valid_name(k) => limits.push((k.clone(), n)),
                        _ => {
                            return error(
                                StatusCode::BAD_REQUEST,
                                "bad-request",
                                "'limits' maps names to whole numbers",
                            )
                        }
                    }
                }
            }
            let expires = v.get("expires").and_then(Value::as_str).map(str::to_string);
            if let Some(e) = &expires {
                if time::parse(e).is_none() {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "bad-request",
                        "'expires' is YYYY-MM-DD or an RFC 3339 date-time",
                    );
                }
            }
            let spec = LicenseSpec {
                id: v
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or_else(random_license_id, str::to_string),
                org: v.get("org").and_then(Value::as_str).map(str::to_string),
                plan: plan.into(),
                features,
                limits,
                issued_at: time::format_datetime(now_ms() as u64),
                expires_at: expires,
                ..Default::default()
            };
            key.issue(&spec)
        }
    };
    let lic = match decode(&state, &tok) {
        Ok(l) => l,
        Err(e) => return error(StatusCode::BAD_REQUEST, "bad-token", &e),
    };
    let row = LicenseRow {
        id: lic.id.clone(),
        token: tok.clone(),
        plan: lic.plan.clone(),
        org: lic.org.clone(),
        max_devices: lic
            .limits
            .get("max_devices")
            .copied()
            .unwrap_or(0)
            .min(i64::MAX as u64) as i64,
        expires_at: lic.expires_at.map(|e| e.min(i64::MAX as u64) as i64),
        revoked_at: None,
        created_at: now_ms(),
    };
    match state.db.insert_license(&row).await {
        Ok(true) => {
            tracing::info!(license = %row.id, plan = %row.plan, "license created");
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
            tracing::info!(license = %id, "license revoked");
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
    match state.db.remove_device(&id, &device).await {
        Ok((true, left)) => Json(json!({"deleted": device, "registered": left})).into_response(),
        Ok((false, _)) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no such device on this license",
        ),
        Err(e) => db_error(&e),
    }
}

//! Admin API (bearer token): create or register licenses, list and show
//! them with their devices, revoke, delete a device.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensewarden_guest::names::license_id_problem;
use licensewarden_guest::payload::License;
use licensewarden_guest::{time, token};
use licensewarden_issue::{random_license_id, LicenseSpec};
use serde_json::json;

use crate::admin_input::{org_problem, parse_create, CreateRequest};
use crate::db::{Event, LicenseRow};
use crate::reply::{db_error, error, license_json};
use crate::tokens::Scope;
use crate::{now_ms, AppState};

/// Largest admin request body, bytes.
pub const MAX_ADMIN_BYTES: usize = 32 * 1024;

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
    let actor = crate::require!(state, headers, Scope::Admin);
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
    match create_license(&state, request, &actor).await {
        Ok((row, tok)) => (
            StatusCode::CREATED,
            Json(json!({"license": license_json(&row, None), "token": tok})),
        )
            .into_response(),
        Err((status, code, message)) if status == StatusCode::SERVICE_UNAVAILABLE => {
            let _ = code;
            db_error(&message)
        }
        Err((status, code, message)) => error(status, code, &message),
    }
}

/// Issue or register a license as `actor`: the row and the customer's key,
/// or (status, code, message) to refuse with. The admin API and the
/// console both create licenses here.
pub async fn create_license(
    state: &AppState,
    request: CreateRequest,
    actor: &str,
) -> Result<(LicenseRow, String), (StatusCode, &'static str, String)> {
    let tok = match request {
        CreateRequest::Register { token } => token,
        CreateRequest::Issue(terms) => {
            let Some(key) = &state.issuing else {
                return Err((StatusCode::BAD_REQUEST, "no-issuing-key",
                    "this server has no issuing key (--issuing-key private.key): register a token issued with `licensewarden issue` as {\"token\": ...}".into()));
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
    let lic = decode(state, &tok).map_err(|e| (StatusCode::BAD_REQUEST, "bad-token", e))?;
    let row = LicenseRow::from_token(&tok, &lic, now_ms());
    match state.db.insert_license(&row).await {
        Ok(true) => {
            tracing::info!(license = %licensewarden_guest::escape::quoted(&row.id), plan = %row.plan, "license created");
            let ev = Event::new(
                row.created_at,
                &row.id,
                "",
                "license.created",
                actor,
                json!({"plan": row.plan, "features": crate::reply::stored_json(&row.features),
                    "limits": crate::reply::stored_json(&row.limits), "expires": row.expires}),
            );
            if let Err(e) = state.db.record(&ev).await {
                tracing::warn!(error = %e, "could not record the license.created event");
            }
            Ok((row, tok))
        }
        Ok(false) => Err((
            StatusCode::CONFLICT,
            "exists",
            "a license with this id is already registered".into(),
        )),
        Err(e) => Err((StatusCode::SERVICE_UNAVAILABLE, "storage-unavailable", e)),
    }
}

/// `GET /admin/licenses`.
pub async fn list(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let _ = crate::require!(state, headers, Scope::Read);
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
    let _ = crate::require!(state, headers, Scope::Read);
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

/// `DELETE /admin/licenses/{id}/devices/{device}`.
pub async fn delete_device(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path((id, device)): Path<(String, String)>,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    let now = now_ms();
    match state.db.remove_device(&id, &device, now).await {
        Ok((true, left)) => {
            let ev = Event::new(
                now,
                &id,
                &device,
                "device.freed",
                &actor,
                json!({"registered": left}),
            );
            if let Err(e) = state.db.record(&ev).await {
                tracing::warn!(error = %e, "could not record the device.freed event");
            }
            Json(json!({"deleted": device, "registered": left})).into_response()
        }
        Ok((false, _)) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no such device on this license",
        ),
        Err(e) => db_error(&e),
    }
}

//! The JSON answers every admin endpoint shares: errors (one shape, with
//! a stable code), a storage failure, a license as the API shows it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensewarden_guest::time;
use serde_json::{json, Value};

use crate::db::{DeviceRow, LicenseRow};

/// A 400 naming every problem (`error.fields`).
pub fn bad_request(problems: Vec<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": {"code": "bad-request", "message": problems.join("; "), "fields": problems}})),
    )
        .into_response()
}

/// A JSON error answer.
pub fn error(status: StatusCode, code: &str, message: &str) -> Response {
    crate::json_error(status, code, message)
}

/// A database failure, answered 503.
pub struct DbError(pub String);

impl IntoResponse for DbError {
    fn into_response(self) -> Response {
        db_error(&self.0)
    }
}

/// A storage failure, logged and answered 503 `storage-unavailable`.
pub fn db_error(e: &str) -> Response {
    tracing::error!(error = e, "database error");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "storage-unavailable",
        "the database did not answer; try again",
    )
}

/// A license as the admin API shows it: its terms as they were given
/// (`expires` as written) beside the instants they mean.
pub fn license_json(l: &LicenseRow, devices: Option<&[DeviceRow]>) -> Value {
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
        "suspended": l.suspended_at.is_some(),
        "suspended_at": l.suspended_at.map(|e| time::format_datetime(e as u64)),
        "suspend_reason": l.suspend_reason,
        "lease_minutes": l.lease_ms.map(|m| m / 60_000),
        "heartbeat_minutes": l.heartbeat_ms.map(|m| m / 60_000),
        "created_at": time::format_datetime(l.created_at as u64),
        "updated_at": time::format_datetime(l.updated_at as u64),
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

/// A JSON column (features, limits) as a value, for events.
pub fn stored_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

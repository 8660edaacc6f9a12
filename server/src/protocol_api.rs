//! `POST /v1/validate`, `/v1/activate`, `/v1/deactivate`
//! (docs/online-protocol.md). Every answer, errors included, is signed with
//! the server's Ed25519 key and echoes the client's nonce, license id and
//! device id. Check order: well formed -> date -> license known -> MAC ->
//! replay -> revoked -> expired -> device.
//!
//! Devices: only `activate` registers a device that was freed (by
//! `deactivate` or by the vendor). A routine `validate` from a freed
//! device is answered a signed `deactivated` (the client shows
//! `not-validated` and stops checking until it is activated again), so a
//! freed slot stays free. A `validate` from a device the license has never
//! seen still registers it: that is how products whose first check is a
//! routine one (every host's background loop) join their license.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use licensewarden_guest::b64;
use licensewarden_guest::protocol::{
    self, Action, Answer, RequestBody, Verdict, AUTH_SCHEME, DATE_HEADER, SIGNATURE_HEADER,
};

use crate::db::{DeviceRow, Event, LicenseRow, Registration};
use crate::writeback::Nonce;
use crate::{ct_eq, now_ms, AppState};

/// Largest request body read, bytes.
pub const MAX_REQUEST_BYTES: usize = 4096;
/// Allowed clock difference, ms.
pub const SKEW_MS: i64 = 5 * 60 * 1000;
/// How long nonces are remembered, ms (twice the skew window).
pub const REPLAY_WINDOW_MS: i64 = 10 * 60 * 1000;
const UNKNOWN_ENDPOINT: &str =
    "unknown endpoint: the protocol has /v1/activate, /v1/validate and /v1/deactivate";

/// Lease granted with `valid` answers when neither the license nor the
/// server's `--lease-minutes` sets one, ms.
pub const LEASE_MS: u64 = 24 * 3600 * 1000;

/// How a request reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Over the network, from the product itself.
    Online,
    /// As an offline request file (air-gapped activation), carried to the
    /// vendor days later: the MAC is checked as online, but its date may
    /// be up to [`MAX_REQUEST_FILE_AGE_MS`] old, and a `valid` answer
    /// carries `offline_until` (the activation file's own validity).
    File,
}

/// Oldest offline request file the server still answers, ms.
pub const MAX_REQUEST_FILE_AGE_MS: i64 = 30 * 24 * 3600 * 1000;

struct Echo {
    license_id: String,
    device_id: String,
    nonce: String,
    via: Via,
}

impl Echo {
    fn of(b: &RequestBody, via: Via) -> Echo {
        Echo {
            license_id: b.license_id.clone(),
            device_id: b.device_id.clone(),
            nonce: b.nonce.clone(),
            via,
        }
    }

    fn none() -> Echo {
        Echo {
            license_id: String::new(),
            device_id: String::new(),
            nonce: String::new(),
            via: Via::Online,
        }
    }
}

fn signed(
    state: &AppState,
    verdict: Verdict,
    status: u16,
    echo: &Echo,
    devices: Option<(i64, i64)>,
    message: &str,
) -> Response {
    sign(state, status, echo, devices, message, verdict, None)
}

/// A `valid` answer: the license's current terms and its lease ride along,
/// under the same signature.
fn valid(
    state: &AppState,
    status: u16,
    echo: &Echo,
    devices: (i64, i64),
    message: &str,
    license: &LicenseRow,
) -> Response {
    sign(
        state,
        status,
        echo,
        Some(devices),
        message,
        Verdict::Valid,
        Some(license),
    )
}

fn sign(
    state: &AppState,
    status: u16,
    echo: &Echo,
    devices: Option<(i64, i64)>,
    message: &str,
    verdict: Verdict,
    license: Option<&LicenseRow>,
) -> Response {
    state.metrics.count(Some(verdict));
    let now = now_ms() as u64;
    let offline_until = match (echo.via, license) {
        (Via::File, Some(l)) if verdict == Verdict::Valid => {
            let until = now.saturating_add(state.settings.activation_file_ms);
            Some(l.expires_at.map_or(until, |e| until.min(e.max(0) as u64)))
        }
        _ => None,
    };
    let body = protocol::answer_body(&Answer {
        verdict,
        status,
        license_id: echo.license_id.clone(),
        device_id: echo.device_id.clone(),
        nonce: echo.nonce.clone(),
        server_time: now,
        lease_ms: license.map(|l| state.lease_ms(l)),
        registered: devices.map(|d| d.0.max(0) as u64),
        max: devices.map(|d| d.1.max(0) as u64),
        message: message.into(),
        terms: license.map(LicenseRow::terms),
        offline_until,
    });
    let sig = state.signing.sign_answer(status, &body);
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    h.insert("content-type", HeaderValue::from_static("application/json"));
    if let Ok(v) = HeaderValue::from_str(&sig) {
        h.insert(SIGNATURE_HEADER, v);
    }
    r
}

fn not_found(state: &AppState, echo: &Echo) -> Response {
    signed(
        state,
        Verdict::NotFound,
        404,
        echo,
        None,
        "this license is not known to the server",
    )
}

fn unavailable(state: &AppState, what: &str) -> Response {
    // A database failure is the server's problem: 503 (clients treat it as
    // offline and keep their grace), never a verdict about the license, so
    // it is not signed: no signed answer may exist without the database.
    tracing::error!(error = what, "database error");
    state.metrics.count(None);
    state.metrics.database_down();
    crate::json_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "storage-unavailable",
        "license server storage unavailable; clients count this as offline",
    )
}

/// The signed answer to a body larger than [`MAX_REQUEST_BYTES`], sent
/// before reading it; the connection is closed after it.
pub fn too_large(state: &AppState) -> Response {
    let mut r = signed(
        state,
        Verdict::BadRequest,
        413,
        &Echo::none(),
        None,
        "request body is larger than 4096 bytes",
    );
    r.headers_mut()
        .insert("connection", HeaderValue::from_static("close"));
    r
}

/// Signed answers for `/v1/` paths and methods the protocol does not have.
pub async fn unknown(State(state): State<Arc<AppState>>, method: axum::http::Method) -> Response {
    if method == axum::http::Method::POST {
        signed(
            &state,
            Verdict::BadRequest,
            404,
            &Echo::none(),
            None,
            UNKNOWN_ENDPOINT,
        )
    } else {
        let mut r = signed(
            &state,
            Verdict::BadRequest,
            405,
            &Echo::none(),
            None,
            "the protocol's endpoints take POST only",
        );
        r.headers_mut()
            .insert("allow", HeaderValue::from_static("POST"));
        r
    }
}

/// Handle one protocol request for the action named in the path.
pub async fn handle(
    State(state): State<Arc<AppState>>,
    Path(action): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started = std::time::Instant::now();
    let r = match axum::body::to_bytes(body, MAX_REQUEST_BYTES).await {
        Ok(body) => answer(&state, &action, &headers, &body, Via::Online).await,
        Err(_) => too_large(&state),
    };
    state.metrics.observe(started.elapsed());
    r
}

/// The signed answer to one protocol request (`via` says how it came).
pub async fn answer(
    state: &AppState,
    action: &str,
    headers: &HeaderMap,
    body: &[u8],
    via: Via,
) -> Response {
    let bad = |status: u16, echo: &Echo, msg: &str| {
        signed(state, Verdict::BadRequest, status, echo, None, msg)
    };
    let Some(action) = Action::parse(action) else {
        return bad(404, &Echo::none(), UNKNOWN_ENDPOINT);
    };
    if body.len() > MAX_REQUEST_BYTES {
        return bad(413, &Echo::none(), "request body is larger than 4096 bytes");
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return bad(400, &Echo::none(), "request body is not UTF-8");
    };
    let req = match protocol::parse_request_body(text) {
        Ok(r) => r,
        Err(why) => return bad(400, &Echo::none(), &why),
    };
    let echo = Echo::of(&req, via);
    if req.action != action {
        return bad(400, &echo, "the body's action does not match the path");
    }
    let unauthorized = |msg: &str| signed(state, Verdict::Unauthorized, 401, &echo, None, msg);
    let now = now_ms();
    let date = headers
        .get(DATE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if date != req.client_time.to_string() {
        return unauthorized("the date header is missing or differs from client_time");
    }
    let age = now - req.client_time as i64;
    match via {
        Via::Online if age.abs() > SKEW_MS => {
            return unauthorized("the request's date is more than 5 minutes from the server's clock; synchronise the client clock (NTP)");
        }
        Via::File if age < -SKEW_MS => {
            return unauthorized("the request file is dated in the future (the air-gapped machine's clock is ahead); set its clock and make a new request");
        }
        Via::File if age > MAX_REQUEST_FILE_AGE_MS => {
            return unauthorized("the request file is more than 30 days old; make a new one on the air-gapped machine");
        }
        _ => {}
    }
    let standing = match state.db.standing(&req.license_id, &req.device_id).await {
        Ok(Some(s)) => s,
        Ok(None) => return not_found(state, &echo),
        Err(e) => return unavailable(state, &e),
    };
    let license = &standing.license;
    let rk = b64::decode(&license.request_key).unwrap_or_default();
    let expected = protocol::hmac(
        &rk,
        protocol::mac_input("POST", action, date, text).as_bytes(),
    );
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix(AUTH_SCHEME))
        .and_then(|v| v.strip_prefix(' '))
        .and_then(|v| b64::decode(v).ok())
        .unwrap_or_default();
    if rk.len() != 32 || !ct_eq(&given, &expected) {
        return unauthorized("the request's authentication does not verify");
    }
    // A request file's nonce is days past the replay window; answering the
    // same file twice registers the device once and gives the same kind
    // of activation file, which only the vendor's admin or the license's
    // customer can ask for.
    let fresh = if via == Via::File {
        Nonce::Fresh
    } else if state.db.backend == "postgres" {
        match state.db.remember_nonce(&license.id, &req.nonce, now).await {
            Ok(true) => Nonce::Fresh,
            Ok(false) => Nonce::Replayed,
            Err(e) => return unavailable(state, &e),
        }
    } else {
        state
            .writeback
            .remember(&license.id, &req.nonce, now, now - REPLAY_WINDOW_MS)
    };
    match fresh {
        Nonce::Fresh => {}
        Nonce::Replayed => return unauthorized("this request was already seen (replayed nonce)"),
        Nonce::Full => {
            // The server's own capacity, not the database: 503 (offline for
            // the client), never an unchecked request, never "database down".
            tracing::error!(
                held = crate::writeback::MAX_NONCES,
                "the in-memory nonce window is full; refusing requests until older nonces expire"
            );
            state.metrics.count(None);
            return crate::json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the license server is at its replay-window capacity; try again in a minute",
            );
        }
    }
    state.metrics.database_up();
    let event = |kind: &str, details: serde_json::Value| {
        state.writeback.event(Event::new(
            now,
            &license.id,
            &req.device_id,
            kind,
            "device",
            details,
        ));
    };
    let refused = |verdict: Verdict, message: &str| {
        event(
            "check.refused",
            serde_json::json!({"action": action.as_str(), "result": verdict.as_str()}),
        );
        signed(state, verdict, 403, &echo, None, message)
    };
    if license.revoked_at.is_some() {
        return refused(Verdict::Revoked, "this license was revoked by the vendor");
    }
    if license.suspended_at.is_some() {
        let reason = license
            .suspend_reason
            .as_deref()
            .unwrap_or("suspended by the vendor");
        return refused(Verdict::Suspended, reason);
    }
    if license.expires_at.is_some_and(|e| now >= e) {
        return refused(Verdict::Expired, "this license has expired");
    }
    let max = license.max_devices;
    let device = DeviceRow {
        device_id: req.device_id.clone(),
        hostname: req.hostname.clone(),
        os: req.os.clone(),
        arch: req.arch.clone(),
        first_seen: now,
        last_seen: now,
    };
    let not_activated = |registered: i64| {
        signed(
            state,
            Verdict::Deactivated,
            200,
            &echo,
            Some((registered, max)),
            "this device's slot was freed (deactivated here or by the vendor); activate it to use the license on it again",
        )
    };
    match action {
        Action::Deactivate => {
            return match state
                .db
                .remove_device(&license.id, &req.device_id, now)
                .await
            {
                Ok((removed, left)) => {
                    if removed {
                        tracing::info!(license = %license.id, device = %req.device_id, left, "device deactivated");
                        event(
                            "device.deactivated",
                            serde_json::json!({"registered": left, "max": max}),
                        );
                    }
                    signed(
                        state,
                        Verdict::Deactivated,
                        200,
                        &echo,
                        Some((left, max)),
                        "device deactivated",
                    )
                }
                Err(e) => unavailable(state, &e),
            };
        }
        Action::Validate if standing.known => {
            state.writeback.seen(&license.id, device);
            return valid(
                state,
                200,
                &echo,
                (standing.registered, max),
                "license valid",
                license,
            );
        }
        Action::Validate if standing.released => return not_activated(standing.registered),
        _ => {}
    }
    let reclaim = action == Action::Activate;
    match state.db.register(&license.id, &device, max, reclaim).await {
        Ok(Registration::Known { registered }) => valid(
            state,
            200,
            &echo,
            (registered, max),
            "license valid",
            license,
        ),
        Ok(Registration::Added { registered }) => {
            let status = if action == Action::Activate { 201 } else { 200 };
            tracing::info!(license = %license.id, device = %req.device_id, registered, max, "device registered");
            event(
                "device.registered",
                // The audit trail tells an activation file from a check.
                serde_json::json!({"action": action.as_str(), "hostname": req.hostname, "os": req.os,
                    "arch": req.arch, "registered": registered, "max": max,
                    "via": if via == Via::File { "file" } else { "online" }}),
            );
            valid(
                state,
                status,
                &echo,
                (registered, max),
                "license valid; device registered",
                license,
            )
        }
        Ok(Registration::Full { registered }) => {
            event(
                "device.refused",
                serde_json::json!({"action": action.as_str(), "hostname": req.hostname, "registered": registered, "max": max}),
            );
            signed(
                state,
                Verdict::DeviceLimit,
                409,
                &echo,
                Some((registered, max)),
                &format!("device limit exceeded: {registered} of {max} devices are registered"),
            )
        }
        Ok(Registration::Released) => not_activated(standing.registered),
        Ok(Registration::Gone) => not_found(state, &echo),
        Err(e) => unavailable(state, &e),
    }
}

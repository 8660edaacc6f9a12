//! The customer's portal: sign in with the license key (in a POST body,
//! never a URL or a log), see that one license — plan, status, expiry,
//! features, limits, devices with last seen — and free a device so the
//! next machine can activate. The session names one license and every
//! page reads only that license: no URL names another.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, Path};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde_json::json;

use super::{cookie, csrf_ok, html_response, page, problem, set_cookie, Session, St, Who};
use crate::db::{hex, Event};
use crate::{now_ms, AppState};

const COOKIE: &str = "lw_portal";
const PRE: &str = "lw_portal_pre";

fn session(state: &AppState, headers: &HeaderMap) -> Option<(String, Session, String)> {
    let id = cookie(headers, COOKIE)?;
    let s = state.sessions.get(&id)?;
    let Who::Customer { license_id } = &s.who else {
        return None;
    };
    let l = license_id.clone();
    Some((id, s, l))
}

/// The session's license when the form carries the session's CSRF token;
/// otherwise the answer (sign in again, or the form expired).
fn signed_in_form(
    state: &AppState,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<String, Box<Response>> {
    let Some((_, s, license_id)) = session(state, headers) else {
        return Err(Box::new(Redirect::to("/portal/login").into_response()));
    };
    if !csrf_ok(&s, form) {
        return Err(Box::new(problem(
            StatusCode::FORBIDDEN,
            "Refused",
            "The form expired; reload the page.",
            "/portal",
        )));
    }
    Ok(license_id)
}

/// `GET /portal/login`.
pub async fn login_page(state: St) -> Response {
    let Some(pre) = super::random_b64(24) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let body = html! {
        h1 { "Your license" }
        form method="post" action="/portal/login" {
            input type="hidden" name="csrf" value=(pre);
            label for="key" { "License key" }
            textarea id="key" name="key" rows="4" autocomplete="off" required {}
            p class="hint" { "The key your vendor sent (it starts with lg1.). It is sent to this server only, never shown in an address." }
            button type="submit" { "Sign in" }
        }
    };
    let mut r = html_response(StatusCode::OK, page("License portal", None, body));
    r.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(&state, PRE, "/portal", Some(&pre)),
    );
    r
}

/// `POST /portal/login`: the key's hash finds its license.
pub async fn login(
    state: St,
    headers: HeaderMap,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let ip = match super::before_sign_in(
        &state,
        &headers,
        &form,
        peer.as_ref().map(|e| &e.0),
        "portal",
    ) {
        Ok(ip) => ip,
        Err(r) => return *r,
    };
    let key = form.get("key").map(|k| k.trim()).unwrap_or("");
    let hash = hex(&licensewarden_guest::crypto::sha256(key.as_bytes()));
    let license = match state.db.license_by_token_hash(&hash).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "database error");
            return problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "Storage unavailable",
                "Try again in a moment.",
                "/portal/login",
            );
        }
    };
    let Some(l) = license.filter(|_| !key.is_empty()) else {
        state.sessions.failed(ip);
        return problem(
            StatusCode::UNAUTHORIZED,
            "Sign-in refused",
            "This server does not know that key. Check that it is the whole key your vendor sent.",
            "/portal/login",
        );
    };
    let Some(id) = state.sessions.start(Who::Customer { license_id: l.id }) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let mut r = Redirect::to("/portal").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, COOKIE, "/portal", Some(&id)),
    );
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&state, PRE, "/portal", None));
    r
}

/// `GET /portal`: the signed-in customer's license.
pub async fn home(state: St, headers: HeaderMap) -> Response {
    let Some((_, s, license_id)) = session(&state, &headers) else {
        return Redirect::to("/portal/login").into_response();
    };
    let now = now_ms();
    let (l, devices) = match (
        state.db.license(&license_id).await,
        state.db.devices(&license_id).await,
    ) {
        (Ok(Some(l)), Ok(d)) => (l, d),
        (Ok(None), _) => {
            return problem(
                StatusCode::NOT_FOUND,
                "License not found",
                "Your vendor has deleted this license.",
                "/portal/login",
            )
        }
        (Err(e), _) | (_, Err(e)) => {
            tracing::error!(error = %e, "database error");
            return problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "Storage unavailable",
                "Try again in a moment.",
                "/portal",
            );
        }
    };
    let status = if l.revoked_at.is_some() {
        "revoked".to_string()
    } else if l.suspended_at.is_some() {
        format!(
            "suspended{}",
            l.suspend_reason
                .as_ref()
                .map_or(String::new(), |r| format!(": {r}"))
        )
    } else if l.expires_at.is_some_and(|e| e <= now) {
        "expired".to_string()
    } else {
        "active".to_string()
    };
    let features: Vec<String> = serde_json::from_str(&l.features).unwrap_or_default();
    let when = |ms: i64| licensewarden_guest::time::format_datetime(ms.max(0) as u64);
    let body = html! {
        nav aria-label="Portal" {
            span class="who" { "License " (l.id) }
            form method="post" action="/portal/logout" class="inline" {
                input type="hidden" name="csrf" value=(s.csrf);
                button type="submit" { "Sign out" }
            }
        }
        h1 { "License " (l.id) }
        dl class="terms" {
            div { dt { "Status" } dd { (status) } }
            div { dt { "Organisation" } dd { (l.org) } }
            div { dt { "Plan" } dd { (l.plan) } }
            div { dt { "Expires" } dd { (l.expires.clone().unwrap_or_else(|| "never".into())) } }
            div { dt { "Features" } dd { (if features.is_empty() { "those of the plan".to_string() } else { features.join(", ") }) } }
            div { dt { "Limits" } dd { (super::vendor::limits_text(&crate::reply::stored_json(&l.limits))) } }
        }
        h2 { "Devices (" (devices.len()) (if l.max_devices > 0 { format!(" of {}", l.max_devices) } else { String::new() }) ")" }
        p class="hint" { "Free a device you no longer use, so another machine can activate. A freed device must be activated again to use the license." }
        table {
            thead { tr { th scope="col" { "Hostname" } th scope="col" { "OS / arch" } th scope="col" { "Device id" } th scope="col" { "Last seen" } th scope="col" { "Action" } } }
            tbody {
                @for d in &devices {
                    tr {
                        td { (d.hostname) }
                        td { (d.os) " / " (d.arch) }
                        td { code { (d.device_id.chars().take(12).collect::<String>()) "…" } }
                        td { (when(d.last_seen)) }
                        td {
                            form method="post" action={ "/portal/devices/" (super::vendor::enc(&d.device_id)) "/free" } class="inline" {
                                input type="hidden" name="csrf" value=(s.csrf);
                                button type="submit" aria-label={ "Free " (d.hostname) } { "Free" }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Activate a machine without network" }
        p class="hint" { "On the machine, run " code { "licensewarden activate --offline-request request.json" } ", bring the file here and paste its content below. The activation file that comes back is installed there with " code { "licensewarden activate --offline-response activation.lwa" } "; it counts as one of your devices." }
        form method="post" action="/portal/activation" {
            input type="hidden" name="csrf" value=(s.csrf);
            label for="request" { "Request file" }
            textarea id="request" name="request" rows="6" autocomplete="off" required {}
            button type="submit" { "Download activation file" }
        }
    };
    html_response(StatusCode::OK, page("Your license", None, body))
}

/// `POST /portal/activation`: a request file of the session's license in,
/// its activation file out (as a download named `activation.lwa`).
pub async fn activation(
    state: St,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let license_id = match signed_in_form(&state, &headers, &form) {
        Ok(l) => l,
        Err(r) => return *r,
    };
    let text = form.get("request").map_or("", |t| t.trim());
    match crate::offline::make(&state, text, Some(&license_id)).await {
        Ok(m) => {
            let mut r = (StatusCode::OK, format!("{}\n", m.file)).into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("application/json"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                header::HeaderValue::from_static("attachment; filename=\"activation.lwa\""),
            );
            h.insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            r
        }
        Err(r) => problem(r.status, "No activation file", &r.message, "/portal"),
    }
}

/// `POST /portal/devices/{device}/free`: only on the session's license.
pub async fn free(
    state: St,
    headers: HeaderMap,
    Path(device): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let license_id = match signed_in_form(&state, &headers, &form) {
        Ok(l) => l,
        Err(r) => return *r,
    };
    let now = now_ms();
    match state.db.remove_device(&license_id, &device, now).await {
        Ok((true, left)) => {
            let ev = Event::new(
                now,
                &license_id,
                &device,
                "device.freed",
                "customer",
                json!({"registered": left}),
            );
            if let Err(e) = state.db.record(&ev).await {
                tracing::warn!(error = %e, "could not record the device.freed event");
            }
            Redirect::to("/portal").into_response()
        }
        Ok((false, _)) => problem(
            StatusCode::NOT_FOUND,
            "No such device",
            "That device is not registered on your license.",
            "/portal",
        ),
        Err(e) => {
            tracing::error!(error = %e, "database error");
            problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "Storage unavailable",
                "Try again in a moment.",
                "/portal",
            )
        }
    }
}

/// `POST /portal/logout`.
pub async fn logout(
    state: St,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if let Some((id, s, _)) = session(&state, &headers) {
        if !csrf_ok(&s, &form) {
            return problem(
                StatusCode::FORBIDDEN,
                "Refused",
                "The form expired; reload the page.",
                "/portal",
            );
        }
        state.sessions.end(&id);
    }
    let mut r = Redirect::to("/portal/login").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(&state, COOKIE, "/portal", None),
    );
    r
}

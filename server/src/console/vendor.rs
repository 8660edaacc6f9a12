//! The vendor's dashboard: overview, licenses (search, filters, pages),
//! one license (terms, devices, events, every action), creating a
//! license, the audit trail and webhooks. A `read` token sees everything
//! and is offered no action; its POSTs are refused all the same.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, Path, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use serde_json::{json, Value};

use super::{cookie, csrf_ok, html_response, page, problem, set_cookie, Session, St, Who};
use crate::admin_input::{parse_change, parse_create};
use crate::db::{hex, Event, EventFilter, LicenseFilter, LicenseRow};
use crate::lifecycle::{apply, change_kind, reason_ok, StatusChange};
use crate::reply::stored_json;
use crate::tokens::Scope;
use crate::{ct_eq, now_ms, AppState};

const COOKIE: &str = "lw_console";
const PRE: &str = "lw_console_pre";
const PAGE: i64 = 50;

fn when(ms: i64) -> String {
    licensewarden_guest::time::format_datetime(ms.max(0) as u64)
}

/// The vendor session behind this request, still backed by a valid token.
async fn session(state: &AppState, headers: &HeaderMap) -> Option<(String, Session)> {
    let id = cookie(headers, COOKIE)?;
    let s = state.sessions.get(&id)?;
    let Who::Vendor { token_sha256, .. } = &s.who else {
        return None;
    };
    let root = hex(&state.admin_hash);
    let live = ct_eq(token_sha256.as_bytes(), root.as_bytes())
        || matches!(
            state.db.token_by_hash(token_sha256, now_ms()).await,
            Ok(Some(_))
        );
    if !live {
        state.sessions.end(&id);
        return None;
    }
    Some((id, s))
}

fn scope(s: &Session) -> Scope {
    match &s.who {
        Who::Vendor { scope, .. } => *scope,
        Who::Customer { .. } => Scope::Read,
    }
}

fn actor(s: &Session) -> String {
    match &s.who {
        Who::Vendor { actor, .. } => actor.clone(),
        Who::Customer { license_id } => format!("customer:{license_id}"),
    }
}

macro_rules! signed_in {
    ($state:expr, $headers:expr) => {
        match session(&$state, &$headers).await {
            Some(s) => s,
            None => return Redirect::to("/console/login").into_response(),
        }
    };
}

fn nav(s: &Session) -> Markup {
    html! {
        nav aria-label="Console" {
            a href="/console/" { "Overview" }
            a href="/console/licenses" { "Licenses" }
            a href="/console/events" { "Events" }
            a href="/console/webhooks" { "Webhooks" }
            span class="who" { (actor(s)) " (" (scope(s).as_str()) ")" }
            form method="post" action="/console/logout" class="inline" {
                input type="hidden" name="csrf" value=(s.csrf);
                button type="submit" { "Sign out" }
            }
        }
    }
}

fn storage(e: &str) -> Response {
    tracing::error!(error = e, "database error");
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "Storage unavailable",
        "The database did not answer; try again.",
        "/console/",
    )
}

/// `GET /console/login`.
pub async fn login_page(state: St) -> Response {
    let Some(pre) = super::random_b64(24) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let body = html! {
        h1 { "Sign in to the licensewarden console" }
        form method="post" action="/console/login" {
            input type="hidden" name="csrf" value=(pre);
            label for="token" { "Admin token" }
            input id="token" name="token" type="password" autocomplete="off" required;
            p class="hint" { "The server's admin.token, or a named token (licensewarden-server admin tokens create)." }
            button type="submit" { "Sign in" }
        }
    };
    let mut r = html_response(StatusCode::OK, page("Sign in", None, body));
    r.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(&state, PRE, "/console", Some(&pre)),
    );
    r
}

/// `POST /console/login`: an admin token starts a session.
pub async fn login(
    state: St,
    headers: HeaderMap,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    // Before a session exists, the form's token must match a cookie this
    // site set (double submit), so another site cannot sign a browser in.
    let ip = match super::before_sign_in(
        &state,
        &headers,
        &form,
        peer.as_ref().map(|e| &e.0),
        "console",
    ) {
        Ok(ip) => ip,
        Err(r) => return *r,
    };
    let token = form.get("token").map(|t| t.trim()).unwrap_or("");
    let hash = licensewarden_guest::crypto::sha256(token.as_bytes());
    let who = if !token.is_empty() && ct_eq(&hash, &state.admin_hash) {
        Some(("admin:root".to_string(), Scope::Admin))
    } else if token.is_empty() {
        None
    } else {
        match state.db.token_by_hash(&hex(&hash), now_ms()).await {
            // A status token (a gateway's) never opens the console.
            Ok(Some((name, scope))) => match Scope::parse(&scope) {
                Some(s @ (Scope::Admin | Scope::Read)) => Some((format!("admin:{name}"), s)),
                _ => None,
            },
            Ok(None) => None,
            Err(e) => return storage(&e),
        }
    };
    let Some((actor, scope)) = who else {
        state.sessions.failed(ip);
        return problem(
            StatusCode::UNAUTHORIZED,
            "Sign-in refused",
            "That is not an active admin token.",
            "/console/login",
        );
    };
    let Some(id) = state.sessions.start(Who::Vendor {
        actor,
        scope,
        token_sha256: hex(&hash),
    }) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let mut r = Redirect::to("/console/").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, COOKIE, "/console", Some(&id)),
    );
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, PRE, "/console", None),
    );
    r
}

/// `POST /console/logout`.
pub async fn logout(
    state: St,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (id, s) = signed_in!(state, headers);
    if !csrf_ok(&s, &form) {
        return problem(
            StatusCode::FORBIDDEN,
            "Refused",
            "The form expired; reload the page.",
            "/console/",
        );
    }
    state.sessions.end(&id);
    let mut r = Redirect::to("/console/login").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(&state, COOKIE, "/console", None),
    );
    r
}

fn chart(per_hour: &[(i64, u64)]) -> Markup {
    let max = per_hour.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let total: u64 = per_hour.iter().map(|(_, n)| n).sum();
    html! {
        figure {
            svg class="chart" viewBox="0 0 240 60" role="img" aria-label={ "Protocol answers per hour, last 24 hours: " (total) " in all" } {
                @for (i, (_, n)) in per_hour.iter().enumerate() {
                    @let h = (*n as f64 / max as f64 * 56.0).round() as i64;
                    rect x=(i * 10 + 1) y=(58 - h) width="8" height=(h.max(1)) {}
                }
            }
            figcaption { "Protocol answers per hour, last 24 hours (" (total) " in all; this process since its start)" }
        }
    }
}

/// `GET /console/`: the figures a vendor looks at.
pub async fn overview(state: St, headers: HeaderMap) -> Response {
    let (_, s) = signed_in!(state, headers);
    let now = now_ms();
    let counts = match state.db.overview(now).await {
        Ok(c) => c,
        Err(e) => return storage(&e),
    };
    let recent = match state
        .db
        .recent_events(
            "",
            &[
                "device.refused",
                "check.refused",
                "license.revoked",
                "license.suspended",
            ],
            10,
        )
        .await
    {
        Ok(r) => r,
        Err(e) => return storage(&e),
    };
    let labels = [
        "Licenses",
        "Active",
        "Suspended",
        "Revoked",
        "Expiring in 30 days",
        "Devices",
    ];
    let body = html! {
        h1 { "Overview" }
        dl class="figures" {
            @for (label, n) in labels.iter().zip(counts) {
                div { dt { (label) } dd { (n) } }
            }
        }
        (chart(&state.metrics.per_hour(now)))
        p { a href="/console/licenses?expiring=30" { "Licenses expiring within 30 days" } }
        h2 { "Recent refusals and revocations" }
        (events_table(&recent))
    };
    html_response(StatusCode::OK, page("Overview", Some(nav(&s)), body))
}

fn status_of(l: &LicenseRow, now: i64) -> &'static str {
    if l.revoked_at.is_some() {
        "revoked"
    } else if l.suspended_at.is_some() {
        "suspended"
    } else if l.expires_at.is_some_and(|e| e <= now) {
        "expired"
    } else {
        "active"
    }
}

/// `GET /console/licenses?q=&status=&expiring=&after=`.
pub async fn licenses(
    state: St,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (_, s) = signed_in!(state, headers);
    let now = now_ms();
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    let status = get("status");
    let status = if ["active", "suspended", "revoked", "expired"].contains(&status.as_str()) {
        status
    } else {
        String::new()
    };
    let expiring: i64 = get("expiring").parse().unwrap_or(0).clamp(0, 3650);
    let f = LicenseFilter {
        query: get("q").chars().take(128).collect(),
        status: status.clone(),
        expiring_within_ms: expiring * 24 * 3600 * 1000,
        now,
        after: get("after"),
        limit: PAGE,
    };
    let rows = match state.db.search_licenses(&f).await {
        Ok(r) => r,
        Err(e) => return storage(&e),
    };
    let next = (rows.len() as i64 == PAGE)
        .then(|| rows.last().map(|l| l.id.clone()))
        .flatten();
    let body = html! {
        h1 { "Licenses" }
        @if scope(&s) == Scope::Admin { p { a class="button" href="/console/licenses/new" { "New license" } } }
        form method="get" action="/console/licenses" class="filters" role="search" {
            label for="q" { "Search id, org or plan" }
            input id="q" name="q" type="search" value=(f.query);
            label for="status" { "Status" }
            select id="status" name="status" {
                @for st in ["", "active", "suspended", "revoked", "expired"] {
                    option value=(st) selected[st == status] { (if st.is_empty() { "any" } else { st }) }
                }
            }
            label for="expiring" { "Expiring within (days)" }
            input id="expiring" name="expiring" type="number" min="0" max="3650" value=(if expiring > 0 { expiring.to_string() } else { String::new() });
            button type="submit" { "Filter" }
        }
        table {
            caption { "Licenses, by id" }
            thead { tr { th scope="col" { "Id" } th scope="col" { "Org" } th scope="col" { "Plan" } th scope="col" { "Expires" } th scope="col" { "Devices max" } th scope="col" { "Status" } } }
            tbody {
                @for l in &rows {
                    tr {
                        td { a href={ "/console/licenses/" (enc(&l.id)) } { (l.id) } }
                        td { (l.org) }
                        td { (l.plan) }
                        td { (l.expires.clone().unwrap_or_else(|| "never".into())) }
                        td { (if l.max_devices == 0 { "no limit".to_string() } else { l.max_devices.to_string() }) }
                        td { (status_of(l, now)) }
                    }
                }
            }
        }
        @if rows.is_empty() { p { "No license matches." } }
        @if let Some(n) = next {
            p { a href={ "/console/licenses?q=" (enc(&f.query)) "&status=" (status) "&expiring=" (expiring) "&after=" (enc(&n)) } { "Next page" } }
        }
    };
    html_response(StatusCode::OK, page("Licenses", Some(nav(&s)), body))
}

/// Percent-encoding for a path segment or query value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn events_table(events: &[Event]) -> Markup {
    html! {
        table {
            thead { tr { th scope="col" { "When" } th scope="col" { "Type" } th scope="col" { "License" } th scope="col" { "Device" } th scope="col" { "By" } th scope="col" { "Details" } } }
            tbody {
                @for e in events {
                    tr {
                        td { (when(e.at)) }
                        td { (e.kind) }
                        td { @if !e.license_id.is_empty() { a href={ "/console/licenses/" (enc(&e.license_id)) } { (e.license_id) } } }
                        td { code { (e.device_id.chars().take(12).collect::<String>()) } }
                        td { (e.actor) }
                        td { code { (e.details) } }
                    }
                }
            }
        }
    }
}

fn action(s: &Session, id: &str, name: &str, label: &str, fields: Markup) -> Markup {
    html! {
        form method="post" action={ "/console/licenses/" (enc(id)) "/" (name) } class="action" data-confirm=[(name == "delete" || name == "revoke").then_some(label)] {
            input type="hidden" name="csrf" value=(s.csrf);
            (fields)
            button type="submit" { (label) }
        }
    }
}

/// `GET /console/licenses/{id}`.
pub async fn license(
    state: St,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (_, s) = signed_in!(state, headers);
    let now = now_ms();
    let l = match state.db.license(&id).await {
        Ok(Some(l)) => l,
        Ok(None) => {
            return problem(
                StatusCode::NOT_FOUND,
                "No such license",
                "No license has this id (it may have been deleted).",
                "/console/licenses",
            )
        }
        Err(e) => return storage(&e),
    };
    let (devices, events) = match (
        state.db.devices(&id).await,
        state.db.recent_events(&id, &[], 50).await,
    ) {
        (Ok(d), Ok(e)) => (d, e),
        (Err(e), _) | (_, Err(e)) => return storage(&e),
    };
    let admin = scope(&s) == Scope::Admin;
    let done = q
        .get("done")
        .filter(|d| d.len() <= 32 && d.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
    let features: Vec<String> = serde_json::from_str(&l.features).unwrap_or_default();
    let limits = stored_json(&l.limits);
    let body = html! {
        h1 { "License " (l.id) }
        @if let Some(d) = done { p role="status" class="done" { "Done: " (d) "." } }
        dl class="terms" {
            div { dt { "Status" } dd { (status_of(&l, now)) @if let Some(r) = &l.suspend_reason { " — " (r) } } }
            div { dt { "Org" } dd { (l.org) } }
            div { dt { "Plan" } dd { (l.plan) } }
            div { dt { "Expires" } dd { (l.expires.clone().unwrap_or_else(|| "never".into())) } }
            div { dt { "Features" } dd { (if features.is_empty() { "none beyond the plan's".to_string() } else { features.join(", ") }) } }
            div { dt { "Limits" } dd { code { (limits) } } }
            div { dt { "Lease" } dd { (l.lease_ms.map_or("server default".to_string(), |m| format!("{} min", m / 60_000))) } }
            div { dt { "Heartbeat" } dd { (l.heartbeat_ms.map_or("off".to_string(), |m| format!("{} min", m / 60_000))) } }
            div { dt { "Created" } dd { (when(l.created_at)) } }
            div { dt { "Changed" } dd { (when(l.updated_at)) } }
        }
        h2 { "Devices (" (devices.len()) (if l.max_devices > 0 { format!(" of {}", l.max_devices) } else { String::new() }) ")" }
        table {
            thead { tr { th scope="col" { "Device id" } th scope="col" { "Hostname" } th scope="col" { "OS / arch" } th scope="col" { "First seen" } th scope="col" { "Last seen" } @if admin { th scope="col" { "Action" } } } }
            tbody {
                @for d in &devices {
                    tr {
                        td { code { (d.device_id.chars().take(16).collect::<String>()) "…" } }
                        td { (d.hostname) }
                        td { (d.os) " / " (d.arch) }
                        td { (when(d.first_seen)) }
                        td { (when(d.last_seen)) }
                        @if admin {
                            td { (action(&s, &l.id, "free", "Free", html! { input type="hidden" name="device" value=(d.device_id); })) }
                        }
                    }
                }
            }
        }
        @if admin {
            h2 { "Actions" }
            div class="actions" {
                (action(&s, &l.id, "renew", "Renew", html! {
                    label for="expires" { "New expiry (YYYY-MM-DD, empty for none)" }
                    input id="expires" name="expires" type="text" inputmode="numeric" value=(l.expires.clone().unwrap_or_default());
                }))
                (action(&s, &l.id, "change", "Change terms", html! {
                    label for="plan" { "Plan" }
                    input id="plan" name="plan" type="text" value=(l.plan);
                    label for="features" { "Features (comma-separated)" }
                    input id="features" name="features" type="text" value=(features.join(", "));
                    label for="limits" { "Limits (NAME=N, comma-separated; 0 = no cap)" }
                    input id="limits" name="limits" type="text" value=(limits_text(&limits));
                }))
                @if l.suspended_at.is_some() {
                    (action(&s, &l.id, "reinstate", "Reinstate", html! {}))
                } @else {
                    (action(&s, &l.id, "suspend", "Suspend", html! {
                        label for="reason" { "Reason (shown to the customer)" }
                        input id="reason" name="reason" type="text" maxlength="200";
                    }))
                }
                @if l.revoked_at.is_some() {
                    (action(&s, &l.id, "unrevoke", "Un-revoke", html! {}))
                } @else {
                    (action(&s, &l.id, "revoke", "Revoke", html! {}))
                }
                (action(&s, &l.id, "delete", "Delete", html! {
                    label { input type="checkbox" name="confirm" value="yes" required; " Delete this license and its devices for good" }
                }))
            }
        }
        h2 { "Recent events" }
        (events_table(&events))
    };
    html_response(
        StatusCode::OK,
        page(&format!("License {}", l.id), Some(nav(&s)), body),
    )
}

/// Caps as `name=N, ...` (the form the change form takes back).
pub fn limits_text(limits: &Value) -> String {
    limits
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// A limits field `a=1, b=2` as JSON, or the problem.
fn limits_json(text: &str) -> Result<Value, String> {
    let mut m = serde_json::Map::new();
    for item in list(text) {
        let (k, v) = item
            .split_once('=')
            .ok_or_else(|| format!("limit {item:?}: write NAME=N"))?;
        let n: u64 = v
            .trim()
            .parse()
            .map_err(|_| format!("limit {item:?}: N must be a whole number"))?;
        m.insert(k.trim().to_string(), json!(n));
    }
    Ok(Value::Object(m))
}

/// `POST /console/licenses/{id}/{action}`: one admin action, then back to
/// the license page saying what was done.
pub async fn act(
    state: St,
    headers: HeaderMap,
    Path((id, what)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (_, s) = signed_in!(state, headers);
    if !csrf_ok(&s, &form) {
        return problem(
            StatusCode::FORBIDDEN,
            "Refused",
            "The form expired (or did not come from this console); reload the page.",
            "/console/",
        );
    }
    if scope(&s) != Scope::Admin {
        return problem(
            StatusCode::FORBIDDEN,
            "Refused",
            "This token has scope 'read': it can look, not change.",
            "/console/",
        );
    }
    let back = format!("/console/licenses/{}", enc(&id));
    let field = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let actor = actor(&s);
    let now = now_ms();
    let body = match what.as_str() {
        "renew" => {
            let e = field("expires");
            Some(json!({"expires": if e.is_empty() { Value::Null } else { json!(e) }}))
        }
        "change" => match limits_json(&field("limits")) {
            Ok(limits) => Some(
                json!({"plan": field("plan"), "features": list(&field("features")), "limits": limits}),
            ),
            Err(why) => return problem(StatusCode::BAD_REQUEST, "Not changed", &why, &back),
        },
        _ => None,
    };
    let outcome: Result<(), String> = match what.as_str() {
        "renew" | "change" => {
            let bytes = body.unwrap_or(Value::Null).to_string();
            let c = match parse_change(bytes.as_bytes()) {
                Ok(c) => c,
                Err(problems) => {
                    return problem(
                        StatusCode::BAD_REQUEST,
                        "Not changed",
                        &problems.join("; "),
                        &back,
                    )
                }
            };
            modify(&state, &id, change_kind(&c), &actor, |l| Ok(apply(l, &c))).await
        }
        "suspend" | "reinstate" | "revoke" | "unrevoke" => {
            let change = match what.as_str() {
                "suspend" => {
                    let reason = Some(field("reason")).filter(|r| !r.is_empty());
                    if reason.as_deref().is_some_and(|r| !reason_ok(r)) {
                        return problem(
                            StatusCode::BAD_REQUEST,
                            "Not suspended",
                            "The reason must be at most 200 bytes without control characters.",
                            &back,
                        );
                    }
                    StatusChange::Suspend(reason)
                }
                "reinstate" => StatusChange::Reinstate,
                "revoke" => StatusChange::Revoke,
                _ => StatusChange::Unrevoke,
            };
            modify(&state, &id, change.kind(), &actor, |l| change.apply(l, now)).await
        }
        "free" => {
            let device = field("device");
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
                    state
                        .db
                        .record(&ev)
                        .await
                        .map_err(|e| format!("storage: {e}"))
                }
                Ok((false, _)) => Err("that device is not registered on this license".into()),
                Err(e) => Err(format!("storage: {e}")),
            }
        }
        "delete" => {
            if field("confirm") != "yes" {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "Not deleted",
                    "Tick the box to confirm: deleting cannot be undone.",
                    &back,
                );
            }
            let ev = Event::new(now, &id, "", "license.deleted", &actor, Value::Null);
            return match state.db.delete_license(&id, &ev).await {
                Ok(_) => Redirect::to("/console/licenses").into_response(),
                Err(e) => storage(&e),
            };
        }
        _ => {
            return problem(
                StatusCode::NOT_FOUND,
                "No such action",
                "The console has no such action.",
                &back,
            )
        }
    };
    match outcome {
        Ok(()) => Redirect::to(&format!("{back}?done={what}")).into_response(),
        Err(why) if why.starts_with("storage: ") => storage(&why),
        Err(why) => problem(StatusCode::CONFLICT, "Not done", &why, &back),
    }
}

async fn modify(
    state: &AppState,
    id: &str,
    kind: &str,
    actor: &str,
    change: impl FnOnce(&mut LicenseRow) -> Result<Value, String>,
) -> Result<(), String> {
    let event = Event::new(now_ms(), id, "", kind, actor, Value::Null);
    match state
        .db
        .modify(id, event, |l| change(l).map_err(|e| e.to_string()))
        .await
    {
        Ok(Some(Ok(_))) => Ok(()),
        Ok(Some(Err(why))) => Err(why),
        Ok(None) => Err("no license has this id".into()),
        Err(e) => Err(format!("storage: {e}")),
    }
}

/// `GET /console/licenses/new`.
pub async fn new_license(state: St, headers: HeaderMap) -> Response {
    let (_, s) = signed_in!(state, headers);
    let body = html! {
        h1 { "New license" }
        @if state.issuing.is_none() { p role="alert" { "This server has no issuing key (--issuing-key): it can only register keys issued elsewhere, through the API or `licensewarden-server admin register`." } }
        form method="post" action="/console/licenses/new" class="action" {
            input type="hidden" name="csrf" value=(s.csrf);
            label for="id" { "Id (empty: a random one)" } input id="id" name="id" type="text";
            label for="org" { "Org" } input id="org" name="org" type="text";
            label for="plan" { "Plan" } input id="plan" name="plan" type="text" required;
            label for="features" { "Features (comma-separated)" } input id="features" name="features" type="text";
            label for="limits" { "Limits (NAME=N, comma-separated)" } input id="limits" name="limits" type="text" placeholder="max_devices=5";
            label for="expires" { "Expires (YYYY-MM-DD)" } input id="expires" name="expires" type="text";
            button type="submit" { "Create" }
        }
    };
    html_response(StatusCode::OK, page("New license", Some(nav(&s)), body))
}

/// `POST /console/licenses/new`: the key is shown once, with copy and
/// download buttons.
pub async fn create_license(
    state: St,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (_, s) = signed_in!(state, headers);
    if !csrf_ok(&s, &form) || scope(&s) != Scope::Admin {
        return problem(
            StatusCode::FORBIDDEN,
            "Refused",
            "The form expired, or this token has scope 'read'.",
            "/console/licenses",
        );
    }
    let field = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut b = json!({"plan": field("plan")});
    for k in ["id", "org", "expires"] {
        if !field(k).is_empty() {
            b[k] = json!(field(k));
        }
    }
    if !field("features").is_empty() {
        b["features"] = json!(list(&field("features")));
    }
    if !field("limits").is_empty() {
        match limits_json(&field("limits")) {
            Ok(l) => b["limits"] = l,
            Err(why) => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "Not created",
                    &why,
                    "/console/licenses/new",
                )
            }
        }
    }
    let request = match parse_create(b.to_string().as_bytes()) {
        Ok(r) => r,
        Err(problems) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "Not created",
                &problems.join("; "),
                "/console/licenses/new",
            )
        }
    };
    match crate::admin::create_license(&state, request, &actor(&s)).await {
        Ok((row, key)) => {
            let body = html! {
                h1 { "License " (row.id) " created" }
                p role="status" { "This is the customer's license key. It is shown once: copy it or download it now." }
                textarea id="key" readonly rows="4" aria-label="License key" { (key) }
                p {
                    button type="button" data-copy="key" { "Copy key" }
                    " "
                    button type="button" data-download="key" data-filename="license.key" { "Download license.key" }
                }
                p { a href={ "/console/licenses/" (enc(&row.id)) } { "Go to the license" } }
            };
            html_response(
                StatusCode::CREATED,
                page("License created", Some(nav(&s)), body),
            )
        }
        Err((status, _, message)) => {
            problem(status, "Not created", &message, "/console/licenses/new")
        }
    }
}

/// `GET /console/events?license=&type=&after=`.
pub async fn events(
    state: St,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (_, s) = signed_in!(state, headers);
    let get = |k: &str| q.get(k).cloned().filter(|v| !v.is_empty());
    let f = EventFilter {
        license_id: get("license"),
        kind: get("type"),
        after: get("after"),
        since: None,
        limit: PAGE,
    };
    let es = match state.db.events(&f).await {
        Ok(e) => e,
        Err(e) => return storage(&e),
    };
    let next = (es.len() as i64 == PAGE)
        .then(|| es.last().map(|e| e.id.clone()))
        .flatten();
    let body = html! {
        h1 { "Events" }
        form method="get" action="/console/events" class="filters" {
            label for="license" { "License" } input id="license" name="license" type="text" value=(f.license_id.clone().unwrap_or_default());
            label for="type" { "Type or prefix (device.)" } input id="type" name="type" type="text" value=(f.kind.clone().unwrap_or_default());
            button type="submit" { "Filter" }
        }
        (events_table(&es))
        @if let Some(n) = next {
            p { a href={ "/console/events?license=" (enc(&f.license_id.clone().unwrap_or_default())) "&type=" (enc(&f.kind.clone().unwrap_or_default())) "&after=" (enc(&n)) } { "Next page" } }
        }
    };
    html_response(StatusCode::OK, page("Events", Some(nav(&s)), body))
}

/// `GET /console/webhooks`: endpoints and their recent deliveries.
pub async fn webhooks(state: St, headers: HeaderMap) -> Response {
    let (_, s) = signed_in!(state, headers);
    let ws = match state.db.webhooks(true).await {
        Ok(w) => w,
        Err(e) => return storage(&e),
    };
    let mut sections = Vec::new();
    for w in &ws {
        match state.db.deliveries(&w.id, 20).await {
            Ok(d) => sections.push((w, d)),
            Err(e) => return storage(&e),
        }
    }
    let admin = scope(&s) == Scope::Admin;
    let body = html! {
        h1 { "Webhooks" }
        @if ws.is_empty() { p { "No endpoint yet: licensewarden-server admin webhooks create https://…" } }
        @for (w, ds) in &sections {
            h2 { (w.url) }
            p { code { (w.id) } " — events: " (if w.events.is_empty() { "all".to_string() } else { w.events.join(", ") }) (if w.disabled_at.is_some() { " — disabled" } else { "" }) }
            table {
                thead { tr { th scope="col" { "Delivery" } th scope="col" { "Event" } th scope="col" { "Status" } th scope="col" { "Attempts" } th scope="col" { "Last answer" } @if admin { th scope="col" { "Action" } } } }
                tbody {
                    @for d in ds {
                        tr {
                            td { code { (d.id) } }
                            td { (d.event_type) }
                            td { (d.status) }
                            td { (d.attempts) }
                            td { (d.last_status.map_or(String::new(), |s| s.to_string())) " " (d.last_error.clone().unwrap_or_default()) }
                            @if admin {
                                td {
                                    form method="post" action={ "/console/deliveries/" (enc(&d.id)) "/replay" } class="inline" {
                                        input type="hidden" name="csrf" value=(s.csrf);
                                        button type="submit" { "Replay" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    html_response(StatusCode::OK, page("Webhooks", Some(nav(&s)), body))
}

/// `POST /console/deliveries/{id}/replay`.
pub async fn replay(
    state: St,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (_, s) = signed_in!(state, headers);
    if !csrf_ok(&s, &form) || scope(&s) != Scope::Admin {
        return problem(
            StatusCode::FORBIDDEN,
            "Refused",
            "The form expired, or this token has scope 'read'.",
            "/console/webhooks",
        );
    }
    let now = now_ms();
    let ev = Event::new(
        now,
        "",
        "",
        "webhook.replayed",
        &actor(&s),
        json!({"delivery": id}),
    );
    match state.db.replay_delivery(&id, now, &ev).await {
        Ok(_) => Redirect::to("/console/webhooks").into_response(),
        Err(e) => storage(&e),
    }
}

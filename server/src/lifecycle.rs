//! A license's life after it is issued (admin API): change its terms
//! (renew, upgrade or downgrade, features, limits, lease, heartbeat),
//! suspend and reinstate, revoke and un-revoke, delete; list its devices;
//! the audit trail; and the background sweep (heartbeats, revoked TTL,
//! event retention).
//!
//! Every change keeps the license id, the customer's key and the devices.
//! Products pick a change up at their next check: the terms ride in every
//! `valid` answer, signed (docs/online-protocol.md, "Terms").

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensewarden_guest::json::{self, Value as CoreValue};
use licensewarden_guest::time;
use serde_json::{json, Value};

use crate::admin_input::{parse_change, Change};
use crate::db::{Event, EventFilter, LicenseRow};
use crate::reply::{bad_request, db_error, error, license_json, stored_json, DbError};
use crate::tokens::Scope;
use crate::{now_ms, AppState};

/// Longest suspension reason, bytes (it reaches every product's `info`).
pub const REASON_MAX: usize = 200;
/// Most events one page lists.
pub const EVENTS_PAGE_MAX: i64 = 1000;

fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not-found",
        "no license with this id",
    )
}

/// Run `change` on license `id` as one recorded event of `kind`.
async fn modify(
    state: &AppState,
    id: &str,
    kind: &str,
    actor: &str,
    change: impl FnOnce(&mut LicenseRow) -> Result<Value, String>,
) -> Response {
    let event = Event::new(now_ms(), id, "", kind, actor, Value::Null);
    match state.db.modify(id, event, change).await {
        Ok(Some(Ok(l))) => {
            tracing::info!(license = %licensewarden_guest::escape::quoted(id), kind, actor, "license changed");
            Json(json!({"license": license_json(&l, None)})).into_response()
        }
        Ok(Some(Err(why))) => error(StatusCode::CONFLICT, "conflict", &why),
        Ok(None) => not_found(),
        Err(e) => DbError(e).into_response(),
    }
}

/// The terms `c` changes, applied to `l`; returns what changed, before
/// and after, for the event.
pub fn apply(l: &mut LicenseRow, c: &Change) -> Value {
    let terms = |l: &LicenseRow| {
        json!({"plan": l.plan, "org": l.org, "features": stored_json(&l.features),
            "limits": stored_json(&l.limits), "expires": l.expires,
            "lease_minutes": l.lease_ms.map(|m| m / 60_000),
            "heartbeat_minutes": l.heartbeat_ms.map(|m| m / 60_000)})
    };
    let before = terms(l);
    if let Some(p) = &c.plan {
        l.plan = p.clone();
    }
    if let Some(o) = &c.org {
        l.org = o.clone();
    }
    if let Some(f) = &c.features {
        let mut f = f.clone();
        f.sort();
        l.features = CoreValue::Array(f.iter().map(|x| CoreValue::from(x.as_str())).collect())
            .to_canonical();
    }
    if !c.limits.is_empty() {
        let mut caps = match json::parse(&l.limits) {
            Ok(CoreValue::Object(m)) => m,
            _ => Vec::new(),
        };
        for (name, n) in &c.limits {
            caps.retain(|(k, _)| k != name);
            caps.push((name.clone(), CoreValue::from(*n)));
            if name == "max_devices" {
                l.max_devices = (*n).min(i64::MAX as u64) as i64;
            }
        }
        l.limits = CoreValue::Object(caps).to_canonical();
    }
    if let Some(e) = &c.expires {
        // A new expiry gets its own "expires soon" notice.
        l.expiry_notice_at = None;
        l.expires = e.clone();
        l.expires_at = e
            .as_deref()
            .and_then(time::parse)
            .map(|i| i.end_ms().min(i64::MAX as u64) as i64);
    }
    if let Some(m) = c.lease_minutes {
        l.lease_ms = m.map(|m| (m * 60_000) as i64);
    }
    if let Some(m) = c.heartbeat_minutes {
        l.heartbeat_ms = m.map(|m| (m * 60_000) as i64);
    }
    let after = terms(l);
    let mut changed = serde_json::Map::new();
    for (k, v) in after.as_object().into_iter().flatten() {
        if before[k] != *v {
            changed.insert(k.clone(), json!({"from": before[k], "to": v}));
        }
    }
    Value::Object(changed)
}

/// A change of a license's standing, as the admin API, the CLI and the
/// console make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    /// Suspend, with the reason the customer sees.
    Suspend(Option<String>),
    /// Undo a suspension.
    Reinstate,
    /// Revoke.
    Revoke,
    /// Undo a revocation.
    Unrevoke,
}

impl StatusChange {
    /// The event type it records.
    pub fn kind(&self) -> &'static str {
        match self {
            StatusChange::Suspend(_) => "license.suspended",
            StatusChange::Reinstate => "license.reinstated",
            StatusChange::Revoke => "license.revoked",
            StatusChange::Unrevoke => "license.unrevoked",
        }
    }

    /// Apply it to `l` at `now`: the event's details, or why it does not
    /// apply (reinstating a license that is not suspended, ...).
    pub fn apply(&self, l: &mut LicenseRow, now: i64) -> Result<Value, String> {
        match self {
            StatusChange::Suspend(why) => {
                l.suspended_at = Some(l.suspended_at.unwrap_or(now));
                l.suspend_reason = why.clone();
                return Ok(json!({"reason": why}));
            }
            StatusChange::Reinstate => {
                l.suspended_at
                    .take()
                    .ok_or("the license is not suspended")?;
                l.suspend_reason = None;
            }
            StatusChange::Revoke => l.revoked_at = Some(l.revoked_at.unwrap_or(now)),
            StatusChange::Unrevoke => {
                l.revoked_at.take().ok_or("the license is not revoked")?;
            }
        }
        Ok(Value::Null)
    }
}

/// Whether `reason` may be a suspension reason (the customer sees it).
pub fn reason_ok(reason: &str) -> bool {
    !reason.is_empty() && reason.len() <= REASON_MAX && !reason.chars().any(char::is_control)
}

/// The event type of a change: the one word a vendor looks for.
pub fn change_kind(c: &Change) -> &'static str {
    let only = |n: usize| {
        [
            c.plan.is_some(),
            c.org.is_some(),
            c.features.is_some(),
            !c.limits.is_empty(),
            c.expires.is_some(),
            c.lease_minutes.is_some(),
            c.heartbeat_minutes.is_some(),
        ]
        .iter()
        .filter(|x| **x)
        .count()
            == n
    };
    match c {
        Change {
            expires: Some(_), ..
        } if only(1) => "license.renewed",
        Change { plan: Some(_), .. } => "license.plan-changed",
        _ => "license.changed",
    }
}

/// `PATCH /admin/licenses/{id}`: renew (`expires`), change plan, features,
/// limits, org, lease or heartbeat. Fields left out keep their value.
pub async fn change(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    let c = match parse_change(&body) {
        Ok(c) => c,
        Err(problems) => return bad_request(problems),
    };
    modify(&state, &id, change_kind(&c), &actor, |l| Ok(apply(l, &c))).await
}

/// A suspension reason: optional `{"reason": "..."}`, printable, bounded.
fn reason(body: &[u8]) -> Result<Option<String>, Vec<String>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let text = std::str::from_utf8(body).map_err(|_| vec!["the body is not UTF-8".to_string()])?;
    let v = json::parse(text).map_err(|e| vec![format!("the body is not strict JSON ({e})")])?;
    let CoreValue::Object(members) = &v else {
        return Err(vec!["the body must be an object".into()]);
    };
    let mut out = None;
    let mut errors = Vec::new();
    for (k, val) in members {
        match (k.as_str(), val) {
            ("reason", CoreValue::String(s)) if reason_ok(s) => out = Some(s.clone()),
            ("reason", _) => errors.push(format!(
                "'reason' must be a non-empty string of at most {REASON_MAX} bytes without control characters (the customer sees it)"
            )),
            _ => errors.push(format!(
                "unknown field {} (known: reason)",
                licensewarden_guest::escape::quoted(k)
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// `POST /admin/licenses/{id}/suspend` with optional `{"reason": "..."}`:
/// products run the community tier and show the reason, from their next
/// check, until the license is reinstated.
pub async fn suspend(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    let why = match reason(&body) {
        Ok(r) => r,
        Err(problems) => return bad_request(problems),
    };
    change_standing(&state, &id, &actor, StatusChange::Suspend(why)).await
}

/// Apply a standing change as one recorded event; the license as it is now.
async fn change_standing(
    state: &AppState,
    id: &str,
    actor: &str,
    change: StatusChange,
) -> Response {
    modify(state, id, change.kind(), actor, |l| {
        change.apply(l, now_ms())
    })
    .await
}

/// `POST /admin/licenses/{id}/revoke`.
pub async fn revoke(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    let change = StatusChange::Revoke;
    let event = Event::new(now_ms(), &id, "", change.kind(), &actor, Value::Null);
    let r = state
        .db
        .modify(&id, event, |l| change.apply(l, now_ms()))
        .await;
    match r {
        Ok(Some(_)) => {
            tracing::info!(license = %licensewarden_guest::escape::quoted(&id), "license revoked");
            Json(json!({"revoked": id})).into_response()
        }
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no license with this id",
        ),
        Err(e) => db_error(&e),
    }
}

/// `POST /admin/licenses/{id}/reinstate`: undo a suspension.
pub async fn reinstate(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    change_standing(&state, &id, &actor, StatusChange::Reinstate).await
}

/// `POST /admin/licenses/{id}/unrevoke`: undo a revocation (before the
/// revoked TTL deletes the license).
pub async fn unrevoke(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    change_standing(&state, &id, &actor, StatusChange::Unrevoke).await
}

/// `DELETE /admin/licenses/{id}`: the license and its devices are gone;
/// products get `license-not-found` at their next check. Its events stay.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    let event = Event::new(now_ms(), &id, "", "license.deleted", &actor, Value::Null);
    match state.db.delete_license(&id, &event).await {
        Ok(true) => Json(json!({"deleted": id})).into_response(),
        Ok(false) => not_found(),
        Err(e) => DbError(e).into_response(),
    }
}

/// `GET /admin/licenses/{id}/devices`.
pub async fn devices(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let _ = crate::require!(state, headers, Scope::Read);
    match state.db.license(&id).await {
        Ok(Some(l)) => match state.db.devices(&id).await {
            Ok(ds) => {
                let v = license_json(&l, Some(&ds));
                Json(json!({"license_id": id, "max": l.max_devices, "devices": v["devices"]}))
                    .into_response()
            }
            Err(e) => DbError(e).into_response(),
        },
        Ok(None) => not_found(),
        Err(e) => DbError(e).into_response(),
    }
}

/// `GET /admin/events?license=&type=&since=&after=&limit=`: the audit
/// trail, oldest first; `next` is the `after` of the following page.
pub async fn events(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let _ = crate::require!(state, headers, Scope::Read);
    let mut f = EventFilter {
        limit: 100,
        ..EventFilter::default()
    };
    let mut problems = Vec::new();
    for (k, v) in &q {
        match k.as_str() {
            "license" => f.license_id = Some(v.clone()),
            "type" => f.kind = Some(v.clone()),
            "after" => f.after = Some(v.clone()),
            "since" => match time::parse(v) {
                Some(i) => f.since = Some(i.ms.min(i64::MAX as u64) as i64),
                None => problems.push("'since' is YYYY-MM-DD or an RFC 3339 date-time".to_string()),
            },
            "limit" => match v.parse::<i64>() {
                Ok(n) if (1..=EVENTS_PAGE_MAX).contains(&n) => f.limit = n,
                _ => problems.push(format!(
                    "'limit' is a whole number from 1 to {EVENTS_PAGE_MAX}"
                )),
            },
            other => problems.push(format!(
                "unknown parameter {} (known: license, type, since, after, limit)",
                licensewarden_guest::escape::quoted(other)
            )),
        }
    }
    if !problems.is_empty() {
        return bad_request(problems);
    }
    match state.db.events(&f).await {
        Ok(es) => {
            let next = (es.len() as i64 == f.limit).then(|| es.last().map(|e| e.id.clone()));
            let list: Vec<Value> = es
                .iter()
                .map(|e| {
                    json!({"id": e.id, "at": time::format_datetime(e.at.max(0) as u64), "type": e.kind,
                        "license_id": e.license_id, "device_id": e.device_id, "actor": e.actor,
                        "details": serde_json::from_str::<Value>(&e.details).unwrap_or(Value::Null)})
                })
                .collect();
            Json(json!({"events": list, "next": next.flatten()})).into_response()
        }
        Err(e) => DbError(e).into_response(),
    }
}

/// Background upkeep at `now`: release devices past their heartbeat,
/// delete licenses revoked longer than the TTL, forget old events.
/// Failures are logged and retried at the next sweep.
pub async fn sweep(state: &AppState, now: i64) {
    match state.db.expire_heartbeats(now).await {
        Ok(gone) if !gone.is_empty() => {
            tracing::info!(
                released = gone.len(),
                "devices released after missing their heartbeat"
            )
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not release devices past their heartbeat"),
    }
    if let Some(ttl) = state.settings.revoked_ttl_ms {
        match state.db.revoked_before(now - ttl).await {
            Ok(ids) => {
                for id in ids {
                    let ev = Event::new(
                        now,
                        &id,
                        "",
                        "license.deleted",
                        "server",
                        json!({"reason": "revoked longer than the revoked TTL"}),
                    );
                    if let Err(e) = state.db.delete_license(&id, &ev).await {
                        tracing::warn!(error = %e, "could not delete a revoked license");
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not list revoked licenses"),
        }
    }
    if state.settings.expiry_notice_ms > 0 {
        if let Err(e) = state
            .db
            .notice_expiring(now, state.settings.expiry_notice_ms)
            .await
        {
            tracing::warn!(error = %e, "could not record expiry notices");
        }
    }
    if let Err(e) = state
        .db
        .forget_events(now - state.settings.events_retention_ms)
        .await
    {
        tracing::warn!(error = %e, "could not delete old events");
    }
}

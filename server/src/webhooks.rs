//! Webhooks: vendors register endpoints; every event (and a notice when a
//! license will expire soon) is POSTed to them as JSON, signed with
//! HMAC-SHA256 under the endpoint's secret, with a timestamp against
//! replay, retried with backoff, logged, and replayable.
//!
//! Nothing here is on a validation's path: the events table is the queue.
//! A worker (one task, once a second) turns new events into deliveries for
//! each endpoint (remembering per endpoint the last event it considered,
//! so a restart loses and repeats nothing) and sends the ones due.
//!
//! What a receiver checks (server README, "Webhooks"): the header
//! `x-licensewarden-webhook-signature: t=<unix seconds>,v1=<hex>` where
//! `<hex>` is HMAC-SHA256(key = the secret as UTF-8, message =
//! "<t>.<body>"); refuse a `t` more than 5 minutes from its clock, and
//! ignore a delivery id it has already processed (retries repeat it).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensewarden_guest::json::{self, Value as CoreValue};
use licensewarden_guest::time;
use serde_json::{json, Value};

use crate::db::{hex, new_id, Delivery, Event, WebhookRow};
use crate::reply::{bad_request, error, DbError};
use crate::tokens::Scope;
use crate::{now_ms, AppState};

/// Attempts before a delivery is marked failed (replay can revive it).
pub const MAX_ATTEMPTS: i64 = 10;
/// Longest wait between attempts.
pub const MAX_BACKOFF_MS: i64 = 3600 * 1000;
/// Per-attempt deadline.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Deliveries sent per worker tick.
pub const PER_TICK: i64 = 20;
/// Longest endpoint event filter list.
pub const MAX_FILTERS: usize = 32;

/// Whether an event type matches an endpoint's filters (empty: all; an
/// entry ending in `.` is a prefix).
pub fn wants(filters: &[String], kind: &str) -> bool {
    filters.is_empty()
        || filters
            .iter()
            .any(|f| f == kind || (f.ends_with('.') && kind.starts_with(f.as_str())))
}

/// The signature header value for `body` sent at `t` (unix seconds).
pub fn signature(secret: &str, t: i64, body: &str) -> String {
    let mac =
        licensewarden_guest::protocol::hmac(secret.as_bytes(), format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", hex(&mac))
}

/// The JSON a delivery carries.
pub fn payload(e: &Event) -> String {
    json!({"id": e.id, "type": e.kind, "at": time::format_datetime(e.at.max(0) as u64),
        "license_id": e.license_id, "device_id": e.device_id, "actor": e.actor,
        "details": serde_json::from_str::<Value>(&e.details).unwrap_or(Value::Null)})
    .to_string()
}

fn parse_create(body: &[u8]) -> Result<(String, Vec<String>), Vec<String>> {
    let text = std::str::from_utf8(body).map_err(|_| vec!["the body is not UTF-8".to_string()])?;
    let v = json::parse(text).map_err(|e| vec![format!("the body is not strict JSON ({e})")])?;
    let CoreValue::Object(members) = &v else {
        return Err(vec!["the body must be an object".into()]);
    };
    let (mut url, mut filters, mut errors) = (None, Vec::new(), Vec::new());
    for (k, val) in members {
        match (k.as_str(), val) {
            ("url", CoreValue::String(s)) => match licensewarden_guest::server_url::check(s) {
                Ok(u) => url = Some(u),
                // The core's rule names "online server URL"; here it is the endpoint's.
                Err(e) => errors.push(format!(
                    "'url' is not accepted: {}",
                    e.message
                        .replacen("online server URL", "the webhook URL", 1)
                )),
            },
            ("url", _) => errors.push("'url' must be a string".into()),
            ("events", CoreValue::Array(items)) if items.len() <= MAX_FILTERS => {
                for (i, f) in items.iter().enumerate() {
                    match f.as_str() {
                        Some(s)
                            if !s.is_empty()
                                && s.len() <= 64
                                && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'-') =>
                        {
                            filters.push(s.to_string())
                        }
                        _ => errors.push(format!(
                            "'events'[{i}] must be an event type (license.renewed) or a prefix ending in '.' (device.)"
                        )),
                    }
                }
            }
            ("events", _) => errors.push(format!(
                "'events' must be a list of at most {MAX_FILTERS} event types or prefixes"
            )),
            _ => errors.push(format!(
                "unknown field {} (known: url, events)",
                licensewarden_guest::escape::quoted(k)
            )),
        }
    }
    match url {
        Some(u) if errors.is_empty() => Ok((u, filters)),
        None if errors.is_empty() => Err(vec!["'url' is required".into()]),
        _ => Err(errors),
    }
}

fn webhook_json(w: &WebhookRow) -> Value {
    json!({"id": w.id, "url": w.url, "events": w.events,
        "created_at": time::format_datetime(w.created_at.max(0) as u64),
        "disabled": w.disabled_at.is_some()})
}

/// `POST /admin/webhooks {"url", "events"?}`: the answer holds the signing
/// secret (also shown by `GET /admin/webhooks/{id}` to admin tokens).
pub async fn create(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    let (url, filters) = match parse_create(&body) {
        Ok(x) => x,
        Err(problems) => return bad_request(problems),
    };
    let mut raw = [0u8; 32];
    if getrandom::getrandom(&mut raw).is_err() {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "no-randomness",
            "the system's random source failed; try again",
        );
    }
    let now = now_ms();
    let w = WebhookRow {
        id: new_id("wh_", now),
        url,
        secret: format!("whsec_{}", licensewarden_guest::b64::encode(&raw)),
        events: filters,
        created_at: now,
        disabled_at: None,
    };
    let ev = Event::new(
        now,
        "",
        "",
        "webhook.created",
        &actor,
        json!({"id": w.id, "url": w.url, "events": w.events}),
    );
    match state.db.insert_webhook(&w, &ev).await {
        Ok(()) => {
            let mut v = webhook_json(&w);
            v["secret"] = json!(w.secret);
            (StatusCode::CREATED, Json(json!({"webhook": v}))).into_response()
        }
        Err(e) => DbError(e).into_response(),
    }
}

/// `GET /admin/webhooks`.
pub async fn list(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let _ = crate::require!(state, headers, Scope::Read);
    match state.db.webhooks(true).await {
        Ok(ws) => Json(json!({"webhooks": ws.iter().map(webhook_json).collect::<Vec<_>>()}))
            .into_response(),
        Err(e) => DbError(e).into_response(),
    }
}

/// `GET /admin/webhooks/{id}`: with its secret (admin scope).
pub async fn show(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let _ = crate::require!(state, headers, Scope::Admin);
    match state.db.webhooks(true).await {
        Ok(ws) => match ws.iter().find(|w| w.id == id) {
            Some(w) => {
                let mut v = webhook_json(w);
                v["secret"] = json!(w.secret);
                Json(json!({"webhook": v})).into_response()
            }
            None => error(
                StatusCode::NOT_FOUND,
                "not-found",
                "no webhook with this id",
            ),
        },
        Err(e) => DbError(e).into_response(),
    }
}

/// `DELETE /admin/webhooks/{id}`: stop delivering to it (its log stays).
pub async fn disable(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    let now = now_ms();
    let ev = Event::new(now, "", "", "webhook.disabled", &actor, json!({"id": id}));
    match state.db.disable_webhook(&id, now, &ev).await {
        Ok(true) => Json(json!({"disabled": id})).into_response(),
        Ok(false) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no active webhook with this id",
        ),
        Err(e) => DbError(e).into_response(),
    }
}

fn delivery_json(d: &Delivery) -> Value {
    let fmt = |t: Option<i64>| t.map(|t| time::format_datetime(t.max(0) as u64));
    json!({"id": d.id, "webhook_id": d.webhook_id, "event_id": d.event_id, "event_type": d.event_type,
        "status": d.status, "attempts": d.attempts, "next_at": fmt(Some(d.next_at)),
        "last_status": d.last_status, "last_error": d.last_error,
        "created_at": fmt(Some(d.created_at)), "delivered_at": fmt(d.delivered_at)})
}

/// `GET /admin/webhooks/{id}/deliveries?limit=`: newest first.
pub async fn deliveries(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let _ = crate::require!(state, headers, Scope::Read);
    let mut limit = 100;
    for (k, v) in &q {
        match (k.as_str(), v.parse::<i64>()) {
            ("limit", Ok(n)) if (1..=1000).contains(&n) => limit = n,
            _ => return bad_request(vec!["the only parameter is 'limit' (1-1000)".into()]),
        }
    }
    match state.db.deliveries(&id, limit).await {
        Ok(ds) => Json(json!({"deliveries": ds.iter().map(delivery_json).collect::<Vec<_>>()}))
            .into_response(),
        Err(e) => DbError(e).into_response(),
    }
}

/// `POST /admin/deliveries/{id}/replay`: send it again now (a delivered
/// one too; receivers drop delivery ids they have seen).
pub async fn replay(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let actor = crate::require!(state, headers, Scope::Admin);
    let now = now_ms();
    let ev = Event::new(
        now,
        "",
        "",
        "webhook.replayed",
        &actor,
        json!({"delivery": id}),
    );
    match state.db.replay_delivery(&id, now, &ev).await {
        Ok(true) => Json(json!({"replayed": id})).into_response(),
        Ok(false) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no delivery with this id",
        ),
        Err(e) => DbError(e).into_response(),
    }
}

/// One attempt: (delivered, HTTP status, error).
fn send(d: &Delivery, now: i64) -> (bool, Option<i64>, Option<String>) {
    let body = payload(&d.event);
    let sig = signature(&d.secret, now / 1000, &body);
    let agent = ureq::AgentBuilder::new()
        .timeout(TIMEOUT)
        .redirects(0)
        .build();
    let r = agent
        .post(&d.url)
        .set("content-type", "application/json")
        .set("user-agent", "licensewarden-server webhooks")
        .set("x-licensewarden-webhook-signature", &sig)
        .set("x-licensewarden-delivery", &d.id)
        .set("x-licensewarden-event", &d.event_type)
        .send_string(&body);
    match r {
        Ok(resp) if (200..300).contains(&resp.status()) => {
            (true, Some(i64::from(resp.status())), None)
        }
        Ok(resp) => (
            false,
            Some(i64::from(resp.status())),
            Some("not a 2xx answer".into()),
        ),
        Err(ureq::Error::Status(code, _)) => {
            (false, Some(i64::from(code)), Some(format!("HTTP {code}")))
        }
        Err(e) => (
            false,
            None,
            Some(licensewarden_guest::escape::printable(&e.to_string(), 256)),
        ),
    }
}

/// The wait before attempt `attempts + 1`: `base`, doubling, at most 1 h.
pub fn backoff(base_ms: i64, attempts: i64) -> i64 {
    let shift = attempts.clamp(1, 20) - 1;
    base_ms.saturating_mul(1 << shift).min(MAX_BACKOFF_MS)
}

/// One worker round at `now`: queue deliveries for new events, then send
/// those due. Failures are logged and retried at the next round.
pub async fn tick(state: &AppState, now: i64) {
    if let Err(e) = state.db.enqueue_deliveries(now, wants).await {
        tracing::warn!(error = %e, "could not queue webhook deliveries");
        return;
    }
    let due = match state.db.due_deliveries(now, PER_TICK).await {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!(error = %e, "could not read due webhook deliveries");
            return;
        }
    };
    for d in due {
        let (ok, status, err) = match tokio::task::spawn_blocking({
            let d = d.clone();
            move || send(&d, now_ms())
        })
        .await
        {
            Ok(r) => r,
            Err(_) => (false, None, Some("the delivery task failed".into())),
        };
        let attempts = d.attempts + 1;
        let next = if ok || attempts >= MAX_ATTEMPTS {
            None
        } else {
            Some(now_ms() + backoff(state.settings.webhook_retry_ms, attempts))
        };
        if !ok {
            tracing::info!(delivery = %d.id, attempts, status = ?status, "webhook delivery failed; retrying later");
        }
        if let Err(e) = state
            .db
            .delivery_result(&d.id, ok, attempts, next, status, err.as_deref(), now_ms())
            .await
        {
            tracing::warn!(error = %e, "could not record a webhook delivery");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_match_types_and_prefixes() {
        assert!(wants(&[], "license.renewed"));
        let f = vec!["device.".to_string(), "license.suspended".to_string()];
        assert!(wants(&f, "device.registered"));
        assert!(wants(&f, "license.suspended"));
        assert!(!wants(&f, "license.renewed"));
        assert!(!wants(&f, "devices"));
    }

    #[test]
    fn backoff_doubles_from_the_base_up_to_an_hour() {
        assert_eq!(backoff(1000, 1), 1000);
        assert_eq!(backoff(1000, 2), 2000);
        assert_eq!(backoff(1000, 4), 8000);
        assert_eq!(backoff(10_000, 30), MAX_BACKOFF_MS);
    }

    #[test]
    fn the_signature_covers_time_and_body() {
        let a = signature("whsec_x", 100, "{}");
        assert!(a.starts_with("t=100,v1="));
        assert_ne!(a, signature("whsec_x", 101, "{}"));
        assert_ne!(a, signature("whsec_x", 100, "{ }"));
        assert_ne!(a, signature("whsec_y", 100, "{}"));
    }
}

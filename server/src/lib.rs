//! `licensewarden-server`: the reference license server for licensewarden's
//! online validation (docs/online-protocol.md). One binary on SQLite for a
//! small vendor, the same binary on PostgreSQL behind a load balancer.
//!
//! Everything cryptographic is the core's code (`licensewarden_guest::protocol`)
//! or the CLI's signer (`licensewarden::issue`), so client and server can
//! never disagree about the bytes under a MAC or a signature.

pub mod admin;
pub mod db;
pub mod metrics;
pub mod protocol_api;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use licensewarden::issue::SigningKey;
use licensewarden_guest::keys::KeySet;
use serde_json::json;

pub use metrics::Metrics;

/// Longest a request may take before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Shared by every request.
pub struct AppState {
    /// The database.
    pub db: db::Db,
    /// Signs every protocol answer.
    pub signing: SigningKey,
    /// Issues licenses created through the admin API, when configured.
    pub issuing: Option<SigningKey>,
    /// Vendor public keys registered tokens must verify with (empty: trust the admin).
    pub vendor_keys: KeySet,
    /// sha256 of the admin token.
    pub admin_hash: [u8; 32],
    /// Counters.
    pub metrics: Metrics,
}

/// Unix ms now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Constant-time equality of two byte strings (length may leak).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn health(State(state): State<Arc<AppState>>) -> Response {
    if state.db.ping().await {
        Json(json!({"status": "ok", "database": state.db.backend})).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "database": state.db.backend})),
        )
            .into_response()
    }
}

async fn metrics_text(State(state): State<Arc<AppState>>) -> Response {
    let devices = state.db.device_total().await.ok();
    (
        [("content-type", "text/plain; version=0.0.4")],
        state.metrics.render(devices),
    )
        .into_response()
}

async fn timeout(req: Request, next: Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(r) => r,
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "request timed out\n").into_response(),
    }
}

/// The HTTP application.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/v1/{action}", post(protocol_api::handle))
        .route("/admin/licenses", post(admin::create).get(admin::list))
        .route("/admin/licenses/{id}", get(admin::show))
        .route("/admin/licenses/{id}/revoke", post(admin::revoke))
        .route(
            "/admin/licenses/{id}/devices/{device}",
            delete(admin::delete_device),
        )
        .route("/health", get(health))
        .route("/metrics", get(metrics_text))
        // Protocol bodies are checked against 4 KiB by the handler (to give
        // a signed answer); this caps what is ever buffered.
        .layer(DefaultBodyLimit::max(admin::MAX_ADMIN_BYTES + 1))
        .layer(middleware::from_fn(timeout))
        .with_state(state)
}

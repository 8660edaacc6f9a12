//! `licensewarden-server`: the reference license server for licensewarden's
//! online validation (docs/online-protocol.md). One binary on SQLite for a
//! small vendor, the same binary on PostgreSQL behind a load balancer.
//!
//! Everything cryptographic is the core's code (`licensewarden_guest::protocol`)
//! or the CLI's signer (`licensewarden_issue`), so client and server can
//! never disagree about the bytes under a MAC or a signature.

pub mod admin;
pub mod admin_cli;
pub mod admin_input;
pub mod console;
pub mod db;
pub mod lifecycle;
pub mod listener;
pub mod metrics;
pub mod offline;
pub mod protocol_api;
pub mod reply;
pub mod status_api;
pub mod tokens;
pub mod webhooks;
pub mod writeback;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use licensewarden_guest::keys::KeySet;
use licensewarden_issue::SigningKey;
use serde_json::json;

pub use metrics::Metrics;

/// Longest a request may take before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The vendor's server-wide lifecycle settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Lease of `valid` answers for licenses without their own, ms.
    pub lease_ms: u64,
    /// Lease per plan, ms, for licenses of that plan without their own.
    pub plan_lease_ms: Vec<(String, u64)>,
    /// Revoked licenses are deleted this long after revocation (`None`: kept).
    pub revoked_ttl_ms: Option<i64>,
    /// Events older than this are deleted, ms.
    pub events_retention_ms: i64,
    /// First wait before a failed webhook delivery is retried (doubling), ms.
    pub webhook_retry_ms: i64,
    /// A `license.expiring` event is recorded this long before expiry, ms (0: never).
    pub expiry_notice_ms: i64,
    /// Console and portal cookies carry `Secure` (off when the server
    /// listens on loopback, where browsers talk plain HTTP to it).
    pub secure_cookies: bool,
    /// How long an activation file keeps an air-gapped device active, ms
    /// (never past the license's expiry).
    pub activation_file_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lease_ms: protocol_api::LEASE_MS,
            plan_lease_ms: Vec::new(),
            revoked_ttl_ms: None,
            events_retention_ms: 365 * 24 * 3600 * 1000,
            webhook_retry_ms: 10_000,
            expiry_notice_ms: 14 * 24 * 3600 * 1000,
            secure_cookies: false,
            activation_file_ms: 30 * 24 * 3600 * 1000,
        }
    }
}

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
    pub metrics: Arc<Metrics>,
    /// Batched `last_seen` and (SQLite) the nonce window.
    pub writeback: writeback::Writeback,
    /// Lifecycle settings.
    pub settings: Settings,
    /// Console and portal sessions.
    pub sessions: console::Sessions,
}

impl AppState {
    /// State over `db` with fresh counters and nothing pending.
    pub fn new(
        db: db::Db,
        signing: SigningKey,
        issuing: Option<SigningKey>,
        vendor_keys: KeySet,
        admin_hash: [u8; 32],
    ) -> Self {
        AppState {
            db,
            signing,
            issuing,
            vendor_keys,
            admin_hash,
            metrics: Arc::default(),
            writeback: writeback::Writeback::default(),
            settings: Settings::default(),
            sessions: console::Sessions::default(),
        }
    }

    /// The lease `valid` answers for `license` carry: its own, else its
    /// plan's, else the server's default.
    pub fn lease_ms(&self, license: &db::LicenseRow) -> u64 {
        license.lease_ms.map_or_else(
            || {
                self.settings
                    .plan_lease_ms
                    .iter()
                    .find(|(p, _)| *p == license.plan)
                    .map_or(self.settings.lease_ms, |(_, ms)| *ms)
            },
            |m| m.max(0) as u64,
        )
    }

    /// The same state with `settings`.
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }
}

/// A JSON error body `{"error": {"code", "message"}}`.
pub fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}

/// Start the background work: load the stored nonce window (SQLite),
/// then flush pending records every second and sweep old nonces every
/// minute. Returns the task; call [`flush_now`] at shutdown.
pub async fn start_background(state: Arc<AppState>) -> Result<tokio::task::JoinHandle<()>, String> {
    if state.db.backend == "sqlite" {
        let since = now_ms() - protocol_api::REPLAY_WINDOW_MS;
        state.writeback.load(state.db.recent_nonces(since).await?);
    }
    Ok(tokio::spawn(async move {
        let mut flush = tokio::time::interval(writeback::FLUSH_EVERY);
        let mut sweep = tokio::time::interval(writeback::SWEEP_EVERY);
        let mut deliver = tokio::time::interval(writeback::FLUSH_EVERY);
        loop {
            tokio::select! {
                _ = deliver.tick() => webhooks::tick(&state, now_ms()).await,
                _ = flush.tick() => {
                    if let Err(e) = state.writeback.flush(&state.db).await {
                        tracing::warn!(error = %e, "could not write last-seen times and nonces; retrying");
                    }
                }
                _ = sweep.tick() => {
                    if let Err(e) = state.db.forget_nonces(now_ms() - protocol_api::REPLAY_WINDOW_MS).await {
                        tracing::warn!(error = %e, "could not delete expired nonces");
                    }
                    lifecycle::sweep(&state, now_ms()).await;
                }
            }
        }
    }))
}

/// Write what is pending now (graceful shutdown).
pub async fn flush_now(state: &AppState) {
    if let Err(e) = state.writeback.flush(&state.db).await {
        tracing::warn!(error = %e, "could not write last-seen times and nonces at shutdown");
    }
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
    // One cheap query, bounded by the pool's acquire timeout: an outage
    // answers 503 within ~1.5 s instead of after the request timeout.
    if state.db.ping().await {
        state.metrics.database_up();
        Json(json!({"status": "ok", "database": state.db.backend})).into_response()
    } else {
        state.metrics.database_down();
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "database": state.db.backend})),
        )
            .into_response()
    }
}

async fn metrics_text(State(state): State<Arc<AppState>>) -> Response {
    // Counting devices needs the database; when it is known to be down the
    // scrape answers at once without that gauge.
    let devices = if state.metrics.is_database_down() {
        None
    } else {
        let q = state.db.device_total();
        match tokio::time::timeout(db::ACQUIRE_TIMEOUT, q).await {
            Ok(Ok(n)) => Some(n),
            _ => {
                state.metrics.database_down();
                None
            }
        }
    };
    (
        [("content-type", "text/plain; version=0.0.4")],
        state.metrics.render(devices),
    )
        .into_response()
}

async fn timeout(req: Request, next: Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(r) => r,
        Err(_) => json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request took longer than 10 s; try again",
        ),
    }
}

/// Unknown paths: signed under `/v1/` (clients read every answer there),
/// JSON elsewhere.
async fn not_found(state: State<Arc<AppState>>, uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/v1/") {
        return protocol_api::unknown(state, axum::http::Method::POST).await;
    }
    json_error(StatusCode::NOT_FOUND, "not-found", "no such endpoint")
}

/// Refuse a declared body over the cap before reading any of it.
async fn body_cap(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let protocol = req.uri().path().starts_with("/v1/");
    let cap = if protocol {
        protocol_api::MAX_REQUEST_BYTES
    } else {
        admin::MAX_ADMIN_BYTES
    };
    if declared.is_some_and(|n| n > cap as u64) {
        if protocol {
            return protocol_api::too_large(&state);
        }
        let mut r = json_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "request body is larger than 32 KiB",
        );
        r.headers_mut()
            .insert("connection", axum::http::HeaderValue::from_static("close"));
        return r;
    }
    next.run(req).await
}

/// The HTTP application.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/v1/status", post(status_api::status))
        .route(
            "/v1/{action}",
            post(protocol_api::handle).fallback(protocol_api::unknown),
        )
        .route("/admin/licenses", post(admin::create).get(admin::list))
        .route(
            "/admin/licenses/{id}",
            get(admin::show)
                .patch(lifecycle::change)
                .delete(lifecycle::delete),
        )
        .route("/admin/licenses/{id}/revoke", post(lifecycle::revoke))
        .route("/admin/licenses/{id}/unrevoke", post(lifecycle::unrevoke))
        .route("/admin/licenses/{id}/suspend", post(lifecycle::suspend))
        .route("/admin/licenses/{id}/reinstate", post(lifecycle::reinstate))
        .route("/admin/licenses/{id}/devices", get(lifecycle::devices))
        .route("/admin/events", get(lifecycle::events))
        .route("/admin/offline-activations", post(offline::create))
        .route("/admin/tokens", post(tokens::create).get(tokens::list))
        .route("/admin/tokens/{name}", delete(tokens::revoke))
        .route(
            "/admin/webhooks",
            post(webhooks::create).get(webhooks::list),
        )
        .route(
            "/admin/webhooks/{id}",
            get(webhooks::show).delete(webhooks::disable),
        )
        .route("/admin/webhooks/{id}/deliveries", get(webhooks::deliveries))
        .route("/admin/deliveries/{id}/replay", post(webhooks::replay))
        .route(
            "/admin/licenses/{id}/devices/{device}",
            delete(admin::delete_device),
        )
        .merge(console::routes())
        .route("/health", get(health))
        .route("/metrics", get(metrics_text))
        // Protocol bodies are checked against 4 KiB by the handler (to give
        // a signed answer); this caps what is ever buffered.
        .layer(DefaultBodyLimit::max(admin::MAX_ADMIN_BYTES + 1))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), body_cap))
        .layer(middleware::from_fn(timeout))
        .with_state(state)
}

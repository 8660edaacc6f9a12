//! axum middleware (feature `axum`): after expiry new requests get 503 with
//! the core's JSON body, except exempt paths; routes can require a feature
//! (403 naming feature and plan); during the offline grace period allowed
//! responses carry `x-license-warning`.
//!
//! ```ignore
//! let app = Router::new()
//!     .route("/sso", get(sso).route_layer(from_fn_with_state(
//!         RequireFeature::new(lic.clone(), "sso"), require_feature)))
//!     .layer(from_fn_with_state(lic.clone(), license_gate));
//! ```
//!
//! Routes gated by the access (RBAC) policy ([`require_action`]) and the
//! policy's reload route ([`access_reload`]) are here too.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::{GateDecision, Licensing};

/// The gate's decision, waiting (at most [`crate::FIRST_CHECK_WAIT`]) for
/// the first online check when the denial is only that none has been made
/// yet: a paying customer's first requests after an install or a new key
/// are not refused while the answer is on its way.
async fn decide(lic: &Arc<Licensing>, path: &str, feature: Option<&str>) -> GateDecision {
    let d = lic.gate(path, feature);
    if d.allow || !crate::awaiting_check(d.error.as_ref()) {
        return d;
    }
    let waiting = lic.clone();
    let _ = tokio::task::spawn_blocking(move || waiting.ready(crate::FIRST_CHECK_WAIT)).await;
    lic.gate(path, feature)
}

fn deny(d: &GateDecision) -> Response {
    let mut r = Response::new(Body::from(d.body.clone()));
    *r.status_mut() =
        StatusCode::from_u16(d.http_status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    r
}

/// Gate every request: 503 after expiry except the policy's exempt paths.
pub async fn license_gate(State(lic): State<Arc<Licensing>>, req: Request, next: Next) -> Response {
    let d = decide(&lic, req.uri().path(), None).await;
    if !d.allow {
        return deny(&d);
    }
    let mut r = next.run(req).await;
    if let Some(w) = lic.warning() {
        if let Ok(v) = header::HeaderValue::from_str(&w) {
            r.headers_mut().insert("x-license-warning", v);
        }
    }
    r
}

/// State for [`require_feature`]: the licensing and the feature a route needs.
#[derive(Clone)]
pub struct RequireFeature {
    lic: Arc<Licensing>,
    feature: Arc<str>,
}

impl RequireFeature {
    /// Require `feature` on the routes this layer wraps.
    pub fn new(lic: Arc<Licensing>, feature: &str) -> Self {
        RequireFeature {
            lic,
            feature: feature.into(),
        }
    }
}

/// Route middleware: 403 naming feature and plan when the feature is not licensed.
pub async fn require_feature(
    State(rf): State<RequireFeature>,
    req: Request,
    next: Next,
) -> Response {
    let d = decide(&rf.lic, req.uri().path(), Some(&rf.feature)).await;
    if d.allow {
        next.run(req).await
    } else {
        deny(&d)
    }
}

/// What a request runs, for [`require_action`]: a function of the request
/// (the query name in the path, say).
pub type ActionOf = Arc<dyn Fn(&Request) -> String + Send + Sync>;
/// The caller's roles and groups, from the application's own
/// authentication (an API-key caller as `admin`, say).
pub type SubjectOf = Arc<dyn Fn(&Request) -> crate::AccessSubject + Send + Sync>;

/// State for [`require_action`]: the licensing, what the request runs, who
/// the caller is, and the verb.
#[derive(Clone)]
pub struct RequireAction {
    lic: Arc<Licensing>,
    action: ActionOf,
    subject: SubjectOf,
    verb: Arc<str>,
}

impl RequireAction {
    /// Gate the routes this layer wraps by the access (RBAC) policy, for
    /// the verb `execute`.
    pub fn new(
        lic: Arc<Licensing>,
        action: impl Fn(&Request) -> String + Send + Sync + 'static,
        subject: impl Fn(&Request) -> crate::AccessSubject + Send + Sync + 'static,
    ) -> Self {
        RequireAction {
            lic,
            action: Arc::new(action),
            subject: Arc::new(subject),
            verb: "execute".into(),
        }
    }

    /// Another verb (`list`, say).
    pub fn verb(mut self, verb: &str) -> Self {
        self.verb = verb.into();
        self
    }
}

fn json(status: StatusCode, body: String) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    r
}

/// Route middleware: a 403 with the core's body (naming the action and the
/// caller's roles) when the access policy denies.
pub async fn require_action(State(ra): State<RequireAction>, req: Request, next: Next) -> Response {
    let d = ra
        .lic
        .authorize(&(ra.subject)(&req), &(ra.action)(&req), &ra.verb);
    if d.allow {
        next.run(req).await
    } else {
        json(StatusCode::FORBIDDEN, d.body.clone())
    }
}

/// The vendor's check for [`access_reload`]: true when the request carries
/// its admin credentials.
pub type AdminCheck = Arc<dyn Fn(&Request) -> bool + Send + Sync>;

/// The `POST /admin/rbac/reload` handler: re-reads the policy file now.
/// Without the vendor's credentials a 401; an unreadable or refused policy
/// a 422 with the error body (the policy in force stays).
///
/// ```ignore
/// .route("/admin/rbac/reload", post(access_reload).with_state((lic.clone(), check)))
/// ```
pub async fn access_reload(
    State((lic, check)): State<(Arc<Licensing>, AdminCheck)>,
    req: Request,
) -> Response {
    if !check(&req) {
        return json(
            StatusCode::UNAUTHORIZED,
            r#"{"error":{"code":"unauthorized","details":{},"message":"this route needs the vendor's admin credentials"}}"#.into(),
        );
    }
    let reloading = lic.clone();
    match tokio::task::spawn_blocking(move || reloading.reload_access_policy()).await {
        Ok(Ok(())) => {
            let access = lic
                .info()
                .access
                .map(|a| serde_json::json!({"enforced": a.enforced, "message": a.message}));
            json(
                StatusCode::OK,
                serde_json::json!({"reloaded": true, "access": access}).to_string(),
            )
        }
        Ok(Err(e)) => json(
            StatusCode::UNPROCESSABLE_ENTITY,
            GateDecision::denied(422, e).body,
        ),
        Err(_) => json(StatusCode::INTERNAL_SERVER_ERROR, String::new()),
    }
}

/// Per-request keys, for vendors who sell API access: each caller sends its
/// own key (`Authorization: License <key>` or `X-License-Key`) and one
/// instance of the core decides every request (`gate-key`): garbage is
/// refused without cryptography, verified keys are remembered inside the
/// core within a byte budget ([`crate::LicensingBuilder::gateway_cache_bytes`]),
/// forged ones are checked once and never evict a verified one. With
/// [`crate::OnlineSettings::status_token`] set, the server's signed status
/// list (revoked, suspended, deleted, renewed licenses) applies to every
/// caller, fetched in the background, and no device is registered.
///
/// ```ignore
/// let gw = Arc::new(Gateway::new(Licensing::builder("acme").trusted_key(key))?);
/// let app = Router::new()
///     .route("/api/sso", get(sso).route_layer(from_fn_with_state(GatewayRoute::new(gw.clone(), Some("sso")), key_gate)))
///     .route("/api/query", get(query).route_layer(from_fn_with_state(GatewayRoute::new(gw, None), key_gate)));
/// // handlers read who called: `Extension(caller): Extension<Arc<Caller>>`
/// ```
pub struct Gateway {
    lic: Licensing,
}

/// Who called, as the gateway put it in the request's extensions.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The caller's license id.
    pub license_id: String,
    /// The caller's plan, features and caps in force.
    pub snapshot: crate::Snapshot,
}

impl Gateway {
    /// One instance configured by `builder` (trusted keys, policy, and
    /// optionally online settings with a status token); no key of its own
    /// is read from the environment or disk.
    pub fn new(builder: crate::LicensingBuilder) -> Result<Self, crate::LicenseError> {
        let unused = builder.gateway_unused();
        if !unused.is_empty() {
            return Err(crate::LicenseError::new(
                crate::ErrorCode::InvalidConfig,
                format!(
                    "Gateway::new does not use {}: callers bring their own keys, and it keeps no state or files",
                    unused.join(", ")
                ),
            ));
        }
        let lic = builder
            .env(|_| None)
            .without_home()
            .reload_interval(std::time::Duration::ZERO)
            .build()?;
        Ok(Gateway { lic })
    }

    /// The decision for one request carrying `key` (see [`key_from`]) to
    /// `path`, needing `feature`: who called, or the denial to answer with
    /// (401 without a key or with a rejected one, 403 for a missing feature
    /// or a revoked, suspended or deleted license, 503 after the key's
    /// expiry except exempt paths), each with the core's JSON body.
    pub fn decide(
        &self,
        key: Option<&str>,
        path: &str,
        feature: Option<&str>,
    ) -> Result<Caller, GateDecision> {
        match self.lic.gate_caller(key, path, feature, true) {
            (d, Some(snapshot)) => match d.license_id {
                Some(license_id) => Ok(Caller {
                    license_id,
                    snapshot,
                }),
                None => Err(d.gate),
            },
            (d, None) => Err(d.gate),
        }
    }

    /// Counts: verified keys held and their bytes, forged keys remembered,
    /// the status list's size and serial.
    pub fn stats(&self) -> crate::GatewayStats {
        self.lic.gateway_stats()
    }

    /// The gateway's own instance (`info()` shows the status list's fetch
    /// state under `online`).
    pub fn licensing(&self) -> &Licensing {
        &self.lic
    }
}

/// The caller's key: `Authorization: License <key>` or `X-License-Key`.
pub fn key_from(headers: &axum::http::HeaderMap) -> Option<String> {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
    };
    key_from_values(text(header::AUTHORIZATION.as_str()), text("x-license-key"))
}

/// The caller's key from the two header values, by the rule every host
/// shares (`tests/vectors/gateway.json`): Authorization trimmed of spaces
/// and tabs is `License` (ASCII case ignored), spaces or tabs, and a key
/// without either; otherwise X-License-Key trimmed, when not empty.
pub fn key_from_values(authorization: Option<&str>, x_license_key: Option<&str>) -> Option<String> {
    licensewarden_guest::key_sources::from_headers(authorization, x_license_key)
}

/// State for [`key_gate`]: the gateway and the feature a route needs.
#[derive(Clone)]
pub struct GatewayRoute {
    gw: Arc<Gateway>,
    feature: Option<Arc<str>>,
}

impl GatewayRoute {
    /// Gate routes by the caller's key, optionally requiring `feature`.
    pub fn new(gw: Arc<Gateway>, feature: Option<&str>) -> Self {
        GatewayRoute {
            gw,
            feature: feature.map(Into::into),
        }
    }
}

/// Route middleware: 401 without a key or with a rejected one, 403 for a
/// missing feature or a license not in force, 503 after the key's expiry
/// (except exempt paths); the caller's `Arc<Caller>` is put in the
/// request's extensions.
pub async fn key_gate(State(route): State<GatewayRoute>, mut req: Request, next: Next) -> Response {
    let key = key_from(req.headers());
    match route
        .gw
        .decide(key.as_deref(), req.uri().path(), route.feature.as_deref())
    {
        Ok(caller) => {
            req.extensions_mut().insert(Arc::new(caller));
            next.run(req).await
        }
        Err(d) => deny(&d),
    }
}

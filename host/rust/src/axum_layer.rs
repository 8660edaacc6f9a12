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

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::{GateDecision, Licensing};

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
    let d = lic.gate(req.uri().path(), None);
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
    let d = rf.lic.gate(req.uri().path(), Some(&rf.feature));
    if d.allow {
        next.run(req).await
    } else {
        deny(&d)
    }
}

/// Per-request keys, for vendors who sell API access: each caller sends its
/// own key (`Authorization: License <key>` or `X-License-Key`) and the
/// gateway verifies it, as the edge worker does. Verified keys are cached by
/// the SHA-256 of the key (never the key itself), at most `max_cached`,
/// least recently used evicted; each entry is a [`Licensing`] whose snapshot
/// answers later requests without re-verifying.
///
/// ```ignore
/// let gw = Arc::new(Gateway::new(move || Licensing::builder("acme").trusted_key(key.clone()), 256));
/// let app = Router::new()
///     .route("/api/sso", get(sso).route_layer(from_fn_with_state(GatewayRoute::new(gw.clone(), Some("sso")), key_gate)))
///     .route("/api/query", get(query).route_layer(from_fn_with_state(GatewayRoute::new(gw, None), key_gate)));
/// // handlers read the caller's licensing: `Extension(lic): Extension<Arc<Licensing>>`
/// ```
pub struct Gateway {
    make: Box<dyn Fn() -> crate::LicensingBuilder + Send + Sync>,
    max_cached: usize,
    // Most recently used last; a few hundred entries, so a scan is cheap.
    cache: std::sync::Mutex<Vec<([u8; 32], Arc<Licensing>)>>,
}

impl Gateway {
    /// `make` configures an instance (trusted keys, policy); the gateway adds
    /// the caller's key.
    pub fn new(
        make: impl Fn() -> crate::LicensingBuilder + Send + Sync + 'static,
        max_cached: usize,
    ) -> Self {
        Gateway {
            make: Box::new(make),
            max_cached: max_cached.max(1),
            cache: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The caller's licensing, verified once per key while cached.
    pub fn licensing_for(&self, key: &str) -> Result<Arc<Licensing>, crate::LicenseError> {
        use sha2::Digest;
        let id: [u8; 32] = sha2::Sha256::digest(key.as_bytes()).into();
        let lock = || self.cache.lock().unwrap_or_else(|p| p.into_inner());
        {
            let mut c = lock();
            if let Some(i) = c.iter().position(|(k, _)| *k == id) {
                let hit = c.remove(i);
                let lic = hit.1.clone();
                c.push(hit);
                return Ok(lic);
            }
        }
        let lic = Arc::new((self.make)().key(key).build()?);
        let mut c = lock();
        c.push((id, lic.clone()));
        while c.len() > self.max_cached {
            c.remove(0);
        }
        Ok(lic)
    }

    /// How many verified keys are held.
    pub fn cached(&self) -> usize {
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// The caller's key: `Authorization: License <key>` or `X-License-Key`.
pub fn key_from(headers: &axum::http::HeaderMap) -> Option<String> {
    if let Some(auth) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let mut parts = auth.split_whitespace();
        if let (Some(scheme), Some(key), None) = (parts.next(), parts.next(), parts.next()) {
            if scheme.eq_ignore_ascii_case("license") {
                return Some(key.to_string());
            }
        }
    }
    let x = headers.get("x-license-key")?.to_str().ok()?.trim();
    (!x.is_empty()).then(|| x.to_string())
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

fn deny_error(status: StatusCode, e: &crate::LicenseError) -> Response {
    use licensewarden_guest::json::Value;
    deny(&GateDecision {
        allow: false,
        http_status: status.as_u16(),
        body: Value::object(vec![("error", e.to_json())]).to_canonical(),
        error: Some(e.clone()),
    })
}

/// Route middleware: 401 without a key or with a rejected one, 503 after the
/// key's expiry (except exempt paths), 403 naming a missing feature; the
/// caller's `Arc<Licensing>` is put in the request's extensions.
pub async fn key_gate(State(route): State<GatewayRoute>, mut req: Request, next: Next) -> Response {
    let Some(key) = key_from(req.headers()) else {
        let e = crate::LicenseError::new(
            crate::ErrorCode::NoLicense,
            "send the license key as \"Authorization: License <key>\" or \"X-License-Key\"",
        );
        return deny_error(StatusCode::UNAUTHORIZED, &e);
    };
    let lic = match route.gw.licensing_for(&key) {
        Ok(l) => l,
        Err(e) => return deny_error(StatusCode::SERVICE_UNAVAILABLE, &e),
    };
    let snap = lic.snapshot();
    if snap.status == crate::Status::Invalid {
        if let Some(e) = &snap.error {
            return deny_error(StatusCode::UNAUTHORIZED, e);
        }
    }
    let d = lic.gate(req.uri().path(), route.feature.as_deref());
    if !d.allow {
        return deny(&d);
    }
    req.extensions_mut().insert(lic);
    next.run(req).await
}

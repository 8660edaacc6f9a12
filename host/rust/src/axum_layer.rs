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

    /// The decision for one request carrying `key` (see [`key_from`]) to
    /// `path`, needing `feature`: the caller's licensing, or the denial to
    /// answer with (401 without a key or with a rejected one, 503 when it
    /// cannot be checked or after its expiry except exempt paths, 403
    /// naming a missing feature), each with the core's JSON body.
    pub fn decide(
        &self,
        key: Option<&str>,
        path: &str,
        feature: Option<&str>,
    ) -> Result<Arc<Licensing>, GateDecision> {
        let Some(key) = key else {
            let e = crate::LicenseError::new(
                crate::ErrorCode::NoLicense,
                "send the license key as \"Authorization: License <key>\" or \"X-License-Key\"",
            );
            return Err(denial(StatusCode::UNAUTHORIZED, &e));
        };
        let lic = self
            .licensing_for(key)
            .map_err(|e| denial(StatusCode::SERVICE_UNAVAILABLE, &e))?;
        let snap = lic.snapshot();
        if snap.status == crate::Status::Invalid {
            if let Some(e) = &snap.error {
                return Err(denial(StatusCode::UNAUTHORIZED, e));
            }
        }
        let d = lic.gate(path, feature);
        if d.allow {
            Ok(lic)
        } else {
            Err(d)
        }
    }

    /// How many verified keys are held.
    pub fn cached(&self) -> usize {
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).len()
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
    const WS: [char; 2] = [' ', '\t'];
    if let Some(auth) = authorization {
        if let Some((scheme, rest)) = auth.trim_matches(WS).split_once(WS) {
            let key = rest.trim_start_matches(WS);
            if scheme.eq_ignore_ascii_case("license") && !key.is_empty() && !key.contains(WS) {
                return Some(key.to_string());
            }
        }
    }
    let x = x_license_key?.trim_matches(WS);
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

fn denial(status: StatusCode, e: &crate::LicenseError) -> GateDecision {
    use licensewarden_guest::json::Value;
    GateDecision {
        allow: false,
        http_status: status.as_u16(),
        body: Value::object(vec![("error", e.to_json())]).to_canonical(),
        error: Some(e.clone()),
    }
}

/// Route middleware: 401 without a key or with a rejected one, 503 after the
/// key's expiry (except exempt paths), 403 naming a missing feature; the
/// caller's `Arc<Licensing>` is put in the request's extensions.
pub async fn key_gate(State(route): State<GatewayRoute>, mut req: Request, next: Next) -> Response {
    let key = key_from(req.headers());
    match route
        .gw
        .decide(key.as_deref(), req.uri().path(), route.feature.as_deref())
    {
        Ok(lic) => {
            req.extensions_mut().insert(lic);
            next.run(req).await
        }
        Err(d) => deny(&d),
    }
}

//! axum middleware (feature `axum`): after expiry new requests get 503 with
//! the core's JSON body, except exempt paths; routes can require a feature
//! (403 naming feature and plan).
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
    if d.allow {
        next.run(req).await
    } else {
        deny(&d)
    }
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

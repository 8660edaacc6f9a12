//! A small axum service gated by licensewarden.
//!
//! ```text
//! ACME_LICENSE_KEY=lg1.... axum-service --public-key public.key [--policy policy.json] [--port 8080]
//!     [--license-server https://license.example.com --server-key server.pub]
//! ```
//!
//! With `--license-server` the license is validated online (24 h lease,
//! 72 h offline grace, then restricted to community features) from a
//! background thread; requests never wait for the server.
//!
//! `/health`, `/ready` and `/metrics` stay open after expiry; everything else
//! gets 503. `/api/query` needs `api_access`, `/api/sso` needs `sso` (403
//! naming the feature and plan otherwise).

use licensewarden::TrustedKeyFile as _;
use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::{Json, Router};
use licensewarden::axum_layer::{license_gate, require_feature, RequireFeature};
use licensewarden::{Licensing, OnlineSettings, TrustedKey};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() {
    let mut b = Licensing::builder("acme");
    if let Some(p) = arg("--public-key") {
        b = b.trusted_key(
            TrustedKey::from_file(p.as_ref()).unwrap_or_else(|e| panic!("--public-key: {e}")),
        );
    }
    if let Some(p) = arg("--policy") {
        b = b.policy_file(p);
    }
    if let Some(url) = arg("--license-server") {
        let key = arg("--server-key").unwrap_or_else(|| {
            eprintln!("--license-server needs --server-key FILE (the server's server.pub)");
            std::process::exit(2)
        });
        let key =
            TrustedKey::from_file(key.as_ref()).unwrap_or_else(|e| panic!("--server-key: {e}"));
        b = b.online(OnlineSettings::new(url, key));
    }
    if let Some(d) = arg("--state-dir") {
        b = b.state_dir(d);
    }
    let lic = Arc::new(b.build().unwrap_or_else(|e| {
        eprintln!("licensing: {e}");
        std::process::exit(2)
    }));
    let info = lic.info();
    eprintln!(
        "license: plan {} status {} (key from {})",
        info.plan,
        info.status.as_str(),
        info.key_source
    );

    let metrics_lic = lic.clone();
    let info_lic = lic.clone();
    let app = Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/ready", get(|| async { "ready" }))
        .route("/metrics", get(move || async move { metrics_lic.metrics() }))
        .route("/api/devices", get(|| async { Json(serde_json::json!({"devices": []})) }))
        .route(
            "/api/query",
            get(|| async { Json(serde_json::json!({"rows": 0})) })
                .route_layer(from_fn_with_state(RequireFeature::new(lic.clone(), "api_access"), require_feature)),
        )
        .route(
            "/api/sso",
            get(|| async { "sso configured" })
                .route_layer(from_fn_with_state(RequireFeature::new(lic.clone(), "sso"), require_feature)),
        )
        .layer(from_fn_with_state(lic.clone(), license_gate))
        // Added after the layer, so outside the gate: operators must see why
        // a license stopped working precisely when it has.
        .route(
            "/license",
            get(move || async move {
                let i = info_lic.info();
                Json(serde_json::json!({"plan": i.plan, "status": i.status.as_str(), "days_remaining": i.days_remaining}))
            }),
        );

    let port = arg("--port").unwrap_or_else(|| "0".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}"))
        .await
        .expect("bind");
    // Tests read this line to learn the port.
    println!(
        "listening on {}",
        listener.local_addr().expect("local addr")
    );
    axum::serve(listener, app).await.expect("serve");
}

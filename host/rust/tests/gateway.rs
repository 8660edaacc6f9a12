//! Per-request keys through axum over real HTTP on 127.0.0.1.
#![cfg(feature = "axum")]

mod common;

use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::{Extension, Router};
use licensewarden::axum_layer::{key_gate, Caller, Gateway, GatewayRoute};
use licensewarden::Licensing;
use licensewarden_issue::{LicenseSpec, SigningKey};

fn spec(id: &str, plan: &str, expires: &str) -> LicenseSpec {
    LicenseSpec {
        id: id.into(),
        plan: plan.into(),
        issued_at: "2026-01-01".into(),
        expires_at: Some(expires.into()),
        ..Default::default()
    }
}

fn fetch(url: &str, header: Option<(&str, &str)>) -> (u16, String) {
    common::call("GET", url, header)
}

#[test]
fn one_core_decides_every_callers_key_and_remembers_forgeries_apart() {
    let vendor = SigningKey::ed25519_from_seed(Some("gw-test"), [9; 32]);
    let trusted = vendor.trusted_key();
    let policy = r#"{"plans": {"pro": {"features": ["api_access"]}, "enterprise": {"all_features": true}}, "features": ["sso"]}"#;
    let gw = Arc::new(
        Gateway::new(
            Licensing::builder("acme")
                .trusted_key(trusted.clone())
                .policy_json(policy)
                .gateway_cache_bytes(1024 * 1024),
        )
        .unwrap(),
    );
    let app = Router::new()
        .route(
            "/api/query",
            get(|Extension(caller): Extension<Arc<Caller>>| async move {
                format!("plan {} for {}", caller.snapshot.plan, caller.license_id)
            })
            .route_layer(from_fn_with_state(
                GatewayRoute::new(gw.clone(), None),
                key_gate,
            )),
        )
        .route(
            "/api/sso",
            get(|| async { "sso" }).route_layer(from_fn_with_state(
                GatewayRoute::new(gw.clone(), Some("sso")),
                key_gate,
            )),
        );
    let (_rt, base) = common::serve(app);

    let pro = vendor.issue(&spec("lic_pro", "pro", "2099-12-31"));
    let auth = format!("License {pro}");
    assert_eq!(
        fetch(&format!("{base}/api/query"), Some(("Authorization", &auth))),
        (200, "plan pro for lic_pro".into())
    );
    let (status, body) = fetch(&format!("{base}/api/sso"), Some(("X-License-Key", &pro)));
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("\"feature\":\"sso\""), "{body}");
    let ent = format!(
        "license {}",
        vendor.issue(&spec("lic_ent", "enterprise", "2099-12-31"))
    );
    assert_eq!(
        fetch(&format!("{base}/api/sso"), Some(("Authorization", &ent))).0,
        200
    );
    let (status, body) = fetch(&format!("{base}/api/query"), None);
    assert_eq!(status, 401);
    assert!(body.contains("\"code\":\"no-license\""), "{body}");
    let forged = format!("License {}AAA", &pro[..pro.len() - 3]);
    let (status, body) = fetch(
        &format!("{base}/api/query"),
        Some(("Authorization", &forged)),
    );
    assert_eq!(status, 401);
    assert!(body.contains("\"code\":\"bad-signature\""), "{body}");
    let old = format!(
        "License {}",
        vendor.issue(&spec("lic_old", "pro", "2020-01-01"))
    );
    let (status, body) = fetch(&format!("{base}/api/query"), Some(("Authorization", &old)));
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("\"code\":\"expired\""), "{body}");
    let stats = gw.stats();
    assert_eq!(
        stats.cache.verified, 3,
        "pro, enterprise and the expired key"
    );
    assert_eq!(stats.cache.rejected, 1, "the forgery, checked once");
    assert!(stats.cache.verified_bytes <= stats.cache.budget_bytes);
}

#[test]
fn gateway_settings_it_does_not_use_are_refused() {
    let e = match Gateway::new(Licensing::builder("acme").key("lg1.x").state_dir("/tmp/x")) {
        Err(e) => e,
        Ok(_) => panic!("a key and a state directory must be refused"),
    };
    assert_eq!(e.code, licensewarden::ErrorCode::InvalidConfig);
    assert!(e.message.contains("key, state_dir"), "{}", e.message);
}

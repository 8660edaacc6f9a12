//! The access (RBAC) policy through the Rust host: files and variables,
//! re-reading, the memo, and axum over real HTTP on 127.0.0.1.
#![cfg(feature = "axum")]

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use licensewarden::axum_layer::{access_reload, require_action, AdminCheck, RequireAction};
use licensewarden::{AccessSubject, ErrorCode, Licensing, LicensingBuilder};
use licensewarden_issue::{LicenseSpec, SigningKey};

/// network-ops-team may run topology_*, admin everything.
const RBAC_YAML: &str = include_str!("../../../tests/fixtures/rbac-ops.yaml");
const POLICY: &str = r#"{"plans": {"pro": {"features": ["api_access"]}, "enterprise": {"all_features": true}}, "metrics_prefix": "acme"}"#;

fn builder(plan: &str) -> LicensingBuilder {
    let vendor = SigningKey::ed25519_from_seed(Some("rbac-test"), [7; 32]);
    let key = vendor.issue(&LicenseSpec {
        id: "lic_rbac".into(),
        plan: plan.into(),
        issued_at: "2026-01-01".into(),
        expires_at: Some("2099-12-31".into()),
        ..Default::default()
    });
    Licensing::builder("acme")
        .trusted_key(vendor.trusted_key())
        .policy_json(POLICY)
        .key(key)
        .without_home()
}

fn with_env(b: LicensingBuilder, vars: Vec<(&'static str, String)>) -> LicensingBuilder {
    b.env(move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    })
}

fn caller(req: &axum::extract::Request) -> AccessSubject {
    let h = |n: &str| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    if h("x-api-key") == "vendor-admin" {
        return AccessSubject {
            roles: vec!["admin".into()],
            groups: vec![],
        };
    }
    AccessSubject {
        roles: vec![],
        groups: h("x-groups")
            .split(',')
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(String::from)
            .collect(),
    }
}

#[test]
fn require_action_gates_queries_by_group_and_the_reload_route_re_reads_the_file() {
    let dir = std::env::temp_dir().join(format!("lw-rbac-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rbac.yaml");
    std::fs::write(&file, RBAC_YAML).unwrap();
    let lic = Arc::new(
        with_env(
            builder("enterprise"),
            vec![
                ("ACME_RBAC_POLICY_FILE", file.display().to_string()),
                ("ACME_RBAC_RELOAD_INTERVAL", "0".into()),
            ],
        )
        .build()
        .unwrap(),
    );
    let check: AdminCheck = Arc::new(|req| {
        req.headers()
            .get("x-api-key")
            .is_some_and(|v| v == "vendor-admin")
    });
    let query = |req: &axum::extract::Request| {
        req.uri()
            .path()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let app = Router::new()
        .route(
            "/api/queries/{name}",
            get(|| async { "{\"rows\":[]}" }).route_layer(from_fn_with_state(
                RequireAction::new(lic.clone(), query, caller),
                require_action,
            )),
        )
        .route(
            "/admin/rbac/reload",
            post(access_reload).with_state((lic.clone(), check)),
        );
    let (_rt, base) = common::serve(app);
    let ops = Some(("x-groups", "network-ops-team"));

    assert_eq!(
        common::call("GET", &format!("{base}/api/queries/topology_map"), ops).0,
        200
    );
    let (status, body) = common::call("GET", &format!("{base}/api/queries/firewall_rules"), ops);
    assert_eq!(status, 403);
    assert!(
        body.starts_with(r#"{"error":{"code":"access-denied","details":{"action":"firewall_rules","groups":"network-ops-team","roles":"network","verb":"execute"}"#),
        "{body}"
    );
    assert_eq!(
        common::call(
            "GET",
            &format!("{base}/api/queries/firewall_rules"),
            Some(("x-api-key", "vendor-admin"))
        )
        .0,
        200
    );

    std::fs::write(&file, RBAC_YAML.replace("\"topology_*\"", "\"firewall_*\"")).unwrap();
    assert_eq!(
        common::call("POST", &format!("{base}/admin/rbac/reload"), None).0,
        401
    );
    let (status, body) = common::call(
        "POST",
        &format!("{base}/admin/rbac/reload"),
        Some(("x-api-key", "vendor-admin")),
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"enforced\":true"), "{body}");
    assert_eq!(
        common::call("GET", &format!("{base}/api/queries/firewall_rules"), ops).0,
        200
    );

    std::fs::write(&file, "roles:\n  network: [no]\n").unwrap();
    let (status, body) = common::call(
        "POST",
        &format!("{base}/admin/rbac/reload"),
        Some(("x-api-key", "vendor-admin")),
    );
    assert_eq!(status, 422);
    assert!(body.contains("\"field\":\"line 2\""), "{body}");
    assert_eq!(
        common::call("GET", &format!("{base}/api/queries/firewall_rules"), ops).0,
        200
    );
    assert!(lic.metrics().contains("acme_rbac_policy_error 1"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_policy_file_is_re_read_when_it_changes() {
    let dir = std::env::temp_dir().join(format!("lw-rbac-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rbac.yaml");
    std::fs::write(&file, RBAC_YAML).unwrap();
    let lic = builder("enterprise")
        .access_policy_file(&file)
        .access_reload_interval(Duration::from_millis(1))
        .build()
        .unwrap();
    let ops = AccessSubject {
        roles: vec![],
        groups: vec!["network-ops-team".into()],
    };
    assert!(lic.authorize(&ops, "topology_map", "execute").allow);
    std::fs::write(
        &file,
        RBAC_YAML.replace("\"topology_*\"", "\"firewall_*\"") + "# changed\n",
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(10));
    assert!(!lic.authorize(&ops, "topology_map", "execute").allow);
    assert!(lic
        .info()
        .access
        .unwrap()
        .message
        .starts_with("RBAC policy in force: 2 roles"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unreadable_policy_file_fails_the_start_naming_it_and_plain_names_need_opting_in() {
    let e = builder("enterprise")
        .access_policy_file("/nonexistent/rbac.yaml")
        .build()
        .err()
        .unwrap();
    assert_eq!(e.code, ErrorCode::InvalidConfig);
    assert!(e.message.contains("rbac.yaml"), "{}", e.message);
    let plain = || vec![("RBAC_POLICY", "roles:\n  r: [x]\n".to_string())];
    assert!(with_env(builder("enterprise"), plain())
        .build()
        .unwrap()
        .info()
        .access
        .is_none());
    let lic = with_env(builder("enterprise"), plain())
        .rbac_plain_env(true)
        .build()
        .unwrap();
    let r = AccessSubject {
        roles: vec!["r".into()],
        groups: vec![],
    };
    assert!(!lic.authorize(&r, "y", "execute").allow);
}

#[test]
fn a_plan_without_rbac_leaves_the_policy_unenforced() {
    let lic = builder("pro").access_policy(RBAC_YAML).build().unwrap();
    let who = AccessSubject {
        roles: vec![],
        groups: vec!["marketing".into()],
    };
    assert!(lic.authorize(&who, "firewall_rules", "execute").allow);
    assert!(lic.metrics().contains("acme_rbac_policy_enforced 0"));
}

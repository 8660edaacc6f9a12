//! The signed status list reaching a gateway (the Rust host's core in
//! gateway mode, over real HTTP): suspensions, revocations, renewals and
//! deletions apply to callers' keys at the gateway's next fetch, and the
//! gateway takes no device slot. SQLite and PostgreSQL.

mod common;

use common::{databases, vendor, Server};
use licensewarden::{ErrorCode, FileStore, Licensing, OnlineSettings};
use serde_json::json;

fn gateway(s: &Server, token: &str) -> Licensing {
    let mut online = OnlineSettings::new(s.url.clone(), s.public_key());
    online.background = false;
    online.timeout = std::time::Duration::from_secs(5);
    online.status_token = Some(token.into());
    Licensing::builder("acme")
        .trusted_key(vendor().trusted_key())
        .policy_json(r#"{"plans": {"pro": {"features": ["api"]}}}"#)
        .env(|_| None)
        .without_home()
        .reload_interval(std::time::Duration::ZERO)
        .state_store(FileStore::memory())
        .online(online)
        .build()
        .expect("gateway builds")
}

fn decide(gw: &Licensing, key: &str, feature: Option<&str>) -> (u16, Option<ErrorCode>) {
    let d = gw.gate_key(Some(key), "/api", feature);
    (d.gate.http_status, d.gate.error.map(|e| e.code))
}

#[test]
fn a_gateway_follows_the_status_list_without_taking_a_device() {
    for db in databases("status-list") {
        let s = Server::start("status-list", &db);
        let keys: Vec<String> = ["lic_a", "lic_b", "lic_c", "lic_d"]
            .iter()
            .map(|id| s.create_license(id, 1))
            .collect();
        let (status, v) = s.admin(
            "POST",
            "/admin/tokens",
            Some(json!({"name": "edge", "scope": "status"})),
        );
        assert_eq!(status, 201, "{db:?}: {v}");
        let token = v["token"].as_str().unwrap().to_string();
        let r = ureq::get(&format!("{}/admin/licenses", s.url))
            .set("authorization", &format!("Bearer {token}"))
            .call();
        assert!(
            matches!(r, Err(ureq::Error::Status(403, _))),
            "{db:?}: a status token reads nothing else"
        );

        let gw = gateway(&s, &token);
        assert_eq!(gw.validate_now().unwrap().error, None, "{db:?}");
        for k in &keys {
            assert_eq!(decide(&gw, k, None), (200, None), "{db:?}");
        }
        assert_eq!(
            decide(&gw, &keys[2], Some("audit")).1,
            Some(ErrorCode::FeatureNotLicensed)
        );

        let ok = |method: &str, path: &str, body| {
            let (status, v) = s.admin(method, path, body);
            assert_eq!(status, 200, "{db:?} {method} {path}: {v}");
        };
        ok(
            "POST",
            "/admin/licenses/lic_a/suspend",
            Some(json!({"reason": "invoice 1042 is unpaid"})),
        );
        ok("POST", "/admin/licenses/lic_b/revoke", None);
        ok(
            "PATCH",
            "/admin/licenses/lic_c",
            Some(json!({"expires": "2100-06-30", "features": ["audit"]})),
        );
        ok("DELETE", "/admin/licenses/lic_d", None);
        assert_eq!(decide(&gw, &keys[0], None), (200, None), "not fetched yet");

        assert_eq!(gw.validate_now().unwrap().error, None, "{db:?}");
        let suspended = gw.gate_key(Some(&keys[0]), "/api", None);
        assert_eq!(suspended.gate.http_status, 403);
        assert!(
            suspended.gate.body.contains("invoice 1042 is unpaid"),
            "{}",
            suspended.gate.body
        );
        assert_eq!(decide(&gw, &keys[1], None), (403, Some(ErrorCode::Revoked)));
        assert_eq!(
            decide(&gw, &keys[2], Some("audit")),
            (200, None),
            "upgraded"
        );
        assert_eq!(
            decide(&gw, &keys[3], None),
            (403, Some(ErrorCode::LicenseNotFound))
        );
        let stats = gw.gateway_stats();
        assert_eq!(stats.status_licenses, 4, "{db:?}");
        assert!(stats.status_serial >= 4, "{db:?}");

        ok("POST", "/admin/licenses/lic_a/reinstate", None);
        gw.validate_now().unwrap();
        assert_eq!(
            decide(&gw, &keys[0], None),
            (200, None),
            "{db:?}: reinstated"
        );
        // Reinstated licenses stay listed, in force with the server's terms.
        assert_eq!(gw.gateway_stats().status_licenses, 4);

        for id in ["lic_a", "lic_c"] {
            let (_, v) = s.admin("GET", &format!("/admin/licenses/{id}/devices"), None);
            assert_eq!(v["devices"], json!([]), "{db:?}: the gateway took no slot");
        }
        let info = gw.info().online.unwrap();
        assert!(info.last_validated.is_some() && info.last_error.is_none());
    }
}

#[test]
fn a_large_status_list_arrives_in_pages_under_the_answer_cap() {
    for db in databases("status-pages") {
        let s = Server::start("status-pages", &db);
        let (_, v) = s.admin(
            "POST",
            "/admin/tokens",
            Some(json!({"name": "edge", "scope": "status"})),
        );
        let token = v["token"].as_str().unwrap().to_string();
        let n = 120;
        for i in 0..n {
            let id = format!("lic_page_{i:03}");
            s.create_license(&id, 1);
            let (status, _) = s.admin(
                "PATCH",
                &format!("/admin/licenses/{id}"),
                Some(json!({"features": ["audit"], "expires": "2100-01-01"})),
            );
            assert_eq!(status, 200);
        }
        let gw = gateway(&s, &token);
        let mut fetches = 0;
        while fetches < 50 {
            fetches += 1;
            assert_eq!(gw.validate_now().unwrap().error, None, "{db:?}");
            if gw.gateway_stats().status_licenses == n {
                break;
            }
        }
        assert_eq!(gw.gateway_stats().status_licenses, n, "{db:?}");
        assert!(
            fetches > 1,
            "{db:?}: {n} renewed licenses take more than one page"
        );
    }
}

//! Gateways and the server's signed status list (docs/online-protocol.md,
//! "Status list"): an instance configured with a status token fetches the
//! list instead of validating a device, and applies it to every caller's
//! key (`gate_key` steps): revoked, suspended and deleted licenses are
//! refused, renewed ones run on the server's terms; replayed, older,
//! unsigned and refused answers change nothing.

use serde_json::{json, Value};

use super::{ms, policy, tk, Case, Gen, LicenseSpec, URL};

const TOKEN: &str = "lws_vectors_status_token";

fn gateway_config(g: &Gen) -> Value {
    json!({
        "trusted_keys": [tk(&g.k.a)], "policy": policy(), "demo_mode": false,
        "online": {"server_url": URL, "server_keys": [tk(&g.server)], "lease_hours": 0, "grace_hours": 0,
                   "status_token": TOKEN},
    })
}

/// A caller's key for license `id`, signed by the vendor.
fn key(g: &Gen, id: &str, expires: &str) -> String {
    g.k.a.issue(&LicenseSpec {
        id: id.into(),
        org: Some("Acme Corp".into()),
        plan: "pro".into(),
        issued_at: "2026-01-01T00:00:00Z".into(),
        expires_at: Some(expires.into()),
        ..Default::default()
    })
}

impl Case {
    fn gate_key(&mut self, t: u64, token: &str, feature: Option<&str>, expect: Value) {
        self.step(
            json!({"at": t, "do": "gate_key", "token": token, "path": "/api/query", "feature": feature}),
            expect,
        );
    }

    /// Ask for the list (`validate`) at `t`.
    fn ask(&mut self, t: u64) {
        self.request(
            t,
            "validate",
            json!({"request": {"method": "POST", "url": format!("{URL}/v1/status"),
                               "headers": {"authorization": format!("Bearer {TOKEN}")}}}),
        );
    }

    /// The signed list answering the last request (its nonce unless
    /// `nonce` says otherwise).
    fn list(&mut self, t: u64, serial: u64, licenses: Value, nonce: Option<&str>, expect: Value) {
        let req = self.last_request.clone().unwrap_or(Value::Null);
        let sent: Value = req["body"]
            .as_str()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(Value::Null);
        let nonce = nonce.map_or_else(|| sent["nonce"].clone(), |n| json!(n));
        let body = json!({"licenses": licenses, "more": false, "nonce": nonce, "result": "status",
                          "serial": serial, "server_time": t, "v": 1})
        .to_string();
        let sig = self.server.sign_answer(200, &body);
        self.raw(
            t,
            200,
            json!({"content-type": "application/json", "X-Licensewarden-Signature": sig}),
            &body,
            expect,
        );
    }
}

pub(super) fn cases(g: &mut Gen) {
    let cfg = gateway_config(g);
    let a = key(g, "lic_gw_a", "2099-12-31");
    let b = key(g, "lic_gw_b", "2026-12-31");
    let c = key(g, "lic_gw_c", "2099-12-31");
    let allowed = |id: &str| json!({"allow": true, "status": 200, "code": null, "license_id": id});
    let refused = |status: u16, code: &str| json!({"allow": false, "status": status, "code": code, "license_id": null});
    let renewed = json!({"id": "lic_gw_b", "state": "active", "terms": {"expires_at": "2099-12-31",
        "features": ["sso"], "id": "lic_gw_b", "issued_at": "2026-01-01T00:00:00Z", "org": "Acme Corp", "plan": "pro"}});

    let mut s = g.case_with(
        "status-list-applies-to-every-caller",
        "A gateway fetches the signed status list (no device) and applies it to each caller's key: suspended and deleted refused with their codes, a renewal with a new feature honoured; reinstating lifts the suspension",
        cfg.clone(),
        None,
    );
    let t0 = s.at(0);
    s.gate_key(t0, &a, None, allowed("lic_gw_a"));
    s.ask(t0);
    s.list(
        t0,
        3,
        json!([{"id": "lic_gw_a", "reason": "invoice 1042 is unpaid", "state": "suspended"}, renewed,
               {"id": "lic_gw_c", "state": "deleted"}]),
        None,
        json!({"code": null}),
    );
    s.gate_key(t0, &a, None, refused(403, "suspended"));
    s.gate_key(t0, &b, Some("sso"), allowed("lic_gw_b"));
    s.gate_key(ms("2027-02-01T00:00:00Z"), &b, None, allowed("lic_gw_b"));
    s.gate_key(t0, &c, None, refused(403, "license-not-found"));
    s.ask(t0 + 1000);
    s.list(
        t0 + 1000,
        4,
        json!([{"id": "lic_gw_a", "state": "active"}]),
        None,
        json!({"code": null}),
    );
    s.gate_key(t0 + 1000, &a, None, allowed("lic_gw_a"));
    s.info(
        t0 + 1000,
        json!({"online": {"last_validated": t0 + 1000, "last_error": null}}),
    );
    g.push(s);

    let mut s = g.case_with(
        "status-list-refuses-replays-older-lists-and-unsigned-answers",
        "A replayed nonce, a serial older than the one held and an unsigned answer are refused; a refused token is a configuration error; the list held stays in force",
        cfg.clone(),
        None,
    );
    let t0 = s.at(0);
    s.ask(t0);
    s.list(
        t0,
        5,
        json!([{"id": "lic_gw_a", "reason": "", "state": "revoked"}]),
        None,
        json!({"code": null}),
    );
    s.ask(t0 + 1000);
    s.list(
        t0 + 1000,
        6,
        json!([{"id": "lic_gw_a", "state": "active"}]),
        Some("AAAAAAAAAAAAAAAAAAAAAA"),
        json!({"code": "bad-response"}),
    );
    s.ask(t0 + 2000);
    s.list(
        t0 + 2000,
        4,
        json!([{"id": "lic_gw_a", "state": "active"}]),
        None,
        json!({"code": "bad-response"}),
    );
    s.ask(t0 + 3000);
    s.raw(
        t0 + 3000,
        200,
        json!({"content-type": "application/json"}),
        "{}",
        json!({"code": "offline"}),
    );
    s.ask(t0 + 4000);
    s.raw(
        t0 + 4000,
        401,
        json!({"content-type": "application/json"}),
        "{}",
        json!({"code": "invalid-config"}),
    );
    s.gate_key(t0 + 4000, &a, None, refused(403, "revoked"));
    s.info(
        t0 + 4000,
        json!({"online": {"last_validated": t0, "last_error": "invalid-config"}}),
    );
    g.push(s);

    let mut s = g.case_with(
        "status-list-gateway-registers-no-device",
        "A gateway instance refuses to activate (it registers no device) and asks for the list only when due: at once, then every 2 minutes",
        cfg,
        None,
    );
    let t0 = s.at(0);
    s.request(t0, "activate", json!({"code": "invalid-config"}));
    s.request(
        t0,
        "validate-if-due",
        json!({"request": {"url": format!("{URL}/v1/status")}}),
    );
    s.list(t0, 0, json!([]), None, json!({"code": null}));
    s.request(t0 + 60_000, "validate-if-due", json!({"request": null}));
    s.request(
        t0 + 120_000,
        "validate-if-due",
        json!({"request": {"url": format!("{URL}/v1/status")}}),
    );
    g.push(s);
}

//! `tests/vectors/online.json`: the online state machine as sequences of
//! steps (time, requests, signed server answers, state files, restarts).
//!
//! Each case is played step by step through the component (the same runner
//! every host's conformance uses) while it is written: answers echo the
//! nonce of the request just made, tampered states are derived from the
//! state just saved, and every step's outcome must contain the expectation
//! written here by hand, or generation stops.

/// What the file holds.
pub const DESCRIPTION: &str = "Online validation as step sequences: lease, grace, restricted, signed answers, clocks, sealed state";

use crate::conformance::OnlineRun;
use licensewarden_guest::fingerprint;
use licensewarden_guest::protocol::{self, Answer, Verdict};
use licensewarden_issue::{LicenseSpec, SigningKey};
use serde_json::{json, Value};

use super::{bad, ms, policy, spec, tk, Keys};

mod activation_file;
mod agent;
mod lifecycle;
mod rollback;
mod status_list;

const T0: &str = "2026-06-01T00:00:00Z";
const H: u64 = 3600 * 1000;
const URL: &str = "https://license.example.com";

fn device_id() -> String {
    let f = crate::conformance::default_facts();
    fingerprint::device_id(&fingerprint::DeviceFacts {
        mac: f.mac,
        hostname: f.hostname,
        arch: f.arch,
        os: f.os,
    })
}

/// How the simulated server answers the request just made.
#[derive(Clone)]
struct Reply {
    verdict: Verdict,
    created: bool,
    status: Option<u16>,
    server_time: Option<u64>,
    lease_ms: Option<u64>,
    devices: Option<(u64, u64)>,
    license_id: Option<String>,
    device_id: Option<String>,
    nonce: Option<String>,
    signer: Option<SigningKey>,
    unsigned: bool,
    body: Option<String>,
    terms: Option<Value>,
    message: Option<String>,
}

fn reply(verdict: Verdict) -> Reply {
    Reply {
        verdict,
        created: false,
        status: None,
        server_time: None,
        lease_ms: Some(24 * H),
        devices: Some((1, 5)),
        license_id: None,
        device_id: None,
        nonce: None,
        signer: None,
        unsigned: false,
        body: None,
        terms: None,
        message: None,
    }
}

struct Case {
    id: String,
    description: String,
    config: Value,
    key: Value,
    now: u64,
    steps: Vec<Value>,
    expect: Vec<Value>,
    run: OnlineRun,
    last_request: Option<Value>,
    server: SigningKey,
}

impl Case {
    fn step(&mut self, step: Value, expect: Value) -> Value {
        let got = self.run.step(&step);
        assert!(
            crate::conformance::matches(&expect, &got),
            "{}: step {} {step}\n expected ⊇ {expect}\n got {got}",
            self.id,
            self.steps.len()
        );
        if step["do"] == "request" {
            self.last_request = got["request"].as_object().map(|_| got["request"].clone());
        }
        self.steps.push(step);
        self.expect.push(expect);
        got
    }

    fn at(&self, offset: i64) -> u64 {
        (self.now as i64 + offset) as u64
    }

    fn request(&mut self, t: u64, action: &str, expect: Value) -> Value {
        self.step(json!({"at": t, "do": "request", "action": action}), expect)
    }

    fn snapshot(&mut self, t: u64, expect: Value) -> Value {
        self.step(json!({"at": t, "do": "snapshot"}), expect)
    }

    fn info(&mut self, t: u64, expect: Value) -> Value {
        self.step(json!({"at": t, "do": "info"}), expect)
    }

    fn gate(&mut self, t: u64, path: &str, feature: Option<&str>, expect: Value) -> Value {
        self.step(
            json!({"at": t, "do": "gate", "path": path, "feature": feature}),
            expect,
        )
    }

    fn restart(&mut self, t: u64, expect: Value) -> Value {
        self.step(json!({"at": t, "do": "restart"}), expect)
    }

    fn store(&mut self, value: &str) {
        self.step(json!({"do": "store", "value": value}), json!({}));
    }

    fn fail(&mut self, t: u64, reason: &str, expect: Value) -> Value {
        self.step(json!({"at": t, "do": "answer", "error": reason}), expect)
    }

    fn raw(&mut self, t: u64, status: u16, headers: Value, body: &str, expect: Value) -> Value {
        self.step(
            json!({"at": t, "do": "answer", "response": {"status": status, "headers": headers, "body": body}}),
            expect,
        )
    }

    /// The body the simulated server sends at `t` for `r`.
    fn answer_body(&self, t: u64, r: &Reply) -> String {
        let req = self.last_request.clone().unwrap_or(Value::Null);
        let body: Value = req["body"]
            .as_str()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(Value::Null);
        let r = r.clone();
        let a = Answer {
            verdict: r.verdict,
            status: 0,
            license_id: r
                .license_id
                .unwrap_or_else(|| body["license_id"].as_str().unwrap_or("").into()),
            device_id: r
                .device_id
                .unwrap_or_else(|| body["device_id"].as_str().unwrap_or("").into()),
            nonce: r
                .nonce
                .unwrap_or_else(|| body["nonce"].as_str().unwrap_or("").into()),
            server_time: r.server_time.unwrap_or(t),
            lease_ms: if r.verdict == Verdict::Valid {
                r.lease_ms
            } else {
                None
            },
            registered: r.devices.map(|d| d.0),
            max: r.devices.map(|d| d.1),
            message: r
                .message
                .unwrap_or_else(|| format!("{} (simulated server)", r.verdict.as_str())),
            terms: r.terms.map(|t| t.to_string()),
            offline_until: None,
        };
        r.body.unwrap_or_else(|| protocol::answer_body(&a))
    }

    /// The server's answer to the last request, as `r` describes it.
    fn answer(&mut self, t: u64, r: Reply, expect: Value) -> Value {
        let body = self.answer_body(t, &r);
        let status = r.status.unwrap_or(r.verdict.status(r.created));
        let signer = r.signer.unwrap_or_else(|| self.server.clone());
        let headers = if r.unsigned {
            json!({"content-type": "application/json"})
        } else {
            json!({"content-type": "application/json", "X-Licensewarden-Signature": signer.sign_answer(status, &body)})
        };
        self.raw(t, status, headers, &body, expect)
    }

    /// Request a validation and answer it `valid` at `t`.
    fn validate_ok(&mut self, t: u64) {
        self.request(
            t,
            "validate-if-due",
            json!({"request": {"method": "POST", "url": format!("{URL}/v1/validate")}}),
        );
        self.answer(
            t,
            reply(Verdict::Valid),
            json!({"code": null, "status": "active"}),
        );
    }

    fn finish(self) -> Value {
        json!({
            "id": self.id, "description": self.description, "config": self.config,
            "now_ms": self.now, "key": self.key, "op": "online",
            "steps": self.steps, "expect": {"steps": self.expect},
        })
    }
}

struct Gen {
    k: Keys,
    server: SigningKey,
    forged_server: SigningKey,
    token: String,
    cases: Vec<Value>,
}

impl Gen {
    fn config(&self) -> Value {
        json!({
            "trusted_keys": [tk(&self.k.a)], "policy": policy(), "demo_mode": false,
            "online": {"server_url": URL, "server_keys": [tk(&self.server)], "lease_hours": 0, "grace_hours": 0},
        })
    }

    fn case_with(&self, id: &str, description: &str, config: Value, key: Option<&str>) -> Case {
        let key = json!(key);
        let shell = json!({"config": config, "now_ms": ms(T0), "key": key});
        Case {
            id: format!("online/{id}"),
            description: description.into(),
            run: OnlineRun::new(&shell),
            config,
            key,
            now: ms(T0),
            steps: Vec::new(),
            expect: Vec::new(),
            last_request: None,
            server: self.server.clone(),
        }
    }

    fn case(&self, id: &str, description: &str) -> Case {
        self.case_with(id, description, self.config(), Some(&self.token.clone()))
    }

    fn push(&mut self, c: Case) {
        self.cases.push(c.finish());
    }
}

fn status(s: &str, code: Value) -> Value {
    json!({"status": s, "code": code})
}

fn flip_last_char(s: &str) -> String {
    let mut b = s.as_bytes().to_vec();
    let i = b.len() - 2;
    b[i] = if b[i] == b'A' { b'B' } else { b'A' };
    String::from_utf8(b).unwrap()
}

#[allow(clippy::too_many_lines)]
pub fn cases(k: &Keys) -> Vec<Value> {
    let server = SigningKey::ed25519_from_seed(Some("srv-1"), [5; 32]);
    let mut g = Gen {
        token: k.a.issue(&spec("pro")),
        forged_server: SigningKey::ed25519_from_seed(Some("srv-1"), [6; 32]),
        server,
        k: Keys {
            a: k.a.clone(),
            b: k.b.clone(),
            forged_a: k.forged_a.clone(),
            h: k.h.clone(),
        },
        cases: Vec::new(),
    };
    let pro_features = json!(["api_access", "basic_discovery", "rbac"]);
    let community = json!(["basic_discovery"]);

    // --- first use, lease, grace, restricted, recovery ---
    let mut c = g.case(
        "first-use-is-restricted",
        "Before any successful check the device runs the community tier (restricted, not a 503)",
    );
    c.snapshot(c.at(0), json!({"status": "restricted", "code": "not-validated", "plan": "community", "features": community, "blocking": false}));
    c.gate(
        c.at(0),
        "/api/devices",
        None,
        json!({"allow": true, "status": 200}),
    );
    c.gate(
        c.at(0),
        "/api/sso",
        Some("api_access"),
        json!({"allow": false, "status": 403, "code": "not-validated"}),
    );
    g.push(c);

    let mut c = g.case(
        "first-check-activates",
        "The first check is due at once; a valid signed answer activates the license for 24 h",
    );
    c.request(c.at(0), "validate-if-due", json!({"request": {"method": "POST", "url": format!("{URL}/v1/validate"),
        "headers": {"content-type": "application/json", "x-licensewarden-date": c.at(0).to_string()}}}));
    c.answer(
        c.at(0),
        reply(Verdict::Valid),
        json!({"code": null, "status": "active"}),
    );
    c.snapshot(c.at(0), json!({"status": "active", "plan": "pro", "features": pro_features, "valid_until": c.at(24 * H as i64), "code": null}));
    c.info(c.at(0), json!({"status": "active", "valid": true, "online": {"server_url": URL, "last_validated": c.at(0),
        "next_check": c.at(24 * H as i64), "grace_ends": c.at(72 * H as i64), "devices_registered": 1, "devices_max": 5, "last_error": null, "state_error": null}}));
    g.push(c);

    let mut c = g.case(
        "no-request-within-lease",
        "Within the 24 h lease no request is due: no network call",
    );
    c.validate_ok(c.at(0));
    c.request(
        c.at(24 * H as i64 - 1),
        "validate-if-due",
        json!({"request": null}),
    );
    g.push(c);

    let mut c = g.case(
        "lease-boundary",
        "Active until exactly 24 h after the signed server time; grace from that instant",
    );
    c.validate_ok(c.at(0));
    c.snapshot(c.at(24 * H as i64 - 1), status("active", json!(null)));
    c.snapshot(
        c.at(24 * H as i64),
        json!({"status": "grace", "code": "offline", "features": pro_features, "plan": "pro"}),
    );
    c.request(
        c.at(24 * H as i64),
        "validate-if-due",
        json!({"request": {"url": format!("{URL}/v1/validate")}}),
    );
    g.push(c);

    let mut c = g.case("grace-boundary", "Grace keeps every licensed feature until 72 h after the last success; restricted from that instant");
    c.validate_ok(c.at(0));
    c.request(
        c.at(25 * H as i64),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.fail(
        c.at(25 * H as i64),
        "connection refused",
        json!({"code": "offline", "status": "grace"}),
    );
    c.snapshot(
        c.at(72 * H as i64 - 1),
        json!({"status": "grace", "code": "offline", "features": pro_features}),
    );
    c.snapshot(c.at(72 * H as i64), json!({"status": "restricted", "code": "grace-expired", "plan": "community", "features": community, "blocking": false}));
    c.gate(
        c.at(72 * H as i64),
        "/api/devices",
        None,
        json!({"allow": true, "status": 200}),
    );
    g.push(c);

    let mut c = g.case(
        "recovery-restores-at-once",
        "After grace expired, one successful check restores every feature at once",
    );
    c.validate_ok(c.at(0));
    c.snapshot(
        c.at(80 * H as i64),
        status("restricted", json!("grace-expired")),
    );
    c.validate_ok(c.at(80 * H as i64));
    c.snapshot(
        c.at(80 * H as i64),
        json!({"status": "active", "plan": "pro", "features": pro_features}),
    );
    g.push(c);

    let mut c = g.case("grace-valid-until", "In grace the snapshot is valid until the next retry (1 h after the failed attempt), so hosts come back");
    c.validate_ok(c.at(0));
    c.request(
        c.at(30 * H as i64),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.fail(
        c.at(30 * H as i64),
        "timed out",
        json!({"code": "offline", "status": "grace"}),
    );
    c.snapshot(
        c.at(30 * H as i64),
        json!({"status": "grace", "valid_until": c.at(31 * H as i64)}),
    );
    c.info(c.at(30 * H as i64), json!({"status": "grace", "valid": true, "online": {"last_error": "offline", "next_check": c.at(31 * H as i64), "last_validated": c.at(0)}}));
    g.push(c);

    let mut c = g.case(
        "retry-after-an-hour",
        "After a failed attempt the next check is due one hour later, not before",
    );
    c.validate_ok(c.at(0));
    c.request(
        c.at(24 * H as i64),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.fail(
        c.at(24 * H as i64),
        "connection refused",
        json!({"code": "offline"}),
    );
    c.request(
        c.at(25 * H as i64 - 1),
        "validate-if-due",
        json!({"request": null}),
    );
    c.request(
        c.at(25 * H as i64),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    g.push(c);

    let mut c = g.case(
        "server-lease-shorter",
        "A server lease shorter than the client's is honoured",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            lease_ms: Some(H),
            ..reply(Verdict::Valid)
        },
        status("active", json!(null)),
    );
    c.snapshot(c.at(H as i64), status("grace", json!("offline")));
    g.push(c);

    let mut c = g.case(
        "server-lease-longer-is-capped",
        "A server lease longer than the client's is capped at the client's 24 h",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            lease_ms: Some(1000 * H),
            ..reply(Verdict::Valid)
        },
        status("active", json!(null)),
    );
    c.snapshot(c.at(24 * H as i64), status("grace", json!("offline")));
    g.push(c);

    let mut c = g.case_with(
        "custom-lease-and-grace",
        "lease-hours 1 and grace-hours 2 change both boundaries",
        {
            let mut cfg = g.config();
            cfg["online"]["lease_hours"] = json!(1);
            cfg["online"]["grace_hours"] = json!(2);
            cfg
        },
        Some(&g.token.clone()),
    );
    c.validate_ok(c.at(0));
    c.snapshot(c.at(H as i64 - 1), status("active", json!(null)));
    c.snapshot(c.at(H as i64), status("grace", json!("offline")));
    c.snapshot(
        c.at(2 * H as i64),
        status("restricted", json!("grace-expired")),
    );
    g.push(c);

    // --- answers that count as offline ---
    let mut c = g.case(
        "transport-error-is-offline",
        "No answer at all is offline, never a revocation; the reason is quoted",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.fail(
        c.at(0),
        "dns error: no such host\nvalid: fake line",
        json!({"code": "offline", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "server-5xx-is-offline",
        "A 503 from the server (even signed) is offline",
    );
    c.validate_ok(c.at(0));
    c.request(
        c.at(24 * H as i64),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(24 * H as i64),
        Reply {
            status: Some(503),
            ..reply(Verdict::Valid)
        },
        json!({"code": "offline", "status": "grace"}),
    );
    g.push(c);

    let mut c = g.case(
        "unsigned-answer-is-offline",
        "A 200 without the server's signature (proxy, captive portal) is offline",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            unsigned: true,
            ..reply(Verdict::Valid)
        },
        json!({"code": "offline", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "unsigned-revocation-is-not-a-revocation",
        "An unsigned 403 'revoked' is offline: only signed answers revoke",
    );
    c.validate_ok(c.at(0));
    c.request(
        c.at(24 * H as i64),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(24 * H as i64),
        Reply {
            unsigned: true,
            ..reply(Verdict::Revoked)
        },
        json!({"code": "offline", "status": "grace"}),
    );
    g.push(c);

    let mut c = g.case("forged-signature", "An answer signed by another key with the server's key id is refused (bad-signature) and counts as offline");
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    let forged = g.forged_server.clone();
    c.answer(
        c.at(0),
        Reply {
            signer: Some(forged),
            ..reply(Verdict::Valid)
        },
        json!({"code": "bad-signature", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "unknown-server-key-id",
        "An answer signed with an unknown server key id is refused",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    let other = SigningKey::ed25519_from_seed(Some("srv-9"), [7; 32]);
    c.answer(
        c.at(0),
        Reply {
            signer: Some(other),
            ..reply(Verdict::Valid)
        },
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "body-altered-after-signing",
        "A body changed after signing does not verify",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    let req: Value =
        serde_json::from_str(c.last_request.as_ref().unwrap()["body"].as_str().unwrap()).unwrap();
    let good = protocol::answer_body(&Answer {
        verdict: Verdict::Valid,
        status: 200,
        license_id: "lic_pro_1".into(),
        device_id: device_id(),
        nonce: req["nonce"].as_str().unwrap().into(),
        server_time: c.at(0),
        lease_ms: Some(24 * H),
        registered: Some(1),
        max: Some(5),
        message: "valid (simulated server)".into(),
        terms: None,
        offline_until: None,
    });
    let sig = c.server.sign_answer(200, &good);
    let altered = good.replace("\"max\":5", "\"max\":500");
    c.raw(
        c.at(0),
        200,
        json!({"x-licensewarden-signature": sig}),
        &altered,
        json!({"code": "bad-signature", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "status-bound-by-signature",
        "The signature covers the HTTP status: a signed 200 replayed as 403 does not verify",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    let req: Value =
        serde_json::from_str(c.last_request.as_ref().unwrap()["body"].as_str().unwrap()).unwrap();
    let body = protocol::answer_body(&Answer {
        verdict: Verdict::Revoked,
        status: 403,
        license_id: "lic_pro_1".into(),
        device_id: device_id(),
        nonce: req["nonce"].as_str().unwrap().into(),
        server_time: c.at(0),
        lease_ms: None,
        registered: None,
        max: None,
        message: "revoked".into(),
        terms: None,
        offline_until: None,
    });
    let sig = c.server.sign_answer(200, &body);
    c.raw(
        c.at(0),
        403,
        json!({"x-licensewarden-signature": sig}),
        &body,
        json!({"code": "bad-signature", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "result-status-mismatch",
        "A signed answer whose result does not match its HTTP status is refused",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            status: Some(200),
            ..reply(Verdict::Revoked)
        },
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "body-not-json",
        "A signed body that is not strict JSON is refused",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            body: Some("{\"v\":1,\"v\":1}".into()),
            ..reply(Verdict::Valid)
        },
        json!({"code": "bad-response"}),
    );
    g.push(c);

    let mut c = g.case("oversized-answer", "A body over 16 KiB is refused");
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            body: Some(format!("{{\"pad\":\"{}\"}}", "x".repeat(17 * 1024))),
            ..reply(Verdict::Valid)
        },
        json!({"code": "bad-response"}),
    );
    g.push(c);

    let mut c = g.case("replayed-answer", "The same signed answer applied twice: the second has no outstanding request and is refused");
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        reply(Verdict::Valid),
        status("active", json!(null)),
    );
    c.answer(
        c.at(1000),
        reply(Verdict::Valid),
        json!({"code": "bad-response", "status": "active"}),
    );
    g.push(c);

    let mut c = g.case("stale-nonce", "An answer to an earlier request (old nonce) is refused once a newer request is outstanding");
    c.request(c.at(0), "validate", json!({"request": {"method": "POST"}}));
    let first = c.last_request.clone();
    c.request(c.at(0), "validate", json!({"request": {"method": "POST"}}));
    c.last_request = first;
    c.answer(
        c.at(0),
        reply(Verdict::Valid),
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "other-device-answer",
        "An answer for another device is refused",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            device_id: Some("0".repeat(64)),
            ..reply(Verdict::Valid)
        },
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "other-license-answer",
        "An answer for another license is refused",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            license_id: Some("lic_other".into()),
            ..reply(Verdict::Valid)
        },
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "unauthorized-401",
        "A signed 401 (request MAC or date refused) is offline, not a verdict",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            devices: None,
            ..reply(Verdict::Unauthorized)
        },
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    // --- refusals ---
    let mut c = g.case(
        "revoked-403",
        "A signed revocation puts the license out of force: community tier, not a 503",
    );
    c.validate_ok(c.at(0));
    c.request(c.at(0), "validate", json!({"request": {"method": "POST"}}));
    c.answer(
        c.at(0),
        Reply {
            devices: None,
            ..reply(Verdict::Revoked)
        },
        json!({"code": "revoked", "status": "invalid"}),
    );
    c.snapshot(
        c.at(0),
        json!({"status": "invalid", "code": "revoked", "plan": "community", "features": community}),
    );
    c.gate(
        c.at(0),
        "/api/devices",
        None,
        json!({"allow": true, "status": 200}),
    );
    c.gate(
        c.at(0),
        "/api/x",
        Some("rbac"),
        json!({"allow": false, "status": 403, "code": "revoked"}),
    );
    g.push(c);

    let mut c = g.case(
        "revocation-is-rechecked-hourly",
        "A revoked license is checked again an hour later; lifting the revocation restores it",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            devices: None,
            ..reply(Verdict::Revoked)
        },
        json!({"code": "revoked"}),
    );
    c.request(
        c.at(H as i64 - 1),
        "validate-if-due",
        json!({"request": null}),
    );
    c.request(
        c.at(H as i64),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(H as i64),
        reply(Verdict::Valid),
        status("active", json!(null)),
    );
    g.push(c);

    let mut c = g.case(
        "not-found-404",
        "An unknown license is license-not-found, community tier",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            devices: None,
            ..reply(Verdict::NotFound)
        },
        json!({"code": "license-not-found", "status": "invalid"}),
    );
    g.push(c);

    let mut c = g.case(
        "device-limit-409",
        "Over the device limit: device-limit-exceeded naming registered and max",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(c.at(0), Reply { devices: Some((3, 3)), ..reply(Verdict::DeviceLimit) },
        json!({"code": "device-limit-exceeded", "status": "invalid", "details": {"registered": "3", "max": "3", "license_id": "lic_pro_1"}}));
    c.info(c.at(0), json!({"status": "invalid", "code": "device-limit-exceeded", "online": {"devices_registered": 3, "devices_max": 3}}));
    g.push(c);

    let mut c = g.case(
        "server-says-expired",
        "The server's signed 'expired' blocks like an offline expiry (503 except exempt paths)",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            devices: None,
            ..reply(Verdict::Expired)
        },
        json!({"code": "expired", "status": "expired"}),
    );
    c.gate(
        c.at(0),
        "/api/devices",
        None,
        json!({"allow": false, "status": 503, "code": "expired"}),
    );
    c.gate(
        c.at(0),
        "/health",
        None,
        json!({"allow": true, "status": 200}),
    );
    g.push(c);

    // --- activation ---
    let mut c = g.case(
        "activate-new-device",
        "activate registers the device (201) and activates the license",
    );
    c.request(
        c.at(0),
        "activate",
        json!({"request": {"url": format!("{URL}/v1/activate")}}),
    );
    c.answer(
        c.at(0),
        Reply {
            created: true,
            ..reply(Verdict::Valid)
        },
        status("active", json!(null)),
    );
    g.push(c);

    let mut c = g.case(
        "deactivate-stops-checks",
        "After deactivate the device is restricted and no automatic check re-registers it",
    );
    c.validate_ok(c.at(0));
    c.request(
        c.at(H as i64),
        "deactivate",
        json!({"request": {"url": format!("{URL}/v1/deactivate")}}),
    );
    c.answer(
        c.at(H as i64),
        Reply {
            devices: Some((0, 5)),
            ..reply(Verdict::Deactivated)
        },
        json!({"code": null, "status": "restricted"}),
    );
    c.snapshot(c.at(H as i64), status("restricted", json!("not-validated")));
    c.request(
        c.at(30 * H as i64),
        "validate-if-due",
        json!({"request": null}),
    );
    c.request(
        c.at(30 * H as i64),
        "activate",
        json!({"request": {"url": format!("{URL}/v1/activate")}}),
    );
    c.answer(
        c.at(30 * H as i64),
        Reply {
            created: true,
            ..reply(Verdict::Valid)
        },
        status("active", json!(null)),
    );
    g.push(c);

    let mut c = g.case(
        "freed-device-routine-check",
        "A device freed on the server (deactivated elsewhere or by the vendor) gets a signed deactivated answer to its routine check: restricted, no further automatic checks, activate takes a slot again",
    );
    c.validate_ok(c.at(0));
    c.request(
        c.at(25 * H as i64),
        "validate-if-due",
        json!({"request": {"url": format!("{URL}/v1/validate")}}),
    );
    c.answer(
        c.at(25 * H as i64),
        Reply {
            devices: Some((2, 2)),
            ..reply(Verdict::Deactivated)
        },
        json!({"code": null, "status": "restricted"}),
    );
    c.snapshot(
        c.at(25 * H as i64),
        status("restricted", json!("not-validated")),
    );
    c.request(
        c.at(50 * H as i64),
        "validate-if-due",
        json!({"request": null}),
    );
    g.push(c);

    for (http, what) in [
        (404, "an unknown endpoint"),
        (405, "a method other than POST"),
    ] {
        let mut c = g.case(
            &format!("bad-request-{http}"),
            &format!("A signed bad-request answer with status {http} ({what}) is a failed check (offline), never a verdict about the license"),
        );
        c.request(
            c.at(0),
            "validate-if-due",
            json!({"request": {"method": "POST"}}),
        );
        c.answer(
            c.at(0),
            Reply {
                status: Some(http),
                devices: None,
                ..reply(Verdict::BadRequest)
            },
            json!({"code": "bad-response", "status": "restricted"}),
        );
        g.push(c);
    }

    // --- clocks ---
    let mut c = g.case("clock-skew", "A signed answer whose server time is over 5 min from the local clock is not used (clock-skew)");
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            server_time: Some(c.at(5 * 60_000 + 1)),
            ..reply(Verdict::Valid)
        },
        json!({"code": "clock-skew", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case(
        "skew-within-tolerance",
        "A server clock exactly 5 min away is accepted",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            server_time: Some(c.at(-5 * 60_000)),
            ..reply(Verdict::Valid)
        },
        status("active", json!(null)),
    );
    g.push(c);

    let mut c = g.case(
        "clock-rollback",
        "A clock set back more than 5 min behind a time already seen is clock-rollback: restricted",
    );
    c.validate_ok(c.at(0));
    c.snapshot(
        c.at(-5 * 60_000 - 1),
        json!({"status": "restricted", "code": "clock-rollback", "plan": "community"}),
    );
    c.snapshot(c.at(-5 * 60_000), status("active", json!(null)));
    g.push(c);

    let mut c = g.case("rollback-survives-restart", "The high-water mark is in the sealed state: a restart with the clock set back is still detected");
    c.validate_ok(c.at(0));
    c.snapshot(c.at(10 * H as i64), status("active", json!(null)));
    c.request(
        c.at(10 * H as i64),
        "validate",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(10 * H as i64),
        reply(Verdict::Valid),
        status("active", json!(null)),
    );
    c.restart(
        c.at(2 * H as i64),
        status("restricted", json!("clock-rollback")),
    );
    g.push(c);

    let mut c = g.case("fresh-answer-clears-rollback", "A fresh signed answer within 5 min of the local clock clears a high-water mark pushed into the future");
    c.validate_ok(c.at(48 * H as i64));
    c.snapshot(c.at(0), status("restricted", json!("clock-rollback")));
    c.request(c.at(0), "validate", json!({"request": {"method": "POST"}}));
    c.answer(
        c.at(0),
        reply(Verdict::Valid),
        status("active", json!(null)),
    );
    g.push(c);

    // --- sealed state ---
    let mut c = g.case(
        "state-survives-restart",
        "The sealed state carries the lease across a restart: active, nothing due",
    );
    c.validate_ok(c.at(0));
    c.restart(
        c.at(H as i64),
        json!({"status": "active", "plan": "pro", "valid_until": c.at(24 * H as i64)}),
    );
    c.request(c.at(H as i64), "validate-if-due", json!({"request": null}));
    g.push(c);

    let mut c = g.case(
        "restart-in-grace",
        "A restart during grace keeps grace and the last error",
    );
    c.validate_ok(c.at(0));
    c.request(
        c.at(30 * H as i64),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.fail(
        c.at(30 * H as i64),
        "connection refused",
        json!({"code": "offline", "status": "grace"}),
    );
    c.restart(c.at(31 * H as i64), status("grace", json!("offline")));
    c.info(
        c.at(31 * H as i64),
        json!({"status": "grace", "online": {"last_error": "offline", "state_error": null}}),
    );
    g.push(c);

    let mut c = g.case(
        "revocation-survives-restart",
        "A revocation is in the sealed state: a restart offline stays revoked",
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        c.at(0),
        Reply {
            devices: None,
            ..reply(Verdict::Revoked)
        },
        json!({"code": "revoked"}),
    );
    c.restart(c.at(10), status("invalid", json!("revoked")));
    g.push(c);

    for (id, description, how) in [
        ("state-edited", "A state file with one character changed fails authentication: state-tampered, a new check is needed", "flip"),
        ("state-truncated", "A truncated state file is state-tampered", "truncate"),
        ("state-garbage", "A state file that is not a sealed record is state-tampered", "garbage"),
        ("state-from-another-machine", "A state sealed on another machine (other device id) is state-tampered", "foreign-device"),
        ("state-of-another-license", "A state sealed for another license is state-tampered", "foreign-license"),
    ] {
        let mut c = g.case(id, description);
        c.validate_ok(c.at(0));
        let sealed = c.run.state().expect("state saved after a check");
        let value = match how {
            "flip" => flip_last_char(&sealed),
            "truncate" => sealed[..sealed.len() / 2].to_string(),
            "garbage" => "hello".to_string(),
            "foreign-device" => other_state(&g, |cfg| cfg, true),
            _ => other_state(&g, |cfg| cfg, false),
        };
        c.store(&value);
        c.restart(c.at(H as i64), json!({"status": "restricted", "code": "state-tampered", "plan": "community"}));
        c.info(c.at(H as i64), json!({"online": {"state_error": "state-tampered", "last_validated": null}}));
        c.validate_ok(c.at(H as i64));
        c.info(c.at(H as i64), json!({"status": "active", "online": {"state_error": null}}));
        g.push(c);
    }

    // --- configuration and what online does not touch ---
    let mut c = g.case_with("online-off-request", "Without online settings, online-request is invalid-config and the license is active offline", {
        let mut cfg = g.config();
        cfg.as_object_mut().unwrap().remove("online");
        cfg
    }, Some(&g.token.clone()));
    c.snapshot(c.at(0), status("active", json!(null)));
    c.request(c.at(0), "validate", bad("invalid-config"));
    g.push(c);

    for (id, description, url) in [
        (
            "config-plain-http",
            "Plain http to a non-loopback server is refused at configuration",
            "http://license.example.com",
        ),
        (
            "config-not-a-url",
            "A server URL without a scheme is refused",
            "license.example.com",
        ),
        (
            "config-url-with-query",
            "A server URL with a query is refused",
            "https://license.example.com/?x=1",
        ),
        (
            "config-url-userinfo-loopback-port",
            "User information is refused: http://127.0.0.1:8787@host names the host after '@', not loopback",
            "http://127.0.0.1:8787@example.invalid:8787",
        ),
        (
            "config-url-userinfo-localhost",
            "User information is refused: http://localhost:1@host is plain http to that host",
            "http://localhost:1@example.invalid",
        ),
        (
            "config-url-userinfo-https",
            "Credentials in an https server URL are refused",
            "https://user:secret@license.example.com",
        ),
        (
            "config-url-short-ipv4",
            "Plain http to 127.1 is refused: only the exact spellings localhost, 127.0.0.1 and [::1]",
            "http://127.1:8787",
        ),
        (
            "config-url-hex-ipv4",
            "Plain http to 0x7f.1 is refused",
            "http://0x7f.1:8787",
        ),
        (
            "config-url-trailing-dot",
            "A host with a trailing dot is refused",
            "http://localhost.:8787",
        ),
        (
            "config-url-percent-host",
            "Percent-encoding in the host is refused",
            "http://%6cocalhost:8787",
        ),
        (
            "config-url-ipv6-not-loopback",
            "Plain http to an IPv6 address other than [::1] is refused",
            "http://[::2]:8787",
        ),
        (
            "config-url-backslash",
            "A backslash is refused (parsers disagree on whether it ends the host)",
            "http://127.0.0.1:8787\\@example.invalid",
        ),
        (
            "config-url-unicode-host",
            "A non-ASCII host is refused: an international name is written in its xn-- form",
            "https://lic\u{e9}nse.example",
        ),
    ] {
        let mut cfg = g.config();
        cfg["online"]["server_url"] = json!(url);
        let mut c = g.case_with(id, description, cfg, Some(&g.token.clone()));
        c.snapshot(c.at(0), bad("invalid-config"));
        g.push(c);
    }

    let mut cfg = g.config();
    cfg["online"]["server_url"] = json!("http://127.0.0.1:8787/");
    let mut c = g.case_with(
        "config-loopback-http",
        "Plain http is allowed on loopback (tests, sidecars); a trailing / is dropped",
        cfg,
        Some(&g.token.clone()),
    );
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"url": "http://127.0.0.1:8787/v1/validate"}}),
    );
    g.push(c);

    for (id, description, url, request) in [
        (
            "config-loopback-ipv6",
            "Plain http is allowed to [::1] with a port",
            "http://[::1]:8787",
            "http://[::1]:8787/v1/validate",
        ),
        (
            "config-idna-host",
            "An international name in its xn-- form is a host like any other",
            "https://xn--bcher-kva.example:8443/lic/",
            "https://xn--bcher-kva.example:8443/lic/v1/validate",
        ),
    ] {
        let mut cfg = g.config();
        cfg["online"]["server_url"] = json!(url);
        let mut c = g.case_with(id, description, cfg, Some(&g.token.clone()));
        c.request(
            c.at(0),
            "validate-if-due",
            json!({"request": {"url": request}}),
        );
        g.push(c);
    }

    let mut cfg = g.config();
    cfg["online"]["server_keys"] = json!([tk(&g.k.h)]);
    let mut c = g.case_with(
        "config-hmac-server-key",
        "An HMAC server key is refused: the client would hold the secret and could forge answers",
        cfg,
        Some(&g.token.clone()),
    );
    c.snapshot(c.at(0), bad("invalid-config"));
    g.push(c);

    let mut cfg = g.config();
    cfg["online"]["server_keys"] = json!([]);
    let mut c = g.case_with(
        "config-no-server-key",
        "Online validation without a server key is refused",
        cfg,
        Some(&g.token.clone()),
    );
    c.snapshot(c.at(0), bad("invalid-config"));
    g.push(c);

    let mut cfg = g.config();
    cfg["online"]["lease_hours"] = json!(48);
    cfg["online"]["grace_hours"] = json!(24);
    let mut c = g.case_with(
        "config-grace-shorter-than-lease",
        "A grace period shorter than the lease is refused",
        cfg,
        Some(&g.token.clone()),
    );
    c.snapshot(c.at(0), bad("invalid-config"));
    g.push(c);

    let mut c = g.case_with("no-license-loaded", "Without a key there is nothing to validate: the timer sends nothing, an explicit check is no-license", g.config(), None);
    c.snapshot(c.at(0), status("community", json!("no-license")));
    c.request(c.at(0), "validate-if-due", json!({"request": null}));
    c.request(c.at(0), "validate", bad("no-license"));
    g.push(c);

    let forged_token = g.k.forged_a.issue(&spec("pro"));
    let mut c = g.case_with(
        "rejected-key-sends-nothing",
        "A key rejected offline is never sent to the server",
        g.config(),
        Some(&forged_token),
    );
    c.snapshot(c.at(0), status("invalid", json!("bad-signature")));
    c.request(c.at(0), "validate-if-due", json!({"request": null}));
    g.push(c);

    let expired = g.k.a.issue(&LicenseSpec {
        expires_at: Some("2026-05-01".into()),
        ..spec("pro")
    });
    let mut c = g.case_with(
        "expired-key-offline-first",
        "An expired key is expired offline first (503 until a check says otherwise), and a check is still due: the server may have renewed the license",
        g.config(),
        Some(&expired),
    );
    c.snapshot(c.at(0), json!({"status": "expired", "blocking": true}));
    c.request(
        c.at(0),
        "validate-if-due",
        json!({"request": {"method": "POST"}}),
    );
    g.push(c);

    let mut cfg = g.config();
    cfg["demo_mode"] = json!(true);
    let mut c = g.case_with(
        "demo-mode-skips-online",
        "Demo mode needs no server",
        cfg,
        Some(&g.token.clone()),
    );
    c.snapshot(c.at(0), status("demo", json!(null)));
    c.request(c.at(0), "validate-if-due", json!({"request": null}));
    g.push(c);

    let mut c = g.case(
        "license-expiry-still-wins",
        "A valid online answer never extends the license's own expiry: 503 from 2027-01-01",
    );
    c.validate_ok(ms("2026-12-31T23:00:00Z"));
    c.snapshot(
        ms("2026-12-31T23:00:00Z"),
        json!({"status": "active", "valid_until": ms("2027-01-01T00:00:00Z")}),
    );
    c.snapshot(
        ms("2027-01-01T00:00:00Z"),
        json!({"status": "expired", "blocking": true}),
    );
    g.push(c);

    let mut config = g.config();
    config["online"]["proxy"] = json!("http://proxy.corp:3128");
    let mut c = g.case_with(
        "proxy-answers-are-the-proxys",
        "Through a proxy, a 407 and an unsigned 401 are the proxy's refusal (offline, proxy-auth-required, naming the proxy), never the license server's; the server's own signed 401 is a refused request",
        config,
        Some(&g.token.clone()),
    );
    let proxy_refused = json!({"code": "offline", "status": "restricted", "details": {"cause": "proxy-auth-required"}});
    for status in [407, 401] {
        c.request(
            c.at(0),
            "validate",
            json!({"request": {"url": format!("{URL}/v1/validate")}}),
        );
        c.raw(
            c.at(0),
            status,
            json!({"content-type": "text/html"}),
            "<html>Unauthorized</html>",
            proxy_refused.clone(),
        );
    }
    c.request(
        c.at(0),
        "validate",
        json!({"request": {"url": format!("{URL}/v1/validate")}}),
    );
    c.answer(
        c.at(0),
        reply(Verdict::Unauthorized),
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    lifecycle::cases(&mut g);
    status_list::cases(&mut g);
    rollback::cases(&mut g);
    activation_file::cases(&mut g);
    agent::cases(&mut g);
    g.cases
}

/// A valid state sealed for another device (or another license) on the
/// same configuration.
fn other_state(g: &Gen, cfg: impl Fn(Value) -> Value, other_device: bool) -> String {
    let token = if other_device {
        g.token.clone()
    } else {
        g.k.a.issue(&LicenseSpec {
            id: "lic_other_1".into(),
            ..spec("pro")
        })
    };
    let facts = if other_device {
        json!({"mac": "02:00:00:00:00:99", "hostname": "elsewhere", "arch": "x86_64", "os": "linux"})
    } else {
        Value::Null
    };
    let shell = json!({"config": cfg(g.config()), "now_ms": ms(T0), "key": token, "facts": facts});
    let mut run = OnlineRun::new(&shell);
    let req = run.step(&json!({"at": ms(T0), "do": "request", "action": "validate"}));
    let body: Value = serde_json::from_str(req["request"]["body"].as_str().unwrap()).unwrap();
    let a = Answer {
        verdict: Verdict::Valid,
        status: 200,
        license_id: body["license_id"].as_str().unwrap().into(),
        device_id: body["device_id"].as_str().unwrap().into(),
        nonce: body["nonce"].as_str().unwrap().into(),
        server_time: ms(T0),
        lease_ms: Some(24 * H),
        registered: Some(1),
        max: Some(5),
        message: String::new(),
        terms: None,
        offline_until: None,
    };
    let text = protocol::answer_body(&a);
    let out = run.step(
        &json!({"at": ms(T0), "do": "answer", "response": {"status": 200,
        "headers": {"x-licensewarden-signature": g.server.sign_answer(200, &text)}, "body": text}}),
    );
    assert_eq!(out["code"], Value::Null, "foreign state setup: {out}");
    run.state().unwrap()
}

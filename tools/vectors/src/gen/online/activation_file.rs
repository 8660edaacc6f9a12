//! Air-gapped activation by file (docs/air-gapped.md): the request file a
//! device writes, and the activation files it accepts or refuses: its own,
//! another device's or license's, run out, altered, signed by another key,
//! from the future, older than what it holds; and how a file and online
//! checks follow one another on a machine that is sometimes connected.

use licensewarden_guest::activation_file;
use licensewarden_guest::protocol;
use licensewarden_issue::SigningKey;
use serde_json::{json, Value};

use super::{ms, reply, Case, Gen, Reply, Verdict, H, URL};

const DAY: u64 = 24 * H;

/// How the simulated server makes an activation file.
#[derive(Clone)]
struct FileReply {
    base: Reply,
    /// Validity from the file's making, ms.
    lasts: u64,
    /// No `offline_until` at all: an online answer passed off as a file.
    online_only: bool,
}

fn file_reply() -> FileReply {
    FileReply {
        base: Reply {
            created: true,
            ..reply(Verdict::Valid)
        },
        lasts: 30 * DAY,
        online_only: false,
    }
}

impl Case {
    /// Write the request file at `t`; the generator checks the MAC itself
    /// (so the vector pins a request the server will accept).
    fn offline_request(&mut self, t: u64, token: &str) -> Value {
        let got = self.step(json!({"at": t, "do": "offline_request"}), json!({}));
        let text = got["file"].as_str().expect("a request file").to_string();
        let req = activation_file::parse_request_file(&text).expect("the server reads it");
        let body = protocol::parse_request_body(&req.body).expect("a request body");
        assert_eq!(body.action, protocol::Action::Activate);
        assert_eq!(req.date, t.to_string());
        let tag = protocol::hmac(
            &protocol::request_key(token),
            protocol::mac_input("POST", protocol::Action::Activate, &req.date, &req.body)
                .as_bytes(),
        );
        assert_eq!(
            req.authorization,
            format!(
                "{} {}",
                protocol::AUTH_SCHEME,
                licensewarden_guest::b64::encode(&tag)
            )
        );
        // Pin the whole file in the expectation too.
        *self.expect.last_mut().expect("just pushed") = json!({ "file": text });
        let v: Value = serde_json::from_str(&req.body).unwrap();
        self.last_request = Some(json!({ "body": req.body, "parsed": v }));
        got
    }

    /// The activation file the simulated server makes at `made` for the
    /// last request.
    fn activation(&self, made: u64, f: &FileReply) -> String {
        let mut body: Value = serde_json::from_str(&self.answer_body(made, &f.base)).unwrap();
        if !f.online_only {
            body["offline_until"] = json!(made + f.lasts);
        }
        let a = sort(&body);
        let status = f
            .base
            .status
            .unwrap_or(f.base.verdict.status(f.base.created));
        let signer = f.base.signer.clone().unwrap_or_else(|| self.server.clone());
        let sig = signer.sign_answer(status, &a);
        activation_file::activation_file(status, &a, &sig)
    }

    fn install(&mut self, t: u64, file: &str, expect: Value) -> Value {
        self.step(json!({"at": t, "do": "install", "file": file}), expect)
    }
}

/// Canonical JSON (the core's), for bodies the generator edits.
fn sort(v: &Value) -> String {
    licensewarden_guest::json::parse(&v.to_string())
        .unwrap()
        .to_canonical()
}

fn refused(code: &str) -> Value {
    json!({"code": code, "status": "restricted"})
}

#[allow(clippy::too_many_lines)]
pub(super) fn cases(g: &mut Gen) {
    let token = g.token.clone();
    let t0 = ms(super::T0);
    let made = t0 + 2 * H;
    let until = made + 30 * DAY;

    let mut c = g.case(
        "activation-file-accepted",
        "An air-gapped device writes the activation request as a file; the server's signed activation file, installed a day later, keeps it active for the file's 30 days (no online check is due meanwhile), across restarts",
    );
    c.offline_request(t0, &token);
    let file = c.activation(made, &file_reply());
    c.install(t0 + DAY, &file, json!({"code": null, "status": "active"}));
    c.snapshot(
        t0 + DAY,
        json!({"status": "active", "plan": "pro", "valid_until": until, "code": null}),
    );
    c.info(
        t0 + DAY,
        json!({"status": "active", "online": {"server_url": URL, "last_validated": made,
        "next_check": until, "grace_ends": until, "activation_ends": until, "last_error": null}}),
    );
    c.request(t0 + 20 * DAY, "validate-if-due", json!({"request": null}));
    c.restart(
        t0 + 20 * DAY,
        json!({"status": "active", "valid_until": until}),
    );
    c.install(
        t0 + 21 * DAY,
        &file,
        json!({"code": null, "status": "active"}),
    );
    c.snapshot(
        t0 + 21 * DAY,
        json!({"status": "active", "valid_until": until}),
    );
    g.push(c);

    let mut c = g.case(
        "activation-file-runs-out",
        "When the activation file's validity ends the device is restricted (activation-expired, naming the next steps), and an online check is due again",
    );
    c.offline_request(t0, &token);
    let file = c.activation(made, &file_reply());
    c.install(t0 + H * 3, &file, json!({"code": null, "status": "active"}));
    c.snapshot(until - 1, json!({"status": "active"}));
    c.snapshot(
        until,
        json!({"status": "restricted", "plan": "community", "code": "activation-expired"}),
    );
    c.request(
        until,
        "validate-if-due",
        json!({"request": {"method": "POST", "url": format!("{URL}/v1/validate")}}),
    );
    g.push(c);

    let mut c = g.case(
        "activation-file-too-late",
        "An activation file installed after its validity ended is refused (activation-expired); the device stays as it was",
    );
    c.offline_request(t0, &token);
    let file = c.activation(made, &file_reply());
    c.install(
        until + H,
        &file,
        json!({"code": "activation-expired", "status": "restricted",
        "details": {"activation_ends": "2026-07-01T02:00:00Z"}}),
    );
    g.push(c);

    let mut c = g.case(
        "activation-file-other-device",
        "An activation file made for another device's request is refused (bad-response): a file works only where its request was made",
    );
    c.offline_request(t0, &token);
    let other = FileReply {
        base: Reply {
            device_id: Some("a".repeat(64)),
            ..file_reply().base
        },
        ..file_reply()
    };
    let file = c.activation(made, &other);
    c.install(t0 + H * 3, &file, refused("bad-response"));
    c.snapshot(
        t0 + H * 3,
        json!({"status": "restricted", "code": "not-validated"}),
    );
    g.push(c);

    let mut c = g.case(
        "activation-file-other-license",
        "An activation file for another license is refused (bad-response) and names this device's license",
    );
    c.offline_request(t0, &token);
    let other = FileReply {
        base: Reply {
            license_id: Some("lic_other_1".into()),
            ..file_reply().base
        },
        ..file_reply()
    };
    let file = c.activation(made, &other);
    c.install(
        t0 + H * 3,
        &file,
        json!({"code": "bad-response", "status": "restricted",
        "details": {"license_id": "lic_pro_1"}}),
    );
    g.push(c);

    let mut c = g.case(
        "activation-file-altered",
        "An activation file whose validity was edited no longer verifies (bad-signature); nor does one signed by another key under the server's key id; one under an unknown key id is bad-response",
    );
    c.offline_request(t0, &token);
    let file = c.activation(made, &file_reply());
    let longer = file.replace(
        &format!("offline_until\\\":{until}"),
        &format!("offline_until\\\":{}", until + 365 * DAY),
    );
    assert_ne!(longer, file, "the edit applies");
    c.install(t0 + H * 3, &longer, refused("bad-signature"));
    let forged = FileReply {
        base: Reply {
            signer: Some(g.forged_server.clone()),
            ..file_reply().base
        },
        ..file_reply()
    };
    let file = c.activation(made, &forged);
    c.install(t0 + H * 3, &file, refused("bad-signature"));
    let stranger = FileReply {
        base: Reply {
            signer: Some(SigningKey::ed25519_from_seed(Some("srv-9"), [9; 32])),
            ..file_reply().base
        },
        ..file_reply()
    };
    let file = c.activation(made, &stranger);
    c.install(t0 + H * 3, &file, refused("bad-response"));
    c.install(
        t0 + H * 3,
        "{\"licensewarden\":\"activation\"",
        refused("bad-response"),
    );
    g.push(c);

    let mut c = g.case(
        "activation-file-refusals-by-kind",
        "Only a valid verdict with its own validity is an activation file: the request file itself, an online answer passed off as a file, and a signed device-limit answer are refused (bad-response); a file made ahead of this clock is clock-skew",
    );
    let req = c.offline_request(t0, &token);
    c.install(
        t0 + H * 3,
        req["file"].as_str().unwrap(),
        refused("bad-response"),
    );
    let online = FileReply {
        online_only: true,
        ..file_reply()
    };
    let file = c.activation(made, &online);
    c.install(t0 + H * 3, &file, refused("bad-response"));
    let full = FileReply {
        base: reply(Verdict::DeviceLimit),
        ..file_reply()
    };
    let file = c.activation(made, &full);
    c.install(t0 + H * 3, &file, refused("bad-response"));
    let file = c.activation(t0 + 2 * H, &file_reply());
    c.install(t0 + H, &file, refused("clock-skew"));
    c.install(t0 + 2 * H, &file, json!({"code": null, "status": "active"}));
    g.push(c);

    let mut c = g.case(
        "activation-file-never-an-online-answer",
        "A file's answer handed back to an online request is refused (bad-response), even echoing that request's nonce: files are installed, never taken as answers",
    );
    c.request(
        t0,
        "validate",
        json!({"request": {"url": format!("{URL}/v1/validate")}}),
    );
    let body: Value = serde_json::from_str(&c.answer_body(t0, &reply(Verdict::Valid))).unwrap();
    let mut body = body;
    body["offline_until"] = json!(until);
    let text = sort(&body);
    let sig = c.server.sign_answer(200, &text);
    c.raw(
        t0,
        200,
        json!({"x-licensewarden-signature": sig}),
        &text,
        refused("bad-response"),
    );
    g.push(c);

    let mut c = g.case(
        "activation-file-then-online-checks",
        "A sometimes-connected machine that once got a file: an explicit check still goes online, and its valid answer replaces the file (a lease from now, no activation end); an older file is then refused; a newer one replaces the answer",
    );
    c.offline_request(t0, &token);
    let file = c.activation(made, &file_reply());
    c.install(t0 + 3 * H, &file, json!({"code": null, "status": "active"}));
    c.request(
        t0 + 4 * H,
        "validate",
        json!({"request": {"url": format!("{URL}/v1/validate")}}),
    );
    c.answer(
        t0 + 4 * H,
        reply(Verdict::Valid),
        json!({"code": null, "status": "active"}),
    );
    c.info(
        t0 + 4 * H,
        json!({"status": "active", "online": {"last_validated": t0 + 4 * H,
        "next_check": t0 + 28 * H, "activation_ends": null}}),
    );
    c.install(
        t0 + 5 * H,
        &file,
        refused("bad-response")
            .as_object()
            .map(|o| {
                let mut o = o.clone();
                o.insert("status".into(), json!("active"));
                Value::Object(o)
            })
            .unwrap(),
    );
    c.offline_request(t0 + 6 * H, &token);
    let newer = c.activation(t0 + 7 * H, &file_reply());
    c.install(
        t0 + 8 * H,
        &newer,
        json!({"code": null, "status": "active"}),
    );
    c.info(
        t0 + 8 * H,
        json!({"online": {"activation_ends": t0 + 7 * H + 30 * DAY}}),
    );
    c.request(
        t0 + 9 * H,
        "validate",
        json!({"request": {"url": format!("{URL}/v1/validate")}}),
    );
    c.fail(
        t0 + 9 * H,
        "connection refused",
        json!({"code": "offline", "status": "active"}),
    );
    g.push(c);
}

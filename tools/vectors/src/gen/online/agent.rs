//! A process of a license agent (docs/agent.md): its checks read the
//! agent's socket (`unix:` requests), it loads the key the agent hands it
//! and takes the server's answers the agent relays, checked again here:
//! signed by the server, for this license, never older than the one held.
//! When the agent does not answer, the relayed answer holds until its lease
//! ends, then grace says the agent could not be reached.

use licensewarden_guest::agent::{message, Relay};
use licensewarden_guest::protocol::{self, Answer, Response, Verdict, SIGNATURE_HEADER};
use licensewarden_issue::SigningKey;
use serde_json::json;

use super::{ms, Gen, H, T0};
use crate::gen::spec;

const SOCKET: &str = "/run/acme/license.sock";

/// The agent's device: another machine's, as far as the process knows.
fn agent_device() -> String {
    "a1".repeat(32)
}

/// A server answer for the agent's device, signed by `signer`.
fn relayed(
    signer: &SigningKey,
    license_id: &str,
    verdict: Verdict,
    at: u64,
    tamper: bool,
) -> Relay {
    let status = verdict.status(false);
    let body = protocol::answer_body(&Answer {
        verdict,
        status,
        license_id: license_id.into(),
        device_id: agent_device(),
        nonce: "bm9uY2Utb2YtdGhlLWFnZW50".into(),
        server_time: at,
        lease_ms: (verdict == Verdict::Valid).then_some(24 * H),
        registered: Some(1),
        max: Some(5),
        message: format!("{} (simulated server, to the agent)", verdict.as_str()),
        terms: None,
        offline_until: None,
    });
    let sig = signer.sign_answer(status, &body);
    let body = if tamper {
        body.replace("\"lease_ms\":", "\"lease_ms\":9")
    } else {
        body
    };
    Relay {
        device_id: agent_device(),
        response: Response {
            status,
            headers: vec![(SIGNATURE_HEADER.into(), sig)],
            body,
        },
    }
}

#[allow(clippy::too_many_lines)]
pub(super) fn cases(g: &mut Gen) {
    let t0 = ms(T0);
    let token = g.token.clone();
    let server = g.server.clone();
    let agent_config = |g: &Gen| {
        let mut c = g.config();
        c["online"]["agent"] = json!(SOCKET);
        c
    };
    let read = json!({"request": {"method": "GET", "url": format!("unix:{SOCKET}")}});
    let ok = json!({"code": null, "status": "active"});

    let mut c = g.case_with(
        "agent-relay-accepted",
        "A process with no key of its own asks the agent at every check; the key it hands over and the server's answer it relays (for the agent's device) make the process active for the answer's lease",
        agent_config(g),
        None,
    );
    c.snapshot(
        t0,
        json!({"status": "restricted", "code": "not-validated", "plan": "community"}),
    );
    c.request(t0, "validate-if-due", read.clone());
    let m = message(
        &token,
        Some(&relayed(&server, "lic_pro_1", Verdict::Valid, t0, false)),
    );
    c.raw(t0, 200, json!({}), &m, ok.clone());
    c.snapshot(
        t0,
        json!({"status": "active", "plan": "pro", "valid_until": t0 + 24 * H}),
    );
    c.info(t0, json!({"status": "active", "online": {"last_validated": t0, "devices_registered": 1, "activation_ends": null}}));
    c.request(t0 + H, "validate-if-due", read.clone());
    g.push(c);

    let mut c = g.case_with(
        "agent-stops",
        "When the agent stops answering, the answer it relayed holds until its lease ends (offline, cause agent-unreachable), then grace names the agent, then restricted",
        agent_config(g),
        None,
    );
    c.request(t0, "validate-if-due", read.clone());
    let m = message(
        &token,
        Some(&relayed(&server, "lic_pro_1", Verdict::Valid, t0, false)),
    );
    c.raw(t0, 200, json!({}), &m, ok.clone());
    c.request(t0 + H, "validate-if-due", read.clone());
    c.fail(
        t0 + H,
        "/run/acme/license.sock: Connection refused (os error 111)",
        json!({"code": "offline", "status": "active", "details": {"cause": "agent-unreachable"}}),
    );
    c.snapshot(t0 + 25 * H, json!({"status": "grace", "code": "offline"}));
    c.snapshot(
        t0 + 73 * H,
        json!({"status": "restricted", "code": "grace-expired"}),
    );
    g.push(c);

    let mut c = g.case_with(
        "agent-unreachable-from-the-start",
        "An agent that never answered leaves the process restricted, naming the agent (not the community tier of a product without a key)",
        agent_config(g),
        None,
    );
    c.request(t0, "validate-if-due", read.clone());
    c.fail(t0, "/run/acme/license.sock: No such file or directory (os error 2)", json!({"code": "offline", "status": "restricted", "details": {"cause": "agent-unreachable"}}));
    c.snapshot(
        t0,
        json!({"status": "restricted", "code": "offline", "plan": "community"}),
    );
    g.push(c);

    let mut c = g.case_with(
        "agent-relay-altered",
        "A relayed answer whose lease was stretched does not verify (bad-signature); one signed by another key under the server's key id neither: a fake agent grants nothing",
        agent_config(g),
        None,
    );
    c.request(t0, "validate-if-due", read.clone());
    let m = message(
        &token,
        Some(&relayed(&server, "lic_pro_1", Verdict::Valid, t0, true)),
    );
    c.raw(
        t0,
        200,
        json!({}),
        &m,
        json!({"code": "bad-signature", "status": "restricted"}),
    );
    c.request(t0, "validate-if-due", read.clone());
    let m = message(
        &token,
        Some(&relayed(
            &g.forged_server,
            "lic_pro_1",
            Verdict::Valid,
            t0,
            false,
        )),
    );
    c.raw(
        t0,
        200,
        json!({}),
        &m,
        json!({"code": "bad-signature", "status": "restricted"}),
    );
    g.push(c);

    let other_token = g.k.a.issue(&licensewarden_issue::LicenseSpec {
        id: "lic_other_1".into(),
        ..spec("pro")
    });
    let mut c = g.case_with(
        "agent-relay-other-license",
        "A key of one license with another license's answer is refused (bad-response)",
        agent_config(g),
        None,
    );
    c.request(t0, "validate-if-due", read.clone());
    let m = message(
        &other_token,
        Some(&relayed(&server, "lic_pro_1", Verdict::Valid, t0, false)),
    );
    c.raw(
        t0,
        200,
        json!({}),
        &m,
        json!({"code": "bad-response", "status": "restricted"}),
    );
    g.push(c);

    let mut c = g.case_with(
        "agent-relay-never-older",
        "An agent cannot roll the process back: an answer older than the one held is refused (bad-response) and the newer one stays; a relayed revocation applies",
        agent_config(g),
        None,
    );
    c.request(t0 + 2 * H, "validate-if-due", read.clone());
    let newer = message(
        &token,
        Some(&relayed(
            &server,
            "lic_pro_1",
            Verdict::Valid,
            t0 + 2 * H,
            false,
        )),
    );
    c.raw(t0 + 2 * H, 200, json!({}), &newer, ok.clone());
    c.request(t0 + 3 * H, "validate-if-due", read.clone());
    let older = message(
        &token,
        Some(&relayed(&server, "lic_pro_1", Verdict::Valid, t0, false)),
    );
    c.raw(
        t0 + 3 * H,
        200,
        json!({}),
        &older,
        json!({"code": "bad-response", "status": "active"}),
    );
    c.request(t0 + 4 * H, "validate-if-due", read.clone());
    let revoked = message(
        &token,
        Some(&relayed(
            &server,
            "lic_pro_1",
            Verdict::Revoked,
            t0 + 4 * H,
            false,
        )),
    );
    c.raw(
        t0 + 4 * H,
        200,
        json!({}),
        &revoked,
        json!({"code": "revoked", "status": "invalid"}),
    );
    g.push(c);

    let mut c = g.case_with(
        "agent-no-answer-yet-and-odd-messages",
        "An agent that holds no answer yet hands the key alone (restricted, not-validated); an agent without a key, or a message that is not the agent's, is bad-response; a process of an agent never activates",
        agent_config(g),
        None,
    );
    c.request(t0, "validate-if-due", read.clone());
    c.raw(
        t0,
        200,
        json!({}),
        &message(&token, None),
        json!({"code": null, "status": "restricted"}),
    );
    c.snapshot(
        t0,
        json!({"status": "restricted", "code": "not-validated", "plan": "community"}),
    );
    c.request(t0, "validate-if-due", read.clone());
    c.raw(
        t0,
        200,
        json!({}),
        "\nnull\n",
        json!({"code": "bad-response", "status": "restricted"}),
    );
    c.request(t0, "validate-if-due", read);
    c.raw(
        t0,
        200,
        json!({}),
        "<html>",
        json!({"code": "bad-response", "status": "restricted"}),
    );
    c.request(
        t0,
        "activate",
        json!({"ok": false, "code": "invalid-config"}),
    );
    g.push(c);
}

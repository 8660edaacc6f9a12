//! Putting old state back (docs/online-protocol.md, "Rollback witnesses"):
//! a state file copied back, with or without the clock set back, against
//! the license's rollback witness (a second sealed slot kept elsewhere) and
//! the newest file times the host observes. Also the documented limit:
//! every file and every file time put back is not detected offline.

use licensewarden_guest::online::witness_slot;
use licensewarden_guest::protocol::Verdict;
use serde_json::{json, Value};

use super::{reply, status, Case, Gen, Reply, H};

const LICENSE: &str = "lic_pro_1";

impl Case {
    fn put(&mut self, slot: &str, value: Option<&str>) {
        self.step(
            json!({"do": "store", "slot": slot, "value": value}),
            json!({}),
        );
    }

    fn observe(&mut self, newest_change: u64) {
        self.step(
            json!({"do": "observe", "newest_change": newest_change}),
            json!({}),
        );
    }

    /// A failed check at `t` (the server unreachable).
    fn offline_at(&mut self, t: u64, expect: Value) {
        self.request(t, "validate-if-due", json!({"request": {"method": "POST"}}));
        self.fail(t, "connection refused", expect);
    }
}

pub(super) fn cases(g: &mut Gen) {
    let witness = witness_slot(LICENSE);
    let hours = |c: &Case, h: u64| c.at((h * H) as i64);

    let mut c = g.case(
        "state-put-back-with-clock-set-back-is-rollback",
        "Grace expired at +73 h; the state saved at activation is copied back and the clock set to +1 h: the witness remembers +73 h, so clock-rollback, not active",
    );
    c.validate_ok(c.at(0));
    let first = c.run.state().expect("state saved");
    c.offline_at(
        hours(&c, 73),
        json!({"code": "offline", "status": "restricted"}),
    );
    c.snapshot(hours(&c, 73), status("restricted", json!("grace-expired")));
    c.put("validation", Some(&first));
    c.restart(hours(&c, 1), status("restricted", json!("clock-rollback")));
    c.gate(
        hours(&c, 1),
        "/api/reports",
        Some("reports"),
        json!({"allow": false, "status": 403}),
    );
    g.push(c);

    let mut c = g.case(
        "witness-deleted-too-file-times-still-tell",
        "The same, with the witness deleted as well: the host's newest file time (+73 h) is behind the clock's +1 h, so clock-rollback",
    );
    c.validate_ok(c.at(0));
    let first = c.run.state().expect("state saved");
    c.offline_at(
        hours(&c, 73),
        json!({"code": "offline", "status": "restricted"}),
    );
    c.put("validation", Some(&first));
    c.put(&witness, None);
    c.observe(hours(&c, 73));
    c.restart(hours(&c, 1), status("restricted", json!("clock-rollback")));
    g.push(c);

    let mut c = g.case(
        "everything-put-back-is-the-documented-limit",
        "What remains possible offline: every file put back with its file times and the clock set back is not detected (active again); the next check with the server ends it (clock-skew)",
    );
    c.validate_ok(c.at(0));
    let first = c.run.state().expect("state saved");
    let first_witness = c.run.slot(&witness).expect("witness saved");
    c.offline_at(
        hours(&c, 73),
        json!({"code": "offline", "status": "restricted"}),
    );
    c.put("validation", Some(&first));
    c.put(&witness, Some(&first_witness));
    c.observe(0);
    c.restart(hours(&c, 1), status("active", json!(null)));
    c.request(
        hours(&c, 1),
        "validate",
        json!({"request": {"method": "POST"}}),
    );
    let t = hours(&c, 73);
    c.answer(
        hours(&c, 1),
        Reply {
            server_time: Some(t),
            ..reply(Verdict::Valid)
        },
        json!({"code": "clock-skew"}),
    );
    g.push(c);

    let mut c = g.case(
        "older-state-put-back-is-tampered",
        "A state older than the newest answer the witness remembers (by over 5 min) was put back: state-tampered until a new check",
    );
    c.validate_ok(c.at(0));
    let first = c.run.state().expect("state saved");
    c.request(
        hours(&c, 10),
        "validate",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        hours(&c, 10),
        reply(Verdict::Valid),
        status("active", json!(null)),
    );
    c.put("validation", Some(&first));
    c.restart(
        hours(&c, 11),
        json!({"status": "restricted", "code": "state-tampered", "plan": "community"}),
    );
    c.info(
        hours(&c, 11),
        json!({"online": {"state_error": "state-tampered", "last_validated": null}}),
    );
    c.validate_ok(hours(&c, 11));
    c.snapshot(hours(&c, 11), status("active", json!(null)));
    g.push(c);

    let mut c = g.case(
        "revocation-not-undone-by-older-state",
        "Revoked at +1 h; the state from before the revocation is put back: state-tampered, not active",
    );
    c.validate_ok(c.at(0));
    let first = c.run.state().expect("state saved");
    c.request(
        hours(&c, 1),
        "validate",
        json!({"request": {"method": "POST"}}),
    );
    c.answer(
        hours(&c, 1),
        Reply {
            devices: None,
            ..reply(Verdict::Revoked)
        },
        json!({"code": "revoked"}),
    );
    c.put("validation", Some(&first));
    c.restart(
        hours(&c, 2),
        json!({"status": "restricted", "code": "state-tampered", "plan": "community"}),
    );
    g.push(c);

    let mut c = g.case(
        "unreadable-witness-is-no-evidence",
        "A witness that does not open (edited, or another license's) is ignored: the state alone decides, active",
    );
    c.validate_ok(c.at(0));
    c.put(&witness, Some("lws1.garbage"));
    c.restart(hours(&c, 1), status("active", json!(null)));
    g.push(c);

    let mut c = g.case(
        "file-times-ahead-until-a-fresh-answer",
        "The host's files were changed at +48 h and the clock says +1 h: clock-rollback; a fresh signed answer at +1 h clears it",
    );
    c.validate_ok(c.at(0));
    c.observe(hours(&c, 48));
    c.restart(hours(&c, 1), status("restricted", json!("clock-rollback")));
    c.validate_ok(hours(&c, 1));
    c.snapshot(hours(&c, 1), status("active", json!(null)));
    g.push(c);
}

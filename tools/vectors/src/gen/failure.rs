//! `tests/vectors/failure.json`: what every host answers while the core
//! cannot run. The host's clock stops answering (`"clock": "broken"`), so
//! the next call into the core traps; every host must then answer with the
//! core's failure answers (fail closed), drop the instance, and answer
//! normally again once a re-created core can run (`"clock": "ok"`).

#[allow(unused_imports)]
use super::*;

use licensewarden_guest::fingerprint::{device_id, DeviceFacts};

/// What the file holds.
pub const DESCRIPTION: &str =
    "The failure rule: a trapped core's answers (fail closed) and recovery by re-creation";

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let pro = g.k.a.issue(&spec("pro"));
    let facts = DeviceFacts {
        mac: "02:00:00:00:00:01".into(),
        hostname: "vector-host".into(),
        arch: "x86_64".into(),
        os: "linux".into(),
    };
    let f = licensewarden_guest::failure::answers("explicit", &device_id(&facts), "acme");
    let code = f.error.code.as_str();
    let active = json!({"status": "active", "plan": "pro", "blocking": false, "code": null});
    let failed = json!({"status": "invalid", "plan": "", "blocking": true, "code": code});
    let steps = json!([
        {"do": "snapshot"},
        {"do": "snapshot", "clock": "broken"},
        {"do": "gate", "path": "/api/devices"},
        {"do": "gate", "path": "/health"},
        {"do": "check_feature", "feature": "api_access"},
        {"do": "metrics"},
        {"do": "info_json"},
        {"do": "snapshot", "clock": "ok"},
        {"do": "gate", "path": "/api/devices"},
        {"do": "check_feature", "feature": "api_access"},
    ]);
    let denied = json!({"allow": false, "status": 503, "body": f.gate.body});
    g.case(
        "failure/trap-fails-closed-then-recovers",
        "A call that traps, and every call while the core cannot be re-created, gets the core's failure answers (exempt paths too); once the clock answers, a re-created core with the same key answers normally",
        json!({"op": "failure", "key": pro, "steps": steps}),
        json!({"steps": [
            active,
            failed,
            denied,
            denied,
            {"ok": false, "code": code},
            {"metrics": f.metrics},
            {"json": f.info_json},
            active,
            {"allow": true, "status": 200, "body": ""},
            {"ok": true},
        ]}),
    );
    g.take()
}

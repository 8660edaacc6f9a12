//! Runs conformance vectors (`tests/vectors/*.json`) through this crate's
//! public API and renders each outcome as one canonical JSON line, the
//! format every host prints (tests/vectors/README.md).

use serde_json::{json, Map, Value};

use crate::{Clock, DeviceFacts, LicenseError, Licensing, TrustedKey};
use licensegate_guest::crypto::Algorithm;

/// The device facts vectors use unless a case names its own.
pub fn default_facts() -> DeviceFacts {
    DeviceFacts {
        mac: "02:00:00:00:00:01".into(),
        hostname: "vector-host".into(),
        arch: "x86_64".into(),
        os: "linux".into(),
    }
}

fn key_from(v: &Value) -> Result<TrustedKey, String> {
    let s = |k: &str| {
        v[k].as_str()
            .map(str::to_string)
            .ok_or(format!("key needs '{k}'"))
    };
    Ok(TrustedKey {
        kid: s("kid")?,
        algorithm: Algorithm::from_config_name(&s("algorithm")?).ok_or("unknown algorithm")?,
        key: s("key")?,
    })
}

fn error_outcome(e: &LicenseError) -> Value {
    let details: Map<String, Value> = e
        .details
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    json!({"ok": false, "code": e.code.as_str(), "details": details})
}

/// `info` flags and limits as JSON objects (`{name: bool}`, `{name: {max, current, soft}}`),
/// shared by the conformance lines and `licensegate info --json`.
pub fn info_maps(i: &crate::Info) -> (Map<String, Value>, Map<String, Value>) {
    let features = i
        .features
        .iter()
        .map(|f| (f.name.clone(), json!(f.enabled)))
        .collect();
    let limits = i
        .limits
        .iter()
        .map(|l| {
            (
                l.name.clone(),
                json!({"max": l.max, "current": l.current, "soft": l.soft}),
            )
        })
        .collect();
    (features, limits)
}

/// Build the instance a case describes (config, key, clock, facts).
pub fn build(case: &Value) -> Result<Licensing, LicenseError> {
    let cfg = &case["config"];
    let mut b = Licensing::builder("vectors")
        .clock(Clock::fixed(case["now_ms"].as_u64().unwrap_or(0)))
        .device_facts(default_facts())
        .env(|_| None)
        .home_dir("/nonexistent-licensegate-home")
        .reload_interval_ms(0)
        .demo_mode(cfg["demo_mode"].as_bool().unwrap_or(false));
    if let Some(keys) = cfg["trusted_keys"].as_array() {
        for k in keys {
            b = b.trusted_key(key_from(k).expect("vector key is well formed"));
        }
    }
    if let Some(raw) = cfg["policy_json"].as_str() {
        b = b.policy_json(raw);
    } else if cfg["policy"].is_object() {
        b = b.policy_json(cfg["policy"].to_string());
    }
    if let Some(k) = case["key"].as_str() {
        b = b.key(k);
    }
    b.build()
}

/// The outcome of one case, as a JSON object (without the id).
pub fn outcome(case: &Value) -> Value {
    let op = case["op"].as_str().unwrap_or("");
    let lic = match build(case) {
        Ok(l) => l,
        Err(e) => return error_outcome(&e),
    };
    match op {
        "configure" => json!({"ok": true}),
        "verify" => match lic.verify(case["token"].as_str().unwrap_or("")) {
            Ok(l) => {
                let limits: Map<String, Value> = l
                    .limits
                    .iter()
                    .map(|(k, v)| (k.clone(), json!(v)))
                    .collect();
                json!({"ok": true, "license": {
                    "id": l.id, "org": l.org, "plan": l.plan, "kid": l.kid,
                    "features": l.features, "limits": limits,
                    "issued_at": l.issued_at, "not_before": l.not_before, "expires_at": l.expires_at,
                    "extra": l.extra_json,
                }})
            }
            Err(e) => error_outcome(&e),
        },
        "info" => {
            let i = lic.info();
            let (features, limits) = info_maps(&i);
            json!({"info": {
                "valid": i.valid, "status": i.status.as_str(), "plan": i.plan,
                "license_id": i.license_id, "org": i.org, "kid": i.kid, "key_source": i.key_source,
                "features": features, "limits": limits,
                "issued_at": i.issued_at, "expires_at": i.expires_at, "expires_text": i.expires_text,
                "days_remaining": i.days_remaining, "demo": i.demo, "device_id": i.device_id,
                "error_code": i.error.as_ref().map(|e| e.code.as_str()),
            }})
        }
        "check_feature" => match lic.check_feature(case["feature"].as_str().unwrap_or("")) {
            Ok(()) => json!({"ok": true}),
            Err(e) => error_outcome(&e),
        },
        "check_cap" => {
            let c = lic.check_cap(
                case["cap"].as_str().unwrap_or(""),
                case["current"].as_u64().unwrap_or(0),
            );
            json!({"outcome": c.outcome.as_str(), "max": c.max, "current": c.current,
                   "code": c.error.as_ref().map(|e| e.code.as_str())})
        }
        "gate" => {
            let g = lic.gate(
                case["path"].as_str().unwrap_or(""),
                case["feature"].as_str(),
            );
            json!({"allow": g.allow, "status": g.http_status,
                   "code": g.error.as_ref().map(|e| e.code.as_str()), "body": g.body})
        }
        "metrics" => {
            for u in case["usage"].as_array().into_iter().flatten() {
                lic.check_cap(u[0].as_str().unwrap_or(""), u[1].as_u64().unwrap_or(0));
            }
            json!({"metrics": lic.metrics()})
        }
        "signature" => {
            let key = key_from(&case["signing_key"]).expect("vector key is well formed");
            match lic.check_signature(
                &key,
                case["message"].as_str().unwrap_or(""),
                case["signature"].as_str().unwrap_or(""),
            ) {
                Ok(()) => json!({"ok": true}),
                Err(e) => error_outcome(&e),
            }
        }
        other => json!({"ok": false, "code": format!("unknown-op:{other}")}),
    }
}

/// `{"id": ..., ...outcome}` as canonical JSON (serde_json sorts keys).
pub fn line(case: &Value) -> String {
    let mut o = outcome(case);
    o["id"] = case["id"].clone();
    o.to_string()
}

/// Whether `actual` contains everything `expected` says (objects
/// recursively; other values exactly).
pub fn matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| matches(v, av))),
        _ => expected == actual,
    }
}

/// Every case of every vector file in `dir`, in file-name then case order.
pub fn load_cases(dir: &std::path::Path) -> Result<Vec<Value>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        cases.extend(v["cases"].as_array().cloned().unwrap_or_default());
    }
    Ok(cases)
}

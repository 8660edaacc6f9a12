//! Runs conformance vectors (`tests/vectors/*.json`) through the Rust
//! host's public API and renders each outcome as one canonical JSON line,
//! the format every host prints (tests/vectors/README.md).

use licensewarden::TrustedKeyFile as _;
use serde_json::{json, Map, Value};

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use licensewarden::axum_layer::{key_from_values, Gateway};
use licensewarden::{
    Clock, DeviceFacts, FileStore, LicenseError, Licensing, OnlineAction, OnlineSettings, Response,
    Snapshot, TrustedKey,
};
use licensewarden_guest::crypto::{sha256, Algorithm};
use licensewarden_guest::online::STATE_SLOT;

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

/// `info` flags and limits in the vector format (`{name: bool}`,
/// `{name: {max, current, soft}}`).
fn info_maps(i: &licensewarden::Info) -> (Map<String, Value>, Map<String, Value>) {
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

/// The `k`-th draw of the vectors' deterministic random source: the first
/// `len` bytes of SHA-256("licensewarden/vector-random/<k>") (len <= 32).
pub fn vector_random(k: u64, buf: &mut [u8]) {
    let block = sha256(format!("licensewarden/vector-random/{k}").as_bytes());
    let n = buf.len().min(32);
    buf[..n].copy_from_slice(&block[..n]);
}

/// Build the instance a case describes (config, key, clock, facts).
pub fn build(case: &Value) -> Result<Licensing, LicenseError> {
    let now = case["now_ms"].as_u64().unwrap_or(0);
    builder(case, Clock::fixed(now)).build()
}

fn builder(case: &Value, clock: Clock) -> licensewarden::LicensingBuilder {
    let cfg = &case["config"];
    let facts = match case["facts"].as_object() {
        Some(f) => {
            let s = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            DeviceFacts {
                mac: s("mac"),
                hostname: s("hostname"),
                arch: s("arch"),
                os: s("os"),
            }
        }
        None => default_facts(),
    };
    let mut b = Licensing::builder("vectors")
        .clock(clock)
        .device_facts(facts)
        .env(|_| None)
        .without_home()
        .reload_interval(std::time::Duration::ZERO)
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
    if let Some(o) = cfg["online"].as_object() {
        let keys: Vec<TrustedKey> = o["server_keys"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|k| key_from(k).expect("vector key is well formed"))
            .collect();
        let mut s = OnlineSettings::new(
            o["server_url"].as_str().unwrap_or(""),
            keys.first().cloned().unwrap_or(TrustedKey {
                kid: String::new(),
                algorithm: Algorithm::Ed25519,
                key: String::new(),
            }),
        );
        s.server_keys = keys;
        s.lease_hours = o["lease_hours"].as_u64().unwrap_or(0) as u32;
        s.grace_hours = o["grace_hours"].as_u64().unwrap_or(0) as u32;
        s.status_token = o
            .get("status_token")
            .and_then(Value::as_str)
            .map(str::to_string);
        s.background = false;
        s.proxy = o.get("proxy").and_then(Value::as_str).map(str::to_string);
        s.ca_file = o
            .get("ca_file")
            .and_then(Value::as_str)
            .map(std::path::PathBuf::from);
        s.agent = o
            .get("agent")
            .and_then(Value::as_str)
            .map(std::path::PathBuf::from);
        // The environment the host hands over: the proxy variables only.
        let env: std::collections::HashMap<String, String> = o
            .get("proxy_env")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .collect();
        b = b.env(move |k| env.get(k).cloned()).online(s);
    }
    b
}

fn code_of(e: Option<&LicenseError>) -> Value {
    json!(e.map(|e| e.code.as_str()))
}

fn snapshot_outcome(s: &Snapshot) -> Value {
    json!({"status": s.status.as_str(), "plan": s.plan, "all_features": s.all_features,
           "features": s.features.iter().collect::<Vec<_>>(), "blocking": s.blocking,
           "valid_until": s.valid_until, "code": code_of(s.error.as_ref())})
}

/// One online sequence case (`op: "online"`): an instance with a clock,
/// a store and a random source that outlive "restart" steps.
pub struct OnlineRun {
    case: Value,
    now: Arc<AtomicU64>,
    draws: Arc<AtomicU64>,
    store: FileStore,
    lic: Result<Licensing, LicenseError>,
}

impl OnlineRun {
    /// Start the case: build the instance at `now_ms`.
    pub fn new(case: &Value) -> OnlineRun {
        let mut run = OnlineRun {
            case: case.clone(),
            now: Arc::new(AtomicU64::new(case["now_ms"].as_u64().unwrap_or(0))),
            draws: Arc::new(AtomicU64::new(0)),
            store: FileStore::memory(),
            lic: Err(LicenseError::new(
                licensewarden::ErrorCode::Internal,
                "not built",
            )),
        };
        run.lic = run.build();
        run
    }

    fn build(&self) -> Result<Licensing, LicenseError> {
        let now = self.now.clone();
        let draws = self.draws.clone();
        builder(
            &self.case,
            Clock::from_fn(move || now.load(Ordering::SeqCst)),
        )
        .state_store(self.store.clone())
        .random_source(move |buf| vector_random(draws.fetch_add(1, Ordering::SeqCst), buf))
        .build()
    }

    /// The raw content of the state slot (tests derive tampered copies).
    pub fn state(&self) -> Option<String> {
        self.slot(STATE_SLOT)
    }

    /// The raw content of any slot.
    pub fn slot(&self, slot: &str) -> Option<String> {
        self.store.load(slot).ok().flatten()
    }

    /// Run one step and render its outcome.
    pub fn step(&mut self, step: &Value) -> Value {
        if let Some(at) = step["at"].as_u64() {
            self.now.store(at, Ordering::SeqCst);
        }
        let what = step["do"].as_str().unwrap_or("");
        if what == "restart" {
            self.lic = self.build();
        }
        if what == "store" {
            let slot = step["slot"].as_str().unwrap_or(STATE_SLOT);
            match step["value"].as_str() {
                Some(v) => self.store.put_raw(slot, v),
                None => self.store.remove(slot),
            }
            return json!({});
        }
        if what == "observe" {
            self.store
                .set_newest_change(step["newest_change"].as_u64().unwrap_or(0));
            return json!({});
        }
        let lic = match &self.lic {
            Ok(l) => l,
            Err(e) => return error_outcome(e),
        };
        match what {
            "request" => {
                let action = match step["action"].as_str().unwrap_or("") {
                    "validate" => OnlineAction::Validate,
                    "activate" => OnlineAction::Activate,
                    "deactivate" => OnlineAction::Deactivate,
                    _ => OnlineAction::ValidateIfDue,
                };
                match lic.online_request(action) {
                    Ok(None) => json!({"request": null}),
                    Ok(Some(r)) => {
                        let headers: Map<String, Value> = r
                            .headers
                            .iter()
                            .map(|(k, v)| (k.clone(), json!(v)))
                            .collect();
                        json!({"request": {"method": r.method, "url": r.url, "headers": headers, "body": r.body}})
                    }
                    Err(e) => error_outcome(&e),
                }
            }
            "offline_request" => match lic.offline_request() {
                Ok(file) => json!({ "file": file }),
                Err(e) => error_outcome(&e),
            },
            "answer" | "install" => {
                let out = match step["error"].as_str() {
                    _ if what == "install" => {
                        lic.install_activation(step["file"].as_str().unwrap_or(""))
                    }
                    Some(reason) => lic.apply_response(Err(reason)),
                    None => {
                        let r = &step["response"];
                        let resp = Response {
                            status: r["status"].as_u64().unwrap_or(0) as u16,
                            headers: r["headers"]
                                .as_object()
                                .into_iter()
                                .flatten()
                                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                                .collect(),
                            body: r["body"].as_str().unwrap_or("").to_string(),
                        };
                        lic.apply_response(Ok(&resp))
                    }
                };
                let details: Map<String, Value> = out
                    .error
                    .iter()
                    .flat_map(|e| e.details.iter())
                    .map(|(k, v)| (k.clone(), json!(v)))
                    .collect();
                json!({"code": code_of(out.error.as_ref()), "details": details,
                       "status": out.snapshot.status.as_str()})
            }
            "snapshot" | "restart" => snapshot_outcome(&lic.snapshot()),
            "info" => {
                let i = lic.info();
                let online = i.online.as_ref().map(|o| {
                    json!({"server_url": o.server_url, "last_validated": o.last_validated,
                           "next_check": o.next_check, "grace_ends": o.grace_ends,
                           "devices_registered": o.devices_registered, "devices_max": o.devices_max,
                           "last_error": code_of(o.last_error.as_ref()),
                           "state_error": code_of(o.state_error.as_ref()),
                           "terms_changed": o.terms_changed, "activation_ends": o.activation_ends})
                });
                json!({"status": i.status.as_str(), "valid": i.valid, "plan": i.plan,
                       "expires_at": i.expires_at,
                       "code": code_of(i.error.as_ref()), "online": online})
            }
            "gate" => {
                let g = lic.gate(
                    step["path"].as_str().unwrap_or(""),
                    step["feature"].as_str(),
                );
                json!({"allow": g.allow, "status": g.http_status, "code": code_of(g.error.as_ref())})
            }
            "gate_key" => {
                let d = lic.gate_key(
                    step["token"].as_str(),
                    step["path"].as_str().unwrap_or(""),
                    step["feature"].as_str(),
                );
                json!({"allow": d.gate.allow, "status": d.gate.http_status,
                       "code": code_of(d.gate.error.as_ref()), "license_id": d.license_id})
            }
            other => json!({"ok": false, "code": format!("unknown-step:{other}")}),
        }
    }
}

/// Writes a `resolve` case's files into `dir` (tests/vectors/README.md).
pub fn write_fixtures(dir: &std::path::Path, files: &Value) {
    for (rel, content) in files.as_object().into_iter().flatten() {
        let path = dir.join(rel.trim_end_matches('/'));
        std::fs::create_dir_all(path.parent().expect("inside dir")).expect("fixture dir");
        let bytes = match content {
            Value::String(s) => s.as_bytes().to_vec(),
            v if v["dir"] == true => {
                std::fs::create_dir_all(&path).expect("fixture dir");
                continue;
            }
            v if v["hex"].is_string() => {
                let h = v["hex"].as_str().unwrap_or("");
                (0..h.len() / 2)
                    .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).expect("hex"))
                    .collect()
            }
            v => v["repeat"]
                .as_str()
                .unwrap_or("")
                .repeat(v["count"].as_u64().unwrap_or(0) as usize)
                .into_bytes(),
        };
        std::fs::write(&path, bytes).expect("fixture file");
    }
}

static FIXTURES: AtomicU64 = AtomicU64::new(0);

/// A fresh directory holding `files` (removed by the caller).
fn fixture_dir(prefix: &str, files: &Value) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "lw-{prefix}-{}-{}",
        std::process::id(),
        FIXTURES.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    write_fixtures(&dir, files);
    dir
}

fn resolve_outcome(case: &Value) -> Value {
    let dir = fixture_dir("resolve", &case["files"]);
    let d = dir.to_string_lossy().into_owned();
    let sub = |s: &str| s.replace("$DIR", &d);
    let env_of = |k: &str| case["env"][k].as_str().map(sub);
    let product = case["product"].as_str().unwrap_or("");
    let home = case["home"]
        .as_str()
        .map(|h| std::path::PathBuf::from(sub(h)));
    let r = licensewarden::keysource::resolve(&licensewarden::keysource::Sources {
        product,
        explicit: None,
        env: &env_of,
        home: home.clone(),
    });
    // What the core makes of an unreadable file, through the public API.
    let unreadable = match &r {
        licensewarden::keysource::Resolved::Unreadable { reason, .. } => Some(reason.name()),
        _ => None,
    };
    let error = unreadable.map(|_| {
        let env: std::collections::HashMap<String, String> = case["env"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.clone(), sub(v.as_str()?))))
            .collect();
        let mut b = Licensing::builder(product)
            .clock(Clock::fixed(0))
            .device_facts(default_facts())
            .reload_interval(std::time::Duration::ZERO)
            .env(move |k| env.get(k).cloned());
        b = match &home {
            Some(h) => b.home_dir(h),
            None => b.without_home(),
        };
        let e = b.build().expect("builds").info().error.expect("an error");
        json!({"code": e.code.as_str(), "message": e.message.replace(&d, "$DIR")})
    });
    std::fs::remove_dir_all(&dir).ok();
    json!({"token": r.token(), "source": r.source().replace(&d, "$DIR"),
           "unreadable": unreadable, "error": error})
}

/// A `key_file` case: the file written to `$DIR/key.json` with its mode,
/// then read as a trusted key.
fn key_file_outcome(case: &Value) -> Value {
    let dir = fixture_dir("key-file", &json!({"key.json": case["file"]}));
    let path = dir.join("key.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = case["mode"].as_u64().unwrap_or(0o644) as u32;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    let out = match TrustedKey::from_file(&path) {
        Ok(k) => {
            json!({"key": {"kid": k.kid, "algorithm": k.algorithm.config_name(), "key": k.key}})
        }
        Err(message) => json!({"ok": false, "code": "invalid-config",
                               "message": message.replace(&*dir.to_string_lossy(), "$DIR")}),
    };
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// A `gateway_key` or `gateway` case through the axum gateway's rule and
/// decision (tests/vectors/gateway.json).
fn gateway_outcome(case: &Value) -> Value {
    let headers = &case["headers"];
    let key = key_from_values(
        headers["authorization"].as_str(),
        headers["x-license-key"].as_str(),
    );
    if case["op"] == "gateway_key" {
        return json!({ "key": key });
    }
    if case["op"] == "gateway_requests" {
        return gateway_requests(case);
    }
    let path = case["path"].as_str().unwrap_or("").to_string();
    let feature = case["feature"].as_str().map(str::to_string);
    let now = case["now_ms"].as_u64().unwrap_or(0);
    let case = case.clone();
    let gw = match Gateway::new(builder(&case, Clock::fixed(now))) {
        Ok(gw) => gw,
        Err(e) => return error_outcome(&e),
    };
    match gw.decide(key.as_deref(), &path, feature.as_deref()) {
        Ok(_) => json!({"status": 200, "code": null}),
        Err(d) => {
            let body: Value = serde_json::from_str(&d.body).unwrap_or(Value::Null);
            json!({"status": d.http_status, "code": body["error"]["code"]})
        }
    }
}

/// A `gateway_requests` case: several requests, each at its own instant,
/// through one gateway; each outcome and what the gateway then holds.
fn gateway_requests(case: &Value) -> Value {
    use std::sync::atomic::{AtomicU64, Ordering};
    let now = std::sync::Arc::new(AtomicU64::new(case["now_ms"].as_u64().unwrap_or(0)));
    let clock = {
        let now = now.clone();
        Clock::from_fn(move || now.load(Ordering::SeqCst))
    };
    let gw = match Gateway::new(builder(case, clock)) {
        Ok(gw) => gw,
        Err(e) => return error_outcome(&e),
    };
    let outcomes: Vec<Value> = case["requests"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            now.store(r["now_ms"].as_u64().unwrap_or(0), Ordering::SeqCst);
            let key = key_from_values(
                r["headers"]["authorization"].as_str(),
                r["headers"]["x-license-key"].as_str(),
            );
            match gw.decide(
                key.as_deref(),
                r["path"].as_str().unwrap_or(""),
                r["feature"].as_str(),
            ) {
                Ok(_) => json!({"status": 200, "code": null}),
                Err(d) => {
                    let body: Value = serde_json::from_str(&d.body).unwrap_or(Value::Null);
                    json!({"status": d.http_status, "code": body["error"]["code"]})
                }
            }
        })
        .collect();
    let stats = gw.stats();
    json!({"outcomes": outcomes, "cached_keys": stats.cache.verified, "rejected_keys": stats.cache.rejected})
}

/// A `failure` case: steps through one instance whose clock stops and
/// resumes answering (tests/vectors/README.md).
fn failure_outcome(case: &Value) -> Value {
    use std::sync::atomic::{AtomicBool, Ordering};
    let now = case["now_ms"].as_u64().unwrap_or(0);
    let broken = std::sync::Arc::new(AtomicBool::new(false));
    let clock = {
        let broken = broken.clone();
        Clock::from_fallible_fn(move || (!broken.load(Ordering::SeqCst)).then_some(now))
    };
    let lic = match builder(case, clock).build() {
        Ok(l) => l,
        Err(e) => return error_outcome(&e),
    };
    let steps: Vec<Value> = case["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|st| {
            match st["clock"].as_str() {
                Some("broken") => broken.store(true, Ordering::SeqCst),
                Some("ok") => broken.store(false, Ordering::SeqCst),
                _ => {}
            }
            match st["do"].as_str().unwrap_or("") {
                "snapshot" => {
                    let s = lic.snapshot();
                    json!({"status": s.status.as_str(), "plan": s.plan, "blocking": s.blocking,
                           "code": code_of(s.error.as_ref())})
                }
                "gate" => {
                    let g = lic.gate(st["path"].as_str().unwrap_or(""), st["feature"].as_str());
                    json!({"allow": g.allow, "status": g.http_status, "body": g.body})
                }
                "check_feature" => match lic.check_feature(st["feature"].as_str().unwrap_or("")) {
                    Ok(()) => json!({"ok": true}),
                    Err(e) => json!({"ok": false, "code": e.code.as_str()}),
                },
                "metrics" => json!({"metrics": lic.metrics()}),
                "info_json" => json!({"json": lic.info_json()}),
                other => json!({"ok": false, "code": format!("unknown-step:{other}")}),
            }
        })
        .collect();
    json!({ "steps": steps })
}

/// The outcome of one case, as a JSON object (without the id).
pub fn outcome(case: &Value) -> Value {
    let op = case["op"].as_str().unwrap_or("");
    if op == "resolve" {
        return resolve_outcome(case);
    }
    if op == "gateway_key" || op == "gateway" || op == "gateway_requests" {
        return gateway_outcome(case);
    }
    if op == "key_file" {
        return key_file_outcome(case);
    }
    if op == "failure" {
        return failure_outcome(case);
    }
    if op == "online" {
        let mut run = OnlineRun::new(case);
        let steps: Vec<Value> = case["steps"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| run.step(s))
            .collect();
        return json!({ "steps": steps });
    }
    let lic = match build(case) {
        Ok(l) => l,
        Err(e) => return error_outcome(&e),
    };
    match op {
        "configure" => json!({"ok": true}),
        "proxy_route" => match lic.online_request(licensewarden::OnlineAction::Activate) {
            Ok(r) => {
                let ca_file = r.as_ref().and_then(|r| r.ca_file.clone());
                json!({"route": r.and_then(|r| r.proxy).map(|p| json!({"url": p.url, "authorization": p.authorization})),
                       "ca_file": ca_file})
            }
            Err(e) => error_outcome(&e),
        },
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
            }, "json": lic.info_json()})
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
        "authorize" => {
            let errors: Vec<Value> = case["rbac_policies"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| match lic.set_access_policy(p.as_str()) {
                    Ok(()) => Value::Null,
                    Err(e) => error_outcome(&e),
                })
                .collect();
            let names = |v: &Value| -> Vec<String> {
                v.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            };
            let decisions: Vec<Value> = case["checks"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    let subject = licensewarden::AccessSubject {
                        roles: names(&c["roles"]),
                        groups: names(&c["groups"]),
                    };
                    let d = lic.authorize(
                        &subject,
                        c["action"].as_str().unwrap_or(""),
                        c["verb"].as_str().unwrap_or(""),
                    );
                    json!({"allow": d.allow, "role": d.role, "pattern": d.pattern, "reason": d.reason, "body": d.body})
                })
                .collect();
            let info: Value = serde_json::from_str(&lic.info_json()).unwrap_or(Value::Null);
            json!({"policy_errors": errors, "decisions": decisions, "access": info["access"]})
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
/// recursively, arrays element by element at equal length; other values
/// exactly).
pub fn matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| matches(v, av))),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(e, a)| matches(e, a))
        }
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

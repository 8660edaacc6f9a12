//! The only code that knows about wit-bindgen: converts between WIT types
//! and the core's, reads the host clock and device facts, and keeps the one
//! instance per component instance.

// wit-bindgen's generated glue uses unsafe internally and exports no docs.
#![allow(unsafe_code, missing_docs, clippy::too_many_arguments)]

use std::cell::RefCell;

use crate::crypto::Algorithm;
use crate::decision::Status as CoreStatus;
use crate::error::{ErrorCode, LicenseError as CoreError};
use crate::fingerprint::DeviceFacts;
use crate::instance::{self, Instance};
use crate::key_sources;
use crate::keys;
use crate::online::{self, OnlineAction as CoreAction, OnlineInput};
use crate::protocol;
use crate::report::CapOutcome;
use crate::seal;

wit_bindgen::generate!({
    world: "licensewarden",
    path: "wit",
});

use licensewarden::core::types as wit;
use licensewarden::core::{clock, device, random, store};

thread_local! {
    static INSTANCE: RefCell<Instance> = RefCell::new(Instance::default());
}

fn now() -> u64 {
    clock::now_ms()
}

fn facts() -> DeviceFacts {
    let f = device::facts();
    DeviceFacts {
        mac: f.mac,
        hostname: f.hostname,
        arch: f.arch,
        os: f.os,
    }
}

fn code(c: ErrorCode) -> wit::ErrorCode {
    match c {
        ErrorCode::Malformed => wit::ErrorCode::Malformed,
        ErrorCode::TooLarge => wit::ErrorCode::TooLarge,
        ErrorCode::UnsupportedVersion => wit::ErrorCode::UnsupportedVersion,
        ErrorCode::UnknownKeyId => wit::ErrorCode::UnknownKeyId,
        ErrorCode::WrongAlgorithm => wit::ErrorCode::WrongAlgorithm,
        ErrorCode::BadSignature => wit::ErrorCode::BadSignature,
        ErrorCode::InvalidPayload => wit::ErrorCode::InvalidPayload,
        ErrorCode::Expired => wit::ErrorCode::Expired,
        ErrorCode::NotYetValid => wit::ErrorCode::NotYetValid,
        ErrorCode::NoLicense => wit::ErrorCode::NoLicense,
        ErrorCode::FeatureNotLicensed => wit::ErrorCode::FeatureNotLicensed,
        ErrorCode::CapExceeded => wit::ErrorCode::CapExceeded,
        ErrorCode::InvalidConfig => wit::ErrorCode::InvalidConfig,
        ErrorCode::Internal => wit::ErrorCode::Internal,
        ErrorCode::Revoked => wit::ErrorCode::Revoked,
        ErrorCode::LicenseNotFound => wit::ErrorCode::LicenseNotFound,
        ErrorCode::DeviceLimitExceeded => wit::ErrorCode::DeviceLimitExceeded,
        ErrorCode::ClockRollback => wit::ErrorCode::ClockRollback,
        ErrorCode::ClockSkew => wit::ErrorCode::ClockSkew,
        ErrorCode::GraceExpired => wit::ErrorCode::GraceExpired,
        ErrorCode::Offline => wit::ErrorCode::Offline,
        ErrorCode::NotValidated => wit::ErrorCode::NotValidated,
        ErrorCode::StateTampered => wit::ErrorCode::StateTampered,
        ErrorCode::BadResponse => wit::ErrorCode::BadResponse,
        ErrorCode::Suspended => wit::ErrorCode::Suspended,
        ErrorCode::StateNotSaved => wit::ErrorCode::StateNotSaved,
        ErrorCode::ActivationExpired => wit::ErrorCode::ActivationExpired,
    }
}

fn error(e: CoreError) -> wit::LicenseError {
    wit::LicenseError {
        code: code(e.code),
        message: e.message,
        details: e
            .details
            .into_iter()
            .map(|(key, value)| wit::Detail { key, value })
            .collect(),
    }
}

fn info(info: crate::report::Info) -> wit::Info {
    wit::Info {
        valid: info.valid,
        status: status(info.status),
        plan: info.plan,
        license_id: info.license_id,
        org: info.org,
        kid: info.kid,
        key_source: info.key_source,
        features: info
            .features
            .into_iter()
            .map(|f| wit::FeatureFlag {
                name: f.name,
                enabled: f.enabled,
            })
            .collect(),
        limits: info
            .limits
            .into_iter()
            .map(|l| wit::LimitInfo {
                name: l.name,
                max: l.max,
                current: l.current,
                soft: l.soft,
            })
            .collect(),
        issued_at: info.issued_at,
        expires_at: info.expires_at,
        expires_text: info.expires_text,
        days_remaining: info.days_remaining,
        demo: info.demo,
        device_id: info.device_id,
        error: info.error.map(error),
        online: info.online.map(|o| wit::OnlineInfo {
            server_url: o.server_url,
            last_validated: o.last_validated,
            next_check: o.next_check,
            grace_ends: o.grace_ends,
            devices_registered: o.devices_registered,
            devices_max: o.devices_max,
            last_error: o.last_error.map(error),
            state_error: o.state_error.map(error),
            terms_changed: o.terms_changed,
            activation_ends: o.activation_ends,
        }),
        access: info.access.map(|a| wit::AccessInfo {
            enforced: a.enforced,
            roles: a.roles,
            patterns: a.patterns,
            message: a.message,
            error: a.error.map(error),
        }),
    }
}

fn gate_decision(d: crate::report::GateDecision) -> wit::GateDecision {
    wit::GateDecision {
        allow: d.allow,
        http_status: d.http_status,
        error: d.error.map(error),
        body: d.body,
    }
}

fn unreadable_reason(r: wit::UnreadableReason) -> crate::unreadable::Reason {
    use crate::unreadable::Reason;
    match r {
        wit::UnreadableReason::NotFound => Reason::NotFound,
        wit::UnreadableReason::PermissionDenied => Reason::PermissionDenied,
        wit::UnreadableReason::NotARegularFile => Reason::NotARegularFile,
        wit::UnreadableReason::TooLarge => Reason::TooLarge,
        wit::UnreadableReason::NotUtf8 => Reason::NotUtf8,
        wit::UnreadableReason::NoKeyLine => Reason::NoKeyLine,
        wit::UnreadableReason::Other => Reason::Other,
    }
}

fn read_error(e: &wit::ReadError) -> (crate::unreadable::Reason, &str) {
    (unreadable_reason(e.reason), e.detail.as_str())
}

fn key_input(k: key_sources::KeyInput) -> wit::KeyInput {
    use crate::unreadable::Reason;
    match k {
        key_sources::KeyInput::None => wit::KeyInput::None,
        key_sources::KeyInput::Key { token, source } => {
            wit::KeyInput::Key(wit::GivenKey { token, source })
        }
        key_sources::KeyInput::Unreadable {
            source,
            reason,
            detail,
        } => wit::KeyInput::Unreadable(wit::UnreadableKey {
            source,
            reason: match reason {
                Reason::NotFound => wit::UnreadableReason::NotFound,
                Reason::PermissionDenied => wit::UnreadableReason::PermissionDenied,
                Reason::NotARegularFile => wit::UnreadableReason::NotARegularFile,
                Reason::TooLarge => wit::UnreadableReason::TooLarge,
                Reason::NotUtf8 => wit::UnreadableReason::NotUtf8,
                Reason::NoKeyLine => wit::UnreadableReason::NoKeyLine,
                Reason::Other => wit::UnreadableReason::Other,
            },
            detail,
        }),
    }
}

fn key_decision(
    d: (
        crate::report::KeyDecision,
        Option<crate::decision::Snapshot>,
    ),
    terms: bool,
) -> wit::KeyDecision {
    wit::KeyDecision {
        allow: d.0.gate.allow,
        http_status: d.0.gate.http_status,
        body: d.0.gate.body,
        license_id: d.0.license_id,
        snapshot: d.1.filter(|_| terms).map(snapshot),
    }
}

fn status(s: CoreStatus) -> wit::Status {
    match s {
        CoreStatus::Active => wit::Status::Active,
        CoreStatus::Community => wit::Status::Community,
        CoreStatus::Expired => wit::Status::Expired,
        CoreStatus::NotYetValid => wit::Status::NotYetValid,
        CoreStatus::Invalid => wit::Status::Invalid,
        CoreStatus::Demo => wit::Status::Demo,
        CoreStatus::Grace => wit::Status::Grace,
        CoreStatus::Restricted => wit::Status::Restricted,
    }
}

fn alg(a: wit::Algorithm) -> Algorithm {
    match a {
        wit::Algorithm::Ed25519 => Algorithm::Ed25519,
        wit::Algorithm::HmacSha256 => Algorithm::HmacSha256,
    }
}

fn key(k: wit::TrustedKey) -> keys::TrustedKey {
    keys::TrustedKey {
        kid: k.kid,
        algorithm: alg(k.algorithm),
        key: k.key,
    }
}

fn limits<'a>(m: impl IntoIterator<Item = (&'a String, &'a u64)>) -> Vec<wit::Limit> {
    m.into_iter()
        .map(|(name, max)| wit::Limit {
            name: name.clone(),
            max: *max,
        })
        .collect()
}

fn snapshot(s: crate::decision::Snapshot) -> wit::Snapshot {
    let warning = s.warning();
    wit::Snapshot {
        status: status(s.status),
        plan: s.plan,
        all_features: s.all_features,
        features: s.features.into_iter().collect(),
        limits: limits(s.limits.iter()),
        blocking: s.blocking,
        valid_until: s.valid_until,
        error: s.error.map(error),
        warning,
    }
}

/// Exactly `N` bytes from the host's CSPRNG; a short answer is a host bug
/// and must not weaken a nonce, so it traps.
fn random_bytes<const N: usize>() -> [u8; N] {
    let v = random::bytes(N as u32);
    <[u8; N]>::try_from(v.as_slice()).expect("host random import returned the wrong length")
}

fn headers(h: Vec<wit::Detail>) -> Vec<(String, String)> {
    h.into_iter().map(|d| (d.key, d.value)).collect()
}

struct Component;

impl Guest for Component {
    fn configure(cfg: wit::Config) -> Result<(), wit::LicenseError> {
        let cfg = instance::Config {
            trusted_keys: cfg.trusted_keys.into_iter().map(key).collect(),
            policy_json: cfg.policy_json,
            demo_mode: cfg.demo_mode,
            online: cfg.online.map(|o| OnlineInput {
                server_url: o.server_url,
                server_keys: o.server_keys.into_iter().map(key).collect(),
                lease_hours: o.lease_hours,
                grace_hours: o.grace_hours,
                status_token: o.status_token,
                proxy: o.proxy,
                ca_file: o.ca_file,
                agent: o.agent,
                network_env: o
                    .network_env
                    .into_iter()
                    .map(|d| (d.key, d.value))
                    .collect(),
            }),
            gateway_cache_bytes: cfg.gateway_cache_bytes,
        };
        INSTANCE
            .with_borrow_mut(|i| i.configure(&cfg))
            .map_err(error)
    }

    fn verify(token: String) -> Result<wit::License, wit::LicenseError> {
        let l = INSTANCE
            .with_borrow(|i| i.verify(&token, now()))
            .map_err(error)?;
        Ok(wit::License {
            id: l.id,
            org: l.org,
            plan: l.plan,
            kid: l.kid,
            features: l.features,
            limits: limits(l.limits.iter()),
            issued_at: l.issued_at,
            not_before: l.not_before,
            expires_at: l.expires_at,
            extra_json: l.extra_json,
        })
    }

    fn load(key: wit::KeyInput) -> wit::Snapshot {
        let (token, source) =
            match key {
                wit::KeyInput::None => (None, "none".to_string()),
                wit::KeyInput::Key(k) => (Some(k.token), k.source),
                wit::KeyInput::Unreadable(u) => {
                    let reason = unreadable_reason(u.reason);
                    return snapshot(INSTANCE.with_borrow_mut(|i| {
                        i.load_unreadable(&u.source, reason, &u.detail, now())
                    }));
                }
            };
        let now = now();
        let facts = facts();
        let (mut state, mut witness, mut newest_change) = (None, None, 0);
        if let Some(slot) = INSTANCE.with_borrow(|i| i.witness_slot_for(token.as_deref())) {
            state = store::load(online::STATE_SLOT);
            witness = store::load(&slot);
            newest_change = store::newest_change();
        }
        let stored = online::Stored {
            state: state.as_deref(),
            witness: witness.as_deref(),
            newest_change,
        };
        let snap = INSTANCE.with_borrow_mut(|i| {
            i.load_with_state(token.as_deref(), &source, now, &facts, &stored)
        });
        if INSTANCE.with_borrow(Instance::wants_reseal) {
            let nonce = random_bytes::<{ seal::NONCE_LEN }>();
            // A failed write here is reported by the next check's save.
            for (slot, sealed) in INSTANCE.with_borrow_mut(|i| i.take_resealed(&nonce)) {
                let _ = store::save(&slot, &sealed);
            }
        }
        snapshot(snap)
    }

    fn events(before: Option<wit::Status>) -> Vec<wit::LicenseEvent> {
        let before = before.map(|s| match s {
            wit::Status::Active => CoreStatus::Active,
            wit::Status::Community => CoreStatus::Community,
            wit::Status::Expired => CoreStatus::Expired,
            wit::Status::NotYetValid => CoreStatus::NotYetValid,
            wit::Status::Invalid => CoreStatus::Invalid,
            wit::Status::Demo => CoreStatus::Demo,
            wit::Status::Grace => CoreStatus::Grace,
            wit::Status::Restricted => CoreStatus::Restricted,
        });
        let (now, facts) = (now(), facts());
        INSTANCE
            .with_borrow_mut(|i| i.events(before, now, &facts))
            .into_iter()
            .map(|e| wit::LicenseEvent {
                level: match e.level {
                    crate::events::Level::Info => wit::LogLevel::Info,
                    crate::events::Level::Warn => wit::LogLevel::Warn,
                    crate::events::Level::Error => wit::LogLevel::Error,
                },
                message: e.message,
            })
            .collect()
    }

    fn failure_answers() -> wit::FailureAnswers {
        let f = INSTANCE.with_borrow(|i| i.failure_answers(&facts()));
        wit::FailureAnswers {
            error: error(f.error),
            snapshot: snapshot(f.snapshot),
            gate: gate_decision(f.gate),
            info: info(f.info),
            info_json: f.info_json,
            metrics: f.metrics,
            retry_ms: f.retry_ms,
        }
    }

    fn snapshot() -> wit::Snapshot {
        snapshot(INSTANCE.with_borrow(|i| i.snapshot(now())))
    }

    fn info_json() -> String {
        INSTANCE.with_borrow(|i| crate::info_json::render(&i.info(now(), &facts())))
    }

    fn info() -> wit::Info {
        info(INSTANCE.with_borrow(|i| i.info(now(), &facts())))
    }

    fn check_feature(name: String) -> Result<(), wit::LicenseError> {
        INSTANCE
            .with_borrow(|i| i.check_feature(&name, now()))
            .map_err(error)
    }

    fn check_cap(name: String, current: u64) -> wit::CapCheck {
        let now = now();
        let c = INSTANCE.with_borrow_mut(|i| i.check_cap(&name, current, now));
        wit::CapCheck {
            outcome: match c.outcome {
                CapOutcome::Within => wit::CapOutcome::Within,
                CapOutcome::SoftExceeded => wit::CapOutcome::SoftExceeded,
                CapOutcome::HardExceeded => wit::CapOutcome::HardExceeded,
            },
            name: c.name,
            max: c.max,
            current: c.current,
            error: c.error.map(error),
        }
    }

    fn gate(path: String, feature: Option<String>) -> wit::GateDecision {
        gate_decision(INSTANCE.with_borrow(|i| i.gate(&path, feature.as_deref(), now())))
    }

    fn gate_key(
        token: Option<String>,
        path: String,
        feature: Option<String>,
        terms: bool,
    ) -> wit::KeyDecision {
        let now = now();
        let d = INSTANCE
            .with_borrow_mut(|i| i.gate_key(token.as_deref(), &path, feature.as_deref(), now));
        key_decision(d, terms)
    }

    fn gate_request(
        headers: wit::KeyHeaders,
        path: String,
        feature: Option<String>,
        terms: bool,
    ) -> wit::KeyDecision {
        let token = Self::key_from_headers(headers);
        Self::gate_key(token, path, feature, terms)
    }

    fn key_from_headers(h: wit::KeyHeaders) -> Option<String> {
        key_sources::from_headers(h.authorization.as_deref(), h.x_license_key.as_deref())
    }

    fn key_places(product: String) -> wit::KeyPlaces {
        let p = key_sources::places(&product);
        wit::KeyPlaces {
            prefix: p.prefix,
            key_var: p.key_var,
            file_var: p.file_var,
            agent_var: p.agent_var,
            home_file: p.home_file,
        }
    }

    fn find_key(product: String, found: wit::KeyLookup) -> wit::KeyStep {
        let found = key_sources::Found {
            explicit: found.explicit,
            key_var: found.key_var,
            file_var: found.file_var,
            home_file: found.home_file,
        };
        match key_sources::find(&product, &found) {
            key_sources::Step::Done(k) => wit::KeyStep::Done(key_input(k)),
            key_sources::Step::Read(f) => wit::KeyStep::Read(wit::KeyFile {
                path: f.path,
                source: f.source,
                optional: f.optional,
            }),
        }
    }

    fn key_from_file(file: wit::KeyFile, read: Result<Vec<u8>, wit::ReadError>) -> wit::KeyInput {
        let file = key_sources::KeyFile {
            path: file.path,
            source: file.source,
            optional: file.optional,
        };
        let read = read.as_ref().map(Vec::as_slice).map_err(read_error);
        key_input(key_sources::from_file(&file, read))
    }

    fn trusted_key_file(
        path: String,
        read: Result<Vec<u8>, wit::ReadError>,
        shared: bool,
    ) -> Result<wit::TrustedKey, wit::LicenseError> {
        let read = read.as_ref().map(Vec::as_slice).map_err(read_error);
        let k = key_sources::trusted_key_file(&path, read, shared).map_err(error)?;
        Ok(wit::TrustedKey {
            kid: k.kid,
            algorithm: match k.algorithm {
                Algorithm::Ed25519 => wit::Algorithm::Ed25519,
                Algorithm::HmacSha256 => wit::Algorithm::HmacSha256,
            },
            key: k.key,
        })
    }

    fn key_snapshot(token: String) -> Result<wit::Snapshot, wit::LicenseError> {
        let now = now();
        INSTANCE
            .with_borrow_mut(|i| i.key_snapshot(&token, now))
            .map(snapshot)
            .map_err(error)
    }

    fn gateway_stats() -> wit::GatewayStats {
        let s = INSTANCE.with_borrow(|i| i.gateway_stats());
        wit::GatewayStats {
            cached_keys: s.cache.verified,
            cached_bytes: s.cache.verified_bytes,
            cache_budget: s.cache.budget_bytes,
            rejected_keys: s.cache.rejected,
            status_licenses: s.status_licenses,
            status_serial: s.status_serial,
        }
    }

    fn metrics() -> String {
        INSTANCE.with_borrow(|i| i.metrics(now(), &facts()))
    }

    fn check_signature(
        k: wit::TrustedKey,
        message: String,
        signature: String,
    ) -> Result<(), wit::LicenseError> {
        keys::check_signature(&key(k), &message, &signature).map_err(error)
    }

    fn online_request(
        action: wit::OnlineAction,
    ) -> Result<Option<wit::Request>, wit::LicenseError> {
        let action = match action {
            wit::OnlineAction::ValidateIfDue => CoreAction::ValidateIfDue,
            wit::OnlineAction::Validate => CoreAction::Validate,
            wit::OnlineAction::Activate => CoreAction::Activate,
            wit::OnlineAction::Deactivate => CoreAction::Deactivate,
        };
        let now = now();
        let nonce = random_bytes::<{ online::NONCE_LEN }>();
        let req = INSTANCE
            .with_borrow_mut(|i| i.online_request(action, now, &nonce))
            .map_err(error)?;
        Ok(req.map(|r| wit::Request {
            method: r.method,
            url: r.url,
            headers: r
                .headers
                .into_iter()
                .map(|(key, value)| wit::Detail { key, value })
                .collect(),
            body: r.body,
            proxy: r.proxy.map(|p| wit::ProxyRoute {
                url: p.url,
                authorization: p.authorization,
            }),
            ca_file: r.ca_file,
        }))
    }

    fn apply_response(answer: Result<wit::Response, String>) -> wit::OnlineOutcome {
        let now = now();
        let nonce = random_bytes::<{ seal::NONCE_LEN }>();
        let answer = answer.map(|r| protocol::Response {
            status: r.status,
            headers: headers(r.headers),
            body: r.body,
        });
        let out = INSTANCE.with_borrow_mut(|i| {
            i.apply_response(answer.as_ref().map_err(String::as_str), now, &nonce, &facts)
        });
        saved(out)
    }

    fn offline_request() -> Result<String, wit::LicenseError> {
        let now = now();
        let nonce = random_bytes::<{ online::NONCE_LEN }>();
        INSTANCE
            .with_borrow_mut(|i| i.offline_request(now, &nonce))
            .map_err(error)
    }

    fn install_activation(file: String) -> wit::OnlineOutcome {
        let now = now();
        let nonce = random_bytes::<{ seal::NONCE_LEN }>();
        let out = INSTANCE.with_borrow_mut(|i| i.install_activation(&file, now, &nonce));
        saved(out)
    }

    fn agent_message() -> Option<String> {
        INSTANCE.with_borrow(|i| i.agent_message())
    }

    fn next_check_delay() -> u32 {
        let now = now();
        INSTANCE.with_borrow(|i| i.next_check_delay(now))
    }

    fn set_access_policy(policy: Option<String>) -> Result<(), wit::LicenseError> {
        INSTANCE
            .with_borrow_mut(|i| i.set_access_policy(policy.as_deref()))
            .map_err(error)
    }

    fn authorize(subject: wit::AccessSubject, action: String, verb: String) -> wit::AccessDecision {
        let subject = crate::rbac::Subject {
            roles: subject.roles,
            groups: subject.groups,
        };
        let now = now();
        let d = INSTANCE.with_borrow(|i| i.authorize(&subject, &action, &verb, now));
        wit::AccessDecision {
            allow: d.allow,
            role: d.role,
            pattern: d.pattern,
            reason: d.reason,
            body: d.body,
        }
    }
}

/// The outcome once its sealed slots are written through `store`.
fn saved(mut out: crate::report::OnlineOutcome) -> wit::OnlineOutcome {
    for (slot, sealed) in std::mem::take(&mut out.save) {
        if let Some(why) = store::save(&slot, &sealed) {
            out = out.save_failed(&slot, &why);
        }
    }
    wit::OnlineOutcome {
        error: out.error.map(error),
        snapshot: snapshot(out.snapshot),
    }
}

export!(Component);

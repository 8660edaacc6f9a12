//! WIT types -> the core's plain Rust types, which are this crate's public
//! types too (one definition of `Info`, `Snapshot`, ... for the project).

use licensewarden_guest::access::AccessInfo;
use licensewarden_guest::crypto::Algorithm;
use licensewarden_guest::decision::{Snapshot, Status};
use licensewarden_guest::error::{ErrorCode, LicenseError};
use licensewarden_guest::gateway::GatewayStats;
use licensewarden_guest::key_cache::CacheStats;
use licensewarden_guest::names::{NameMap, NameSet};
use licensewarden_guest::online::{OnlineAction, OnlineInfo};
use licensewarden_guest::protocol::{Request, Response};
use licensewarden_guest::report::{
    CapCheck, CapOutcome, FeatureFlag, GateDecision, Info, KeyDecision, LimitInfo,
};

use crate::bindings::licensewarden::core::types as wit;
use crate::keyfile::TrustedKey;
use crate::types::License;

pub fn code(c: wit::ErrorCode) -> ErrorCode {
    match c {
        wit::ErrorCode::Malformed => ErrorCode::Malformed,
        wit::ErrorCode::TooLarge => ErrorCode::TooLarge,
        wit::ErrorCode::UnsupportedVersion => ErrorCode::UnsupportedVersion,
        wit::ErrorCode::UnknownKeyId => ErrorCode::UnknownKeyId,
        wit::ErrorCode::WrongAlgorithm => ErrorCode::WrongAlgorithm,
        wit::ErrorCode::BadSignature => ErrorCode::BadSignature,
        wit::ErrorCode::InvalidPayload => ErrorCode::InvalidPayload,
        wit::ErrorCode::Expired => ErrorCode::Expired,
        wit::ErrorCode::NotYetValid => ErrorCode::NotYetValid,
        wit::ErrorCode::NoLicense => ErrorCode::NoLicense,
        wit::ErrorCode::FeatureNotLicensed => ErrorCode::FeatureNotLicensed,
        wit::ErrorCode::CapExceeded => ErrorCode::CapExceeded,
        wit::ErrorCode::InvalidConfig => ErrorCode::InvalidConfig,
        wit::ErrorCode::Internal => ErrorCode::Internal,
        wit::ErrorCode::Revoked => ErrorCode::Revoked,
        wit::ErrorCode::LicenseNotFound => ErrorCode::LicenseNotFound,
        wit::ErrorCode::DeviceLimitExceeded => ErrorCode::DeviceLimitExceeded,
        wit::ErrorCode::ClockRollback => ErrorCode::ClockRollback,
        wit::ErrorCode::ClockSkew => ErrorCode::ClockSkew,
        wit::ErrorCode::GraceExpired => ErrorCode::GraceExpired,
        wit::ErrorCode::Offline => ErrorCode::Offline,
        wit::ErrorCode::NotValidated => ErrorCode::NotValidated,
        wit::ErrorCode::StateTampered => ErrorCode::StateTampered,
        wit::ErrorCode::BadResponse => ErrorCode::BadResponse,
        wit::ErrorCode::Suspended => ErrorCode::Suspended,
        wit::ErrorCode::StateNotSaved => ErrorCode::StateNotSaved,
        wit::ErrorCode::ActivationExpired => ErrorCode::ActivationExpired,
    }
}

pub fn error(e: wit::LicenseError) -> LicenseError {
    LicenseError {
        code: code(e.code),
        message: e.message,
        details: e.details.into_iter().map(|d| (d.key, d.value)).collect(),
    }
}

pub fn wit_status(s: Status) -> wit::Status {
    match s {
        Status::Active => wit::Status::Active,
        Status::Community => wit::Status::Community,
        Status::Expired => wit::Status::Expired,
        Status::NotYetValid => wit::Status::NotYetValid,
        Status::Invalid => wit::Status::Invalid,
        Status::Demo => wit::Status::Demo,
        Status::Grace => wit::Status::Grace,
        Status::Restricted => wit::Status::Restricted,
    }
}

pub fn status(s: wit::Status) -> Status {
    match s {
        wit::Status::Active => Status::Active,
        wit::Status::Community => Status::Community,
        wit::Status::Expired => Status::Expired,
        wit::Status::NotYetValid => Status::NotYetValid,
        wit::Status::Invalid => Status::Invalid,
        wit::Status::Demo => Status::Demo,
        wit::Status::Grace => Status::Grace,
        wit::Status::Restricted => Status::Restricted,
    }
}

fn limits(l: Vec<wit::Limit>) -> NameMap<u64> {
    let mut m = NameMap::default();
    for x in l {
        m.insert(x.name, x.max);
    }
    m
}

// Records are taken apart field by field (no `..`): a field added to the
// WIT fails to compile here until this host handles it.

pub fn snapshot(s: wit::Snapshot) -> Snapshot {
    snapshot_and_warning(s).0
}

/// The snapshot and the component's `x-license-warning` for it.
pub fn snapshot_and_warning(s: wit::Snapshot) -> (Snapshot, Option<String>) {
    let wit::Snapshot {
        status: st,
        plan,
        all_features,
        features,
        limits: lims,
        blocking,
        valid_until,
        error: e,
        warning,
    } = s;
    let snap = Snapshot {
        status: status(st),
        plan,
        all_features,
        features: features.into_iter().collect::<NameSet>(),
        limits: limits(lims),
        blocking,
        valid_until,
        error: e.map(error),
    };
    (snap, warning)
}

pub fn license(l: wit::License) -> License {
    let wit::License {
        id,
        org,
        plan,
        kid,
        features,
        limits: lims,
        issued_at,
        not_before,
        expires_at,
        extra_json,
    } = l;
    License {
        id,
        org,
        plan,
        kid,
        features,
        limits: limits(lims),
        issued_at,
        not_before,
        expires_at,
        extra_json,
    }
}

pub fn info(i: wit::Info) -> Info {
    let wit::Info {
        valid,
        status: st,
        plan,
        license_id,
        org,
        kid,
        key_source,
        features,
        limits: lims,
        issued_at,
        expires_at,
        expires_text,
        days_remaining,
        demo,
        device_id,
        error: e,
        online,
        access,
    } = i;
    Info {
        valid,
        status: status(st),
        plan,
        license_id,
        org,
        kid,
        key_source,
        features: features
            .into_iter()
            .map(|f| FeatureFlag {
                name: f.name,
                enabled: f.enabled,
            })
            .collect(),
        limits: lims
            .into_iter()
            .map(|l| LimitInfo {
                name: l.name,
                max: l.max,
                current: l.current,
                soft: l.soft,
            })
            .collect(),
        issued_at,
        expires_at,
        expires_text,
        days_remaining,
        demo,
        device_id,
        error: e.map(error),
        online: online.map(online_info),
        access: access.map(access_info),
    }
}

fn online_info(o: wit::OnlineInfo) -> OnlineInfo {
    let wit::OnlineInfo {
        server_url,
        last_validated,
        next_check,
        grace_ends,
        devices_registered,
        devices_max,
        last_error,
        state_error,
        terms_changed,
        activation_ends,
    } = o;
    OnlineInfo {
        server_url,
        last_validated,
        next_check,
        grace_ends,
        devices_registered,
        devices_max,
        last_error: last_error.map(error),
        state_error: state_error.map(error),
        terms_changed,
        activation_ends,
    }
}

fn access_info(a: wit::AccessInfo) -> AccessInfo {
    let wit::AccessInfo {
        enforced,
        roles,
        patterns,
        message,
        error: e,
    } = a;
    AccessInfo {
        enforced,
        roles,
        patterns,
        message,
        error: e.map(error),
    }
}

pub fn cap_check(c: wit::CapCheck) -> CapCheck {
    let wit::CapCheck {
        outcome,
        name,
        max,
        current,
        error: e,
    } = c;
    CapCheck {
        outcome: match outcome {
            wit::CapOutcome::Within => CapOutcome::Within,
            wit::CapOutcome::SoftExceeded => CapOutcome::SoftExceeded,
            wit::CapOutcome::HardExceeded => CapOutcome::HardExceeded,
        },
        name,
        max,
        current,
        error: e.map(error),
    }
}

pub fn gate(g: wit::GateDecision) -> GateDecision {
    let wit::GateDecision {
        allow,
        http_status,
        error: e,
        body,
    } = g;
    GateDecision {
        allow,
        http_status,
        error: e.map(error),
        body,
    }
}

pub fn key_decision(d: wit::KeyDecision) -> KeyDecision {
    KeyDecision {
        gate: GateDecision {
            allow: d.allow,
            http_status: d.http_status,
            error: error_from_body(&d.body),
            body: d.body,
        },
        license_id: d.license_id,
    }
}

/// The error a denial's body (`{"error":{"code","details","message"}}`,
/// written by the core) carries; `key-decision` sends it only there.
pub fn error_from_body(body: &str) -> Option<LicenseError> {
    use licensewarden_guest::json::{self, Value};
    let v = json::parse(body).ok()?;
    let e = v.get("error")?;
    let code = ErrorCode::parse(e.get("code")?.as_str()?)?;
    let mut err = LicenseError::new(code, e.get("message")?.as_str()?);
    if let Some(Value::Object(details)) = e.get("details") {
        for (k, val) in details {
            err = err.with(k, val.as_str().unwrap_or(""));
        }
    }
    Some(err)
}

pub fn gateway_stats(s: wit::GatewayStats) -> GatewayStats {
    GatewayStats {
        cache: CacheStats {
            verified: s.cached_keys,
            verified_bytes: s.cached_bytes,
            budget_bytes: s.cache_budget,
            rejected: s.rejected_keys,
        },
        status_licenses: s.status_licenses,
        status_serial: s.status_serial,
    }
}

pub fn trusted_key(k: &TrustedKey) -> wit::TrustedKey {
    wit::TrustedKey {
        kid: k.kid.clone(),
        algorithm: match k.algorithm {
            Algorithm::Ed25519 => wit::Algorithm::Ed25519,
            Algorithm::HmacSha256 => wit::Algorithm::HmacSha256,
        },
        key: k.key.clone(),
    }
}

pub fn online_action(a: OnlineAction) -> wit::OnlineAction {
    match a {
        OnlineAction::ValidateIfDue => wit::OnlineAction::ValidateIfDue,
        OnlineAction::Validate => wit::OnlineAction::Validate,
        OnlineAction::Activate => wit::OnlineAction::Activate,
        OnlineAction::Deactivate => wit::OnlineAction::Deactivate,
    }
}

pub fn request(r: wit::Request) -> Request {
    Request {
        method: r.method,
        url: r.url,
        headers: r.headers.into_iter().map(|d| (d.key, d.value)).collect(),
        body: r.body,
        proxy: r.proxy.map(|p| licensewarden_guest::proxy::Route {
            url: p.url,
            authorization: p.authorization,
            // The host sends through the route; where it came from is in the
            // core's messages.
            source: String::new(),
        }),
        ca_file: r.ca_file,
    }
}

pub fn response(r: &Response) -> wit::Response {
    wit::Response {
        status: r.status,
        headers: r
            .headers
            .iter()
            .map(|(key, value)| wit::Detail {
                key: key.clone(),
                value: value.clone(),
            })
            .collect(),
        body: r.body.clone(),
    }
}

/// What the host found for the key, as the core takes it.
pub fn key_input(r: &crate::keysource::Resolved) -> wit::KeyInput {
    use crate::keysource::{Reason, Resolved};
    match r {
        Resolved::Unreadable {
            source,
            reason,
            detail,
        } => wit::KeyInput::Unreadable(wit::UnreadableKey {
            source: source.clone(),
            reason: match reason {
                Reason::NotFound => wit::UnreadableReason::NotFound,
                Reason::PermissionDenied => wit::UnreadableReason::PermissionDenied,
                Reason::NotARegularFile => wit::UnreadableReason::NotARegularFile,
                Reason::TooLarge => wit::UnreadableReason::TooLarge,
                Reason::NotUtf8 => wit::UnreadableReason::NotUtf8,
                Reason::NoKeyLine => wit::UnreadableReason::NoKeyLine,
                Reason::Other => wit::UnreadableReason::Other,
            },
            detail: detail.clone(),
        }),
        Resolved::Key { token, source } => wit::KeyInput::Key(wit::GivenKey {
            token: token.clone(),
            source: source.clone(),
        }),
        Resolved::None => wit::KeyInput::None,
    }
}

/// The answers while the core cannot run.
pub fn failure(f: wit::FailureAnswers) -> licensewarden_guest::failure::Failure {
    licensewarden_guest::failure::Failure {
        error: error(f.error),
        snapshot: snapshot(f.snapshot),
        gate: gate(f.gate),
        info: info(f.info),
        info_json: f.info_json,
        metrics: f.metrics,
        retry_ms: f.retry_ms,
    }
}

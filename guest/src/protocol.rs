//! The online validation wire format (docs/online-protocol.md): building
//! HMAC-authenticated requests and checking the server's signed answers.
//! Pure functions of their inputs; the state machine lives in `online`.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::b64;
use crate::crypto::{self, hex, sha256};
use crate::error::{ErrorCode, LicenseError, Result};
use crate::escape::quoted;
use crate::json::{self, Value};
use crate::keys::KeySet;
use crate::payload::License;

/// Protocol version in bodies.
pub const VERSION: u64 = 1;
/// Largest answer body accepted, bytes.
pub const MAX_ANSWER_BYTES: usize = 16 * 1024;
pub use crate::server_url::MAX_URL_BYTES;
/// Header carrying the request date.
pub const DATE_HEADER: &str = "x-licensewarden-date";
/// Header carrying the server's signature.
pub const SIGNATURE_HEADER: &str = "x-licensewarden-signature";
/// Authorization scheme of requests.
pub const AUTH_SCHEME: &str = "LW1-HMAC-SHA256";

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Check the license and register the device while under the limit.
    Validate,
    /// Register the device explicitly.
    Activate,
    /// Free the device's slot.
    Deactivate,
}

impl Action {
    /// The path segment and body value.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Validate => "validate",
            Action::Activate => "activate",
            Action::Deactivate => "deactivate",
        }
    }

    /// The action a path segment names.
    pub fn parse(s: &str) -> Option<Action> {
        [Action::Validate, Action::Activate, Action::Deactivate]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// An HTTP request for the host to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Always `POST`.
    pub method: String,
    /// Absolute URL.
    pub url: String,
    /// Header name/value pairs (lowercase names).
    pub headers: Vec<(String, String)>,
    /// Canonical JSON body.
    pub body: String,
    /// The proxy to send through (none: directly).
    pub proxy: Option<crate::proxy::Route>,
    /// A CA bundle to trust besides the platform's roots.
    pub ca_file: Option<String>,
}

/// An HTTP answer as the host received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Header name/value pairs (any case).
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: String,
}

impl Response {
    /// The first header named `name`, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The server's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The license is good for this device.
    Valid,
    /// The device's slot was freed.
    Deactivated,
    /// The license was revoked.
    Revoked,
    /// The vendor suspended the license for now (community tier until it
    /// is reinstated).
    Suspended,
    /// The license expired (server's view).
    Expired,
    /// The server does not know the license.
    NotFound,
    /// The device limit is reached.
    DeviceLimit,
    /// The request's authentication was refused.
    Unauthorized,
    /// The request was not well formed.
    BadRequest,
}

impl Verdict {
    /// The `result` string.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Deactivated => "deactivated",
            Verdict::Revoked => "revoked",
            Verdict::Suspended => "suspended",
            Verdict::Expired => "expired",
            Verdict::NotFound => "not-found",
            Verdict::DeviceLimit => "device-limit",
            Verdict::Unauthorized => "unauthorized",
            Verdict::BadRequest => "bad-request",
        }
    }

    /// Every verdict.
    pub const ALL: [Verdict; 9] = [
        Verdict::Valid,
        Verdict::Deactivated,
        Verdict::Revoked,
        Verdict::Suspended,
        Verdict::Expired,
        Verdict::NotFound,
        Verdict::DeviceLimit,
        Verdict::Unauthorized,
        Verdict::BadRequest,
    ];

    /// The verdict a `result` string names.
    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether `status` is an HTTP status this verdict may carry.
    pub fn allows_status(self, status: u16) -> bool {
        match self {
            Verdict::Valid => status == 200 || status == 201,
            Verdict::Deactivated => status == 200,
            Verdict::Revoked | Verdict::Suspended | Verdict::Expired => status == 403,
            Verdict::NotFound => status == 404,
            Verdict::DeviceLimit => status == 409,
            Verdict::Unauthorized => status == 401,
            // 404 and 405: a request to an endpoint or with a method the
            // server does not have, still answered signed.
            Verdict::BadRequest => matches!(status, 400 | 404 | 405 | 413),
        }
    }

    /// The HTTP status a server sends for this verdict.
    pub fn status(self, created: bool) -> u16 {
        match self {
            Verdict::Valid if created => 201,
            Verdict::Valid | Verdict::Deactivated => 200,
            Verdict::Revoked | Verdict::Suspended | Verdict::Expired => 403,
            Verdict::NotFound => 404,
            Verdict::DeviceLimit => 409,
            Verdict::Unauthorized => 401,
            Verdict::BadRequest => 400,
        }
    }
}

/// A verified server answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Verdict.
    pub verdict: Verdict,
    /// HTTP status it came with.
    pub status: u16,
    /// Echoed license id.
    pub license_id: String,
    /// Echoed device id.
    pub device_id: String,
    /// Echoed nonce.
    pub nonce: String,
    /// Server clock, unix ms.
    pub server_time: u64,
    /// How long a `valid` answer may be used.
    pub lease_ms: Option<u64>,
    /// Devices registered.
    pub registered: Option<u64>,
    /// Device limit (0 = none).
    pub max: Option<u64>,
    /// Server's human text.
    pub message: String,
    /// The license's current terms (canonical JSON in the token payload's
    /// shape), sent with `valid` answers by servers that manage licenses.
    pub terms: Option<String>,
    /// Set only in an activation file's answer (air-gapped activation,
    /// docs/air-gapped.md): until when, unix ms, the file keeps
    /// the device active. Online answers never carry it.
    pub offline_until: Option<u64>,
}

/// Request key derived from the token.
pub fn request_key(token: &str) -> [u8; 32] {
    hmac(token.as_bytes(), b"licensewarden/request-key/v1")
}

/// HMAC-SHA256.
pub fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// The bytes a request's MAC covers.
pub fn mac_input(method: &str, action: Action, date: &str, body: &str) -> String {
    format!(
        "licensewarden/request/v1\n{method}\n/v1/{}\n{date}\n{}",
        action.as_str(),
        hex(&sha256(body.as_bytes()))
    )
}

/// The `x-licensewarden-signature` value: `<kid>.<base64url signature>`.
pub fn signature_header(kid: &str, sig: &[u8]) -> String {
    format!("{kid}.{}", b64::encode(sig))
}

/// The bytes an answer's signature covers.
pub fn signing_input(status: u16, body: &str) -> String {
    format!(
        "licensewarden/response/v1\n{status}\n{}",
        hex(&sha256(body.as_bytes()))
    )
}

/// Check a server URL (the rules are in [`crate::server_url`]).
pub fn check_server_url(url: &str) -> Result<String> {
    crate::server_url::check(url)
}

/// Everything a request body carries.
pub struct RequestFields<'a> {
    /// Action.
    pub action: Action,
    /// License id.
    pub license_id: &'a str,
    /// Device id.
    pub device_id: &'a str,
    /// Normalised hostname, os, arch.
    pub hostname: &'a str,
    /// Normalised os.
    pub os: &'a str,
    /// Normalised arch.
    pub arch: &'a str,
    /// Base64url nonce.
    pub nonce: &'a str,
    /// Client clock.
    pub client_time: u64,
}

/// Build the signed request.
pub fn build_request(base_url: &str, rk: &[u8; 32], f: &RequestFields<'_>) -> Request {
    let body = Value::object(vec![
        ("action", Value::from(f.action.as_str())),
        ("arch", Value::from(f.arch)),
        ("client_time", Value::from(f.client_time)),
        ("device_id", Value::from(f.device_id)),
        ("hostname", Value::from(f.hostname)),
        ("license_id", Value::from(f.license_id)),
        ("nonce", Value::from(f.nonce)),
        ("os", Value::from(f.os)),
        ("v", Value::from(VERSION)),
    ])
    .to_canonical();
    let date = f.client_time.to_string();
    let tag = hmac(rk, mac_input("POST", f.action, &date, &body).as_bytes());
    Request {
        method: "POST".into(),
        url: format!("{base_url}/v1/{}", f.action.as_str()),
        headers: vec![
            (
                "authorization".into(),
                format!("{AUTH_SCHEME} {}", b64::encode(&tag)),
            ),
            ("content-type".into(), "application/json".into()),
            (DATE_HEADER.into(), date),
        ],
        body,
        proxy: None,
        ca_file: None,
    }
}

/// A signed answer kept as an object's `status`, `signature` and `body`
/// members (sealed state, activation files, an agent's relay); the error
/// names the member that is missing or not of its kind.
pub fn kept_answer(v: &Value) -> std::result::Result<Response, String> {
    let status = v
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .ok_or("member 'status' is missing or not an HTTP status")?;
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("member '{k}' is missing or not a string"))
    };
    Ok(Response {
        status,
        headers: vec![(SIGNATURE_HEADER.into(), text("signature")?)],
        body: text("body")?,
    })
}

/// A `bad-response` error saying why an answer was refused.
pub fn bad(why: impl Into<String>) -> LicenseError {
    LicenseError::new(
        ErrorCode::BadResponse,
        format!(
            "the license server's answer was refused: {}; treated as offline",
            why.into()
        ),
    )
}

/// Verify an answer's signature and parse it. Errors are `offline` (no
/// signature, 5xx) or `bad-response`; nonce, license and device are checked
/// by the caller, which knows what was asked.
pub fn verify_answer(r: &Response, server_keys: &KeySet) -> Result<Answer> {
    let v = verified_body(r, server_keys)?;
    device_answer(r, &v)
}

/// Check an answer's signature (the rules every signed answer shares: 5xx
/// and unsigned answers are `offline`, a bad signature `bad-signature`,
/// anything else odd `bad-response`) and parse its body as strict JSON.
pub fn verified_body(r: &Response, server_keys: &KeySet) -> Result<Value> {
    if r.status >= 500 {
        return Err(LicenseError::new(
            ErrorCode::Offline,
            format!(
                "the license server answered HTTP {}; treated as offline",
                r.status
            ),
        )
        .with("http_status", r.status.to_string()));
    }
    let Some(sig) = r.header(SIGNATURE_HEADER) else {
        return Err(LicenseError::new(
            ErrorCode::Offline,
            format!(
                "an answer (HTTP {}) without the server's signature came back, e.g. from a proxy or captive portal; treated as offline",
                r.status
            ),
        )
        .with("http_status", r.status.to_string()));
    };
    if r.body.len() > MAX_ANSWER_BYTES {
        return Err(bad(format!("body is larger than {MAX_ANSWER_BYTES} bytes")));
    }
    let (kid, sig_b64) = sig.split_once('.').unwrap_or(("", sig));
    let Some(key) = server_keys.get(kid) else {
        return Err(bad(format!(
            "it is signed with unknown server key id {}",
            quoted(kid)
        ))
        .with("kid", quoted(kid)));
    };
    let sig = b64::decode(sig_b64).map_err(|_| bad("the signature is not base64url"))?;
    let msg = signing_input(r.status, &r.body);
    if sig.len() != key.alg.signature_len()
        || !crypto::verify(key.alg, &key.key, msg.as_bytes(), &sig)
    {
        return Err(
            LicenseError::new(
                ErrorCode::BadSignature,
                format!(
                    "the license server's answer does not verify with server key '{}' (altered in transit or not from the server); treated as offline",
                    key.kid
                ),
            )
            .with("kid", key.kid.as_str()),
        );
    }
    json::parse(&r.body).map_err(|e| bad(format!("body is not strict JSON ({e})")))
}

fn device_answer(r: &Response, v: &Value) -> Result<Answer> {
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| bad(format!("field '{k}' is missing or not a string")))
    };
    let num = |k: &str| match v.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => x
            .as_u64()
            .map(Some)
            .ok_or_else(|| bad(format!("field '{k}' is not a whole number"))),
    };
    if num("v")? != Some(VERSION) {
        return Err(bad("protocol version is not 1"));
    }
    let result = text("result")?;
    let verdict = Verdict::parse(&result)
        .ok_or_else(|| bad(format!("unknown result {}", quoted(&result))))?;
    if !verdict.allows_status(r.status) {
        return Err(bad(format!(
            "result '{}' does not match HTTP status {}",
            verdict.as_str(),
            r.status
        )));
    }
    let (registered, max) = match v.get("devices") {
        None | Some(Value::Null) => (None, None),
        Some(d @ Value::Object(_)) => {
            let n = |k: &str| {
                d.get(k)
                    .and_then(Value::as_u64)
                    .ok_or_else(|| bad(format!("devices.{k} is not a whole number")))
            };
            (Some(n("registered")?), Some(n("max")?))
        }
        Some(_) => return Err(bad("field 'devices' is not an object")),
    };
    let license_id = text("license_id")?;
    let terms = match v.get("terms") {
        None | Some(Value::Null) => None,
        Some(t @ Value::Object(_)) => Some(check_terms(t, &license_id)?),
        Some(_) => return Err(bad("field 'terms' is not an object")),
    };
    Ok(Answer {
        verdict,
        status: r.status,
        license_id,
        device_id: text("device_id")?,
        nonce: text("nonce")?,
        server_time: num("server_time")?.ok_or_else(|| bad("field 'server_time' is missing"))?,
        lease_ms: num("lease_ms")?,
        registered,
        max,
        message: v
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("")
            .chars()
            .take(512)
            .collect(),
        terms,
        offline_until: num("offline_until")?,
    })
}

/// The terms object as canonical JSON, once it reads as a license payload
/// (the token's own rules) for `license_id`.
pub fn check_terms(t: &Value, license_id: &str) -> Result<String> {
    let text = t.to_canonical();
    let l = License::from_payload(text.as_bytes(), "")
        .map_err(|e| bad(format!("its terms are not a valid license ({})", e.message)))?;
    if l.id != license_id {
        return Err(bad(format!("its terms are for license {}", quoted(&l.id))));
    }
    Ok(text)
}

/// The canonical answer body a server sends (used by servers and tests).
pub fn answer_body(a: &Answer) -> String {
    let mut members = vec![
        ("device_id", Value::from(a.device_id.as_str())),
        ("license_id", Value::from(a.license_id.as_str())),
        ("message", Value::from(a.message.as_str())),
        ("nonce", Value::from(a.nonce.as_str())),
        ("result", Value::from(a.verdict.as_str())),
        ("server_time", Value::from(a.server_time)),
        ("v", Value::from(VERSION)),
    ];
    if let Some(l) = a.lease_ms {
        members.push(("lease_ms", Value::from(l)));
    }
    if let Some(t) = a.terms.as_deref().and_then(|t| json::parse(t).ok()) {
        members.push(("terms", t));
    }
    if let Some(u) = a.offline_until {
        members.push(("offline_until", Value::from(u)));
    }
    if let (Some(r), Some(m)) = (a.registered, a.max) {
        members.push((
            "devices",
            Value::object(vec![
                ("max", Value::from(m)),
                ("registered", Value::from(r)),
            ]),
        ));
    }
    Value::object(members).to_canonical()
}

/// A parsed request body (servers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBody {
    /// Action.
    pub action: Action,
    /// License id.
    pub license_id: String,
    /// Device id.
    pub device_id: String,
    /// Hostname.
    pub hostname: String,
    /// OS.
    pub os: String,
    /// Arch.
    pub arch: String,
    /// Nonce.
    pub nonce: String,
    /// Client clock.
    pub client_time: u64,
}

/// Parse a request body strictly (servers).
pub fn parse_request_body(body: &str) -> std::result::Result<RequestBody, String> {
    if body.len() > 4096 {
        return Err("body is larger than 4096 bytes".into());
    }
    let v = json::parse(body).map_err(|e| format!("body is not strict JSON ({e})"))?;
    let text = |k: &str, max: usize| {
        v.get(k)
            .and_then(Value::as_str)
            .filter(|s| s.len() <= max)
            .map(str::to_string)
            .ok_or_else(|| format!("field '{k}' is missing, not a string or longer than {max}"))
    };
    if v.get("v").and_then(Value::as_u64) != Some(VERSION) {
        return Err("field 'v' must be 1".into());
    }
    let action = text("action", 16)?;
    let printable = |k: &str, s: &str| {
        if s.is_empty() || s.chars().any(char::is_control) {
            Err(format!(
                "field '{k}' is empty or contains control characters"
            ))
        } else {
            Ok(())
        }
    };
    let license_id = text("license_id", 4096)?;
    if let Some(why) = crate::names::license_id_problem(&license_id) {
        return Err(format!("field 'license_id' {why}"));
    }
    printable("hostname", &text("hostname", 255)?)?;
    for k in ["os", "arch"] {
        printable(k, &text(k, 64)?)?;
    }
    let device_id = text("device_id", 64)?;
    if device_id.len() != 64
        || !device_id
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err("field 'device_id' must be 64 lowercase hex digits".into());
    }
    let nonce = text("nonce", 64)?;
    if nonce.len() < 16 || b64::decode(&nonce).is_err() {
        return Err("field 'nonce' must be at least 16 characters of canonical base64url".into());
    }
    Ok(RequestBody {
        action: Action::parse(&action).ok_or("unknown action")?,
        license_id,
        device_id: text("device_id", 64)?,
        hostname: text("hostname", 255)?,
        os: text("os", 64)?,
        arch: text("arch", 64)?,
        nonce: text("nonce", 64)?,
        client_time: v
            .get("client_time")
            .and_then(Value::as_u64)
            .ok_or("field 'client_time' is missing or not a whole number")?,
    })
}

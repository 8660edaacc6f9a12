//! Who may use the admin API: the bootstrap token (`admin.token`, named
//! `root`, scope `admin`) and named tokens created through the API, each
//! with a scope (`status`: the signed status list only, for gateways and
//! edge workers; `read`: GET only; `admin`: everything). Only SHA-256
//! hashes are kept; the token itself is shown once, when created. Every
//! event names the token that acted (`admin:<name>`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensewarden_guest::json::{self, Value as CoreValue};
use licensewarden_guest::names::valid_name;
use licensewarden_guest::time;
use serde_json::{json, Value};

use crate::db::{hex, Event};
use crate::reply::{bad_request, error, DbError};
use crate::{ct_eq, now_ms, AppState};

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Fetch the signed status list (`POST /v1/status`) and nothing else:
    /// the token a gateway or an edge worker holds.
    Status,
    /// Read licenses, devices, events, tokens and webhooks.
    Read,
    /// Everything.
    Admin,
}

impl Scope {
    /// `status`, `read` or `admin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Status => "status",
            Scope::Read => "read",
            Scope::Admin => "admin",
        }
    }

    /// The scope a stored name stands for.
    pub fn parse(s: &str) -> Option<Scope> {
        [Scope::Status, Scope::Read, Scope::Admin]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    /// Whether a token of this scope may do what `need` says: each scope
    /// includes the ones before it.
    pub fn covers(self, need: Scope) -> bool {
        self as u8 >= need as u8
    }
}

/// Why an admin request was refused.
pub enum Denied {
    /// No token, or one that is unknown or revoked: 401.
    Unauthorized,
    /// A token whose scope does not cover the request: 403 (name, scope).
    Forbidden(String, &'static str),
    /// The token table could not be read: 503.
    Storage(String),
}

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        match self {
            Denied::Unauthorized => error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "missing, wrong or revoked admin token: send Authorization: Bearer <token>",
            ),
            Denied::Forbidden(name, "read") => error(
                StatusCode::FORBIDDEN,
                "forbidden",
                &format!("admin token '{name}' has scope 'read': it can list and show, not change; use a token with scope 'admin'"),
            ),
            Denied::Forbidden(name, scope) => error(
                StatusCode::FORBIDDEN,
                "forbidden",
                &format!("token '{name}' has scope '{scope}': it can only fetch the status list (POST /v1/status); use a token with scope 'read' or 'admin'"),
            ),
            Denied::Storage(e) => DbError(e).into_response(),
        }
    }
}

/// The acting token's name (`admin:<name>`, as events record it), when it
/// may do what `need` says.
pub async fn require(state: &AppState, headers: &HeaderMap, need: Scope) -> Result<String, Denied> {
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if given.is_empty() {
        return Err(Denied::Unauthorized);
    }
    // Only hashes are kept; comparing hashes in constant time also hides
    // the token's length.
    let hash = licensewarden_guest::crypto::sha256(given.as_bytes());
    if ct_eq(&hash, &state.admin_hash) {
        return Ok("admin:root".into());
    }
    match state.db.token_by_hash(&hex(&hash), now_ms()).await {
        Ok(Some((name, scope))) => match Scope::parse(&scope) {
            Some(s) if s.covers(need) => Ok(format!("admin:{name}")),
            Some(s) => Err(Denied::Forbidden(name, s.as_str())),
            None => Err(Denied::Unauthorized),
        },
        Ok(None) => Err(Denied::Unauthorized),
        Err(e) => Err(Denied::Storage(e)),
    }
}

/// `require` for a handler: the actor, or return the refusal.
#[macro_export]
macro_rules! require {
    ($state:expr, $headers:expr, $scope:expr) => {
        match $crate::tokens::require(&$state, &$headers, $scope).await {
            Ok(actor) => actor,
            Err(denied) => return axum::response::IntoResponse::into_response(denied),
        }
    };
}

/// `{"name": "...", "scope": "status"|"read"|"admin"}`, strictly.
fn parse_create(body: &[u8]) -> Result<(String, Scope), Vec<String>> {
    let text = std::str::from_utf8(body).map_err(|_| vec!["the body is not UTF-8".to_string()])?;
    let v = json::parse(text).map_err(|e| vec![format!("the body is not strict JSON ({e})")])?;
    let CoreValue::Object(members) = &v else {
        return Err(vec!["the body must be an object".into()]);
    };
    let (mut name, mut scope, mut errors) = (None, None, Vec::new());
    for (k, val) in members {
        match (k.as_str(), val) {
            ("name", CoreValue::String(s)) if valid_name(s) && s != "root" => {
                name = Some(s.clone())
            }
            ("name", _) => errors.push(
                "'name' must be a name of 1-64 of A-Z a-z 0-9 _ - . : other than 'root'".into(),
            ),
            ("scope", CoreValue::String(s)) if Scope::parse(s).is_some() => scope = Scope::parse(s),
            ("scope", _) => errors.push("'scope' must be \"status\", \"read\" or \"admin\"".into()),
            _ => errors.push(format!(
                "unknown field {} (known: name, scope)",
                licensewarden_guest::escape::quoted(k)
            )),
        }
    }
    match (name, scope) {
        (Some(n), Some(s)) if errors.is_empty() => Ok((n, s)),
        (n, s) => {
            if n.is_none() && !errors.iter().any(|e| e.starts_with("'name'")) {
                errors.push("'name' is required".into());
            }
            if s.is_none() && !errors.iter().any(|e| e.starts_with("'scope'")) {
                errors.push("'scope' is required (\"read\" or \"admin\")".into());
            }
            Err(errors)
        }
    }
}

/// `POST /admin/tokens`: a new named token; the answer is the only place
/// the token itself ever appears.
pub async fn create(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let actor = require!(state, headers, Scope::Admin);
    let (name, scope) = match parse_create(&body) {
        Ok(x) => x,
        Err(problems) => return bad_request(problems),
    };
    let mut raw = [0u8; 24];
    if getrandom::getrandom(&mut raw).is_err() {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "no-randomness",
            "the system's random source failed; try again",
        );
    }
    let token = format!("lwa_{}", licensewarden_guest::b64::encode(&raw));
    let hash = hex(&licensewarden_guest::crypto::sha256(token.as_bytes()));
    let now = now_ms();
    let ev = Event::new(
        now,
        "",
        "",
        "token.created",
        &actor,
        json!({"name": name, "scope": scope.as_str()}),
    );
    match state
        .db
        .insert_token(&name, scope.as_str(), &hash, now, &actor, &ev)
        .await
    {
        Ok(true) => (
            StatusCode::CREATED,
            Json(json!({"name": name, "scope": scope.as_str(), "token": token})),
        )
            .into_response(),
        Ok(false) => error(
            StatusCode::CONFLICT,
            "exists",
            "a token with this name exists (revoked names are not reused)",
        ),
        Err(e) => DbError(e).into_response(),
    }
}

/// `GET /admin/tokens`: names, scopes and dates; never hashes.
pub async fn list(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let _ = require!(state, headers, Scope::Read);
    match state.db.tokens().await {
        Ok(ts) => {
            let fmt = |t: Option<i64>| t.map(|t| time::format_datetime(t.max(0) as u64));
            let list: Vec<Value> = ts
                .iter()
                .map(|t| {
                    json!({"name": t.name, "scope": t.scope, "created_at": fmt(Some(t.created_at)),
                        "created_by": t.created_by, "revoked_at": fmt(t.revoked_at),
                        "last_used_at": fmt(t.last_used_at)})
                })
                .collect();
            Json(json!({"tokens": list})).into_response()
        }
        Err(e) => DbError(e).into_response(),
    }
}

/// `DELETE /admin/tokens/{name}`: revoke; its next request is refused.
pub async fn revoke(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let actor = require!(state, headers, Scope::Admin);
    let now = now_ms();
    let ev = Event::new(now, "", "", "token.revoked", &actor, json!({"name": name}));
    match state.db.revoke_token(&name, now, &ev).await {
        Ok(true) => Json(json!({"revoked": name})).into_response(),
        Ok(false) => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "no active token with this name",
        ),
        Err(e) => DbError(e).into_response(),
    }
}

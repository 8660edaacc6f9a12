//! The web console, served by the server itself: the vendor's dashboard
//! (`/console`, signed in with an admin token) and the customer's portal
//! (`/portal`, signed in with the license key). Server-rendered HTML
//! (maud: templates checked at compile time, every value escaped), one
//! small embedded stylesheet and script, no third-party requests.
//!
//! Security, in one place: sessions are random 32-byte ids in an
//! `HttpOnly; SameSite=Strict` cookie (`Secure` unless the server listens
//! on loopback), kept server-side by hash, expiring after 8 hours and
//! ended by signing out or by revoking the admin token behind them; every
//! form carries the session's CSRF token, compared in constant time;
//! sign-in attempts are limited per address; every page is sent with a
//! strict Content-Security-Policy, `no-store` and `nosniff`. The portal's
//! key travels only in a POST body and is never logged.

pub mod portal;
pub mod vendor;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup, DOCTYPE};

use crate::tokens::Scope;
use crate::{ct_eq, AppState};

/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(8 * 3600);
/// Sessions held at most; the oldest go first.
pub const MAX_SESSIONS: usize = 10_000;
/// Failed sign-ins per address per minute; then 429 until the minute ends.
pub const SIGN_INS_PER_MINUTE: u32 = 10;

const CSS: &str = include_str!("assets/console.css");
const JS: &str = include_str!("assets/console.js");
const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Who a session belongs to.
#[derive(Debug, Clone)]
pub enum Who {
    /// A vendor's admin token: its name, scope and hash (re-checked on
    /// every request, so revoking the token ends the session).
    Vendor {
        /// `admin:<name>`, as events record it.
        actor: String,
        /// Its scope.
        scope: Scope,
        /// Hex SHA-256 of the token.
        token_sha256: String,
    },
    /// A customer, for one license.
    Customer {
        /// The license.
        license_id: String,
    },
}

/// A signed-in session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Whose.
    pub who: Who,
    /// The token every form must carry.
    pub csrf: String,
    expires: Instant,
    created: Instant,
}

/// Sessions and sign-in attempts, in memory (a restart signs everyone out).
#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<[u8; 32], Session>>,
    attempts: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

fn random_b64(n: usize) -> Option<String> {
    let mut raw = vec![0u8; n];
    getrandom::getrandom(&mut raw).ok()?;
    Some(licensewarden_guest::b64::encode(&raw))
}

impl Sessions {
    /// Start a session for `who`; returns the cookie value.
    pub fn start(&self, who: Who) -> Option<String> {
        let id = random_b64(32)?;
        let now = Instant::now();
        let s = Session {
            who,
            csrf: random_b64(24)?,
            expires: now + SESSION_TTL,
            created: now,
        };
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, s| s.expires > now);
        if map.len() >= MAX_SESSIONS {
            if let Some(oldest) = map.iter().min_by_key(|(_, s)| s.created).map(|(k, _)| *k) {
                map.remove(&oldest);
            }
        }
        map.insert(licensewarden_guest::crypto::sha256(id.as_bytes()), s);
        Some(id)
    }

    /// The live session with this cookie value.
    pub fn get(&self, id: &str) -> Option<Session> {
        let key = licensewarden_guest::crypto::sha256(id.as_bytes());
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(&key) {
            Some(s) if s.expires > Instant::now() => Some(s.clone()),
            Some(_) => {
                map.remove(&key);
                None
            }
            None => None,
        }
    }

    /// End a session.
    pub fn end(&self, id: &str) {
        let key = licensewarden_guest::crypto::sha256(id.as_bytes());
        self.map
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&key);
    }

    /// Whether `ip` has used up its failed sign-ins for this minute.
    pub fn blocked(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let a = self.attempts.lock().unwrap_or_else(|p| p.into_inner());
        a.get(&ip).is_some_and(|(start, n)| {
            now.duration_since(*start) < Duration::from_secs(60) && *n >= SIGN_INS_PER_MINUTE
        })
    }

    /// Count a failed sign-in from `ip`.
    pub fn failed(&self, ip: IpAddr) {
        let now = Instant::now();
        let mut a = self.attempts.lock().unwrap_or_else(|p| p.into_inner());
        if a.len() > 100_000 {
            a.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(60));
        }
        let e = a.entry(ip).or_insert((now, 0));
        if now.duration_since(e.0) >= Duration::from_secs(60) {
            *e = (now, 0);
        }
        e.1 += 1;
    }
}

/// The value of cookie `name`.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value for `name` under `path` (`None`: clear it).
pub fn set_cookie(state: &AppState, name: &str, path: &str, value: Option<&str>) -> HeaderValue {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let v = match value {
        Some(v) => format!(
            "{name}={v}; Path={path}; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            SESSION_TTL.as_secs()
        ),
        None => format!("{name}=; Path={path}; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether a submitted form's CSRF token is the session's.
pub fn csrf_ok(session: &Session, form: &HashMap<String, String>) -> bool {
    form.get("csrf")
        .is_some_and(|c| ct_eq(c.as_bytes(), session.csrf.as_bytes()))
}

/// The address a request came from.
pub fn peer(req_ext: Option<&ConnectInfo<SocketAddr>>) -> IpAddr {
    req_ext.map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip())
}

/// What every sign-in checks first: the form's token against the cookie
/// its page set (double submit: before a session exists, another site
/// cannot sign a browser in), then the address's failed sign-ins. The
/// address, or the page to answer with.
pub fn before_sign_in(
    state: &AppState,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    peer_addr: Option<&ConnectInfo<SocketAddr>>,
    area: &str,
) -> Result<IpAddr, Box<Response>> {
    let back = format!("/{area}/login");
    let pre = cookie(headers, &format!("lw_{area}_pre")).unwrap_or_default();
    let given = form.get("csrf").cloned().unwrap_or_default();
    if pre.is_empty() || !ct_eq(pre.as_bytes(), given.as_bytes()) {
        return Err(Box::new(problem(
            StatusCode::FORBIDDEN,
            "Sign-in refused",
            "The form expired; load the sign-in page again.",
            &back,
        )));
    }
    let ip = peer(peer_addr);
    if state.sessions.blocked(ip) {
        return Err(Box::new(problem(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many attempts",
            "Too many failed sign-ins from this address; wait a minute.",
            &back,
        )));
    }
    Ok(ip)
}

/// The page around `body`.
pub fn page(title: &str, nav: Option<Markup>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — licensewarden" }
                link rel="stylesheet" href="/console/assets/console.css";
                script src="/console/assets/console.js" defer {}
            }
            body {
                a class="skip" href="#main" { "Skip to content" }
                @if let Some(n) = nav { (n) }
                main id="main" { (body) }
            }
        }
    }
}

/// An HTML answer.
pub fn html_response(status: StatusCode, m: Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        m.into_string(),
    )
        .into_response()
}

/// A page saying what went wrong, with a way back.
pub fn problem(status: StatusCode, title: &str, message: &str, back: &str) -> Response {
    html_response(
        status,
        page(
            title,
            None,
            html! {
                h1 { (title) }
                p role="alert" { (message) }
                p { a href=(back) { "Back" } }
            },
        ),
    )
}

/// Headers every console and portal answer carries.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

/// `/console/assets/...`.
pub async fn asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let (body, kind) = match name.as_str() {
        "console.css" => (CSS, "text/css; charset=utf-8"),
        "console.js" => (JS, "text/javascript; charset=utf-8"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

/// `/` of the console: to the overview or the sign-in page.
pub async fn root() -> Redirect {
    Redirect::to("/console/")
}

/// The console and portal routes.
pub fn routes() -> axum::Router<Arc<AppState>> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/console", get(root))
        .route("/console/", get(vendor::overview))
        .route("/console/assets/{name}", get(asset))
        .route(
            "/console/login",
            get(vendor::login_page).post(vendor::login),
        )
        .route("/console/logout", post(vendor::logout))
        .route("/console/licenses", get(vendor::licenses))
        .route(
            "/console/licenses/new",
            get(vendor::new_license).post(vendor::create_license),
        )
        .route("/console/licenses/{id}", get(vendor::license))
        .route("/console/licenses/{id}/{action}", post(vendor::act))
        .route("/console/events", get(vendor::events))
        .route("/console/webhooks", get(vendor::webhooks))
        .route("/console/deliveries/{id}/replay", post(vendor::replay))
        .route("/portal", get(portal::home))
        .route("/portal/login", get(portal::login_page).post(portal::login))
        .route("/portal/logout", post(portal::logout))
        .route("/portal/activation", post(portal::activation))
        .route("/portal/devices/{device}/free", post(portal::free))
        .layer(axum::middleware::from_fn(headers))
}

/// The state's session store.
pub fn sessions(state: &AppState) -> &Sessions {
    &state.sessions
}

/// A `State` extractor alias for the handlers.
pub type St = State<Arc<AppState>>;

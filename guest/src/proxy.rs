//! Which proxy a host sends the license server's requests through, decided
//! once for every host: a host's HTTP library reads the proxy variables its
//! own way (Node's `fetch` not at all, Go's never for 127.0.0.1, Python's
//! urllib upper case first), so the hosts would disagree about where a
//! request goes. The host passes the variables it found and its own proxy
//! setting; the core names the route, and words the failures the customer's
//! IT can act on.
//!
//! The rules, as curl reads the variables:
//! - a proxy setting given in code wins over the variables;
//! - for an `https://` server `https_proxy`, then `HTTPS_PROXY`; for the
//!   `http://` loopback servers of tests, `http_proxy` only (upper-case
//!   `HTTP_PROXY` is never read: a CGI server sets it from a request's
//!   `Proxy:` header); then `all_proxy`, then `ALL_PROXY`; empty means unset;
//! - `no_proxy`, then `NO_PROXY`: `*` bypasses every host; otherwise a comma
//!   list of names (a leading `.` optional) matching the host or any name
//!   under it, each optionally with `:port`; case is ignored. An address
//!   matches only as written (no CIDR ranges);
//! - a proxy is `http://[user:password@]host[:port]` (port 80 when none);
//!   a missing scheme means `http://`. Other schemes (`https://`,
//!   `socks5://`) are refused by name rather than silently bypassed.

use crate::b64;
use crate::error::{ErrorCode, LicenseError, Result};
use crate::escape::quoted;

/// The variables a host passes, in the order they are read.
pub const VARIABLES: [&str; 7] = [
    "https_proxy",
    "HTTPS_PROXY",
    "http_proxy",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// Where requests to the license server go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// `http://host:port`, without credentials: safe for messages and logs.
    pub url: String,
    /// The `Proxy-Authorization` value (`Basic ...`) when the setting had
    /// credentials.
    pub authorization: Option<String>,
    /// Where the setting came from: `proxy` (the host's option) or the
    /// variable's name.
    pub source: String,
}

/// The route for requests to `server_url` (already checked), or none to
/// connect directly. A proxy setting that cannot be used is an
/// `invalid-config` error naming where it came from.
pub fn route(
    server_url: &str,
    explicit: Option<&str>,
    env: &[(String, String)],
) -> Result<Option<Route>> {
    let var = |name: &str| {
        env.iter()
            .find(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    };
    let (https, authority) = match server_url.strip_prefix("https://") {
        Some(rest) => (true, rest),
        None => (
            false,
            server_url.strip_prefix("http://").unwrap_or(server_url),
        ),
    };
    let authority = authority.split('/').next().unwrap_or("");
    let (host, port) = host_port(authority, if https { 443 } else { 80 });
    if let Some(list) = var("no_proxy").or_else(|| var("NO_PROXY")) {
        if bypassed(list, &host, port) {
            return Ok(None);
        }
    }
    let chosen = match explicit.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(("proxy", p)),
        None => {
            let names: &[&str] = if https {
                &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
            } else {
                &["http_proxy", "all_proxy", "ALL_PROXY"]
            };
            names.iter().find_map(|n| var(n).map(|v| (*n, v)))
        }
    };
    chosen
        .map(|(source, value)| parse(source, value))
        .transpose()
}

fn host_port(authority: &str, default_port: u16) -> (String, u16) {
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p))
            if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !p.contains(']') =>
        {
            (h, p.parse().unwrap_or(default_port))
        }
        _ => (authority, default_port),
    };
    (host.trim_matches(['[', ']']).to_ascii_lowercase(), port)
}

fn bypassed(list: &str, host: &str, port: u16) -> bool {
    list.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            let (name, want_port) = match entry.rsplit_once(':') {
                Some((n, p)) if p.bytes().all(|b| b.is_ascii_digit()) && !n.ends_with(':') => {
                    (n, p.parse::<u16>().ok())
                }
                _ => (entry, None),
            };
            let name = name
                .trim_start_matches('.')
                .trim_matches(['[', ']'])
                .to_ascii_lowercase();
            let matches = host == name || host.ends_with(&format!(".{name}"));
            matches && want_port.is_none_or(|p| p == port)
        })
}

fn parse(source: &str, value: &str) -> Result<Route> {
    let shown = match value.split_once('@') {
        // Never echo a password.
        Some((_, after)) => format!("http://***@{after}"),
        None => value.to_string(),
    };
    let bad = |why: &str| {
        LicenseError::new(
            ErrorCode::InvalidConfig,
            format!(
                "the proxy setting {source}={} {why}; use http://[user:password@]host:port",
                quoted(&shown)
            ),
        )
        .with("field", source)
    };
    if value.len() > 2048 || value.bytes().any(|b| b <= b' ' || b >= 0x7f) {
        return Err(bad(
            "is too long or has spaces, control or non-ASCII characters",
        ));
    }
    let rest = match value.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
        Some((scheme, _)) => {
            return Err(bad(&format!(
                "uses {}://, which licensewarden does not speak (only an HTTP proxy, which tunnels https:// with CONNECT)",
                scheme.to_ascii_lowercase()
            )))
        }
        None => value,
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains(['/', '?', '#']) {
        return Err(bad("has a path; a proxy is a host and a port"));
    }
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let (host, port) = host_port(hostport, 80);
    if host.is_empty() || hostport.ends_with(':') {
        return Err(bad("has no host, or an empty port"));
    }
    let authorization = match userinfo {
        Some(u) => {
            let decoded = percent_decode(u)
                .ok_or_else(|| bad("has malformed percent-encoding in its credentials"))?;
            Some(format!("Basic {}", b64::encode_std(decoded.as_bytes())))
        }
        None => None,
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    Ok(Route {
        url: format!("http://{host}:{port}"),
        authorization,
        source: source.to_string(),
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A transport failure through `route` in words the customer's IT can act
/// on, when the words say the proxy was the one that failed: its `cause`
/// detail and the message's middle part.
pub fn failure(route: &Route, reason: &str) -> Option<(&'static str, String)> {
    let r = reason.to_ascii_lowercase();
    let via = format!("the proxy at {} ({})", route.url, route.source);
    // Some proxies answer a CONNECT without credentials 401 (tinyproxy),
    // which Go words as the status text alone ("Unauthorized": the license
    // server's own 401 is an answer, never a transport error); ureq words a
    // refused CONNECT "proxy credentials are incorrect".
    if r.contains("407")
        || r.contains("proxy authentication")
        || r.contains("proxy credentials")
        || r.contains("unauthorized")
        || (r.contains("proxy") && r.contains("401"))
    {
        let what = if route.authorization.is_some() {
            "refused the user and password of the proxy setting (407)"
        } else {
            "asked for authentication (407) and the proxy setting has no user and password"
        };
        return Some((
            "proxy-auth-required",
            format!(
                "{via} {what}; set http://user:password@host:port in {}",
                route.source
            ),
        ));
    }
    if ["reset", "closed", "eof", "broken pipe", "cut off"]
        .iter()
        .any(|w| r.contains(w))
    {
        // A forwarding proxy that refuses a plain request answers 407 and
        // closes before reading the body: the client often sees only the
        // reset.
        return Some((
            "proxy-closed",
            format!("{via} closed the connection without an answer (a proxy does this when it refuses a request, for one without the user and password it asks for); check the credentials in {} and the proxy's log", route.source),
        ));
    }
    if r.contains("refused") || r.contains("proxyconnect") {
        return Some((
            "proxy-unreachable",
            format!(
                "{via} could not be reached; check the proxy's address and port in {}",
                route.source
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn lower_case_https_proxy_wins_and_credentials_become_basic_auth() {
        let e = env(&[
            ("HTTPS_PROXY", "http://other:1"),
            ("https_proxy", "http://u%40x:p%3As@proxy.corp:3128"),
        ]);
        let r = route("https://license.example.com", None, &e)
            .unwrap()
            .unwrap();
        assert_eq!(r.url, "http://proxy.corp:3128");
        assert_eq!(r.source, "https_proxy");
        assert_eq!(r.authorization.as_deref(), Some("Basic dUB4OnA6cw=="));
    }

    #[test]
    fn upper_case_http_proxy_is_never_read() {
        let e = env(&[("HTTP_PROXY", "http://p:1")]);
        assert_eq!(route("http://127.0.0.1:8787", None, &e).unwrap(), None);
        let e = env(&[("http_proxy", "p:3128")]);
        assert_eq!(
            route("http://127.0.0.1:8787", None, &e)
                .unwrap()
                .unwrap()
                .url,
            "http://p:3128"
        );
    }

    #[test]
    fn no_proxy_matches_names_under_a_domain_and_ports() {
        let e = env(&[
            ("HTTPS_PROXY", "http://p:3128"),
            ("NO_PROXY", "localhost, .example.com:443"),
        ]);
        assert_eq!(
            route("https://license.example.com", None, &e).unwrap(),
            None
        );
        assert!(route("https://license.example.com:8443", None, &e)
            .unwrap()
            .is_some());
        assert!(route("https://example.community", None, &e)
            .unwrap()
            .is_some());
        let star = env(&[("https_proxy", "http://p:3128"), ("no_proxy", "*")]);
        assert_eq!(
            route("https://a.b", Some("http://q:1"), &star).unwrap(),
            None
        );
    }

    #[test]
    fn the_option_wins_and_a_socks_proxy_is_refused_by_name() {
        let e = env(&[("https_proxy", "http://p:3128")]);
        assert_eq!(
            route("https://a.b", Some("http://q"), &e)
                .unwrap()
                .unwrap()
                .url,
            "http://q:80"
        );
        let e = env(&[("ALL_PROXY", "socks5://u:secret@s:1080")]);
        let err = route("https://a.b", None, &e).unwrap_err();
        assert!(
            err.message.contains("ALL_PROXY") && err.message.contains("socks5"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("secret"));
    }

    #[test]
    fn a_407_names_the_proxy_and_the_fix() {
        let r = Route {
            url: "http://p:3128".into(),
            authorization: None,
            source: "HTTPS_PROXY".into(),
        };
        let (cause, words) =
            failure(&r, "proxyconnect tcp: 407 Proxy Authentication Required").unwrap();
        assert_eq!(cause, "proxy-auth-required");
        assert!(
            words.starts_with("the proxy at http://p:3128 (HTTPS_PROXY) asked for authentication"),
            "{words}"
        );
        assert_eq!(
            failure(&r, "connection refused").unwrap().0,
            "proxy-unreachable"
        );
        assert_eq!(
            failure(&r, "ConnectionResetError: [Errno 104]").unwrap().0,
            "proxy-closed"
        );
        assert_eq!(failure(&r, "timed out"), None);
    }
}

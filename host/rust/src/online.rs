//! Online validation for the Rust host: settings, the blocking HTTP client
//! that moves the core's requests and answers (ureq), and the background
//! thread that runs due checks. Every decision is the core's
//! (docs/online-protocol.md); this file only moves bytes and sleeps.

use std::io::Read;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use licensewarden_guest::protocol::{Request, Response, MAX_ANSWER_BYTES, SIGNATURE_HEADER};

use crate::keyfile::TrustedKey;

/// How a [`crate::Licensing`] validates its license online.
#[derive(Debug, Clone)]
pub struct OnlineSettings {
    /// Base URL of the license server (`https://...`; plain http only on
    /// loopback).
    pub server_url: String,
    /// The server's Ed25519 public keys (`server.pub` of the server).
    pub server_keys: Vec<TrustedKey>,
    /// Hours a successful check lasts (0 = 24).
    pub lease_hours: u32,
    /// Hours of offline grace from the last success (0 = 72).
    pub grace_hours: u32,
    /// Connect + read timeout of one request.
    pub timeout: Duration,
    /// Run due checks from a background thread (default). Off for one-shot
    /// programs such as the CLI, which call `validate_if_due` themselves.
    pub background: bool,
    /// Gateway mode: a token with scope `status`; the instance then fetches
    /// the server's status list instead of validating a device (see
    /// [`crate::axum_layer::Gateway`]).
    pub status_token: Option<String>,
    /// `http://[user:password@]host:port`: wins over the proxy variables
    /// (`https_proxy`, `NO_PROXY`, ...), which the core reads as curl does
    /// (docs/proxies.md).
    pub proxy: Option<String>,
    /// A PEM file of certificate authorities trusted for the server's
    /// certificate besides the built-in roots (a TLS-intercepting proxy's
    /// CA); wins over `SSL_CERT_FILE` and `NODE_EXTRA_CA_CERTS`.
    pub ca_file: Option<std::path::PathBuf>,
    /// The license agent's socket (else `<PRODUCT>_LICENSE_AGENT`): this
    /// process takes its key and the server's answers from the agent
    /// (docs/agent.md) and registers no device of its own.
    pub agent: Option<std::path::PathBuf>,
}

/// Every proxy and CA variable `env` has: the core picks by curl's rules
/// (and never reads `HTTP_PROXY`).
pub(crate) fn network_env(env: &dyn Fn(&str) -> Option<String>) -> Vec<wit_detail::Detail> {
    licensewarden_guest::proxy::VARIABLES
        .iter()
        .chain(licensewarden_guest::trust::VARIABLES.iter())
        .filter_map(|key| {
            env(key).map(|value| wit_detail::Detail {
                key: key.to_string(),
                value,
            })
        })
        .collect()
}

/// Largest CA bundle read, bytes.
pub const MAX_CA_FILE_BYTES: u64 = 1024 * 1024;

/// A TLS configuration trusting the built-in roots and the certificates in
/// the PEM file at `path`. The error names the file, in words the core's
/// `tls-failed` cause recognises.
fn tls_with(path: &str) -> Result<Arc<rustls::ClientConfig>, String> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;
    let shown = licensewarden_guest::escape::printable(path, 512);
    let pem = crate::state_store::read_bounded(std::path::Path::new(path), MAX_CA_FILE_BYTES)
        .map_err(|e| format!("certificate authorities file {shown}: {e}"))?;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let mut added = 0;
    for cert in CertificateDer::pem_slice_iter(&pem) {
        let cert = cert.map_err(|e| format!("certificate authorities file {shown}: {e}"))?;
        roots
            .add(cert)
            .map_err(|e| format!("certificate authorities file {shown}: {e}"))?;
        added += 1;
    }
    if added == 0 {
        return Err(format!(
            "certificate authorities file {shown}: no PEM certificate in it"
        ));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(cfg))
}

mod wit_detail {
    pub use crate::bindings::licensewarden::core::types::Detail;
}

/// How long one request to the license server may take (tests/options.json).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

impl OnlineSettings {
    /// Settings for `server_url` with the server's public key and defaults
    /// (24 h lease, 72 h grace, 10 s timeout, background checks).
    pub fn new(server_url: impl Into<String>, server_key: TrustedKey) -> OnlineSettings {
        OnlineSettings {
            server_url: server_url.into(),
            server_keys: vec![server_key],
            lease_hours: 0,
            grace_hours: 0,
            timeout: DEFAULT_TIMEOUT,
            background: true,
            status_token: None,
            proxy: None,
            ca_file: None,
            agent: None,
        }
    }
}

/// The route as ureq takes it: `http://user:password@host:port`, the
/// credentials read back from the core's `Basic` value.
fn ureq_proxy(route: &licensewarden_guest::proxy::Route) -> Result<ureq::Proxy, String> {
    let hostport = route.url.strip_prefix("http://").unwrap_or(&route.url);
    let creds = route
        .authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Basic "))
        .and_then(|b| {
            let url_safe: String = b
                .trim_end_matches('=')
                .chars()
                .map(|c| match c {
                    '+' => '-',
                    '/' => '_',
                    c => c,
                })
                .collect();
            licensewarden_guest::b64::decode(&url_safe).ok()
        })
        .and_then(|b| String::from_utf8(b).ok());
    let spec = match creds {
        Some(c) => format!("http://{c}@{hostport}"),
        None => format!("http://{hostport}"),
    };
    ureq::Proxy::new(spec).map_err(|e| format!("the proxy at {}: {e}", route.url))
}

/// Send one request with a blocking client; `Err` says why no answer came.
/// Redirects are not followed (an answer must come from the server itself)
/// and the body is read up to the core's cap plus one byte.
pub fn send(req: &Request, timeout: Duration) -> Result<Response, String> {
    if let Some(path) = req.url.strip_prefix(licensewarden_guest::agent::SCHEME) {
        return read_agent(path, timeout);
    }
    let mut agent = ureq::AgentBuilder::new()
        .timeout_connect(timeout)
        .timeout(timeout)
        .redirects(0);
    // The core chose the route; ureq tunnels through it with CONNECT.
    if let Some(route) = &req.proxy {
        agent = agent.proxy(ureq_proxy(route)?);
    }
    if let Some(path) = &req.ca_file {
        agent = agent.tls_config(tls_with(path)?);
    }
    let agent = agent.build();
    let mut r = agent.request(&req.method, &req.url);
    for (k, v) in &req.headers {
        r = r.set(k, v);
    }
    // ureq sends a plain-HTTP request to the proxy as it is, without the
    // proxy's credentials (it adds them only to a CONNECT).
    if let Some(auth) = req.proxy.as_ref().and_then(|p| p.authorization.as_deref()) {
        if req.url.starts_with("http://") {
            r = r.set("proxy-authorization", auth);
        }
    }
    let resp = match r.send_string(&req.body) {
        Ok(resp) | Err(ureq::Error::Status(_, resp)) => resp,
        Err(ureq::Error::Transport(t)) => return Err(t.to_string()),
    };
    let status = resp.status();
    let headers = resp
        .header(SIGNATURE_HEADER)
        .map(|v| vec![(SIGNATURE_HEADER.to_string(), v.to_string())])
        .unwrap_or_default();
    let mut body = Vec::new();
    resp.into_reader()
        .take(MAX_ANSWER_BYTES as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("reading the answer: {e}"))?;
    Ok(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Read the license agent's answer from its socket (docs/agent.md), as
/// the core takes it: a 200 response whose body is the message.
#[cfg(unix)]
pub fn read_agent(path: &str, timeout: Duration) -> Result<Response, String> {
    use std::os::unix::net::UnixStream;
    let cap = licensewarden_guest::agent::MAX_MESSAGE_BYTES as u64;
    let mut s = UnixStream::connect(path).map_err(|e| format!("{path}: {e}"))?;
    let _ = s.set_read_timeout(Some(timeout));
    let mut body = Vec::new();
    (&mut s)
        .take(cap + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("{path}: reading: {e}"))?;
    Ok(Response {
        status: 200,
        headers: Vec::new(),
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Unix sockets only exist on Unix.
#[cfg(not(unix))]
pub fn read_agent(path: &str, _timeout: Duration) -> Result<Response, String> {
    Err(format!("{path}: license agents need Unix sockets"))
}

/// Wakes the background thread early (refresh, key change) or stops it.
#[derive(Default)]
pub struct Signal {
    state: Mutex<(bool, bool)>,
    cv: Condvar,
}

impl Signal {
    /// Ask the thread to run a check pass now.
    pub fn wake(&self) {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).0 = true;
        self.cv.notify_all();
    }

    /// Ask the thread to exit.
    pub fn stop(&self) {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).1 = true;
        self.cv.notify_all();
    }

    /// Sleep up to `d`; returns false once stopped.
    pub fn sleep(&self, d: Duration) -> bool {
        let g = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (mut g, _) = self
            .cv
            .wait_timeout_while(g, d, |s| !s.0 && !s.1)
            .unwrap_or_else(|p| p.into_inner());
        g.0 = false;
        !g.1
    }
}

/// Handle owned by `Licensing`; dropping it stops the thread.
pub struct Background {
    /// Shared wake/stop signal.
    pub signal: Arc<Signal>,
}

impl Drop for Background {
    fn drop(&mut self) {
        self.signal.stop();
    }
}

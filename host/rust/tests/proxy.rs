//! Online checks through a real forwarding proxy (Debian's tinyproxy with
//! basic auth, on 127.0.0.1) to the real license server, directly and
//! behind TLS (Debian's stunnel with a test CA): the core picks the route
//! and the CA bundle from the variables and the settings, and ureq sends.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use licensewarden::{FileStore, Licensing, OnlineSettings, TrustedKey, TrustedKeyFile};
use licensewarden_issue::{LicenseSpec, SigningKey};

const ADMIN: &str = "rust-proxy-admin-token-0123456789";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn temp(name: &str) -> PathBuf {
    static SEQ: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let d = std::env::temp_dir().join(format!(
        "lw-proxy-{name}-{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The server's URL and its public key; the child is killed on drop.
fn server() -> (Killed, String, TrustedKey) {
    let dir = temp("server");
    let bin = repo().join("target/debug/licensewarden-server");
    assert!(
        bin.exists(),
        "{} is missing: run scripts/test.sh (cargo test builds it)",
        bin.display()
    );
    let mut child = Command::new(bin)
        .args([
            "--database",
            &format!("sqlite://{}", dir.join("licenses.db").display()),
            "--listen",
            "127.0.0.1:0",
        ])
        .current_dir(&dir)
        .env("LICENSEWARDEN_ADMIN_TOKEN", ADMIN)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    let key = TrustedKey::from_file(&dir.join("server.pub")).unwrap();
    (Killed(child), url, key)
}

/// Stops tinyproxy (started in the background by the script) by PID.
struct Stopped(u32);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.to_string()).status();
    }
}

/// Run a test script that starts a daemon and prints "PORT PID": the port
/// and the daemon, stopped on drop.
fn daemon(script: &str, args: &[&str]) -> (Stopped, String) {
    let out = Command::new(repo().join(script))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut parts = text.split_whitespace();
    let port = parts.next().unwrap().to_string();
    let pid = parts.next().unwrap().parse().unwrap();
    (Stopped(pid), port)
}

/// tinyproxy's address; it is stopped on drop.
fn proxy() -> (Stopped, String) {
    let dir = temp("tinyproxy");
    let (stopped, port) = daemon(
        "tests/proxy/tinyproxy.sh",
        &[dir.to_str().unwrap(), "lw", "s3cret"],
    );
    (stopped, format!("127.0.0.1:{port}"))
}

/// What a test product is: the vendor's key, its license and where the
/// server is (directly or behind TLS).
struct Product {
    vendor: SigningKey,
    token: String,
    url: String,
    server_key: TrustedKey,
}

/// A license registered on the server at `admin_url`, for a product that
/// reaches the server at `url`.
fn product(admin_url: &str, url: &str, server_key: &TrustedKey, id: &str) -> Product {
    let vendor = SigningKey::ed25519_from_seed(Some("v-proxy"), [7; 32]);
    let token = vendor.issue(&LicenseSpec {
        id: id.into(),
        plan: "pro".into(),
        issued_at: "2026-01-01T00:00:00Z".into(),
        limits: [("max_devices".to_string(), 20)].into_iter().collect(),
        ..Default::default()
    });
    let r = ureq::post(&format!("{admin_url}/admin/licenses"))
        .set("authorization", &format!("Bearer {ADMIN}"))
        .set("content-type", "application/json")
        .send_string(&format!(r#"{{"token":"{token}"}}"#));
    assert_eq!(r.map(|r| r.status()).unwrap_or(0), 201);
    Product {
        vendor,
        token,
        url: url.into(),
        server_key: server_key.clone(),
    }
}

impl Product {
    /// Activate machine `n` with `env` as its environment and the proxy and
    /// CA settings; the error, if any.
    fn activate(
        &self,
        n: u8,
        env: &[(&str, String)],
        proxy: Option<String>,
        ca_file: Option<PathBuf>,
    ) -> Option<licensewarden::LicenseError> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let mut online = OnlineSettings::new(self.url.clone(), self.server_key.clone());
        online.background = false;
        online.timeout = Duration::from_secs(3);
        online.proxy = proxy;
        online.ca_file = ca_file;
        let lic = Licensing::builder("acme")
            .trusted_key(self.vendor.trusted_key())
            .policy_json(r#"{"plans": {"community": {"features": ["basic"]}, "pro": {"features": ["basic", "api"]}}}"#)
            .key(self.token.clone())
            .env(move |k| env.get(k).cloned())
            .state_store(FileStore::memory())
            .device_facts(licensewarden::DeviceFacts {
                mac: format!("02:00:00:00:06:{n:02x}"),
                hostname: format!("rust-proxy-{n}"),
                arch: "x86_64".into(),
                os: "linux".into(),
            })
            .online(online)
            .build()
            .unwrap();
        lic.activate().unwrap().error
    }
}

#[test]
fn online_checks_go_through_the_proxy_the_core_chose() {
    let (_server, url, server_key) = server();
    let (_proxy, addr) = proxy();
    let p = product(&url, &url, &server_key, "lic_rust_proxy");
    let activate = |n, env: &[(&str, String)], setting| p.activate(n, env, setting, None);
    let good = format!("http://lw:s3cret@{addr}");
    let bad = format!("http://lw:wrong@{addr}");
    assert_eq!(
        activate(1, &[("http_proxy", good.clone())], None),
        None,
        "the right credentials"
    );
    let e =
        activate(2, &[("http_proxy", bad.clone())], None).expect("wrong credentials are refused");
    let cause = e.detail("cause").unwrap_or_default();
    assert!(
        e.message
            .contains(&format!("the proxy at http://{addr} (http_proxy)"))
            && ["proxy-auth-required", "proxy-closed"].contains(&cause)
            && !e.message.contains("wrong"),
        "{cause}: {}",
        e.message
    );
    assert_eq!(
        activate(
            3,
            &[
                ("http_proxy", bad.clone()),
                ("NO_PROXY", "127.0.0.1".into())
            ],
            None
        ),
        None,
        "NO_PROXY"
    );
    assert_eq!(
        activate(4, &[("http_proxy", bad.clone())], Some(good)),
        None,
        "the setting wins"
    );
    assert_eq!(
        activate(5, &[("HTTP_PROXY", bad)], None),
        None,
        "HTTP_PROXY is never read"
    );
}

/// stunnel in front of the server at `url`, with a test CA: the `https://`
/// URL, the directory holding `ca.pem` and `other-ca.pem`; stopped on drop.
fn tls_front(url: &str) -> (Stopped, String, PathBuf) {
    let dir = temp("stunnel");
    let backend = url.rsplit(':').next().unwrap();
    let (stopped, port) = daemon("tests/tls/stunnel.sh", &[dir.to_str().unwrap(), backend]);
    (stopped, format!("https://127.0.0.1:{port}"), dir)
}

#[test]
fn online_checks_over_tls_trust_the_ca_bundle_the_core_chose() {
    let (_server, url, server_key) = server();
    let (_tls, https, certs) = tls_front(&url);
    let (_proxy, addr) = proxy();
    let p = product(&url, &https, &server_key, "lic_rust_tls");
    let ca = certs.join("ca.pem");
    let ca_text = ca.display().to_string();

    let e = p
        .activate(11, &[], None, None)
        .expect("an unknown CA is refused");
    assert_eq!(e.detail("cause"), Some("tls-failed"), "{}", e.message);
    assert!(
        e.message.contains("ca_file setting or SSL_CERT_FILE"),
        "{}",
        e.message
    );
    assert_eq!(
        p.activate(12, &[], None, Some(ca.clone())),
        None,
        "the setting"
    );
    assert_eq!(
        p.activate(13, &[("SSL_CERT_FILE", ca_text.clone())], None, None),
        None,
        "SSL_CERT_FILE"
    );
    let wrong = certs.join("other-ca.pem");
    let e = p
        .activate(
            14,
            &[("SSL_CERT_FILE", ca_text.clone())],
            None,
            Some(wrong.clone()),
        )
        .expect("the setting wins, and its CA did not sign the server's certificate");
    assert_eq!(e.detail("cause"), Some("tls-failed"), "{}", e.message);
    assert!(
        e.message.contains(&wrong.display().to_string())
            && e.message.contains("(named by ca_file)"),
        "{}",
        e.message
    );
    let e = p
        .activate(15, &[], None, Some(certs.join("missing.pem")))
        .expect("a CA file that cannot be read");
    assert!(e.message.contains("missing.pem"), "{}", e.message);

    // Through the proxy, with CONNECT and its credentials.
    let tunnel = |n, user: &str| {
        p.activate(
            n,
            &[
                ("https_proxy", format!("http://lw:{user}@{addr}")),
                ("SSL_CERT_FILE", ca_text.clone()),
            ],
            None,
            None,
        )
    };
    assert_eq!(
        tunnel(16, "s3cret"),
        None,
        "CONNECT with the right credentials"
    );
    let e = tunnel(17, "wrong").expect("wrong credentials on CONNECT");
    assert!(
        e.message
            .contains(&format!("the proxy at http://{addr} (https_proxy)")),
        "{}",
        e.message
    );
}

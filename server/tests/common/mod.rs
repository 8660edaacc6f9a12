//! Test harness: a real `licensewarden-server` process on 127.0.0.1 (free
//! port) over SQLite in a temp dir or over the PostgreSQL server that
//! `scripts/test-postgres.sh` starts (`LICENSEWARDEN_TEST_POSTGRES`), and
//! real licensewarden clients (the Rust host, through the component).

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

use licensewarden::{DeviceFacts, FileStore, Licensing, OnlineSettings, TrustedKey};
use licensewarden_guest::keys::{DecodedKey, KeySet};
use licensewarden_guest::protocol::{self, Response, Verdict};
use licensewarden_issue::{LicenseSpec, SigningKey};

static SEQ: AtomicU64 = AtomicU64::new(0);

/// Which databases a test runs on: SQLite always; PostgreSQL whenever the
/// test script provides one. Without it the PostgreSQL half fails loudly
/// unless `LICENSEWARDEN_SKIP_POSTGRES=1` says the skip is intended.
pub fn databases(name: &str) -> Vec<Backend> {
    let mut v = vec![Backend::Sqlite];
    match std::env::var("LICENSEWARDEN_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => v.push(Backend::Postgres(fresh_pg_database(&url, name))),
        _ => assert!(
            std::env::var("LICENSEWARDEN_SKIP_POSTGRES").as_deref() == Ok("1"),
            "LICENSEWARDEN_TEST_POSTGRES is not set: run scripts/test.sh (it starts PostgreSQL) or set LICENSEWARDEN_SKIP_POSTGRES=1"
        ),
    }
    v
}

/// A database backend for one test.
#[derive(Clone, Debug)]
pub enum Backend {
    /// A new SQLite file.
    Sqlite,
    /// A new database on the test PostgreSQL server.
    Postgres(String),
}

fn fresh_pg_database(admin_url: &str, name: &str) -> String {
    let db = format!(
        "lw_{}_{}_{}",
        name.replace('-', "_"),
        std::process::id(),
        SEQ.fetch_add(1, Ordering::SeqCst)
    );
    let out = Command::new("psql")
        .arg(admin_url)
        .args(["-q", "-c", &format!("CREATE DATABASE {db}")])
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "CREATE DATABASE: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
    format!("{base}/{db}")
}

/// A temp dir unique to this test.
pub fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "lw-server-{name}-{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A running server.
pub struct Server {
    /// Base URL.
    pub url: String,
    /// Its directory (keys, SQLite file).
    pub dir: PathBuf,
    /// Database URL.
    pub database: String,
    /// Admin token.
    pub admin: String,
    child: Option<Child>,
    port: u16,
    extra: Vec<String>,
}

/// The vendor's signing key for tests.
pub fn vendor() -> SigningKey {
    SigningKey::ed25519_from_seed(Some("vendor-1"), [3; 32])
}

impl Server {
    /// Start on `backend` in a new dir.
    pub fn start(name: &str, backend: &Backend) -> Server {
        Server::start_with(name, backend, &[])
    }

    /// Start on `backend` in a new dir with extra command-line flags.
    pub fn start_with(name: &str, backend: &Backend, extra: &[&str]) -> Server {
        let dir = tmpdir(name);
        std::fs::write(dir.join("vendor.key"), vendor().to_json()).unwrap();
        std::fs::write(dir.join("vendor.pub"), vendor().trusted_key().to_json()).unwrap();
        let database = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.join("licenses.db").display()),
            Backend::Postgres(url) => url.clone(),
        };
        let mut s = Server {
            url: String::new(),
            dir,
            database,
            admin: "test-admin-token-0123456789".into(),
            child: None,
            port: 0,
            extra: extra.iter().map(|s| s.to_string()).collect(),
        };
        s.spawn();
        s
    }

    fn spawn(&mut self) {
        let listen = format!("127.0.0.1:{}", self.port);
        let mut child = Command::new(env!("CARGO_BIN_EXE_licensewarden-server"))
            .current_dir(&self.dir)
            .args(["--database", &self.database, "--listen", &listen])
            .args(["--issuing-key", "vendor.key", "--license-key", "vendor.pub"])
            .args(&self.extra)
            .env("LICENSEWARDEN_ADMIN_TOKEN", &self.admin)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("server did not start: {line:?}"))
            .to_string();
        self.port = url.rsplit(':').next().unwrap().parse().unwrap();
        self.url = url;
        self.child = Some(child);
    }

    /// The server's public key, as clients configure it.
    pub fn public_key(&self) -> TrustedKey {
        TrustedKey::from_json(&std::fs::read_to_string(self.dir.join("server.pub")).unwrap())
            .unwrap()
    }

    /// Another instance on the same database with the same server key, as
    /// behind a load balancer.
    pub fn second_instance(&self, name: &str) -> Server {
        let mut other = Server::start(name, &Backend::Postgres(self.database.clone()));
        for f in ["server.key", "server.pub"] {
            std::fs::copy(self.dir.join(f), other.dir.join(f)).unwrap();
        }
        other.restart();
        other
    }

    /// Stop with SIGKILL (no graceful shutdown).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Stop gracefully (SIGTERM) and wait.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill").arg(c.id().to_string()).status();
            let _ = c.wait();
        }
    }

    /// Start again on the same port, database and keys.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// Admin call: (status, JSON body).
    pub fn admin(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let r = ureq::request(method, &format!("{}{path}", self.url))
            .set("authorization", &format!("Bearer {}", self.admin));
        let r = match body {
            Some(b) => r.send_string(&b.to_string()),
            None => r.call(),
        };
        match r {
            Ok(resp) | Err(ureq::Error::Status(_, resp)) => {
                let status = resp.status();
                let text = resp.into_string().unwrap_or_default();
                (
                    status,
                    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
                )
            }
            Err(e) => panic!("admin call failed: {e}"),
        }
    }

    /// Create a license with `max_devices`; returns its token.
    pub fn create_license(&self, id: &str, max_devices: u64) -> String {
        let (status, v) = self.admin(
            "POST",
            "/admin/licenses",
            Some(serde_json::json!({"id": id, "plan": "pro", "org": "Acme", "limits": {"max_devices": max_devices}, "expires": "2099-12-31"})),
        );
        assert_eq!(status, 201, "{v}");
        v["token"].as_str().unwrap().to_string()
    }

    /// Register a token issued elsewhere.
    pub fn register(&self, token: &str) -> (u16, serde_json::Value) {
        self.admin(
            "POST",
            "/admin/licenses",
            Some(serde_json::json!({"token": token})),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Facts of a distinct simulated machine.
pub fn facts(n: usize) -> DeviceFacts {
    DeviceFacts {
        mac: format!("02:00:00:00:{:02x}:{:02x}", n / 256, n % 256),
        hostname: format!("host-{n}"),
        arch: "x86_64".into(),
        os: "linux".into(),
    }
}

/// The device id of machine `n`, as the core computes it.
pub fn device_id(n: usize) -> String {
    let f = facts(n);
    licensewarden_guest::fingerprint::device_id(&licensewarden_guest::fingerprint::DeviceFacts {
        mac: f.mac,
        hostname: f.hostname,
        arch: f.arch,
        os: f.os,
    })
}

/// A client (the Rust host) for `token` on machine `n`, with its state in
/// memory (or in `state_dir`), no background thread.
pub fn client(server: &Server, token: &str, n: usize, state_dir: Option<&Path>) -> Licensing {
    client_with(server, token, n, state_dir, licensewarden::Clock::system())
}

/// As [`client`], with a clock.
pub fn client_with(
    server: &Server,
    token: &str,
    n: usize,
    state_dir: Option<&Path>,
    clock: licensewarden::Clock,
) -> Licensing {
    let mut online = OnlineSettings::new(server.url.clone(), server.public_key());
    online.background = false;
    online.timeout = std::time::Duration::from_secs(5);
    let mut b = Licensing::builder("acme")
        .trusted_key(vendor().trusted_key())
        .policy_json(r#"{"plans": {"community": {"features": ["basic"]}, "pro": {"features": ["basic", "api"]}}}"#)
        .key(token)
        .device_facts(facts(n))
        .clock(clock)
        .env(|_| None)
        .reload_interval(std::time::Duration::ZERO)
        .online(online);
    b = match state_dir {
        Some(d) => b.state_dir(d),
        None => b.state_store(FileStore::memory()),
    };
    b.build().expect("client builds")
}

/// Issue a token with the vendor key (not registered anywhere).
pub fn issue(id: &str, max_devices: u64) -> String {
    vendor().issue(&LicenseSpec {
        id: id.into(),
        org: Some("Acme".into()),
        plan: "pro".into(),
        limits: vec![("max_devices".into(), max_devices)],
        issued_at: "2026-01-01T00:00:00Z".into(),
        expires_at: Some("2099-12-31".into()),
        ..Default::default()
    })
}

/// The server's answer keys, as a client holds them.
pub fn server_keys(s: &Server) -> KeySet {
    let k = s.public_key();
    KeySet::new(vec![
        DecodedKey::decode(&k.kid, k.algorithm, &k.key, true).unwrap()
    ])
    .unwrap()
}

/// POST raw bytes; (status, signature-checked verdict or None when unsigned).
pub fn post(
    s: &Server,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Option<Verdict>) {
    let mut r = ureq::post(&format!("{}{path}", s.url));
    for (k, v) in headers {
        r = r.set(k, v);
    }
    answer(s, r.send_string(body))
}

/// (status, signature-checked verdict or None when unsigned) of an answer.
pub fn answer(s: &Server, r: Result<ureq::Response, ureq::Error>) -> (u16, Option<Verdict>) {
    let resp = match r {
        Ok(resp) | Err(ureq::Error::Status(_, resp)) => resp,
        Err(e) => panic!("{e}"),
    };
    let status = resp.status();
    let sig = resp.header(protocol::SIGNATURE_HEADER).map(str::to_string);
    let text = resp.into_string().unwrap();
    let verdict = sig.map(|sig| {
        let r = Response {
            status,
            headers: vec![(protocol::SIGNATURE_HEADER.into(), sig)],
            body: text,
        };
        protocol::verify_answer(&r, &server_keys(s))
            .expect("answer is signed by the server")
            .verdict
    });
    (status, verdict)
}

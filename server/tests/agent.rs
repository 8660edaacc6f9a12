//! The license agent (docs/agent.md) from the Rust host's side: a process
//! with no key of its own takes the license from `licensewarden agent`, and
//! a fake agent cannot make it believe more than the server signed.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{vendor, Backend, Server};
use licensewarden::{ErrorCode, FileStore, Licensing, OnlineSettings, Status};

struct Agent(Child);

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn short_dir() -> PathBuf {
    // A socket path has at most 107 bytes.
    let d = PathBuf::from(format!(
        "/tmp/lwa-rs-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn start_agent(s: &Server, token: &str, dir: &Path) -> (Agent, PathBuf) {
    std::fs::write(dir.join("vendor.pub"), vendor().trusted_key().to_json()).unwrap();
    let cli = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("licensewarden");
    let sock = dir.join("license.sock");
    let mut child = Command::new(cli)
        .arg("agent")
        .arg("--socket")
        .arg(&sock)
        .args(["--product", "acme", "--public-key"])
        .arg(dir.join("vendor.pub"))
        .args(["--key", token, "--server", &s.url, "--server-key"])
        .arg(s.dir.join("server.pub"))
        .arg("--state-dir")
        .arg(dir.join("state"))
        .env("HOME", dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("(active)"), "{line}");
    (Agent(child), sock)
}

/// A product process with no key: the agent's socket is its key source.
fn process(s: &Server, sock: &Path) -> Licensing {
    let mut online = OnlineSettings::new(s.url.clone(), s.public_key());
    online.background = false;
    online.agent = Some(sock.to_path_buf());
    Licensing::builder("acme")
        .trusted_key(vendor().trusted_key())
        .policy_json(r#"{"plans": {"community": {"features": ["basic"]}, "pro": {"features": ["basic", "api"]}}}"#)
        .env(|_| None)
        .state_store(FileStore::memory())
        .online(online)
        .build()
        .unwrap()
}

/// Serve `message` once on a socket of our own: a fake agent.
fn fake_agent(sock: &Path, message: String) -> std::thread::JoinHandle<()> {
    let _ = std::fs::remove_file(sock);
    let l = UnixListener::bind(sock).unwrap();
    std::thread::spawn(move || {
        if let Ok((mut c, _)) = l.accept() {
            let _ = c.write_all(message.as_bytes());
        }
    })
}

#[test]
fn a_process_takes_the_agents_license_and_a_fake_agent_grants_nothing_more() {
    let s = Server::start("agent", &Backend::Sqlite);
    let token = s.create_license("lic_rs_agent", 1);
    let dir = short_dir();
    let (agent, sock) = start_agent(&s, &token, &dir);
    let p = process(&s, &sock);
    let out = p
        .validate_if_due()
        .unwrap()
        .expect("a process always asks its agent");
    assert_eq!(out.error, None);
    assert_eq!(p.snapshot().status, Status::Active);
    assert!(p.check_feature("api").is_ok());
    assert_eq!(p.info().key_source, format!("agent:{}", sock.display()));
    let message = p_message(&sock);
    drop(agent);

    // The agent's answer with its lease stretched: the signature fails.
    let fake = dir.join("fake.sock");
    let stretched = message.replacen("lease_ms\\\":", "lease_ms\\\":9", 1);
    assert_ne!(stretched, message);
    let served = fake_agent(&fake, stretched);
    let q = process(&s, &fake);
    let out = q.validate_if_due().unwrap().unwrap();
    served.join().unwrap();
    assert_eq!(out.error.map(|e| e.code), Some(ErrorCode::BadSignature));
    assert_ne!(q.snapshot().status, Status::Active);

    // Another license's key with this license's answer: refused.
    let other = s.create_license("lic_rs_other", 1);
    let (_, relay) = message.split_once('\n').unwrap();
    let served = fake_agent(&fake, format!("{other}\n{relay}"));
    let r = process(&s, &fake);
    let out = r.validate_if_due().unwrap().unwrap();
    served.join().unwrap();
    let e = out.error.expect("refused");
    assert_eq!(e.code, ErrorCode::BadResponse, "{}", e.message);
    assert!(e.message.contains("lic_rs_agent"), "{}", e.message);
    assert_ne!(r.snapshot().status, Status::Active);
    let _ = std::fs::remove_dir_all(&dir);
}

fn p_message(sock: &Path) -> String {
    let mut s = std::os::unix::net::UnixStream::connect(sock).unwrap();
    let mut m = String::new();
    std::io::Read::read_to_string(&mut s, &mut m).unwrap();
    m
}

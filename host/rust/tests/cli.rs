//! The `licensewarden` CLI end to end: keygen, issue, verify, inspect, info.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_licensewarden"));
    c.env_remove("ACME_LICENSE_KEY")
        .env_remove("ACME_LICENSE_KEY_FILE");
    c
}

fn run(c: &mut Command) -> Output {
    c.output().expect("run licensewarden")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lg-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn keygen(dir: &Path) {
    let o = run(bin()
        .args(["keygen", "--out"])
        .arg(dir)
        .args(["--kid", "cli-1"]));
    assert!(o.status.success(), "{}", text(&o.stderr));
}

fn issue(dir: &Path, extra: &[&str]) -> String {
    let o = run(bin()
        .args(["issue", "--private-key"])
        .arg(dir.join("private.key"))
        .args([
            "--plan",
            "pro",
            "--org",
            "Acme",
            "--feature",
            "sso",
            "--limit",
            "max_devices=5",
        ])
        .args(extra));
    assert!(o.status.success(), "{}", text(&o.stderr));
    text(&o.stdout).trim().to_string()
}

#[test]
fn keygen_writes_a_private_key_only_the_owner_reads_and_never_overwrites() {
    let d = tmp("keygen");
    keygen(&d);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join("private.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let public = std::fs::read_to_string(d.join("public.key")).unwrap();
    assert!(public.contains("\"kid\":\"cli-1\"") && !public.contains("private_key"));
    let again = run(bin().args(["keygen", "--out"]).arg(&d));
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("refusing to overwrite"));
}

#[test]
fn issued_key_verifies_and_a_tampered_one_fails_with_code_and_hint() {
    let d = tmp("verify");
    keygen(&d);
    let token = issue(&d, &["--expires", "2099-12-31"]);
    let ok = run(bin()
        .args(["verify", "--public-key"])
        .arg(d.join("public.key"))
        .arg(&token));
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).starts_with("valid:"));
    let mut bad = token.clone();
    let last = bad.pop().unwrap();
    bad.push(if last == 'A' { 'Q' } else { 'A' });
    let no = run(bin()
        .args(["verify", "--public-key"])
        .arg(d.join("public.key"))
        .arg(&bad));
    assert_eq!(no.status.code(), Some(1));
    let err = text(&no.stderr);
    assert!(
        err.contains("invalid: bad-signature") || err.contains("invalid: malformed"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn issue_refuses_impossible_dates() {
    let d = tmp("dates");
    keygen(&d);
    let o = run(bin()
        .args(["issue", "--private-key"])
        .arg(d.join("private.key"))
        .args(["--plan", "pro", "--expires", "2027-02-30"]));
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("--expires"));
}

#[test]
fn inspect_is_labelled_unverified() {
    let d = tmp("inspect");
    keygen(&d);
    let token = issue(&d, &[]);
    let o = run(bin().args(["inspect", &token]));
    assert!(o.status.success());
    let out = text(&o.stdout);
    assert!(out.starts_with("UNVERIFIED"), "{out}");
    assert!(out.contains("\"plan\": \"pro\""), "{out}");
}

#[test]
fn info_shows_plan_expiry_flags_limits_and_key_source() {
    let d = tmp("info");
    keygen(&d);
    let token = issue(&d, &["--expires", "2099-12-31"]);
    let o = run(bin()
        .args(["info", "--product", "acme", "--public-key"])
        .arg(d.join("public.key"))
        .env("ACME_LICENSE_KEY", &token)
        .env("HOME", &d));
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    for want in [
        "Plan:       Pro",
        "Status:     Active",
        "days remaining)",
        "Key source: env:ACME_LICENSE_KEY",
        "sso",
        "max_devices",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let j = run(bin()
        .args(["info", "--json", "--product", "acme", "--public-key"])
        .arg(d.join("public.key"))
        .env("ACME_LICENSE_KEY", &token)
        .env("HOME", &d));
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert_eq!(v["plan"], "pro");
    assert_eq!(v["status"], "active");
    assert!(v["days_remaining"].as_u64().unwrap() > 1000);
    assert_eq!(v["features"]["sso"], true);
}

#[test]
fn info_without_any_key_shows_the_community_tier() {
    let d = tmp("community");
    let o = run(bin()
        .args(["info", "--json", "--product", "acme"])
        .env("HOME", &d));
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["status"], "community");
    assert_eq!(v["key_source"], "none");
}

#[test]
fn demo_runs_end_to_end() {
    let o = run(bin().arg("demo"));
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("verify through the component") && out.contains("Status:     Active"),
        "{out}"
    );
}

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
fn info_shows_the_access_policy_and_why_a_reload_was_refused() {
    let d = tmp("info-rbac");
    keygen(&d);
    let token = issue(&d, &["--expires", "2099-12-31"]);
    let info = |policy: &str| {
        let o = run(bin()
            .args(["info", "--product", "acme", "--public-key"])
            .arg(d.join("public.key"))
            .env("ACME_LICENSE_KEY", &token)
            .env("ACME_RBAC_POLICY", policy)
            .env("HOME", &d));
        text(&o.stdout)
    };
    let out = info("roles:\n  network: [\"topology_*\"]\n");
    assert!(out.contains("Access:"), "{out}");
    assert!(out.contains("RBAC policy"), "{out}");
    let out = info("roles:\n  network: [no]\n");
    assert!(
        out.contains("RBAC error: invalid-config") && out.contains("line 2"),
        "{out}"
    );
}

#[test]
fn info_exit_code_says_whether_the_license_is_in_force() {
    let d = tmp("exit-codes");
    keygen(&d);
    let info = |token: &str| {
        run(bin()
            .args(["info", "--product", "acme", "--public-key"])
            .arg(d.join("public.key"))
            .env("ACME_LICENSE_KEY", token)
            .env("HOME", &d))
    };
    let good = info(&issue(&d, &["--expires", "2099-12-31"]));
    assert_eq!(good.status.code(), Some(0), "{}", text(&good.stdout));
    let out = text(&good.stdout);
    assert!(
        out.contains("Expires:    2099-12-31 ("),
        "the date as written:\n{out}"
    );
    assert!(out.contains("Device Limits:\n"), "{out}");
    let expired = info(&issue(&d, &["--expires", "2020-01-31", "--allow-expired"]));
    assert_eq!(expired.status.code(), Some(3), "{}", text(&expired.stdout));
    assert!(
        text(&expired.stdout).contains("Status:     EXPIRED"),
        "{}",
        text(&expired.stdout)
    );
    let tampered = info("lg1.ed25519.k.e30.AAAA");
    assert_eq!(
        tampered.status.code(),
        Some(4),
        "{}",
        text(&tampered.stdout)
    );
    let none = info("");
    assert_eq!(
        none.status.code(),
        Some(0),
        "community is a state the product runs in"
    );
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
fn info_without_a_key_names_where_it_looked_and_that_product_chooses() {
    let d = tmp("searched");
    let o = run(bin().args(["info"]).env("HOME", &d));
    let out = text(&o.stdout);
    for said in [
        "LICENSEWARDEN_LICENSE_KEY,",
        "LICENSEWARDEN_LICENSE_KEY_FILE",
        ".licensewarden/license.key",
        "--product NAME",
    ] {
        assert!(out.contains(said), "{said}: {out}");
    }
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

#[test]
fn an_unverified_algorithm_name_cannot_forge_a_terminal_line() {
    let dir = tmp("inject");
    keygen(&dir);
    let forged = "lg1.x\nvalid: license lic_fake (plan enterprise)\u{1b}[2J.kid.UA.UA";
    let o = run(bin()
        .args(["verify", "--public-key"])
        .arg(dir.join("public.key"))
        .arg(forged));
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        !err.contains("\nvalid:"),
        "a fake line reached the terminal: {err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "an escape sequence reached the terminal: {err:?}"
    );
    assert!(
        err.contains("\\nvalid:"),
        "the value is shown escaped: {err}"
    );
}

#[test]
fn key_files_are_bounded_and_errors_name_the_real_cause() {
    let dir = tmp("bounded");
    keygen(&dir);
    let tok = issue(&dir, &[]);
    let verify_with = |key: &Path| {
        let o = run(bin().args(["verify", "--public-key"]).arg(key).arg(&tok));
        (o.status.code(), text(&o.stderr))
    };
    let (code, err) = verify_with(Path::new("/dev/zero"));
    assert_eq!(code, Some(2));
    assert!(err.contains("not a regular file"), "{err}");
    let (_, err) = verify_with(&dir.join("missing.key"));
    assert!(err.contains("not found"), "{err}");
    let (_, err) = verify_with(&dir.join("private.key"));
    assert!(err.contains("is a private key"), "{err}");
    std::fs::write(dir.join("big.key"), vec![b' '; 100 * 1024]).unwrap();
    let (_, err) = verify_with(&dir.join("big.key"));
    assert!(err.contains("larger than"), "{err}");

    // `verify -` stops reading after a key's worth of stdin.
    let mut child = bin()
        .args(["verify", "--public-key"])
        .arg(dir.join("public.key"))
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let chunk = vec![b'a'; 1 << 20];
        // Up to 100 MB; the CLI closes the pipe long before.
        for _ in 0..100 {
            if stdin.write_all(&chunk).is_err() {
                return false;
            }
        }
        true
    });
    let out = child.wait_with_output().unwrap();
    assert!(
        text(&out.stderr).contains("too-large"),
        "{}",
        text(&out.stderr)
    );
    assert!(!writer.join().unwrap(), "the CLI read all 100 MB");

    // A key file named by the env var that is missing says so.
    let o = run(bin()
        .args(["info", "--product", "acme", "--public-key"])
        .arg(dir.join("public.key"))
        .env("ACME_LICENSE_KEY_FILE", dir.join("nope.key")));
    let out = text(&o.stdout);
    assert!(
        out.contains("nope.key (ACME_LICENSE_KEY_FILE): not found; point the variable"),
        "{out}"
    );
    assert!(!out.contains("it is empty"), "{out}");
}

#[test]
fn hmac_keygen_names_the_secret_as_a_secret() {
    let dir = tmp("hmac");
    let o = run(bin()
        .args(["keygen", "--algorithm", "hmac-sha256", "--out"])
        .arg(&dir));
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        !dir.join("public.key").exists(),
        "an HMAC secret is never called public"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let secret = dir.join("secret.key");
        assert_eq!(
            std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777,
            0o600
        );
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
        let o = run(bin()
            .args(["verify", "--public-key"])
            .arg(&secret)
            .arg("lg1.hs256.x.UA.UA"));
        assert!(
            text(&o.stderr).contains("readable by other users"),
            "{}",
            text(&o.stderr)
        );
    }
}

#[cfg(unix)]
#[test]
fn invalid_utf8_on_the_command_line_is_exit_1_with_a_code() {
    use std::os::unix::ffi::OsStrExt;
    let o = run(bin()
        .args(["verify", "--public-key", "x"])
        .arg(std::ffi::OsStr::from_bytes(b"lg1.\xff\xfe")));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("malformed: argument 4 is not valid UTF-8"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn issue_refuses_past_expiry_and_bad_names_and_prints_json_on_request() {
    let dir = tmp("issue-edges");
    keygen(&dir);
    let issue_with = |extra: &[&str]| {
        run(bin()
            .args(["issue", "--private-key"])
            .arg(dir.join("private.key"))
            .args(extra))
    };
    let o = issue_with(&["--plan", "pro", "--expires", "2020-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--allow-expired"),
        "{}",
        text(&o.stderr)
    );
    let o = issue_with(&[
        "--plan",
        "pro",
        "--expires",
        "2020-01-01",
        "--allow-expired",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = issue_with(&["--plan", "Pro Plan"]);
    assert!(
        text(&o.stderr).contains("A-Z a-z 0-9 _ - . : (no spaces)"),
        "{}",
        text(&o.stderr)
    );
    let o = issue_with(&["--plan", "pro", "--id", "lic_json", "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert_eq!(v["license_id"], "lic_json");
    assert!(v["token"]
        .as_str()
        .unwrap()
        .starts_with("lg1.ed25519.cli-1."));
}

#[test]
fn info_and_verify_escape_terminal_controls_in_signed_payload_text() {
    use licensewarden_issue::{LicenseSpec, SigningKey};
    let d = tmp("escapes");
    let key = SigningKey::ed25519_from_seed(Some("esc-1"), [5; 32]);
    std::fs::write(d.join("public.key"), key.trusted_key().to_json()).unwrap();
    let token = key.issue(&LicenseSpec {
        id: "lic_esc".into(),
        org: Some("Acme\u{1b}]0;owned\u{7}\u{9b}2J\u{202e}".into()),
        plan: "pro".into(),
        issued_at: "2026-01-01T00:00:00Z".into(),
        ..Default::default()
    });
    let info = run(bin()
        .args(["info", "--product", "acme", "--public-key"])
        .arg(d.join("public.key"))
        .env("ACME_LICENSE_KEY", &token)
        .env("HOME", &d));
    let verify = run(bin()
        .args(["verify", "--public-key"])
        .arg(d.join("public.key"))
        .arg(&token));
    for o in [&info, &verify] {
        let out = text(&o.stdout);
        assert!(o.status.success(), "{}", text(&o.stderr));
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "raw controls printed: {out:?}"
        );
        assert!(
            out.contains("Acme\\u{1b}]0;owned\\u{7}\\u{9b}2J\\u{202e}"),
            "{out}"
        );
    }
}

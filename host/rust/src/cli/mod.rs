//! Command-line interface. Signing happens here, natively; verification
//! and every decision go through the embedded component.

mod agent;
mod render;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use licensewarden::{
    Algorithm, ErrorCode, Licensing, OnlineAction, OnlineSettings, Status, TrustedKey,
    TrustedKeyFile,
};
use licensewarden_guest::{b64, escape, json, time, token};
use licensewarden_issue::{random_license_id, LicenseSpec, SigningKey};

#[derive(Parser)]
#[command(
    name = "licensewarden",
    version,
    about = "Issue, verify and inspect licensewarden license keys"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Create a signing keypair: DIR/private.key (0600) and DIR/public.key (DIR/secret.key for hmac-sha256).
    Keygen {
        /// Directory to write the two files into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Key id (default: derived from the public key).
        #[arg(long)]
        kid: Option<String>,
        /// ed25519 (default) or hmac-sha256 (then DIR/secret.key, 0600, replaces public.key: it is the signing secret).
        #[arg(long, default_value = "ed25519")]
        algorithm: String,
    },
    /// Sign a license and print the key.
    Issue(IssueArgs),
    /// Verify a key; exit 0 when valid, 1 with the code and a hint otherwise.
    Verify {
        /// public.key written by `keygen` (repeatable for rotation).
        #[arg(long = "public-key", required = true)]
        public_keys: Vec<PathBuf>,
        /// The license key, or - to read it from standard input.
        token: String,
    },
    /// Decode a key WITHOUT verifying it.
    Inspect {
        /// The license key, or - to read it from standard input.
        token: String,
    },
    /// Show the license in force for a product, as its operators see it.
    Info {
        #[command(flatten)]
        lic: LicenseArgs,
        /// Validate with the license server now, even within the lease.
        #[arg(long)]
        refresh: bool,
        /// Print a stable JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Register this device with the license on the license server (or, on a machine without network, by file: docs/air-gapped.md).
    Activate {
        #[command(flatten)]
        lic: LicenseArgs,
        /// Air-gapped, step 1: write the activation request to this file (not overwritten) for the vendor, instead of sending it.
        #[arg(long, value_name = "FILE", conflicts_with = "offline_response")]
        offline_request: Option<PathBuf>,
        /// Air-gapped, step 2: install the activation file the vendor made from the request.
        #[arg(long, value_name = "FILE")]
        offline_response: Option<PathBuf>,
        /// Print a stable JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Free this device's slot on the license server (before moving the license).
    Deactivate {
        #[command(flatten)]
        lic: LicenseArgs,
        /// Print a stable JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Hold the license for this host's processes: make the online checks here and hand the key and the server's signed answers to local processes on a Unix socket (docs/agent.md).
    Agent {
        #[command(flatten)]
        lic: LicenseArgs,
        /// The socket to serve (else <PRODUCT>_LICENSE_AGENT); an existing socket nobody serves is replaced.
        #[arg(long)]
        socket: Option<PathBuf>,
        /// Let this group (name or id) connect too: mode 0660 instead of 0600.
        #[arg(long)]
        group: Option<String>,
    },
    /// Make a throwaway keypair, issue a license, verify it through the component and show info.
    Demo,
}

/// `licensewarden issue`: what the new license says.
#[derive(clap::Args)]
struct IssueArgs {
    /// private.key written by `keygen`.
    #[arg(long)]
    private_key: PathBuf,
    /// Plan name, e.g. pro.
    #[arg(long)]
    plan: String,
    /// Organisation the license is for.
    #[arg(long)]
    org: Option<String>,
    /// Extra feature beyond the plan's (repeatable).
    #[arg(long = "feature")]
    features: Vec<String>,
    /// Cap as NAME=N, 0 = unlimited (repeatable).
    #[arg(long = "limit")]
    limits: Vec<String>,
    /// Expiry: YYYY-MM-DD (valid through that UTC day) or RFC 3339 date-time.
    #[arg(long)]
    expires: Option<String>,
    /// Not valid before this date or date-time.
    #[arg(long)]
    not_before: Option<String>,
    /// Override the key id written into the token.
    #[arg(long)]
    kid: Option<String>,
    /// License id (default: random).
    #[arg(long)]
    id: Option<String>,
    /// Issue even when --expires is already in the past (tests, demos).
    #[arg(long)]
    allow_expired: bool,
    /// Print {"license_id", "token", ...} instead of the bare key.
    #[arg(long)]
    json: bool,
}

/// Where the license, its keys and (optionally) its server come from.
#[derive(clap::Args)]
struct LicenseArgs {
    /// Product name: reads <PRODUCT>_LICENSE_KEY, <PRODUCT>_LICENSE_KEY_FILE, ~/.<product>/license.key.
    #[arg(long, default_value = "licensewarden")]
    product: String,
    /// Trusted public key file (repeatable).
    #[arg(long = "public-key")]
    public_keys: Vec<PathBuf>,
    /// Product policy JSON file.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Use this key instead of resolving one.
    #[arg(long)]
    key: Option<String>,
    /// License server base URL: turns on online validation (docs/online-protocol.md).
    #[arg(long)]
    server: Option<String>,
    /// The license server's public key file (`server.pub`), required with --server.
    #[arg(long = "server-key")]
    server_key: Option<PathBuf>,
    /// Directory for the sealed validation state (default ~/.<product>/state).
    #[arg(long = "state-dir")]
    state_dir: Option<PathBuf>,
}

impl LicenseArgs {
    fn build(&self) -> Result<Licensing, String> {
        self.build_with(false)
    }

    /// `serving`: this process is the license agent (docs/agent.md): its
    /// checks run in the background, and `<PRODUCT>_LICENSE_AGENT` names
    /// the socket it serves, never one to read.
    fn build_with(&self, serving: bool) -> Result<Licensing, String> {
        let mut b = Licensing::builder(&self.product).reload_interval(std::time::Duration::ZERO);
        if serving {
            let agent_var = licensewarden::keysource::places(&self.product).agent_var;
            b = b.env(move |k| (k != agent_var).then(|| std::env::var(k).ok()).flatten());
        }
        for p in &self.public_keys {
            b = b.trusted_key(TrustedKey::from_file(p)?);
        }
        if let Some(p) = &self.policy {
            b = b.policy_file(p);
        }
        if let Some(k) = &self.key {
            b = b.key(k.clone());
        }
        if let Some(d) = &self.state_dir {
            b = b.state_dir(d);
        }
        match (&self.server, &self.server_key) {
            (Some(url), Some(k)) => {
                let mut o = OnlineSettings::new(url.clone(), TrustedKey::from_file(k)?);
                // One-shot: checks run in this process, synchronously.
                o.background = serving;
                b = b.online(o);
            }
            (Some(_), None) => {
                return Err(
                    "--server needs --server-key FILE (the license server's public key)".into(),
                )
            }
            (None, Some(_)) => return Err("--server-key needs --server URL".into()),
            (None, None) => {}
        }
        b.build().map_err(|e| format!("{}: {}", e.code, e.message))
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("licensewarden: {msg}");
    ExitCode::from(2)
}

/// Run the CLI.
pub fn run() -> ExitCode {
    // Invalid UTF-8 is a rejected input like any other (exit 1 with a code),
    // not a usage error; the bytes are shown escaped, never raw.
    for (i, a) in std::env::args_os().enumerate().skip(1) {
        if a.to_str().is_none() {
            let shown = licensewarden_guest::escape::printable(&a.to_string_lossy(), 64);
            eprintln!("licensewarden: malformed: argument {i} is not valid UTF-8 ({shown}); license keys and options are ASCII text");
            return ExitCode::from(1);
        }
    }
    let cli = Cli::parse();
    let r = match cli.cmd {
        Cmd::Keygen {
            out,
            kid,
            algorithm,
        } => keygen(&out, kid.as_deref(), &algorithm),
        Cmd::Issue(args) => issue(args),
        Cmd::Verify { public_keys, token } => return verify(&public_keys, &token),
        Cmd::Inspect { token } => inspect(&token),
        Cmd::Info { lic, refresh, json } => return info(&lic, refresh, json),
        Cmd::Activate {
            lic,
            offline_request: Some(path),
            ..
        } => return offline_request(&lic, &path),
        Cmd::Activate {
            lic,
            offline_response: Some(path),
            json,
            ..
        } => return install_activation(&lic, &path, json),
        Cmd::Activate { lic, json, .. } => {
            return online_command(&lic, OnlineAction::Activate, json)
        }
        Cmd::Deactivate { lic, json } => {
            return online_command(&lic, OnlineAction::Deactivate, json)
        }
        Cmd::Agent { lic, socket, group } => return agent::serve(&lic, socket, group.as_deref()),
        Cmd::Demo => demo(),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn read_token(arg: &str) -> Result<String, String> {
    if arg == "-" {
        // A key is at most 16 KiB: read one byte more than that and stop.
        let cap = licensewarden_guest::token::MAX_TOKEN_LEN as u64 + 2;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(std::io::stdin(), cap), &mut bytes)
            .map_err(|e| format!("stdin: {e}"))?;
        if bytes.len() as u64 >= cap {
            return Err("too-large: standard input holds more than a 16 KiB license key; pipe the key alone".into());
        }
        let s = String::from_utf8(bytes)
            .map_err(|_| "malformed: standard input is not UTF-8 text".to_string())?;
        licensewarden::keysource::first_key_line(&s)
            .ok_or_else(|| "no key on standard input".to_string())
    } else {
        // The core trims (one rule for every entry point); a no-break space
        // around an argument is part of the key, as it is everywhere else.
        Ok(arg.to_string())
    }
}

fn write_new(path: &Path, data: &str, mode: u32) -> Result<(), String> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut f = o.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!(
                "{} already exists; refusing to overwrite a key (move it away first)",
                path.display()
            )
        } else {
            format!("{}: {e}", path.display())
        }
    })?;
    std::io::Write::write_all(&mut f, format!("{data}\n").as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn keygen(out: &Path, kid: Option<&str>, algorithm: &str) -> Result<(), String> {
    let key = match Algorithm::from_config_name(algorithm) {
        Some(Algorithm::Ed25519) => SigningKey::generate_ed25519(kid)?,
        Some(Algorithm::HmacSha256) => SigningKey::generate_hmac(kid)?,
        None => {
            return Err(format!(
                "unknown algorithm '{algorithm}' (ed25519 or hmac-sha256)"
            ))
        }
    };
    if let Some(k) = kid {
        if !licensewarden_guest::keys::valid_kid(k) {
            return Err("--kid must be 1-64 characters of A-Z a-z 0-9 _ -".into());
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    // For HMAC the verifying file is the signing secret: name it so, keep it
    // 0600, and never call it public (docs/token-format.md, "Key files").
    let verifier = if key.algorithm == Algorithm::HmacSha256 {
        "secret.key"
    } else {
        "public.key"
    };
    let (private, public) = (out.join("private.key"), out.join(verifier));
    for p in [&private, &public] {
        if p.exists() {
            return Err(format!(
                "{} already exists; refusing to overwrite a key (move it away first)",
                p.display()
            ));
        }
    }
    write_new(&private, &key.to_json(), 0o600)?;
    let public_mode = if key.algorithm == Algorithm::HmacSha256 {
        0o600
    } else {
        0o644
    };
    write_new(&public, &key.trusted_key().to_json(), public_mode)?;
    if key.algorithm == Algorithm::HmacSha256 {
        println!(
            "wrote {} and {}: both hold the HMAC secret; anyone who can read either can issue licenses (mode 0600)",
            private.display(),
            public.display()
        );
    } else {
        println!(
            "wrote {} (keep it secret) and {} (ship it with the product)",
            private.display(),
            public.display()
        );
    }
    println!("key id: {}", key.kid);
    Ok(())
}

fn check_date(flag: &str, v: &Option<String>) -> Result<(), String> {
    match v {
        Some(s) if time::parse(s).is_none() => Err(format!(
            "{flag} '{s}' is not YYYY-MM-DD or an RFC 3339 date-time"
        )),
        _ => Ok(()),
    }
}

#[allow(clippy::too_many_arguments)]
fn issue(args: IssueArgs) -> Result<(), String> {
    let IssueArgs {
        private_key,
        plan,
        org,
        features,
        limits,
        expires,
        not_before,
        kid,
        id,
        allow_expired,
        json: as_json,
    } = args;
    let mut key = SigningKey::from_file(&private_key)?;
    if let Some(k) = kid {
        key.kid = k;
    }
    let name_rule =
        "names are 1-64 characters of A-Z a-z 0-9 _ - . : (no spaces), e.g. pro or pro-2027";
    let valid = licensewarden_guest::names::valid_name;
    if !valid(&plan) {
        return Err(format!(
            "--plan {}: plan {name_rule}",
            licensewarden_guest::escape::quoted(&plan)
        ));
    }
    if let Some(f) = features.iter().find(|f| !valid(f)) {
        return Err(format!(
            "--feature {}: feature {name_rule}",
            licensewarden_guest::escape::quoted(f)
        ));
    }
    check_date("--expires", &expires)?;
    check_date("--not-before", &not_before)?;
    let now = licensewarden::Clock::system().now_ms();
    if let Some(end) = expires.as_deref().and_then(time::parse).map(|t| t.end_ms()) {
        if end <= now && !allow_expired {
            return Err(format!(
                "--expires {} is already past: the key would be expired at once; pass --allow-expired to issue it anyway (tests, demos)",
                expires.as_deref().unwrap_or("")
            ));
        }
    }
    let limits = limits
        .iter()
        .map(|l| {
            let (n, v) = l
                .split_once('=')
                .ok_or_else(|| format!("--limit '{l}' must be NAME=N"))?;
            let v: u64 = v
                .parse()
                .map_err(|_| format!("--limit '{l}': N must be a non-negative integer"))?;
            Ok((n.to_string(), v))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let spec = LicenseSpec {
        id: id.unwrap_or_else(random_license_id),
        org,
        plan,
        features,
        limits,
        issued_at: time::format_datetime(now),
        not_before,
        expires_at: expires,
    };
    // Refuse to print a key the core would reject for its content.
    licensewarden_guest::payload::License::from_payload(spec.payload_json().as_bytes(), &key.kid)
        .map_err(|e| e.message)?;
    let token = key.issue(&spec);
    if as_json {
        println!(
            "{}",
            serde_json::json!({"license_id": spec.id, "token": token, "plan": spec.plan,
                               "kid": key.kid, "expires_at": spec.expires_at, "not_before": spec.not_before})
        );
    } else {
        println!("{token}");
    }
    Ok(())
}

fn verify(public_keys: &[PathBuf], token_arg: &str) -> ExitCode {
    let run = || -> Result<Result<licensewarden::License, licensewarden::LicenseError>, String> {
        let token = read_token(token_arg)?;
        let mut b = Licensing::builder("licensewarden")
            .env(|_| None)
            .reload_interval(std::time::Duration::ZERO);
        for p in public_keys {
            b = b.trusted_key(TrustedKey::from_file(p)?);
        }
        let lic = b
            .build()
            .map_err(|e| format!("{}: {}", e.code, e.message))?;
        Ok(lic.verify(&token))
    };
    match run() {
        Ok(Ok(l)) => {
            let exp = l
                .expires_at
                .map_or("never".to_string(), time::format_datetime);
            println!(
                "valid: license {} for {} (plan {}, key {}), expires {exp}",
                render::shown(&l.id),
                if l.org.is_empty() {
                    "-".to_string()
                } else {
                    render::shown(&l.org)
                },
                render::shown(&l.plan),
                render::shown(&l.kid)
            );
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            eprintln!("invalid: {}", e.code);
            eprintln!("hint: {}", render::shown(&e.message));
            ExitCode::from(1)
        }
        Err(e) => fail(e),
    }
}

fn inspect(token_arg: &str) -> Result<(), String> {
    let t = read_token(token_arg)?;
    let parts = token::parse(&t).map_err(|e| format!("{}: {}", e.code, e.message))?;
    println!("UNVERIFIED — decoded without checking the signature; do not trust these contents");
    println!("format:    {}", token::PREFIX);
    println!("algorithm: {}", parts.alg.token_name());
    println!("key id:    {}", parts.kid);
    println!("signature: {} bytes", parts.sig.len());
    match std::str::from_utf8(&parts.payload)
        .ok()
        .and_then(|s| json::parse(s).ok())
    {
        Some(v) => {
            let pretty: serde_json::Value =
                serde_json::from_str(&v.to_canonical()).map_err(|e| e.to_string())?;
            println!(
                "payload:\n{}",
                serde_json::to_string_pretty(&pretty).map_err(|e| e.to_string())?
            );
        }
        None => println!(
            "payload:   (not valid UTF-8 JSON) {}",
            b64::encode(&parts.payload)
        ),
    }
    Ok(())
}

/// `info` exit codes, like `systemctl is-active`, so scripts and health
/// checks can branch without parsing: 0 the product runs as licensed
/// (active, demo, grace, or community without a key), 3 expired, 4 the key
/// was rejected or is not valid yet, 5 restricted (online validation
/// failing), 2 the command itself failed (bad options, unreadable files).
fn info_exit_code(status: Status) -> u8 {
    match status {
        Status::Active | Status::Demo | Status::Grace | Status::Community => 0,
        Status::Expired => 3,
        Status::Invalid | Status::NotYetValid => 4,
        Status::Restricted => 5,
    }
}

fn info(args: &LicenseArgs, refresh: bool, as_json: bool) -> ExitCode {
    let lic = match args.build() {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    if args.server.is_some() {
        // A failed check is reported by `info` itself (grace, last error).
        let _ = if refresh {
            lic.validate_now().map(Some)
        } else {
            lic.validate_if_due()
        };
    }
    let info = lic.info();
    if as_json {
        println!("{}", lic.info_json());
    } else {
        print!("{}", render::info_text(&args.product, &info));
    }
    ExitCode::from(info_exit_code(info.status))
}

/// `activate` / `deactivate`: exit 0 when the server confirmed, 1 with the
/// code and message otherwise, 2 on usage errors.
fn online_command(args: &LicenseArgs, action: OnlineAction, as_json: bool) -> ExitCode {
    if args.server.is_none() {
        return fail(
            "this command talks to the license server: pass --server URL --server-key FILE",
        );
    }
    let lic = match args.build() {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let out = match action {
        OnlineAction::Deactivate => lic.deactivate(),
        _ => lic.activate(),
    };
    let info = lic.info();
    let error = match out {
        Ok(o) => o.error,
        Err(e) => Some(e),
    };
    if as_json {
        println!("{}", lic.info_json());
    } else {
        print!("{}", render::info_text(&args.product, &info));
    }
    // The server's answer holds only if this machine remembers it: a state
    // that could not be written is a failed command, never a silent one.
    if let Some(e) = error
        .as_ref()
        .filter(|e| e.code == ErrorCode::StateNotSaved)
    {
        eprintln!(
            "licensewarden: {}: {} (--state-dir chooses another directory)",
            e.code, e.message
        );
        return ExitCode::from(2);
    }
    match error {
        None => ExitCode::SUCCESS,
        Some(e) => {
            eprintln!("licensewarden: {}: {}", e.code, e.message);
            ExitCode::from(1)
        }
    }
}

/// `activate --offline-request FILE`: the request file for the vendor.
fn offline_request(args: &LicenseArgs, path: &Path) -> ExitCode {
    if args.server.is_none() {
        return fail(
            "an activation request names the license server that will answer it: pass --server URL --server-key FILE as for an online activation",
        );
    }
    let lic = match args.build() {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let file = match lic.offline_request() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("licensewarden: {}: {}", e.code, e.message);
            return ExitCode::from(1);
        }
    };
    if let Err(e) = write_new(path, &format!("{file}\n"), 0o644) {
        return fail(e);
    }
    println!(
        "wrote the activation request to {}: take it to a machine with network and have the vendor turn it into an activation file (their admin: `licensewarden-server admin offline-activate --request {} --out activation.lwa`, or upload it in the customer portal), then install that here with `licensewarden activate --offline-response activation.lwa`",
        shown_path(path),
        path.file_name().map_or_else(String::new, |n| escape::printable(&n.to_string_lossy(), 256)),
    );
    ExitCode::SUCCESS
}

/// `activate --offline-response FILE`: install an activation file.
fn install_activation(args: &LicenseArgs, path: &Path, as_json: bool) -> ExitCode {
    if args.server.is_none() {
        return fail(
            "an activation file is checked with the license server's public key: pass --server URL --server-key FILE as for an online activation",
        );
    }
    let bytes = match licensewarden_issue::files::read_bounded(
        path,
        licensewarden_guest::activation_file::MAX_ACTIVATION_FILE_BYTES as u64,
    ) {
        Ok(b) => b,
        Err(e) => return fail(format!("{}: {e}", shown_path(path))),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return fail(format!(
            "{}: not UTF-8, so not an activation file",
            shown_path(path)
        ));
    };
    let lic = match args.build() {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let out = lic.install_activation(&text);
    if as_json {
        println!("{}", lic.info_json());
    } else {
        print!("{}", render::info_text(&args.product, &lic.info()));
    }
    match out.error {
        None => ExitCode::SUCCESS,
        Some(e) if e.code == ErrorCode::StateNotSaved => {
            eprintln!(
                "licensewarden: {}: {} (--state-dir chooses another directory)",
                e.code, e.message
            );
            ExitCode::from(2)
        }
        Some(e) => {
            eprintln!("licensewarden: {}: {}", e.code, e.message);
            ExitCode::from(1)
        }
    }
}

fn shown_path(p: &Path) -> String {
    escape::printable(&p.display().to_string(), 1024)
}

const DEMO_POLICY: &str = r#"{
  "plans": {
    "community": {"features": ["basic_discovery"], "limits": {"max_devices": 1}},
    "pro": {"features": ["api_access", "basic_discovery", "rbac", "audit_logging"], "limits": {"max_devices": 5, "max_identities": 1000}},
    "enterprise": {"all_features": true}
  },
  "features": ["sso"],
  "soft_caps": ["max_identities"]
}"#;

fn demo() -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("licensewarden-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    println!(
        "1. keygen: a throwaway Ed25519 keypair in {}",
        dir.display()
    );
    let key = SigningKey::generate_ed25519(Some("demo-1"))?;
    write_new(&dir.join("private.key"), &key.to_json(), 0o600)?;
    write_new(&dir.join("public.key"), &key.trusted_key().to_json(), 0o644)?;
    let now = licensewarden::Clock::system().now_ms();
    let spec = LicenseSpec {
        id: random_license_id(),
        org: Some("Demo Org".into()),
        plan: "pro".into(),
        limits: vec![("max_devices".into(), 5)],
        issued_at: time::format_datetime(now),
        expires_at: Some(time::format_date(now + 365 * time::DAY_MS)),
        ..Default::default()
    };
    let token = key.issue(&spec);
    println!(
        "2. issue: plan pro for Demo Org, expires {}",
        spec.expires_at.as_deref().unwrap_or("never")
    );
    println!("   {token}");
    let lic = Licensing::builder("licensewarden-demo")
        .trusted_key(key.trusted_key())
        .policy_json(DEMO_POLICY)
        .key(token.clone())
        .build()
        .map_err(|e| format!("{}: {}", e.code, e.message))?;
    let verified = lic
        .verify(&token)
        .map_err(|e| format!("{}: {}", e.code, e.message))?;
    println!(
        "3. verify through the component ({} bytes, sha256 {}…): valid, license {}",
        licensewarden::engine::COMPONENT_WASM.len(),
        &licensewarden::engine::component_sha256()[..12],
        verified.id
    );
    let cap = lic.check_cap("max_devices", 1);
    println!(
        "4. check_feature(\"api_access\"): {:?}; check_feature(\"sso\"): {}",
        lic.check_feature("api_access"),
        match lic.check_feature("sso") {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("{} ({})", e.code, e.message),
        }
    );
    println!("   check_cap(\"max_devices\", 1): {}", cap.outcome.as_str());
    println!("5. license info:\n");
    print!("{}", render::info_text("licensewarden-demo", &lic.info()));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

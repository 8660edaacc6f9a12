//! `licensewarden-server`: with no flags it serves on 127.0.0.1:8787 from
//! `licenses.db` (SQLite) in the current directory, creating the database,
//! its server signing key (`server.key`, and `server.pub` for clients) and
//! an admin token (`admin.token`) on first start.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use licensewarden_guest::keys::TrustedKey;
use licensewarden_guest::keys::{DecodedKey, KeySet};
use licensewarden_issue::SigningKey;
use licensewarden_server::listener::{self, Limits};
use licensewarden_server::{app, db::Db, AppState};

#[derive(Parser)]
#[command(
    name = "licensewarden-server",
    version,
    about = "Reference license server for licensewarden online validation"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// sqlite://FILE (created and migrated on start) or postgres://USER@HOST:PORT/DB.
    #[arg(
        long,
        env = "LICENSEWARDEN_DATABASE",
        default_value = "sqlite://licenses.db"
    )]
    database: String,
    /// Address to listen on.
    #[arg(long, env = "LICENSEWARDEN_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// Ed25519 key that signs every answer (created with its server.pub if missing).
    #[arg(
        long = "signing-key",
        env = "LICENSEWARDEN_SIGNING_KEY",
        default_value = "server.key"
    )]
    signing_key: PathBuf,
    /// Admin bearer token (prefer --admin-token-file: command lines are visible to other users).
    #[arg(
        long = "admin-token",
        env = "LICENSEWARDEN_ADMIN_TOKEN",
        hide_env_values = true
    )]
    admin_token: Option<String>,
    /// File holding the admin token (created with a random token if missing).
    #[arg(
        long = "admin-token-file",
        env = "LICENSEWARDEN_ADMIN_TOKEN_FILE",
        default_value = "admin.token"
    )]
    admin_token_file: PathBuf,
    /// Vendor private.key (from `licensewarden keygen`) to issue licenses created through the admin API.
    #[arg(long = "issuing-key", env = "LICENSEWARDEN_ISSUING_KEY")]
    issuing_key: Option<PathBuf>,
    /// Vendor public.key that registered tokens must verify with (repeatable).
    #[arg(long = "license-key")]
    license_keys: Vec<PathBuf>,
    /// Open connections at most (lowered to fit the descriptor limit).
    #[arg(
        long = "max-connections",
        env = "LICENSEWARDEN_MAX_CONNECTIONS",
        default_value_t = 4096
    )]
    max_connections: usize,
    /// Open connections from one IP address at most.
    #[arg(
        long = "max-connections-per-address",
        env = "LICENSEWARDEN_MAX_CONNECTIONS_PER_ADDRESS",
        default_value_t = 256
    )]
    max_per_address: usize,
    /// Seconds a client has to send a request's headers.
    #[arg(
        long = "header-timeout",
        env = "LICENSEWARDEN_HEADER_TIMEOUT",
        default_value_t = 10
    )]
    header_timeout: u64,
    /// Seconds a connection may stay open with nothing sent either way.
    #[arg(
        long = "idle-timeout",
        env = "LICENSEWARDEN_IDLE_TIMEOUT",
        default_value_t = 30
    )]
    idle_timeout: u64,
    /// Lease of valid answers for licenses without their own, minutes (5-10080): how long a change can take to reach a running product.
    #[arg(
        long = "lease-minutes",
        env = "LICENSEWARDEN_LEASE_MINUTES",
        default_value_t = 1440
    )]
    lease_minutes: u64,
    /// Days an activation file keeps an air-gapped device active (1-3650; never past the license's expiry), after which the device needs a new one.
    #[arg(
        long = "activation-file-days",
        env = "LICENSEWARDEN_ACTIVATION_FILE_DAYS",
        default_value_t = 30
    )]
    activation_file_days: u64,
    /// Lease for one plan's licenses, as PLAN=MINUTES (repeatable), e.g. trial=15; a license's own lease wins.
    #[arg(long = "plan-lease")]
    plan_lease: Vec<String>,
    /// Delete revoked licenses this many days after revocation (their products then get license-not-found); off when not given.
    #[arg(long = "revoked-ttl-days", env = "LICENSEWARDEN_REVOKED_TTL_DAYS")]
    revoked_ttl_days: Option<u64>,
    /// Keep events this many days.
    #[arg(
        long = "events-retention-days",
        env = "LICENSEWARDEN_EVENTS_RETENTION_DAYS",
        default_value_t = 365
    )]
    events_retention_days: u64,
    /// Seconds before the first retry of a failed webhook delivery (doubling, at most an hour; 10 attempts).
    #[arg(
        long = "webhook-retry-seconds",
        env = "LICENSEWARDEN_WEBHOOK_RETRY_SECONDS",
        default_value_t = 10
    )]
    webhook_retry_seconds: u64,
    /// Days before expiry at which a license.expiring event is recorded (0: never).
    #[arg(
        long = "expiry-notice-days",
        env = "LICENSEWARDEN_EXPIRY_NOTICE_DAYS",
        default_value_t = 14
    )]
    expiry_notice_days: u64,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Manage licenses on a running server: create, renew, change, suspend, revoke, delete, devices, events.
    Admin(licensewarden_server::admin_cli::AdminArgs),
}

fn write_private(path: &Path, data: &str) -> Result<(), String> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(data.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn read_small(path: &Path) -> Result<String, String> {
    let bytes = licensewarden_issue::files::read_bounded(path, 64 * 1024)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", path.display()))
}

fn signing_key(path: &Path) -> Result<SigningKey, String> {
    if path.exists() {
        return SigningKey::from_json(&read_small(path)?)
            .map_err(|e| format!("{}: {e}", path.display()));
    }
    let key = SigningKey::generate_ed25519(None)?;
    write_private(path, &key.to_json())?;
    let public = path.with_extension("pub");
    std::fs::write(&public, key.trusted_key().to_json())
        .map_err(|e| format!("{}: {e}", public.display()))?;
    tracing::info!(key = %path.display(), public = %public.display(), "created the server signing key; give server.pub to clients");
    Ok(key)
}

fn admin_token(args: &Args) -> Result<String, String> {
    if let Some(t) = &args.admin_token {
        return Ok(t.trim().to_string());
    }
    let path = &args.admin_token_file;
    if path.exists() {
        let t = read_small(path)?.trim().to_string();
        if t.len() < 16 {
            return Err(format!(
                "{}: the admin token must be at least 16 characters",
                path.display()
            ));
        }
        return Ok(t);
    }
    let mut raw = [0u8; 24];
    getrandom::getrandom(&mut raw).map_err(|e| e.to_string())?;
    let t = licensewarden_guest::b64::encode(&raw);
    write_private(path, &format!("{t}\n"))?;
    tracing::info!(file = %path.display(), "created an admin token");
    Ok(t)
}

async fn run(args: Args) -> Result<(), String> {
    let signing = signing_key(&args.signing_key)?;
    if signing.trusted_key().algorithm != licensewarden_guest::crypto::Algorithm::Ed25519 {
        return Err(
            "the server signing key must be Ed25519 (clients refuse HMAC server keys)".into(),
        );
    }
    let admin = admin_token(&args)?;
    let issuing = match &args.issuing_key {
        Some(p) => Some(
            SigningKey::from_json(&read_small(p)?).map_err(|e| format!("{}: {e}", p.display()))?,
        ),
        None => None,
    };
    let mut vendor = Vec::new();
    for p in &args.license_keys {
        let k =
            TrustedKey::from_json(&read_small(p)?).map_err(|e| format!("{}: {e}", p.display()))?;
        vendor.push(DecodedKey::decode(&k.kid, k.algorithm, &k.key, true).map_err(|e| e.message)?);
    }
    let mut limits = Limits {
        max_connections: args.max_connections.max(1),
        max_per_address: args.max_per_address.max(1),
        header_timeout: std::time::Duration::from_secs(args.header_timeout.clamp(1, 3600)),
        idle_timeout: std::time::Duration::from_secs(args.idle_timeout.clamp(1, 3600)),
    };
    if !licensewarden_server::admin_input::LEASE_MINUTES.contains(&args.lease_minutes) {
        return Err(format!(
            "--lease-minutes {} is outside 5-10080 (5 minutes to 7 days)",
            args.lease_minutes
        ));
    }
    let mut plan_lease_ms = Vec::new();
    for item in &args.plan_lease {
        let parsed = item
            .split_once('=')
            .and_then(|(p, m)| Some((p.trim(), m.trim().parse::<u64>().ok()?)));
        match parsed {
            Some((plan, m)) if licensewarden_server::admin_input::LEASE_MINUTES.contains(&m) => {
                plan_lease_ms.push((plan.to_string(), m * 60_000))
            }
            _ => {
                return Err(format!(
                    "--plan-lease {item:?}: write PLAN=MINUTES with 5-10080 minutes, e.g. trial=15"
                ))
            }
        }
    }
    let day_ms = 24 * 3600 * 1000i64;
    let settings = licensewarden_server::Settings {
        lease_ms: args.lease_minutes * 60_000,
        plan_lease_ms,
        revoked_ttl_ms: args
            .revoked_ttl_days
            .map(|d| (d.min(100_000) as i64) * day_ms),
        events_retention_ms: (args.events_retention_days.clamp(1, 100_000) as i64) * day_ms,
        webhook_retry_ms: (args.webhook_retry_seconds.clamp(1, 3600) as i64) * 1000,
        expiry_notice_ms: (args.expiry_notice_days.min(3650) as i64) * day_ms,
        secure_cookies: !args.listen.ip().is_loopback(),
        activation_file_ms: args.activation_file_days.clamp(1, 3650) * day_ms as u64,
    };
    let descriptors = listener::fit_to_descriptors(&mut limits);
    let db = Db::open(&args.database).await?;
    let state = Arc::new(
        AppState::new(
            db.clone(),
            signing,
            issuing,
            KeySet::new(vendor).map_err(|e| e.message)?,
            licensewarden_guest::crypto::sha256(admin.as_bytes()),
        )
        .with_settings(settings),
    );
    let background = licensewarden_server::start_background(state.clone()).await?;
    let tcp = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let addr = tcp.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(
        max_connections = limits.max_connections,
        max_per_address = limits.max_per_address,
        header_timeout_s = limits.header_timeout.as_secs(),
        idle_timeout_s = limits.idle_timeout.as_secs(),
        descriptors,
        "connection limits"
    );
    // Tests and scripts read this line to learn the port.
    println!(
        "licensewarden-server listening on http://{addr} (database: {})",
        db.backend
    );
    listener::serve(
        tcp,
        app(state.clone()),
        limits,
        state.metrics.clone(),
        shutdown(),
        licensewarden_server::REQUEST_TIMEOUT,
    )
    .await;
    background.abort();
    licensewarden_server::flush_now(&state).await;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    tracing::info!("shutting down: finishing in-flight requests");
}

fn main() -> ExitCode {
    let mut args = Args::parse();
    if let Some(Command::Admin(a)) = args.command.take() {
        return licensewarden_server::admin_cli::run(a);
    }
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("licensewarden-server: {e}");
            return ExitCode::from(2);
        }
    };
    match rt.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("licensewarden-server: {e}");
            ExitCode::from(1)
        }
    }
}

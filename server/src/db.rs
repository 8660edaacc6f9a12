//! The one SQL layer for SQLite and PostgreSQL: sqlx's `Any` driver with
//! portable SQL (`$N` placeholders, TEXT/BIGINT columns) and sqlx's
//! embedded migrations, run at start.
//!
//! The device limit holds under concurrency because every registration
//! runs in a transaction that first *writes* the license row: PostgreSQL
//! then holds that row's lock, SQLite its single write lock, so two
//! activations of one license are serialised and the count they check is
//! the count they commit against.
//!
//! What is durable when: license changes, activations and deactivations
//! are committed (SQLite `synchronous = FULL`; PostgreSQL
//! `synchronous_commit = on`) before they are answered. A routine
//! validation of a known device writes nothing itself: its `last_seen`
//! goes to the `writeback` module's batch, flushed once a second.

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// Longest wait for a database connection before a request is answered
/// 503: an outage fails fast instead of holding every client for the
/// whole request timeout.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(1500);

/// Database errors, as text for logs (never shown to clients).
pub type DbResult<T> = Result<T, String>;

fn err(e: sqlx::Error) -> String {
    e.to_string()
}

/// A stored license. The customer's token itself is not stored: the
/// protocol needs only its request key, the console a hash of it.
#[derive(Debug, Clone)]
pub struct LicenseRow {
    /// License id.
    pub id: String,
    /// The request key (base64url of `protocol::request_key(token)`).
    pub request_key: String,
    /// Hex SHA-256 of the token.
    pub token_sha256: String,
    /// Plan.
    pub plan: String,
    /// Organisation.
    pub org: String,
    /// Features as a JSON list.
    pub features: String,
    /// Caps as a canonical JSON object.
    pub limits: String,
    /// Device limit, 0 = none.
    pub max_devices: i64,
    /// Expiry as written in the token.
    pub expires: Option<String>,
    /// Expiry, unix ms.
    pub expires_at: Option<i64>,
    /// Revocation time, unix ms.
    pub revoked_at: Option<i64>,
    /// Creation time.
    pub created_at: i64,
    /// Last change of the terms or status, unix ms.
    pub updated_at: i64,
    /// Suspension time, unix ms.
    pub suspended_at: Option<i64>,
    /// The vendor's reason for the suspension, shown to the customer.
    pub suspend_reason: Option<String>,
    /// Lease of `valid` answers, ms (`None`: the server's default).
    pub lease_ms: Option<i64>,
    /// Devices not seen for this long release their slot (`None`: never).
    pub heartbeat_ms: Option<i64>,
    /// When the "expires soon" event was recorded for the current expiry.
    pub expiry_notice_at: Option<i64>,
}

impl LicenseRow {
    /// The row for a token whose payload is `lic`, created at `now`.
    pub fn from_token(token: &str, lic: &licensewarden_guest::payload::License, now: i64) -> Self {
        use licensewarden_guest::json::Value;
        let features = Value::Array(
            lic.features
                .iter()
                .map(|f| Value::from(f.as_str()))
                .collect(),
        );
        let limits = Value::Object(
            lic.limits
                .iter()
                .map(|(k, v)| (k.clone(), Value::from(*v)))
                .collect(),
        );
        LicenseRow {
            id: lic.id.clone(),
            request_key: licensewarden_guest::b64::encode(
                &licensewarden_guest::protocol::request_key(token),
            ),
            token_sha256: hex(&licensewarden_guest::crypto::sha256(token.as_bytes())),
            plan: lic.plan.clone(),
            org: lic.org.clone(),
            features: features.to_canonical(),
            limits: limits.to_canonical(),
            max_devices: lic
                .limits
                .get("max_devices")
                .copied()
                .unwrap_or(0)
                .min(i64::MAX as u64) as i64,
            expires: lic.expires_text.clone(),
            expires_at: lic.expires_at.map(|e| e.min(i64::MAX as u64) as i64),
            revoked_at: None,
            created_at: now,
            updated_at: now,
            suspended_at: None,
            suspend_reason: None,
            lease_ms: None,
            heartbeat_ms: None,
            expiry_notice_at: None,
        }
    }
}

impl LicenseRow {
    /// The terms `valid` answers carry (docs/online-protocol.md, "Terms"):
    /// the token payload's shape, as canonical JSON, plus `updated_at`.
    pub fn terms(&self) -> String {
        use licensewarden_guest::json::{self, Value};
        use licensewarden_guest::time::format_datetime;
        let parsed = |t: &str, empty: Value| json::parse(t).unwrap_or(empty);
        let mut m = vec![
            ("features", parsed(&self.features, Value::Array(Vec::new()))),
            ("id", Value::from(self.id.as_str())),
            (
                "issued_at",
                Value::String(format_datetime(self.created_at.max(0) as u64)),
            ),
            ("limits", parsed(&self.limits, Value::Object(Vec::new()))),
            ("plan", Value::from(self.plan.as_str())),
            (
                "updated_at",
                Value::String(format_datetime(self.updated_at.max(0) as u64)),
            ),
        ];
        if !self.org.is_empty() {
            m.push(("org", Value::from(self.org.as_str())));
        }
        if let Some(e) = &self.expires {
            m.push(("expires_at", Value::from(e.as_str())));
        }
        Value::object(m).to_canonical()
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the protocol needs to answer one request: the license and where
/// the asking device stands on it.
#[derive(Debug, Clone)]
pub struct Standing {
    /// The license.
    pub license: LicenseRow,
    /// Devices registered now.
    pub registered: i64,
    /// The device is registered.
    pub known: bool,
    /// The device was freed (deactivated or removed by the vendor).
    pub released: bool,
}

/// A registered device.
#[derive(Debug, Clone)]
pub struct DeviceRow {
    /// Device id (hash of facts).
    pub device_id: String,
    /// Hostname as reported.
    pub hostname: String,
    /// OS.
    pub os: String,
    /// Arch.
    pub arch: String,
    /// First registration.
    pub first_seen: i64,
    /// Last validation.
    pub last_seen: i64,
}

/// What a registration attempt did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// The device was already registered.
    Known {
        /// Devices registered now.
        registered: i64,
    },
    /// The device was added.
    Added {
        /// Devices registered now.
        registered: i64,
    },
    /// The limit is reached.
    Full {
        /// Devices registered now.
        registered: i64,
    },
    /// The license vanished meanwhile.
    Gone,
    /// The device was freed and only an activation may register it again.
    Released,
}

/// The pool and which backend it talks to.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// SQLite: the lock that keeps a second server off this database (its
    /// replay window lives in this process), held until the process ends.
    _single_server: Option<std::sync::Arc<std::fs::File>>,
}

fn license(r: &AnyRow) -> DbResult<LicenseRow> {
    Ok(LicenseRow {
        id: r.try_get("id").map_err(err)?,
        request_key: r.try_get("request_key").map_err(err)?,
        token_sha256: r.try_get("token_sha256").map_err(err)?,
        plan: r.try_get("plan").map_err(err)?,
        org: r.try_get("org").map_err(err)?,
        features: r.try_get("features").map_err(err)?,
        limits: r.try_get("limits").map_err(err)?,
        max_devices: r.try_get("max_devices").map_err(err)?,
        expires: r.try_get("expires").map_err(err)?,
        expires_at: r.try_get("expires_at").map_err(err)?,
        revoked_at: r.try_get("revoked_at").map_err(err)?,
        created_at: r.try_get("created_at").map_err(err)?,
        updated_at: r.try_get("updated_at").map_err(err)?,
        suspended_at: r.try_get("suspended_at").map_err(err)?,
        suspend_reason: r.try_get("suspend_reason").map_err(err)?,
        lease_ms: r.try_get("lease_ms").map_err(err)?,
        heartbeat_ms: r.try_get("heartbeat_ms").map_err(err)?,
        expiry_notice_at: r.try_get("expiry_notice_at").map_err(err)?,
    })
}

/// A time-ordered unique id: `<prefix><13-digit unix ms>-<16 hex>`.
pub fn new_id(prefix: &str, at: i64) -> String {
    let mut r = [0u8; 8];
    getrandom::getrandom(&mut r).unwrap_or_default();
    format!("{prefix}{:013}-{}", at.max(0), hex(&r))
}

/// A webhook endpoint.
#[derive(Debug, Clone)]
pub struct WebhookRow {
    /// `wh_...`.
    pub id: String,
    /// Where deliveries go.
    pub url: String,
    /// HMAC key of its signatures.
    pub secret: String,
    /// Event types or prefixes it wants (empty: all).
    pub events: Vec<String>,
    /// Creation time.
    pub created_at: i64,
    /// When it was disabled.
    pub disabled_at: Option<i64>,
}

/// A delivery with what sending it needs.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Delivery id (receivers deduplicate on it).
    pub id: String,
    /// Endpoint.
    pub webhook_id: String,
    /// Event.
    pub event_id: String,
    /// Event type.
    pub event_type: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// Attempts made.
    pub attempts: i64,
    /// Next attempt, unix ms.
    pub next_at: i64,
    /// HTTP status of the last attempt.
    pub last_status: Option<i64>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// Queued at.
    pub created_at: i64,
    /// Delivered at.
    pub delivered_at: Option<i64>,
    /// Endpoint URL (for sending).
    pub url: String,
    /// Endpoint secret (for sending).
    pub secret: String,
    /// The event (for sending).
    pub event: Event,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `<13-digit unix ms>-<16 hex>`: sorts by time (set when stored).
    pub id: String,
    /// Unix ms.
    pub at: i64,
    /// License concerned.
    pub license_id: String,
    /// Device concerned ("" when none).
    pub device_id: String,
    /// What happened (`license.renewed`, `device.registered`, ...).
    pub kind: String,
    /// Who: `admin:<token name>`, `device` or `server`.
    pub actor: String,
    /// Canonical JSON object with the particulars.
    pub details: String,
}

impl Event {
    /// An event at `at`, with a fresh id.
    pub fn new(
        at: i64,
        license_id: &str,
        device_id: &str,
        kind: &str,
        actor: &str,
        details: serde_json::Value,
    ) -> Event {
        Event {
            id: new_id("", at),
            at,
            license_id: license_id.into(),
            device_id: device_id.into(),
            kind: kind.into(),
            actor: actor.into(),
            details: details.to_string(),
        }
    }
}

/// A named admin token (never its hash).
#[derive(Debug, Clone)]
pub struct TokenRow {
    /// Name.
    pub name: String,
    /// `read` or `admin`.
    pub scope: String,
    /// Creation time.
    pub created_at: i64,
    /// Who created it (`admin:<name>`).
    pub created_by: String,
    /// Revocation time.
    pub revoked_at: Option<i64>,
    /// Last use.
    pub last_used_at: Option<i64>,
}

/// Which licenses the console lists.
#[derive(Debug, Clone, Default)]
pub struct LicenseFilter {
    /// Text in the id, org or plan (case-insensitive).
    pub query: String,
    /// `active`, `suspended`, `revoked`, `expired`, or "" for all.
    pub status: String,
    /// Only licenses expiring within this long after `now` (0: all).
    pub expiring_within_ms: i64,
    /// The instant "active" and "expired" are judged at.
    pub now: i64,
    /// Only ids after this one (the previous page's last).
    pub after: String,
    /// At most this many.
    pub limit: i64,
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Only this license's.
    pub license_id: Option<String>,
    /// Only this type (or type prefix ending in `.`, e.g. `device.`).
    pub kind: Option<String>,
    /// Only at or after this instant, unix ms.
    pub since: Option<i64>,
    /// Only after this event id (the previous page's last).
    pub after: Option<String>,
    /// At most this many.
    pub limit: i64,
}

/// An `events` row (`SELECT id, at, license_id, device_id, type, actor, details`).
fn event_row(r: &AnyRow) -> DbResult<Event> {
    Ok(Event {
        id: r.try_get("id").map_err(err)?,
        at: r.try_get("at").map_err(err)?,
        license_id: r.try_get("license_id").map_err(err)?,
        device_id: r.try_get("device_id").map_err(err)?,
        kind: r.try_get("type").map_err(err)?,
        actor: r.try_get("actor").map_err(err)?,
        details: r.try_get("details").map_err(err)?,
    })
}

async fn insert_event(tx: &mut sqlx::Transaction<'_, sqlx::Any>, e: &Event) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO events (id, at, license_id, device_id, type, actor, details)          VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&e.id)
    .bind(e.at)
    .bind(&e.license_id)
    .bind(&e.device_id)
    .bind(&e.kind)
    .bind(&e.actor)
    .bind(&e.details)
    .execute(&mut **tx)
    .await
    .map_err(err)?;
    Ok(())
}

/// Give license `id` the next status-list serial, so gateways' next delta
/// names it.
async fn stamp_status(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: &str) -> DbResult<()> {
    let serial = next_status_serial(tx).await?;
    sqlx::query("UPDATE licenses SET status_serial = $1 WHERE id = $2")
        .bind(serial)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(err)?;
    Ok(())
}

/// The next status-list serial. The counter's row stays locked until `tx`
/// commits, so serials become visible in the order they were taken.
async fn next_status_serial(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> DbResult<i64> {
    sqlx::query("UPDATE status_counter SET n = n + 1 WHERE one = 1")
        .execute(&mut **tx)
        .await
        .map_err(err)?;
    let r = sqlx::query("SELECT n FROM status_counter WHERE one = 1")
        .fetch_one(&mut **tx)
        .await
        .map_err(err)?;
    r.try_get::<i64, _>("n").map_err(err)
}

/// One change in the status list: a license as it stands now, or the
/// tombstone of a deleted one.
#[derive(Debug, Clone)]
pub enum StatusChange {
    /// The license's row.
    Stands(Box<LicenseRow>),
    /// Deleted: its id.
    Deleted(String),
}

async fn count_devices(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    license_id: &str,
) -> DbResult<i64> {
    let r = sqlx::query("SELECT COUNT(*) AS n FROM devices WHERE license_id = $1")
        .bind(license_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(err)?;
    r.try_get("n").map_err(err)
}

const LICENSE_COLUMNS: &str = "id, request_key, token_sha256, plan, org, features, limits, \
     max_devices, expires, expires_at, revoked_at, created_at, updated_at, suspended_at, \
     suspend_reason, lease_ms, heartbeat_ms, expiry_notice_at";

const NONCE_INSERT: &str = "INSERT INTO nonces (license_id, nonce, seen_at) VALUES ($1, $2, $3) \
     ON CONFLICT (license_id, nonce) DO NOTHING";

/// A transaction whose commit is durable before it returns, on either
/// database (PostgreSQL sessions default to asynchronous commit here, for
/// the nonce inserts of routine validations).
///
/// On SQLite the transaction takes the write lock at once (a write that
/// changes nothing, as `BEGIN IMMEDIATE` would): a transaction that reads
/// first and writes later cannot wait for the lock once another writer
/// has committed since its read (`database is locked` at once, whatever
/// the busy timeout), while one that starts as a writer waits its turn.
async fn durable(pool: &AnyPool, backend: &str) -> DbResult<sqlx::Transaction<'static, sqlx::Any>> {
    let mut tx = pool.begin().await.map_err(err)?;
    let first = if backend == "postgres" {
        "SET LOCAL synchronous_commit = on"
    } else {
        "UPDATE licenses SET updated_at = updated_at WHERE 1 = 0"
    };
    sqlx::query(first).execute(&mut *tx).await.map_err(err)?;
    Ok(tx)
}

/// Take `<database>.lock` for this process, or say which server holds it.
fn lock_sqlite_file(url: &str) -> DbResult<Option<std::sync::Arc<std::fs::File>>> {
    let Some(path) = sqlite_path(url) else {
        return Ok(None);
    };
    let lock_path = format!("{path}.lock");
    let mut o = std::fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let f = o
        .open(&lock_path)
        .map_err(|e| format!("{lock_path}: cannot create the lock file: {e}"))?;
    match f.try_lock() {
        Ok(()) => Ok(Some(std::sync::Arc::new(f))),
        Err(std::fs::TryLockError::WouldBlock) => Err(format!(
            "{path} is in use by another licensewarden-server: SQLite serves one server process (it keeps the replay window in memory); stop the other one, or use PostgreSQL for several instances"
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(format!("{lock_path}: cannot lock: {e}")),
    }
}

/// The file a `sqlite:` URL names (`None` for an in-memory database).
fn sqlite_path(url: &str) -> Option<&str> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or("");
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Create a SQLite file owner-only before SQLite does (its `-wal` and
/// `-shm` files take the same mode), and tighten an existing one.
fn protect_sqlite_file(url: &str) -> DbResult<()> {
    let Some(path) = sqlite_path(url) else {
        return Ok(());
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let p = std::path::Path::new(path);
        match std::fs::symlink_metadata(p) {
            Ok(m) if m.file_type().is_file() => {
                if m.permissions().mode() & 0o077 != 0 {
                    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o600))
                        .map_err(|e| format!("{path}: cannot make the database owner-only: {e}"))?;
                    tracing::warn!(
                        database = path,
                        "the database was readable by others; it is now 0600"
                    );
                }
            }
            Ok(_) => return Err(format!("{path}: the database must be a regular file")),
            Err(_) => {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .open(p)
                    .map_err(|e| format!("{path}: cannot create the database: {e}"))?;
            }
        }
    }
    Ok(())
}

impl Db {
    /// Connect (creating a SQLite file if needed, owner-only) and run the
    /// migrations.
    pub async fn open(url: &str) -> DbResult<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            "sqlite"
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            "postgres"
        } else {
            return Err(format!(
                "unsupported database URL scheme in {url:?}: use sqlite://FILE or postgres://..."
            ));
        };
        let single_server = if backend == "sqlite" {
            lock_sqlite_file(url)?
        } else {
            None
        };
        let url = if backend == "sqlite" && !url.contains("mode=") {
            protect_sqlite_file(url)?;
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}mode=rwc")
        } else {
            url.to_string()
        };
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == "sqlite" { 4 } else { 16 })
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    let pragmas: &[&str] = if backend == "sqlite" {
                        // WAL keeps readers off the writer's back; every
                        // committed write is fsynced (kill -9 or a power cut
                        // loses nothing that was answered); writers wait
                        // instead of failing; freed pages are zeroed, so
                        // deleted tokens do not linger in the file.
                        &[
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = FULL",
                            "PRAGMA busy_timeout = 5000",
                            "PRAGMA foreign_keys = ON",
                            "PRAGMA secure_delete = ON",
                        ]
                    } else {
                        // Durable writes opt back in (see `durable`); nonce
                        // inserts need visibility, not an fsync each.
                        &["SET synchronous_commit = off"]
                    };
                    for pragma in pragmas {
                        sqlx::query(pragma).execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| format!("database migration failed: {e}"))?;
        let db = Db {
            pool,
            backend,
            _single_server: single_server,
        };
        db.forget_stored_tokens().await?;
        Ok(db)
    }

    /// Replace the tokens an older version stored with their request key
    /// and hash (migration 0002), then scrub the old bytes from the file.
    async fn forget_stored_tokens(&self) -> DbResult<()> {
        let rows = sqlx::query("SELECT id, token FROM licenses WHERE token <> ''")
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = durable(&self.pool, self.backend).await?;
        for r in &rows {
            let id: String = r.try_get("id").map_err(err)?;
            let token: String = r.try_get("token").map_err(err)?;
            let parts = licensewarden_guest::token::parse(&token)
                .map_err(|e| format!("license {id:?}: stored token unreadable: {}", e.message))?;
            let lic =
                licensewarden_guest::payload::License::from_payload(&parts.payload, parts.kid)
                    .map_err(|e| {
                        format!("license {id:?}: stored token unreadable: {}", e.message)
                    })?;
            let row = LicenseRow::from_token(&token, &lic, 0);
            sqlx::query(
                "UPDATE licenses SET token = '', request_key = $1, token_sha256 = $2, \
                 features = $3, limits = $4, expires = $5 WHERE id = $6",
            )
            .bind(&row.request_key)
            .bind(&row.token_sha256)
            .bind(&row.features)
            .bind(&row.limits)
            .bind(&row.expires)
            .bind(&id)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        }
        tx.commit().await.map_err(err)?;
        if self.backend == "sqlite" {
            for q in ["VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"] {
                sqlx::query(q).execute(&self.pool).await.map_err(err)?;
            }
        }
        tracing::info!(
            licenses = rows.len(),
            "stored tokens replaced by their request keys and hashes"
        );
        Ok(())
    }

    /// Whether the database answers within `ACQUIRE_TIMEOUT`.
    pub async fn ping(&self) -> bool {
        let q = sqlx::query("SELECT 1").execute(&self.pool);
        matches!(tokio::time::timeout(ACQUIRE_TIMEOUT, q).await, Ok(Ok(_)))
    }

    /// Insert a license; false when the id exists.
    pub async fn insert_license(&self, l: &LicenseRow) -> DbResult<bool> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let r = sqlx::query(
            "INSERT INTO licenses (id, token, request_key, token_sha256, plan, org, features, limits, \
             max_devices, expires, expires_at, revoked_at, created_at, updated_at) \
             VALUES ($1, '', $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&l.id)
        .bind(&l.request_key)
        .bind(&l.token_sha256)
        .bind(&l.plan)
        .bind(&l.org)
        .bind(&l.features)
        .bind(&l.limits)
        .bind(l.max_devices)
        .bind(&l.expires)
        .bind(l.expires_at)
        .bind(l.created_at)
        .bind(l.created_at)
        .execute(&mut *tx)
        .await
        .map_err(err)?;
        // A license created again under a deleted one's id must reach the
        // gateways that hold its tombstone.
        let revived = r.rows_affected() == 1
            && sqlx::query("DELETE FROM status_tombstones WHERE id = $1")
                .bind(&l.id)
                .execute(&mut *tx)
                .await
                .map_err(err)?
                .rows_affected()
                == 1;
        if revived {
            stamp_status(&mut tx, &l.id).await?;
        }
        tx.commit().await.map_err(err)?;
        Ok(r.rows_affected() == 1)
    }

    /// One license.
    pub async fn license(&self, id: &str) -> DbResult<Option<LicenseRow>> {
        let q = format!("SELECT {LICENSE_COLUMNS} FROM licenses WHERE id = $1");
        let row = sqlx::query(&q)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(err)?;
        row.as_ref().map(license).transpose()
    }

    /// A license and where `device_id` stands on it, in one query.
    pub async fn standing(&self, id: &str, device_id: &str) -> DbResult<Option<Standing>> {
        let q = format!(
            "SELECT {LICENSE_COLUMNS}, \
             (SELECT COUNT(*) FROM devices d WHERE d.license_id = $1) AS registered, \
             (SELECT COUNT(*) FROM devices d WHERE d.license_id = $1 AND d.device_id = $2) AS known, \
             (SELECT COUNT(*) FROM released_devices r WHERE r.license_id = $1 AND r.device_id = $2) AS released \
             FROM licenses WHERE id = $1"
        );
        let Some(r) = sqlx::query(&q)
            .bind(id)
            .bind(device_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(err)?
        else {
            return Ok(None);
        };
        Ok(Some(Standing {
            license: license(&r)?,
            registered: r.try_get("registered").map_err(err)?,
            known: r.try_get::<i64, _>("known").map_err(err)? > 0,
            released: r.try_get::<i64, _>("released").map_err(err)? > 0,
        }))
    }

    /// Every license, oldest first (bounded).
    pub async fn licenses(&self, limit: i64) -> DbResult<Vec<LicenseRow>> {
        let q = format!("SELECT {LICENSE_COLUMNS} FROM licenses ORDER BY created_at, id LIMIT $1");
        let rows = sqlx::query(&q)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        rows.iter().map(license).collect()
    }

    /// Mark revoked; false when unknown.
    pub async fn revoke(&self, id: &str, now: i64) -> DbResult<bool> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let r = sqlx::query(
            "UPDATE licenses SET revoked_at = COALESCE(revoked_at, $1), updated_at = $2 WHERE id = $3",
        )
        .bind(now)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(err)?;
        tx.commit().await.map_err(err)?;
        Ok(r.rows_affected() == 1)
    }

    /// Devices of a license.
    pub async fn devices(&self, license_id: &str) -> DbResult<Vec<DeviceRow>> {
        let rows = sqlx::query(
            "SELECT device_id, hostname, os, arch, first_seen, last_seen FROM devices \
             WHERE license_id = $1 ORDER BY first_seen, device_id",
        )
        .bind(license_id)
        .fetch_all(&self.pool)
        .await
        .map_err(err)?;
        rows.iter()
            .map(|r| {
                Ok(DeviceRow {
                    device_id: r.try_get("device_id").map_err(err)?,
                    hostname: r.try_get("hostname").map_err(err)?,
                    os: r.try_get("os").map_err(err)?,
                    arch: r.try_get("arch").map_err(err)?,
                    first_seen: r.try_get("first_seen").map_err(err)?,
                    last_seen: r.try_get("last_seen").map_err(err)?,
                })
            })
            .collect()
    }

    /// Count every registered device (metrics).
    pub async fn device_total(&self) -> DbResult<i64> {
        let r = sqlx::query("SELECT COUNT(*) AS n FROM devices")
            .fetch_one(&self.pool)
            .await
            .map_err(err)?;
        r.try_get("n").map_err(err)
    }

    /// Record a request nonce in the shared table; false when it was seen
    /// before (replay). Used on PostgreSQL, where instances share it.
    pub async fn remember_nonce(&self, license_id: &str, nonce: &str, now: i64) -> DbResult<bool> {
        let r = sqlx::query(NONCE_INSERT)
            .bind(license_id)
            .bind(nonce)
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(err)?;
        Ok(r.rows_affected() == 1)
    }

    /// Store nonces remembered in memory (SQLite), so a restart still
    /// refuses their replay.
    pub async fn store_nonces(&self, nonces: &[(String, String, i64)]) -> DbResult<()> {
        if nonces.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await.map_err(err)?;
        for (license_id, nonce, at) in nonces {
            sqlx::query(NONCE_INSERT)
                .bind(license_id)
                .bind(nonce)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
        }
        tx.commit().await.map_err(err)
    }

    /// Nonces seen since `since` (loaded into memory at start on SQLite).
    pub async fn recent_nonces(&self, since: i64) -> DbResult<Vec<(String, String, i64)>> {
        let rows = sqlx::query("SELECT license_id, nonce, seen_at FROM nonces WHERE seen_at >= $1")
            .bind(since)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("license_id").map_err(err)?,
                    r.try_get("nonce").map_err(err)?,
                    r.try_get("seen_at").map_err(err)?,
                ))
            })
            .collect()
    }

    /// Drop nonces older than `before` (periodic, not per request).
    pub async fn forget_nonces(&self, before: i64) -> DbResult<u64> {
        let r = sqlx::query("DELETE FROM nonces WHERE seen_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(err)?;
        Ok(r.rows_affected())
    }

    /// Write batched `last_seen` (and reported facts) of known devices.
    pub async fn store_seen(&self, seen: &[(String, DeviceRow)]) -> DbResult<()> {
        if seen.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await.map_err(err)?;
        for (license_id, d) in seen {
            sqlx::query(
                "UPDATE devices SET last_seen = $1, hostname = $2, os = $3, arch = $4 \
                 WHERE license_id = $5 AND device_id = $6 AND last_seen < $7",
            )
            .bind(d.last_seen)
            .bind(&d.hostname)
            .bind(&d.os)
            .bind(&d.arch)
            .bind(license_id)
            .bind(&d.device_id)
            .bind(d.last_seen)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        }
        tx.commit().await.map_err(err)
    }

    /// Register `device` on `license_id` unless that would exceed `max`
    /// (0 = no limit), atomically (see the module docs). An activation
    /// (`reclaim`) also registers a device that was freed; a validation
    /// never does.
    pub async fn register(
        &self,
        license_id: &str,
        device: &DeviceRow,
        max: i64,
        reclaim: bool,
    ) -> DbResult<Registration> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let locked = sqlx::query("UPDATE licenses SET updated_at = updated_at WHERE id = $1")
            .bind(license_id)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        if locked.rows_affected() == 0 {
            return Ok(Registration::Gone);
        }
        let released = sqlx::query(if reclaim {
            "DELETE FROM released_devices WHERE license_id = $1 AND device_id = $2"
        } else {
            "SELECT 1 AS one FROM released_devices WHERE license_id = $1 AND device_id = $2"
        })
        .bind(license_id)
        .bind(&device.device_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(err)?;
        if !reclaim && !released.is_empty() {
            return Ok(Registration::Released);
        }
        let known = sqlx::query("UPDATE devices SET last_seen = $1, hostname = $2, os = $3, arch = $4 WHERE license_id = $5 AND device_id = $6")
            .bind(device.last_seen)
            .bind(&device.hostname)
            .bind(&device.os)
            .bind(&device.arch)
            .bind(license_id)
            .bind(&device.device_id)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        let outcome = if known.rows_affected() == 1 {
            Registration::Known {
                registered: count_devices(&mut tx, license_id).await?,
            }
        } else {
            let n = count_devices(&mut tx, license_id).await?;
            if max > 0 && n >= max {
                Registration::Full { registered: n }
            } else {
                sqlx::query(
                    "INSERT INTO devices (license_id, device_id, hostname, os, arch, first_seen, last_seen) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(license_id)
                .bind(&device.device_id)
                .bind(&device.hostname)
                .bind(&device.os)
                .bind(&device.arch)
                .bind(device.first_seen)
                .bind(device.last_seen)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
                Registration::Added { registered: n + 1 }
            }
        };
        tx.commit().await.map_err(err)?;
        Ok(outcome)
    }

    /// Free a device's slot and remember that it was freed, so its next
    /// routine validation does not take the slot back; returns (removed,
    /// devices left).
    pub async fn remove_device(
        &self,
        license_id: &str,
        device_id: &str,
        now: i64,
    ) -> DbResult<(bool, i64)> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let r = sqlx::query("DELETE FROM devices WHERE license_id = $1 AND device_id = $2")
            .bind(license_id)
            .bind(device_id)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        sqlx::query(
            "INSERT INTO released_devices (license_id, device_id, released_at) \
             SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM licenses WHERE id = $1) \
             ON CONFLICT (license_id, device_id) DO UPDATE SET released_at = $3",
        )
        .bind(license_id)
        .bind(device_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(err)?;
        let left = count_devices(&mut tx, license_id).await?;
        tx.commit().await.map_err(err)?;
        Ok((r.rows_affected() == 1, left))
    }

    /// Apply `change` to license `id` and record `event` (its details are
    /// what `change` returns, when not null), in one
    /// transaction (the row is locked on PostgreSQL, so two concurrent
    /// changes never lose one another). Returns the changed row, `None`
    /// when unknown; `change` may refuse with a message.
    pub async fn modify(
        &self,
        id: &str,
        mut event: Event,
        change: impl FnOnce(&mut LicenseRow) -> Result<serde_json::Value, String>,
    ) -> DbResult<Option<Result<LicenseRow, String>>> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let lock = if self.backend == "postgres" {
            " FOR UPDATE"
        } else {
            ""
        };
        let q = format!("SELECT {LICENSE_COLUMNS} FROM licenses WHERE id = $1{lock}");
        let Some(row) = sqlx::query(&q)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(err)?
        else {
            return Ok(None);
        };
        let mut l = license(&row)?;
        match change(&mut l) {
            Err(why) => return Ok(Some(Err(why))),
            Ok(serde_json::Value::Null) => {}
            Ok(details) => event.details = details.to_string(),
        }
        l.updated_at = event.at;
        sqlx::query(
            "UPDATE licenses SET plan = $1, org = $2, features = $3, limits = $4, max_devices = $5, \
             expires = $6, expires_at = $7, revoked_at = $8, suspended_at = $9, suspend_reason = $10, \
             lease_ms = $11, heartbeat_ms = $12, updated_at = $13, expiry_notice_at = $15 WHERE id = $14",
        )
        .bind(&l.plan)
        .bind(&l.org)
        .bind(&l.features)
        .bind(&l.limits)
        .bind(l.max_devices)
        .bind(&l.expires)
        .bind(l.expires_at)
        .bind(l.revoked_at)
        .bind(l.suspended_at)
        .bind(&l.suspend_reason)
        .bind(l.lease_ms)
        .bind(l.heartbeat_ms)
        .bind(l.updated_at)
        .bind(id)
        .bind(l.expiry_notice_at)
        .execute(&mut *tx)
        .await
        .map_err(err)?;
        stamp_status(&mut tx, id).await?;
        insert_event(&mut tx, &event).await?;
        tx.commit().await.map_err(err)?;
        Ok(Some(Ok(l)))
    }

    /// Delete license `id` with its devices, and record `event`; false
    /// when unknown. Its events stay (the audit trail outlives it).
    pub async fn delete_license(&self, id: &str, event: &Event) -> DbResult<bool> {
        let mut tx = durable(&self.pool, self.backend).await?;
        for table in ["devices", "released_devices"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE license_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
        }
        let r = sqlx::query("DELETE FROM licenses WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        if r.rows_affected() == 1 {
            let serial = next_status_serial(&mut tx).await?;
            sqlx::query(
                "INSERT INTO status_tombstones (id, serial) VALUES ($1, $2) \
                 ON CONFLICT (id) DO UPDATE SET serial = $2",
            )
            .bind(id)
            .bind(serial)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
            insert_event(&mut tx, event).await?;
        }
        tx.commit().await.map_err(err)?;
        Ok(r.rows_affected() == 1)
    }

    /// The status list's changes after serial `since`, oldest first, at
    /// most `limit`, each with its serial.
    pub async fn status_since(&self, since: i64, limit: i64) -> DbResult<Vec<(i64, StatusChange)>> {
        let q = format!(
            "SELECT {LICENSE_COLUMNS}, status_serial FROM licenses WHERE status_serial > $1 \
             ORDER BY status_serial LIMIT $2"
        );
        let rows = sqlx::query(&q)
            .bind(since)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let serial: i64 = r.try_get("status_serial").map_err(err)?;
            out.push((serial, StatusChange::Stands(Box::new(license(r)?))));
        }
        let gone = sqlx::query(
            "SELECT id, serial FROM status_tombstones WHERE serial > $1 ORDER BY serial LIMIT $2",
        )
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(err)?;
        for r in &gone {
            let serial: i64 = r.try_get("serial").map_err(err)?;
            out.push((serial, StatusChange::Deleted(r.try_get("id").map_err(err)?)));
        }
        out.sort_by_key(|(serial, _)| *serial);
        out.truncate(limit.max(0) as usize);
        Ok(out)
    }

    /// Record events (batched protocol outcomes).
    pub async fn store_events(&self, events: &[Event]) -> DbResult<()> {
        if events.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await.map_err(err)?;
        for e in events {
            insert_event(&mut tx, e).await?;
        }
        tx.commit().await.map_err(err)
    }

    /// Record one event now, durably (admin actions without a row change).
    pub async fn record(&self, event: &Event) -> DbResult<()> {
        let mut tx = durable(&self.pool, self.backend).await?;
        insert_event(&mut tx, event).await?;
        tx.commit().await.map_err(err)
    }

    /// Events matching `f`, oldest first.
    pub async fn events(&self, f: &EventFilter) -> DbResult<Vec<Event>> {
        let prefix = f.kind.as_deref().filter(|k| k.ends_with('.'));
        let q = "SELECT id, at, license_id, device_id, type, actor, details FROM events \
             WHERE ($1 = '' OR license_id = $1) \
             AND ($2 = '' OR type = $2 OR ($3 <> '' AND substr(type, 1, length($3)) = $3)) \
             AND at >= $4 AND id > $5 ORDER BY id LIMIT $6";
        let rows = sqlx::query(q)
            .bind(f.license_id.clone().unwrap_or_default())
            .bind(f.kind.clone().unwrap_or_default())
            .bind(prefix.unwrap_or("").to_string())
            .bind(f.since.unwrap_or(0))
            .bind(f.after.clone().unwrap_or_default())
            .bind(f.limit)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        rows.iter().map(event_row).collect()
    }

    /// Release the slots of devices not seen within their license's
    /// heartbeat window at `now`; returns (license, device) of each. They
    /// are not marked freed: a device that comes back is registered again
    /// by its next check, while a slot is free.
    pub async fn expire_heartbeats(&self, now: i64) -> DbResult<Vec<(String, String)>> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let rows = sqlx::query(
            "SELECT d.license_id, d.device_id FROM devices d JOIN licenses l ON l.id = d.license_id \
             WHERE l.heartbeat_ms IS NOT NULL AND d.last_seen < $1 - l.heartbeat_ms LIMIT 10000",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await
        .map_err(err)?;
        let mut gone = Vec::new();
        for r in &rows {
            let (l, d): (String, String) = (
                r.try_get("license_id").map_err(err)?,
                r.try_get("device_id").map_err(err)?,
            );
            sqlx::query("DELETE FROM devices WHERE license_id = $1 AND device_id = $2")
                .bind(&l)
                .bind(&d)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
            insert_event(
                &mut tx,
                &Event::new(
                    now,
                    &l,
                    &d,
                    "device.released",
                    "server",
                    serde_json::json!({"reason": "heartbeat"}),
                ),
            )
            .await?;
            gone.push((l, d));
        }
        tx.commit().await.map_err(err)?;
        Ok(gone)
    }

    /// Ids of licenses revoked before `before` (for deletion after the TTL).
    pub async fn revoked_before(&self, before: i64) -> DbResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT id FROM licenses WHERE revoked_at IS NOT NULL AND revoked_at < $1 LIMIT 1000",
        )
        .bind(before)
        .fetch_all(&self.pool)
        .await
        .map_err(err)?;
        rows.iter().map(|r| r.try_get("id").map_err(err)).collect()
    }

    /// Delete events older than `before`.
    pub async fn forget_events(&self, before: i64) -> DbResult<u64> {
        let r = sqlx::query("DELETE FROM events WHERE at < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(err)?;
        Ok(r.rows_affected())
    }

    /// Store a named admin token's hash and record `event`; false when
    /// the name exists.
    pub async fn insert_token(
        &self,
        name: &str,
        scope: &str,
        sha256: &str,
        now: i64,
        by: &str,
        event: &Event,
    ) -> DbResult<bool> {
        let q = sqlx::query(
            "INSERT INTO admin_tokens (name, scope, token_sha256, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(scope)
        .bind(sha256)
        .bind(now)
        .bind(by);
        self.execute_recorded(q, event).await
    }

    /// Run `q` in a durable transaction, recording `event` with it when it
    /// changed a row; whether it did.
    async fn execute_recorded<'q>(
        &self,
        q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
        event: &Event,
    ) -> DbResult<bool> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let changed = q.execute(&mut *tx).await.map_err(err)?.rows_affected() == 1;
        if changed {
            insert_event(&mut tx, event).await?;
        }
        tx.commit().await.map_err(err)?;
        Ok(changed)
    }

    /// The (name, scope) of the active token with this hash, noting its use.
    pub async fn token_by_hash(
        &self,
        sha256: &str,
        now: i64,
    ) -> DbResult<Option<(String, String)>> {
        let row = sqlx::query(
            "SELECT name, scope FROM admin_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL",
        )
        .bind(sha256)
        .fetch_optional(&self.pool)
        .await
        .map_err(err)?;
        let Some(r) = row else { return Ok(None) };
        let name: String = r.try_get("name").map_err(err)?;
        // Best effort: the time of use is informative, not a decision.
        let _ = sqlx::query("UPDATE admin_tokens SET last_used_at = $1 WHERE name = $2")
            .bind(now)
            .bind(&name)
            .execute(&self.pool)
            .await;
        Ok(Some((name, r.try_get("scope").map_err(err)?)))
    }

    /// Every named token, oldest first.
    pub async fn tokens(&self) -> DbResult<Vec<TokenRow>> {
        let rows = sqlx::query(
            "SELECT name, scope, created_at, created_by, revoked_at, last_used_at FROM admin_tokens \
             ORDER BY created_at, name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(err)?;
        rows.iter()
            .map(|r| {
                Ok(TokenRow {
                    name: r.try_get("name").map_err(err)?,
                    scope: r.try_get("scope").map_err(err)?,
                    created_at: r.try_get("created_at").map_err(err)?,
                    created_by: r.try_get("created_by").map_err(err)?,
                    revoked_at: r.try_get("revoked_at").map_err(err)?,
                    last_used_at: r.try_get("last_used_at").map_err(err)?,
                })
            })
            .collect()
    }

    /// Revoke the active token `name` and record `event`; false when none.
    pub async fn revoke_token(&self, name: &str, now: i64, event: &Event) -> DbResult<bool> {
        let q = sqlx::query(
            "UPDATE admin_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(name);
        self.execute_recorded(q, event).await
    }

    /// Store a webhook endpoint (it starts after the newest event) and
    /// record `event`.
    pub async fn insert_webhook(&self, w: &WebhookRow, event: &Event) -> DbResult<()> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let cursor: Option<String> = sqlx::query("SELECT MAX(id) AS m FROM events")
            .fetch_one(&mut *tx)
            .await
            .map_err(err)?
            .try_get("m")
            .map_err(err)?;
        sqlx::query(
            "INSERT INTO webhooks (id, url, secret, events, cursor, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&w.id)
        .bind(&w.url)
        .bind(&w.secret)
        .bind(serde_json::json!(w.events).to_string())
        .bind(cursor.unwrap_or_default())
        .bind(w.created_at)
        .execute(&mut *tx)
        .await
        .map_err(err)?;
        insert_event(&mut tx, event).await?;
        tx.commit().await.map_err(err)
    }

    /// Webhook endpoints (with the disabled ones when `all`).
    pub async fn webhooks(&self, all: bool) -> DbResult<Vec<WebhookRow>> {
        let q = if all {
            "SELECT id, url, secret, events, created_at, disabled_at FROM webhooks ORDER BY created_at, id"
        } else {
            "SELECT id, url, secret, events, created_at, disabled_at FROM webhooks WHERE disabled_at IS NULL ORDER BY created_at, id"
        };
        let rows = sqlx::query(q).fetch_all(&self.pool).await.map_err(err)?;
        rows.iter()
            .map(|r| {
                let events: String = r.try_get("events").map_err(err)?;
                Ok(WebhookRow {
                    id: r.try_get("id").map_err(err)?,
                    url: r.try_get("url").map_err(err)?,
                    secret: r.try_get("secret").map_err(err)?,
                    events: serde_json::from_str(&events).unwrap_or_default(),
                    created_at: r.try_get("created_at").map_err(err)?,
                    disabled_at: r.try_get("disabled_at").map_err(err)?,
                })
            })
            .collect()
    }

    /// Disable an endpoint and record `event`; false when none is active.
    pub async fn disable_webhook(&self, id: &str, now: i64, event: &Event) -> DbResult<bool> {
        let mut tx = durable(&self.pool, self.backend).await?;
        let r = sqlx::query(
            "UPDATE webhooks SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(err)?;
        if r.rows_affected() == 1 {
            sqlx::query(
                "UPDATE deliveries SET status = 'failed', last_error = 'webhook disabled' \
                 WHERE webhook_id = $1 AND status = 'pending'",
            )
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
            insert_event(&mut tx, event).await?;
        }
        tx.commit().await.map_err(err)?;
        Ok(r.rows_affected() == 1)
    }

    /// For every active endpoint, queue a delivery of each event after its
    /// cursor that it `wants`, and move the cursor, in one transaction.
    pub async fn enqueue_deliveries(
        &self,
        now: i64,
        wants: fn(&[String], &str) -> bool,
    ) -> DbResult<()> {
        for w in self.webhooks(false).await? {
            let mut tx = durable(&self.pool, self.backend).await?;
            let cursor: String = sqlx::query("SELECT cursor FROM webhooks WHERE id = $1")
                .bind(&w.id)
                .fetch_one(&mut *tx)
                .await
                .map_err(err)?
                .try_get("cursor")
                .map_err(err)?;
            let rows =
                sqlx::query("SELECT id, type FROM events WHERE id > $1 ORDER BY id LIMIT 500")
                    .bind(&cursor)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(err)?;
            let Some(last) = rows.last() else { continue };
            let last: String = last.try_get("id").map_err(err)?;
            for r in &rows {
                let id: String = r.try_get("id").map_err(err)?;
                let kind: String = r.try_get("type").map_err(err)?;
                if !wants(&w.events, &kind) {
                    continue;
                }
                sqlx::query(
                    "INSERT INTO deliveries (id, webhook_id, event_id, status, attempts, next_at, created_at) \
                     VALUES ($1, $2, $3, 'pending', 0, $4, $4)",
                )
                .bind(new_id("dl_", now))
                .bind(&w.id)
                .bind(&id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
            }
            sqlx::query("UPDATE webhooks SET cursor = $1 WHERE id = $2")
                .bind(&last)
                .bind(&w.id)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
            tx.commit().await.map_err(err)?;
        }
        Ok(())
    }

    /// Pending deliveries due at `now`, oldest first.
    pub async fn due_deliveries(&self, now: i64, limit: i64) -> DbResult<Vec<Delivery>> {
        let q = format!(
            "{DELIVERY_SELECT} WHERE d.status = 'pending' AND d.next_at <= $1 AND w.disabled_at IS NULL \
             ORDER BY d.next_at, d.id LIMIT $2"
        );
        let rows = sqlx::query(&q)
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        rows.iter().map(delivery).collect()
    }

    /// An endpoint's deliveries, newest first.
    pub async fn deliveries(&self, webhook_id: &str, limit: i64) -> DbResult<Vec<Delivery>> {
        let q = format!("{DELIVERY_SELECT} WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2");
        let rows = sqlx::query(&q)
            .bind(webhook_id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        rows.iter().map(delivery).collect()
    }

    /// Record an attempt: delivered, or pending until `next_at`, or failed
    /// for good (`next_at` none and not delivered).
    #[allow(clippy::too_many_arguments)]
    pub async fn delivery_result(
        &self,
        id: &str,
        delivered: bool,
        attempts: i64,
        next_at: Option<i64>,
        status: Option<i64>,
        error: Option<&str>,
        now: i64,
    ) -> DbResult<()> {
        let state = match (delivered, next_at) {
            (true, _) => "delivered",
            (false, Some(_)) => "pending",
            (false, None) => "failed",
        };
        sqlx::query(
            "UPDATE deliveries SET status = $1, attempts = $2, next_at = $3, last_status = $4, \
             last_error = $5, delivered_at = $6 WHERE id = $7",
        )
        .bind(state)
        .bind(attempts)
        .bind(next_at.unwrap_or(now))
        .bind(status)
        .bind(error)
        .bind(delivered.then_some(now))
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(err)?;
        Ok(())
    }

    /// Make a delivery due again now, attempts reset; record `event`.
    pub async fn replay_delivery(&self, id: &str, now: i64, event: &Event) -> DbResult<bool> {
        let q = sqlx::query(
            "UPDATE deliveries SET status = 'pending', attempts = 0, next_at = $1 WHERE id = $2",
        )
        .bind(now)
        .bind(id);
        self.execute_recorded(q, event).await
    }

    /// Record `license.expiring` for licenses (not revoked) that end
    /// within `notice_ms` of `now` and have no notice for this expiry yet.
    pub async fn notice_expiring(&self, now: i64, notice_ms: i64) -> DbResult<usize> {
        let rows = sqlx::query(
            "SELECT id, expires, expires_at FROM licenses WHERE expires_at IS NOT NULL \
             AND expires_at > $1 AND expires_at <= $2 AND expiry_notice_at IS NULL \
             AND revoked_at IS NULL LIMIT 1000",
        )
        .bind(now)
        .bind(now.saturating_add(notice_ms))
        .fetch_all(&self.pool)
        .await
        .map_err(err)?;
        for r in &rows {
            let id: String = r.try_get("id").map_err(err)?;
            let expires: Option<String> = r.try_get("expires").map_err(err)?;
            let at: i64 = r.try_get("expires_at").map_err(err)?;
            let days = (at - now + 86_399_999) / 86_400_000;
            let mut tx = durable(&self.pool, self.backend).await?;
            sqlx::query("UPDATE licenses SET expiry_notice_at = $1 WHERE id = $2")
                .bind(now)
                .bind(&id)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
            let details = serde_json::json!({"expires": expires, "days_left": days});
            let ev = Event::new(now, &id, "", "license.expiring", "server", details);
            insert_event(&mut tx, &ev).await?;
            tx.commit().await.map_err(err)?;
        }
        Ok(rows.len())
    }

    /// Licenses matching `f`, by id, after `f.after` (the console's list).
    pub async fn search_licenses(&self, f: &LicenseFilter) -> DbResult<Vec<LicenseRow>> {
        let like = format!(
            "%{}%",
            f.query
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let status = match f.status.as_str() {
            "active" => "AND revoked_at IS NULL AND suspended_at IS NULL AND (expires_at IS NULL OR expires_at > $3)",
            "suspended" => "AND suspended_at IS NOT NULL AND revoked_at IS NULL",
            "revoked" => "AND revoked_at IS NOT NULL",
            "expired" => "AND expires_at IS NOT NULL AND expires_at <= $3",
            _ => "AND $3 = $3",
        };
        let q = format!(
            "SELECT {LICENSE_COLUMNS} FROM licenses WHERE id > $1 \
             AND (LOWER(id) LIKE $2 ESCAPE '\\' OR LOWER(org) LIKE $2 ESCAPE '\\' OR LOWER(plan) LIKE $2 ESCAPE '\\') \
             {status} AND ($4 = 0 OR (expires_at IS NOT NULL AND expires_at > $3 AND expires_at <= $3 + $4)) \
             ORDER BY id LIMIT $5"
        );
        let rows = sqlx::query(&q)
            .bind(&f.after)
            .bind(like)
            .bind(f.now)
            .bind(f.expiring_within_ms)
            .bind(f.limit)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        rows.iter().map(license).collect()
    }

    /// The license whose customer key hashes to `token_sha256` (portal sign-in).
    pub async fn license_by_token_hash(&self, token_sha256: &str) -> DbResult<Option<LicenseRow>> {
        let q = format!("SELECT {LICENSE_COLUMNS} FROM licenses WHERE token_sha256 = $1");
        let row = sqlx::query(&q)
            .bind(token_sha256)
            .fetch_optional(&self.pool)
            .await
            .map_err(err)?;
        row.as_ref().map(license).transpose()
    }

    /// The console overview's counts at `now`: (licenses, active,
    /// suspended, revoked, expiring within 30 days, devices).
    pub async fn overview(&self, now: i64) -> DbResult<[i64; 6]> {
        let month = 30 * 24 * 3600 * 1000i64;
        let r = sqlx::query(
            "SELECT COUNT(*) AS total, \
             CAST(COALESCE(SUM(CASE WHEN revoked_at IS NULL AND suspended_at IS NULL AND (expires_at IS NULL OR expires_at > $1) THEN 1 ELSE 0 END), 0) AS BIGINT) AS active, \
             CAST(COALESCE(SUM(CASE WHEN suspended_at IS NOT NULL AND revoked_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS suspended, \
             CAST(COALESCE(SUM(CASE WHEN revoked_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS revoked, \
             CAST(COALESCE(SUM(CASE WHEN expires_at > $1 AND expires_at <= $2 AND revoked_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS expiring, \
             (SELECT COUNT(*) FROM devices) AS devices FROM licenses",
        )
        .bind(now)
        .bind(now + month)
        .fetch_one(&self.pool)
        .await
        .map_err(err)?;
        let n = |k: &str| r.try_get::<i64, _>(k).map_err(err);
        Ok([
            n("total")?,
            n("active")?,
            n("suspended")?,
            n("revoked")?,
            n("expiring")?,
            n("devices")?,
        ])
    }

    /// The newest `limit` events matching `license_id` ("" = any) and one
    /// of `kinds` (empty = any), newest first.
    pub async fn recent_events(
        &self,
        license_id: &str,
        kinds: &[&str],
        limit: i64,
    ) -> DbResult<Vec<Event>> {
        let list = kinds
            .iter()
            .map(|k| format!("'{}'", k.replace('\'', "")))
            .collect::<Vec<_>>()
            .join(", ");
        let kinds_sql = if kinds.is_empty() {
            String::new()
        } else {
            format!("AND type IN ({list})")
        };
        let q = format!(
            "SELECT id, at, license_id, device_id, type, actor, details FROM events \
             WHERE ($1 = '' OR license_id = $1) {kinds_sql} ORDER BY id DESC LIMIT $2"
        );
        let rows = sqlx::query(&q)
            .bind(license_id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        rows.iter().map(event_row).collect()
    }

    /// Close the pool (graceful shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

const DELIVERY_SELECT: &str = "SELECT d.id, d.webhook_id, d.event_id, d.status, d.attempts, \
     d.next_at, d.last_status, d.last_error, d.created_at, d.delivered_at, w.url, w.secret, \
     e.at, e.license_id, e.device_id, e.type, e.actor, e.details \
     FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN events e ON e.id = d.event_id";

fn delivery(r: &AnyRow) -> DbResult<Delivery> {
    let event = Event {
        id: r.try_get("event_id").map_err(err)?,
        at: r.try_get("at").map_err(err)?,
        license_id: r.try_get("license_id").map_err(err)?,
        device_id: r.try_get("device_id").map_err(err)?,
        kind: r.try_get("type").map_err(err)?,
        actor: r.try_get("actor").map_err(err)?,
        details: r.try_get("details").map_err(err)?,
    };
    Ok(Delivery {
        id: r.try_get("id").map_err(err)?,
        webhook_id: r.try_get("webhook_id").map_err(err)?,
        event_id: event.id.clone(),
        event_type: event.kind.clone(),
        status: r.try_get("status").map_err(err)?,
        attempts: r.try_get("attempts").map_err(err)?,
        next_at: r.try_get("next_at").map_err(err)?,
        last_status: r.try_get("last_status").map_err(err)?,
        last_error: r.try_get("last_error").map_err(err)?,
        created_at: r.try_get("created_at").map_err(err)?,
        delivered_at: r.try_get("delivered_at").map_err(err)?,
        url: r.try_get("url").map_err(err)?,
        secret: r.try_get("secret").map_err(err)?,
        event,
    })
}

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
        }
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
    })
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
     max_devices, expires, expires_at, revoked_at, created_at";

const NONCE_INSERT: &str = "INSERT INTO nonces (license_id, nonce, seen_at) VALUES ($1, $2, $3) \
     ON CONFLICT (license_id, nonce) DO NOTHING";

/// A transaction whose commit is durable before it returns, on either
/// database (PostgreSQL sessions default to asynchronous commit here, for
/// the nonce inserts of routine validations).
async fn durable(pool: &AnyPool, backend: &str) -> DbResult<sqlx::Transaction<'static, sqlx::Any>> {
    let mut tx = pool.begin().await.map_err(err)?;
    if backend == "postgres" {
        sqlx::query("SET LOCAL synchronous_commit = on")
            .execute(&mut *tx)
            .await
            .map_err(err)?;
    }
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

    /// Close the pool (graceful shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

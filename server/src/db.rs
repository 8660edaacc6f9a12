//! The one SQL layer for SQLite and PostgreSQL: sqlx's `Any` driver with
//! portable SQL (`$N` placeholders, TEXT/BIGINT columns) and sqlx's
//! embedded migrations, run at start.
//!
//! The device limit holds under concurrency because every registration
//! runs in a transaction that first *writes* the license row: PostgreSQL
//! then holds that row's lock, SQLite its single write lock, so two
//! activations of one license are serialised and the count they check is
//! the count they commit against.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// Database errors, as text for logs (never shown to clients).
pub type DbResult<T> = Result<T, String>;

fn err(e: sqlx::Error) -> String {
    e.to_string()
}

/// A stored license.
#[derive(Debug, Clone)]
pub struct LicenseRow {
    /// License id.
    pub id: String,
    /// The signed token (the request-key source).
    pub token: String,
    /// Plan.
    pub plan: String,
    /// Organisation.
    pub org: String,
    /// Device limit, 0 = none.
    pub max_devices: i64,
    /// Expiry, unix ms.
    pub expires_at: Option<i64>,
    /// Revocation time, unix ms.
    pub revoked_at: Option<i64>,
    /// Creation time.
    pub created_at: i64,
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
}

/// The pool and which backend it talks to.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
}

fn license(r: &AnyRow) -> DbResult<LicenseRow> {
    Ok(LicenseRow {
        id: r.try_get("id").map_err(err)?,
        token: r.try_get("token").map_err(err)?,
        plan: r.try_get("plan").map_err(err)?,
        org: r.try_get("org").map_err(err)?,
        max_devices: r.try_get("max_devices").map_err(err)?,
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

const LICENSE_COLUMNS: &str =
    "id, token, plan, org, max_devices, expires_at, revoked_at, created_at";

impl Db {
    /// Connect (creating a SQLite file if needed) and run the migrations.
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
        let url = if backend == "sqlite" && !url.contains("mode=") {
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}mode=rwc")
        } else {
            url.to_string()
        };
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == "sqlite" { 4 } else { 16 })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == "sqlite" {
                        // WAL keeps readers off the writer's back; every
                        // answered write is committed (kill -9 loses nothing
                        // that was answered); writers wait instead of failing.
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = FULL",
                            "PRAGMA busy_timeout = 10000",
                            "PRAGMA foreign_keys = ON",
                        ] {
                            sqlx::query(pragma).execute(&mut *conn).await?;
                        }
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
        Ok(Db { pool, backend })
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Insert a license; false when the id exists.
    pub async fn insert_license(&self, l: &LicenseRow) -> DbResult<bool> {
        let r = sqlx::query(
            "INSERT INTO licenses (id, token, plan, org, max_devices, expires_at, revoked_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&l.id)
        .bind(&l.token)
        .bind(&l.plan)
        .bind(&l.org)
        .bind(l.max_devices)
        .bind(l.expires_at)
        .bind(l.created_at)
        .bind(l.created_at)
        .execute(&self.pool)
        .await
        .map_err(err)?;
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
        let r = sqlx::query(
            "UPDATE licenses SET revoked_at = COALESCE(revoked_at, $1), updated_at = $2 WHERE id = $3",
        )
        .bind(now)
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(err)?;
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

    /// Record a request nonce; false when it was seen before (replay).
    /// Nonces older than `forget_before` are dropped on the way.
    pub async fn remember_nonce(
        &self,
        license_id: &str,
        nonce: &str,
        now: i64,
        forget_before: i64,
    ) -> DbResult<bool> {
        sqlx::query("DELETE FROM nonces WHERE seen_at < $1")
            .bind(forget_before)
            .execute(&self.pool)
            .await
            .map_err(err)?;
        let r = sqlx::query(
            "INSERT INTO nonces (license_id, nonce, seen_at) VALUES ($1, $2, $3) \
             ON CONFLICT (license_id, nonce) DO NOTHING",
        )
        .bind(license_id)
        .bind(nonce)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(err)?;
        Ok(r.rows_affected() == 1)
    }

    /// Register `device` on `license_id` unless that would exceed `max`
    /// (0 = no limit), atomically (see the module docs).
    pub async fn register(
        &self,
        license_id: &str,
        device: &DeviceRow,
        max: i64,
    ) -> DbResult<Registration> {
        let mut tx = self.pool.begin().await.map_err(err)?;
        let locked = sqlx::query("UPDATE licenses SET updated_at = updated_at WHERE id = $1")
            .bind(license_id)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        if locked.rows_affected() == 0 {
            return Ok(Registration::Gone);
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

    /// Remove a device; returns (removed, devices left).
    pub async fn remove_device(&self, license_id: &str, device_id: &str) -> DbResult<(bool, i64)> {
        let mut tx = self.pool.begin().await.map_err(err)?;
        let r = sqlx::query("DELETE FROM devices WHERE license_id = $1 AND device_id = $2")
            .bind(license_id)
            .bind(device_id)
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

//! Where the access (RBAC) policy comes from and when it is re-read. The
//! decisions are the core's (docs/rbac.md); this module reads bytes and
//! watches a file's modification time, with the same rules as every host:
//!
//! - [`crate::LicensingBuilder::access_policy`] (text), else
//!   [`crate::LicensingBuilder::access_policy_file`], else
//!   `<PREFIX>_RBAC_POLICY` (inline), else `<PREFIX>_RBAC_POLICY_FILE`; the
//!   plain `RBAC_POLICY` / `RBAC_POLICY_FILE` only with
//!   [`crate::LicensingBuilder::rbac_plain_env`];
//! - a file is read bounded (1 MiB), regular files only, non-blocking; one
//!   that cannot be read at start fails `build()` naming it;
//! - its (mtime, size, inode) is looked at every reload interval (the
//!   builder's, else `<PREFIX>_RBAC_RELOAD_INTERVAL` seconds, else 30 s; 0:
//!   never), at the next decision after the interval.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::state_store::{file_stamp as stamp, Stamp};
use crate::{keysource, ErrorCode, LicenseError};

/// The largest policy file read, as the core's cap.
pub const MAX_POLICY_BYTES: u64 = 1 << 20;
/// How often the policy file's modification time is looked at by default.
pub const DEFAULT_ACCESS_RELOAD: Duration = Duration::from_secs(30);

/// What the builder was told about the policy.
#[derive(Default, Clone)]
pub(crate) struct AccessSettings {
    pub text: Option<String>,
    pub file: Option<PathBuf>,
    pub interval: Option<Duration>,
    pub plain_env: bool,
}

pub(crate) struct AccessSource {
    pub origin: String,
    text: Option<String>,
    file: Option<PathBuf>,
    interval: Duration,
    watch: Mutex<(Option<Stamp>, Instant)>,
}

fn config_error(message: String, field: &str) -> LicenseError {
    LicenseError::new(ErrorCode::InvalidConfig, message).with("field", field)
}

impl AccessSource {
    /// The configured source, or None when no policy is configured.
    pub fn resolve(
        s: &AccessSettings,
        product: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<AccessSource>, LicenseError> {
        let prefix = keysource::places(product).prefix;
        let mut names = vec![format!("{prefix}_RBAC_POLICY")];
        if s.plain_env {
            names.push("RBAC_POLICY".to_string());
        }
        let nonblank = |n: &str| env(n).filter(|v| !v.trim().is_empty());
        let (origin, text, file) = if let Some(t) = &s.text {
            ("explicit".to_string(), Some(t.clone()), None)
        } else if let Some(f) = &s.file {
            (format!("file:{}", f.display()), None, Some(f.clone()))
        } else {
            let found = names.iter().find_map(|n| {
                if let Some(v) = nonblank(n) {
                    Some((format!("env:{n}"), Some(v), None))
                } else {
                    nonblank(&format!("{n}_FILE"))
                        .map(|f| (format!("env:{n}_FILE"), None, Some(PathBuf::from(f.trim()))))
                }
            });
            match found {
                Some(f) => f,
                None => return Ok(None),
            }
        };
        let interval = match s.interval {
            Some(d) => d,
            None => {
                let var = names
                    .iter()
                    .map(|n| {
                        n.replace("_RBAC_POLICY", "_RBAC_RELOAD_INTERVAL")
                            .replace("RBAC_POLICY", "RBAC_RELOAD_INTERVAL")
                    })
                    .find_map(|n| nonblank(&n).map(|v| (n, v)));
                match var {
                    None => DEFAULT_ACCESS_RELOAD,
                    Some((n, v)) => {
                        let secs: f64 = v.trim().parse().ok().filter(|s: &f64| s.is_finite()).ok_or_else(|| {
                            config_error(
                                format!("{n}={v:?} is not a number of seconds; set it to e.g. 30, or 0 to never re-read the file"),
                                &n,
                            )
                        })?;
                        Duration::from_secs_f64(secs.max(0.0))
                    }
                }
            }
        };
        let first = file.as_deref().and_then(stamp);
        Ok(Some(AccessSource {
            origin,
            text,
            file,
            interval,
            watch: Mutex::new((first, Instant::now() + interval)),
        }))
    }

    /// The policy's text; an unreadable file is `invalid-config` naming it.
    pub fn read(&self) -> Result<(String, Option<Stamp>), LicenseError> {
        let Some(path) = &self.file else {
            return Ok((self.text.clone().unwrap_or_default(), None));
        };
        let seen = stamp(path);
        let unreadable = |why: String| {
            config_error(
                format!(
                    "the RBAC policy file {:?} cannot be read ({why}); fix the path or its permissions, or unset the setting",
                    path.display().to_string()
                ),
                "RBAC_POLICY_FILE",
            )
        };
        let bytes = crate::state_store::read_bounded(path, MAX_POLICY_BYTES)
            .map_err(|e| unreadable(crate::state_store::read_error(&e)))?;
        let text = String::from_utf8(bytes).map_err(|_| unreadable("not UTF-8 text".into()))?;
        Ok((text, seen))
    }

    /// Remember the file as read at `seen`.
    pub fn seen(&self, seen: Option<Stamp>) {
        self.watch.lock().unwrap_or_else(|p| p.into_inner()).0 = seen;
    }

    /// Whether the file changed since it was read, looking no more than
    /// once per interval.
    pub fn due(&self) -> bool {
        let Some(path) = &self.file else {
            return false;
        };
        if self.interval.is_zero() {
            return false;
        }
        let mut w = self.watch.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if now < w.1 {
            return false;
        }
        w.1 = now + self.interval;
        stamp(path) != w.0
    }
}

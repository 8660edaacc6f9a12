//! The product policy file, re-read when it changes, like the key: its
//! (modification time, size, inode) are compared whenever the snapshot is
//! recomputed. A changed file that the core refuses, or that cannot be
//! read, leaves the policy in force and is logged.

use std::path::{Path, PathBuf};

use licensewarden_guest::error::{ErrorCode, LicenseError};

use crate::state_store::{file_stamp as stamp, Stamp};

/// Largest policy file read, as the core's cap.
pub const MAX_POLICY_FILE: u64 = 64 * 1024;

/// A policy file and what it looked like when last read.
#[derive(Debug)]
pub struct PolicyFile {
    path: PathBuf,
    stamp: Option<Stamp>,
}

impl PolicyFile {
    /// Read `path` for the first time: an unusable file fails the build.
    pub fn open(path: PathBuf) -> Result<(PolicyFile, String), LicenseError> {
        let stamp = stamp(&path);
        let text = read(&path)?;
        Ok((PolicyFile { path, stamp }, text))
    }

    /// The file's text when it changed since the last look, else `None`; a
    /// changed file that cannot be read is an error (the caller keeps the
    /// policy in force and logs it).
    pub fn changed(&mut self) -> Option<Result<String, LicenseError>> {
        let now = stamp(&self.path);
        if now == self.stamp {
            return None;
        }
        self.stamp = now;
        Some(read(&self.path))
    }

    /// Where the file is, for log lines.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn read(path: &Path) -> Result<String, LicenseError> {
    let shown = licensewarden_guest::escape::printable(&path.display().to_string(), 256);
    let bytes = crate::state_store::read_bounded(path, MAX_POLICY_FILE).map_err(|e| {
        LicenseError::new(
            ErrorCode::InvalidConfig,
            format!(
                "policy file {shown}: {}; pass a regular JSON file of at most 64 KiB (docs/policy.md)",
                crate::state_store::read_error(&e)
            ),
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        LicenseError::new(
            ErrorCode::InvalidConfig,
            format!("policy file {shown} is not UTF-8 text"),
        )
    })
}

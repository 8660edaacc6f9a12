//! The state store the component imports: one small file per slot under
//! the product's state directory, written atomically (temp file + rename)
//! with mode 0600, read with a size cap from regular files only. An
//! unreadable or corrupt slot reads as absent and the problem is kept for
//! `Licensing::host_problems`, never a crash. Tests and conformance runs
//! use the in-memory variant.
//!
//! Rollback witnesses (slots `witness-...`) go to a second directory when
//! one is set, so putting one state file back does not put them back too
//! (docs/online-protocol.md, "Rollback witnesses").

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::UNIX_EPOCH;

use licensewarden_guest::online::WITNESS_PREFIX;

/// Files the operating system stamps as its clock moves (systemd-timesyncd
/// touches this one at every synchronisation): a clock set back behind
/// their modification time is a rollback.
const OS_TIME_FILES: &[&str] = &["/var/lib/systemd/timesync/clock"];
/// Entries of a store directory looked at for modification times.
const MAX_DIR_ENTRIES: usize = 64;

/// Largest slot accepted, in bytes.
pub const MAX_SLOT_BYTES: u64 = 1 << 20;

/// File-backed (or in-memory) slots.
#[derive(Debug, Clone)]
pub struct FileStore {
    dir: Option<PathBuf>,
    witness_dir: Option<PathBuf>,
    memory: Option<Arc<Mutex<BTreeMap<String, String>>>>,
    /// What `newest_change` answers for an in-memory store (conformance
    /// vectors inject file times with it).
    observed: Arc<AtomicU64>,
}

fn slot_ok(slot: &str) -> bool {
    (1..=64).contains(&slot.len())
        && slot
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !slot.starts_with('.')
}

impl FileStore {
    /// A store under `dir`; `None` keeps nothing (every load is absent).
    pub fn new(dir: Option<PathBuf>) -> FileStore {
        FileStore {
            dir,
            witness_dir: None,
            memory: None,
            observed: Arc::default(),
        }
    }

    /// Keep rollback witnesses under `dir` instead of the state directory.
    pub fn with_witness_dir(mut self, dir: Option<PathBuf>) -> FileStore {
        self.witness_dir = dir;
        self
    }

    /// Set what an in-memory store reports as its newest file change.
    pub fn set_newest_change(&self, ms: u64) {
        self.observed.store(ms, Ordering::SeqCst);
    }

    /// The newest modification time (unix ms) of the store's directories,
    /// their slot files and the OS's time files; 0 when none is readable.
    pub fn newest_change(&self) -> u64 {
        if self.memory.is_some() || self.dir.is_none() {
            return self.observed.load(Ordering::SeqCst);
        }
        let mut paths: Vec<PathBuf> = OS_TIME_FILES.iter().map(PathBuf::from).collect();
        for d in [&self.dir, &self.witness_dir].into_iter().flatten() {
            paths.push(d.clone());
            if let Ok(entries) = std::fs::read_dir(d) {
                paths.extend(
                    entries
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "state"))
                        .take(MAX_DIR_ENTRIES),
                );
            }
        }
        paths
            .iter()
            .filter_map(|p| std::fs::symlink_metadata(p).ok()?.modified().ok())
            .filter_map(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .max()
            .unwrap_or(0)
    }

    /// Slots kept in memory, shared by every clone (a process "restart" in
    /// tests keeps them).
    pub fn memory() -> FileStore {
        FileStore {
            dir: None,
            witness_dir: None,
            memory: Some(Arc::default()),
            observed: Arc::default(),
        }
    }

    /// Whether slots live in memory.
    pub fn is_memory(&self) -> bool {
        self.memory.is_some()
    }

    /// Remove a slot (tests: a deleted witness).
    pub fn remove(&self, slot: &str) {
        if let Some(m) = &self.memory {
            m.lock().unwrap_or_else(|p| p.into_inner()).remove(slot);
        } else if let Ok(p) = self.path(slot) {
            let _ = std::fs::remove_file(p);
        }
    }

    /// Replace a slot's raw content (tests: tampering, foreign state).
    pub fn put_raw(&self, slot: &str, data: &str) {
        if let Some(m) = &self.memory {
            m.lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(slot.into(), data.into());
        } else if let Ok(p) = self.path(slot) {
            let _ = write_atomic(&p, data.as_bytes());
        }
    }

    fn path(&self, slot: &str) -> Result<PathBuf, String> {
        let dir = self.dir.as_ref().ok_or("no state directory configured")?;
        if !slot_ok(slot) {
            return Err(format!("invalid slot name {slot:?}"));
        }
        let dir = match &self.witness_dir {
            Some(w) if slot.starts_with(WITNESS_PREFIX) => w,
            _ => dir,
        };
        Ok(dir.join(format!("{slot}.state")))
    }

    /// Read a slot; `Err` describes why a present slot could not be used.
    pub fn load(&self, slot: &str) -> Result<Option<String>, String> {
        if let Some(m) = &self.memory {
            return Ok(m
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(slot)
                .cloned());
        }
        let path = self.path(slot)?;
        let bytes = match read_bounded(&path, MAX_SLOT_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        // Bytes that are not UTF-8 are passed on with U+FFFD in their
        // place: they fail the core's seal check and show as
        // `state-tampered`, like any other edit, instead of as a missing
        // state.
        Ok(Some(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }))
    }

    /// Write a slot atomically.
    pub fn save(&self, slot: &str, data: &str) -> Result<(), String> {
        if let Some(m) = &self.memory {
            m.lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(slot.into(), data.into());
            return Ok(());
        }
        let path = self.path(slot)?;
        write_atomic(&path, data.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Read at most `cap` bytes from a regular file, opened non-blocking so a
/// FIFO or device never hangs the caller; larger files are refused.
pub fn read_bounded(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc_o_nonblock());
    }
    let f = opts.open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut buf = Vec::new();
    f.take(cap + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {cap} bytes"),
        ));
    }
    Ok(buf)
}

/// What a watched file looked like: (modification time, size, inode).
pub(crate) type Stamp = (std::time::SystemTime, u64, u64);

/// The stamp of the file at `path`, or None when it cannot be looked at;
/// a change in any part means the file is read again.
pub(crate) fn file_stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let inode = 0;
    Some((m.modified().ok()?, m.len(), inode))
}

/// The operator-facing reason a bounded read failed.
pub fn read_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => e.to_string(),
        _ if e.raw_os_error() == Some(21) => "not a regular file".into(),
        _ => format!("cannot read: {e}"),
    }
}

#[cfg(unix)]
fn libc_o_nonblock() -> i32 {
    // O_NONBLOCK: 0o4000 on Linux, 0x4 on the BSDs and macOS.
    if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    )) {
        0x4
    } else {
        0o4000
    }
}

/// Write `data` to `path` via a temp file in the same directory and a
/// rename, so readers see the old or the new content, never half of one.
pub fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map_or("slot".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp)?;
    f.write_all(data)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_atomically_with_private_mode_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("lg-store-{}", std::process::id()));
        let s = FileStore::new(Some(dir.clone()));
        assert_eq!(s.load("cache").unwrap(), None);
        s.save("cache", "hello").unwrap();
        assert_eq!(s.load("cache").unwrap().as_deref(), Some("hello"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("cache.state"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Not UTF-8: passed on with U+FFFD, so the core reports it as
        // tampered rather than absent.
        std::fs::write(dir.join("bad.state"), [b'a', 0xff, 0xfe]).unwrap();
        assert_eq!(s.load("bad").unwrap().as_deref(), Some("a\u{fffd}\u{fffd}"));
        assert!(s.save("../escape", "x").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn witnesses_live_apart_and_file_times_are_observed() {
        let base = std::env::temp_dir().join(format!("lg-witness-{}", std::process::id()));
        let (state, witness) = (base.join("state"), base.join("witness"));
        let s = FileStore::new(Some(state.clone())).with_witness_dir(Some(witness.clone()));
        s.save("validation", "s").unwrap();
        s.save("witness-0123456789abcdef", "w").unwrap();
        assert!(state.join("validation.state").is_file());
        assert!(witness.join("witness-0123456789abcdef.state").is_file());
        assert!(!state.join("witness-0123456789abcdef.state").exists());
        let written = std::fs::metadata(witness.join("witness-0123456789abcdef.state"))
            .unwrap()
            .modified()
            .unwrap()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        assert!(s.newest_change() >= written);
        std::fs::remove_dir_all(base).unwrap();
        let m = FileStore::memory();
        assert_eq!(m.newest_change(), 0);
        m.set_newest_change(42);
        assert_eq!(m.newest_change(), 42);
    }
}

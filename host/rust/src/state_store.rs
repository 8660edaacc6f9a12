//! The state store the component imports: one small file per slot under
//! the product's state directory, written atomically (temp file + rename)
//! with mode 0600. An unreadable or corrupt slot reads as absent, and the
//! problem is reported through the `on_problem` callback, never a crash.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Largest slot accepted, in bytes.
pub const MAX_SLOT_BYTES: u64 = 1 << 20;

/// File-backed slots.
#[derive(Debug, Clone)]
pub struct FileStore {
    dir: Option<PathBuf>,
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
        FileStore { dir }
    }

    fn path(&self, slot: &str) -> Result<PathBuf, String> {
        let dir = self.dir.as_ref().ok_or("no state directory configured")?;
        if !slot_ok(slot) {
            return Err(format!("invalid slot name {slot:?}"));
        }
        Ok(dir.join(format!("{slot}.state")))
    }

    /// Read a slot; `Err` describes why a present slot could not be used.
    pub fn load(&self, slot: &str) -> Result<Option<String>, String> {
        let path = self.path(slot)?;
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        if meta.len() > MAX_SLOT_BYTES {
            return Err(format!(
                "{}: larger than {MAX_SLOT_BYTES} bytes",
                path.display()
            ));
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{}: not UTF-8, ignored", path.display()))
    }

    /// Write a slot atomically.
    pub fn save(&self, slot: &str, data: &str) -> Result<(), String> {
        let path = self.path(slot)?;
        write_atomic(&path, data.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
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
        std::fs::write(dir.join("bad.state"), [0xff, 0xfe]).unwrap();
        assert!(s.load("bad").is_err());
        assert!(s.save("../escape", "x").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}

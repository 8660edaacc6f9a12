//! Bounded reads for the vendor's files (private keys, tokens): a FIFO or a
//! device named by mistake never hangs the tool, and a huge file is refused.

use std::io::Read as _;
use std::path::Path;

/// Read at most `cap` bytes from a regular file, opened non-blocking so a
/// FIFO or device never hangs the caller; larger files are refused
/// (`InvalidData`), other kinds of file too (`InvalidInput`).
pub fn read_bounded(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: 0o4000 on Linux, 0x4 on the BSDs and macOS.
        let nonblock = if cfg!(any(target_os = "linux", target_os = "android")) {
            0o4000
        } else {
            0x4
        };
        opts.custom_flags(nonblock);
    }
    let f = opts.open(path)?;
    if !f.metadata()?.is_file() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_files_and_directories_are_refused() {
        let dir = std::env::temp_dir().join(format!("lw-issue-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("big"), vec![b'x'; 100]).unwrap();
        let e = read_bounded(&dir.join("big"), 99).unwrap_err();
        assert_eq!(read_error(&e), "larger than 99 bytes");
        let e = read_bounded(&dir, 99).unwrap_err();
        assert_eq!(read_error(&e), "not a regular file");
        assert_eq!(read_bounded(&dir.join("big"), 100).unwrap().len(), 100);
        std::fs::remove_dir_all(&dir).ok();
    }
}

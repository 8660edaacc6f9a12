//! `licensewarden agent`: one process holds the license for its host and
//! makes the online checks; the host's other processes connect to its Unix
//! socket and get the key and the license server's last signed answer,
//! which their own core checks again (docs/agent.md).
//!
//! The socket is made in a private directory beside its path, given its
//! mode (0600, or 0660 with the group) and only then moved into place, so
//! no other user can connect in between. Each connection gets one message
//! and is closed; nothing is read from it.

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use licensewarden_guest::escape;

use super::{fail, LicenseArgs};

/// How long a slow reader may hold the agent.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// Serve the license on `socket` (else `<PRODUCT>_LICENSE_AGENT`) until
/// killed.
pub fn serve(args: &LicenseArgs, socket: Option<PathBuf>, group: Option<&str>) -> ExitCode {
    let var = licensewarden::keysource::places(&args.product).agent_var;
    let Some(path) = socket.or_else(|| std::env::var_os(&var).map(PathBuf::from)) else {
        return fail(format!(
            "the agent serves a Unix socket: pass --socket PATH or set {var}"
        ));
    };
    if args.server.is_none() {
        return fail(
            "the agent makes the online checks for its host: pass --server URL --server-key FILE",
        );
    }
    let gid = match group.map(group_id).transpose() {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    // Before any check: a path that cannot be served registers nothing.
    if let Err(e) = free(&path) {
        return fail(e);
    }
    let lic = match args.build_with(true) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    // The first check now, so the first process served gets an answer.
    let _ = lic.validate_if_due();
    let listener = match listen(&path, gid) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let info = lic.info();
    println!(
        "licensewarden agent: serving {} ({}) on {} (mode {})",
        escape::printable(info.license_id.as_deref().unwrap_or("no license"), 128),
        info.status.as_str(),
        shown(&path),
        if gid.is_some() { "0660" } else { "0600" }
    );
    let _ = std::io::stdout().flush();
    for conn in listener.incoming() {
        let Ok(mut conn) = conn else { continue };
        // A changed key file or a renewal is in the message at once.
        let _ = lic.snapshot();
        let message = match lic.agent_message() {
            Ok(Some(m)) => m,
            // No key yet: an empty answer, which the process reports.
            _ => String::new(),
        };
        let _ = conn.set_write_timeout(Some(WRITE_TIMEOUT));
        let _ = conn.write_all(message.as_bytes());
    }
    ExitCode::SUCCESS
}

fn shown(p: &Path) -> String {
    escape::printable(&p.display().to_string(), 256)
}

/// A group's id, from a number or its name in /etc/group.
fn group_id(name: &str) -> Result<u32, String> {
    if let Ok(id) = name.parse() {
        return Ok(id);
    }
    let groups = licensewarden_issue::files::read_bounded(Path::new("/etc/group"), 4 << 20)
        .map_err(|e| format!("/etc/group: {e}"))?;
    String::from_utf8_lossy(&groups)
        .lines()
        .find_map(|l| {
            let mut f = l.split(':');
            (f.next() == Some(name)).then(|| f.nth(1)?.parse().ok())?
        })
        .ok_or_else(|| format!("--group {}: no such group", escape::printable(name, 64)))
}

/// Make `path` free for a socket: nothing there, or a socket nobody serves
/// (removed); never another kind of file.
fn free(path: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_socket() => {
            if UnixStream::connect(path).is_ok() {
                return Err(format!("another agent serves {} already", shown(path)));
            }
            std::fs::remove_file(path).map_err(|e| format!("{}: {e}", shown(path)))?;
        }
        Ok(_) => {
            return Err(format!(
                "{} exists and is not a socket; it is left as it is: choose another --socket",
                shown(path)
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: {e}", shown(path))),
    }
    Ok(())
}

/// Listen on `path` with mode 0600 (0660 and group `gid` when given),
/// replacing a socket nobody serves; never another kind of file.
fn listen(path: &Path, gid: Option<u32>) -> Result<UnixListener, String> {
    free(path)?;
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Short names: a socket path has at most 107 bytes.
    let private = parent.join(format!(".lwa{}", std::process::id()));
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&private)
        .map_err(|e| format!("{}: {e}", shown(&private)))?;
    let staged = private.join("s");
    let bound = (|| {
        let l = UnixListener::bind(&staged).map_err(|e| format!("{}: {e}", shown(path)))?;
        let mode = if gid.is_some() { 0o660 } else { 0o600 };
        std::fs::set_permissions(&staged, std::fs::Permissions::from_mode(mode))
            .map_err(|e| format!("{}: {e}", shown(path)))?;
        if let Some(g) = gid {
            std::os::unix::fs::chown(&staged, None, Some(g))
                .map_err(|e| format!("{}: group {g}: {e}", shown(path)))?;
        }
        std::fs::rename(&staged, path).map_err(|e| format!("{}: {e}", shown(path)))?;
        Ok(l)
    })();
    let _ = std::fs::remove_dir_all(&private);
    bound
}

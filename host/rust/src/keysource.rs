//! Where the license key comes from, in order: an explicit key, the
//! `<PRODUCT>_LICENSE_KEY` variable, the file named by
//! `<PRODUCT>_LICENSE_KEY_FILE`, then `~/.<product>/license.key`. From a file
//! the first non-empty line is used. No key anywhere means community tier.

use std::path::{Path, PathBuf};

use licensewarden_guest::key_sources::{self, Found, Step};
pub use licensewarden_guest::key_sources::{trim_key, KeyInput as Resolved, Places};
pub use licensewarden_guest::unreadable::Reason;

/// Where to look for `product`'s key: the variable names and the home
/// file, from the core's rule.
pub fn places(product: &str) -> Places {
    key_sources::places(product)
}

/// The first non-empty line of `text`, trimmed (the core's key-file rule).
pub fn first_key_line(text: &str) -> Option<String> {
    let file = key_sources::KeyFile {
        path: String::new(),
        source: String::new(),
        optional: false,
    };
    match key_sources::from_file(&file, Ok(text.as_bytes())) {
        Resolved::Key { token, .. } => Some(token),
        _ => None,
    }
}

/// Inputs to resolution, injectable for tests.
pub struct Sources<'a> {
    /// Product name.
    pub product: &'a str,
    /// Key given in code.
    pub explicit: Option<&'a str>,
    /// Environment lookup.
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// Home directory.
    pub home: Option<PathBuf>,
}

/// The license file under the home directory.
pub fn default_key_file(product: &str, home: Option<&PathBuf>) -> Option<PathBuf> {
    home.map(|h| {
        places(product)
            .home_file
            .iter()
            .fold(h.clone(), |p, c| p.join(c))
    })
}

/// The directory name under the home directory: `.acme-net` for `Acme Net`.
pub fn dir_name(product: &str) -> String {
    let dot = places(product).home_file.swap_remove(0);
    dot.strip_prefix('.').unwrap_or(&dot).to_string()
}

/// Resolve the key by the core's rule; this only looks up the variables
/// and reads the file the rule names. A named file that cannot be used
/// resolves to its reason (the core rejects the license naming it), so the
/// operator sees the problem instead of a silent community tier.
pub fn resolve(s: &Sources<'_>) -> Resolved {
    let places = places(s.product);
    let found = Found {
        explicit: s.explicit.map(Into::into),
        key_var: (s.env)(&places.key_var),
        file_var: (s.env)(&places.file_var),
        home_file: default_key_file(s.product, s.home.as_ref()).map(|p| p.display().to_string()),
    };
    match key_sources::find(s.product, &found) {
        Step::Done(k) => k,
        Step::Read(file) => {
            let read = crate::state_store::read_bounded(
                Path::new(&file.path),
                key_sources::MAX_KEY_FILE_BYTES,
            );
            let detail = read
                .as_ref()
                .err()
                .map(ToString::to_string)
                .unwrap_or_default();
            key_sources::from_file(
                &file,
                read.as_deref()
                    .map_err(|e| (unreadable_reason(e), detail.as_str())),
            )
        }
    }
}

/// The reason for a failed bounded read (`read_bounded` reports an
/// oversized file as `InvalidData`, a non-regular one as `InvalidInput`).
pub fn unreadable_reason(e: &std::io::Error) -> Reason {
    match e.kind() {
        std::io::ErrorKind::NotFound => Reason::NotFound,
        std::io::ErrorKind::PermissionDenied => Reason::PermissionDenied,
        std::io::ErrorKind::InvalidData => Reason::TooLarge,
        std::io::ErrorKind::InvalidInput => Reason::NotARegularFile,
        _ if e.raw_os_error() == Some(21) => Reason::NotARegularFile,
        _ => Reason::Other,
    }
}

/// An environment lookup.
pub(crate) type EnvFn = std::sync::Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The key sources one `Licensing` resolves, every reload interval.
pub(crate) struct Resolver {
    pub(crate) product: String,
    pub(crate) explicit: Option<String>,
    pub(crate) env: EnvFn,
    pub(crate) home: Option<PathBuf>,
    /// A product policy file is watched too, so the snapshot is recomputed
    /// every reload interval even with an explicit key.
    pub(crate) policy_file: bool,
}

impl Resolver {
    pub(crate) fn resolve(&self) -> Resolved {
        resolve(&Sources {
            product: &self.product,
            explicit: self.explicit.as_deref(),
            env: &*self.env,
            home: self.home.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("lg-ks-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn explicit_beats_env_beats_file_var_beats_home_file() {
        let home = tmp("order");
        std::fs::create_dir_all(home.join(".acme-net")).unwrap();
        std::fs::write(
            home.join(".acme-net/license.key"),
            "\n  home-key \nsecond\n",
        )
        .unwrap();
        std::fs::write(home.join("k.txt"), "file-key\n").unwrap();
        let file = home.join("k.txt").display().to_string();
        let env = move |n: &str| match n {
            "ACME_NET_LICENSE_KEY" => Some("env-key\n".to_string()),
            "ACME_NET_LICENSE_KEY_FILE" => Some(file.clone()),
            _ => None,
        };
        let mut s = Sources {
            product: "acme net",
            explicit: Some("x"),
            env: &env,
            home: Some(home.clone()),
        };
        assert_eq!(resolve(&s).source(), "explicit");
        s.explicit = None;
        assert_eq!(resolve(&s).token(), Some("env-key"));
        let only_file = |n: &str| {
            (n == "ACME_NET_LICENSE_KEY_FILE").then(|| home.join("k.txt").display().to_string())
        };
        s.env = &only_file;
        assert_eq!(resolve(&s).token(), Some("file-key"));
        assert!(resolve(&s)
            .source()
            .ends_with("(ACME_NET_LICENSE_KEY_FILE)"));
        let nothing = |_: &str| None;
        s.env = &nothing;
        assert_eq!(resolve(&s).token(), Some("home-key"));
        s.home = Some(tmp("empty-home"));
        assert_eq!(resolve(&s), Resolved::None);
    }

    #[test]
    fn unreadable_named_file_is_reported_not_silently_community() {
        let env = |n: &str| (n == "P_LICENSE_KEY_FILE").then(|| "/nonexistent/lg.key".to_string());
        let r = resolve(&Sources {
            product: "p",
            explicit: None,
            env: &env,
            home: None,
        });
        assert_eq!(r.token(), None);
        assert!(matches!(
            r,
            Resolved::Unreadable {
                reason: Reason::NotFound,
                ..
            }
        ));
    }

    #[test]
    fn key_files_are_read_bounded_and_never_block() {
        let dir = tmp("bounded");
        std::fs::write(dir.join("big"), vec![b'x'; 70 * 1024]).unwrap();
        let fifo = dir.join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let via = |p: &std::path::Path| {
            let p = p.display().to_string();
            let env = move |n: &str| (n == "P_LICENSE_KEY_FILE").then(|| p.clone());
            resolve(&Sources {
                product: "p",
                explicit: None,
                env: &env,
                home: None,
            })
        };
        let reason = |r: Resolved| match r {
            Resolved::Unreadable { reason, .. } => Some(reason),
            _ => None,
        };
        assert_eq!(reason(via(&dir.join("big"))), Some(Reason::TooLarge));
        assert_eq!(reason(via(&fifo)), Some(Reason::NotARegularFile));
        assert_eq!(
            reason(via(std::path::Path::new("/dev/zero"))),
            Some(Reason::NotARegularFile)
        );
        assert_eq!(reason(via(&dir)), Some(Reason::NotARegularFile));
    }
}

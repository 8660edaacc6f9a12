//! Where the license key comes from, in order: an explicit key, the
//! `<PRODUCT>_LICENSE_KEY` variable, the file named by
//! `<PRODUCT>_LICENSE_KEY_FILE`, then `~/.<product>/license.key`. From a file
//! the first non-empty line is used. No key anywhere means community tier.

use std::path::PathBuf;

pub use licensewarden_guest::unreadable::Reason;

/// A resolved key and a description of where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The key text, trimmed; `None` when no source had one or the named
    /// file could not be used.
    pub token: Option<String>,
    /// For `info`: `explicit`, `env:NAME`, `file:PATH (NAME)`, `file:PATH`, `none`.
    pub source: String,
    /// Why the named key file could not be used, with the platform's words
    /// for [`Reason::Other`]; the core words the message.
    pub unreadable: Option<(Reason, String)>,
}

impl Resolved {
    fn found(token: String, source: String) -> Resolved {
        Resolved {
            token: Some(token),
            source,
            unreadable: None,
        }
    }

    fn nothing() -> Resolved {
        Resolved {
            token: None,
            source: "none".into(),
            unreadable: None,
        }
    }
}

/// `Acme Net` -> `ACME_NET`.
pub fn env_prefix(product: &str) -> String {
    product
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// `Acme Net` -> `acme-net`.
pub fn dir_name(product: &str) -> String {
    product
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Trims a key as every host does (tests/vectors/resolve.json): a leading
/// byte-order mark (editors on Windows write one), then surrounding ASCII
/// whitespace (space, tab, CR, LF, VT, FF). Nothing else: a key is ASCII, so
/// any other character is part of what the core judges.
pub fn trim_key(s: &str) -> &str {
    s.strip_prefix('\u{feff}')
        .unwrap_or(s)
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0b' | '\x0c'))
}

/// The first non-empty line of a key file (lines end at LF only), trimmed.
pub fn first_key_line(text: &str) -> Option<String> {
    text.split('\n')
        .map(trim_key)
        .find(|l| !l.is_empty())
        .map(str::to_string)
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
        h.join(format!(".{}", dir_name(product)))
            .join("license.key")
    })
}

/// Resolve the key. A named file that cannot be used resolves to its reason
/// (the core rejects the license naming it), so the operator sees the
/// problem instead of a silent community tier.
pub fn resolve(s: &Sources<'_>) -> Resolved {
    if let Some(k) = s.explicit {
        return Resolved::found(trim_key(k).to_string(), "explicit".into());
    }
    let prefix = env_prefix(s.product);
    let var = format!("{prefix}_LICENSE_KEY");
    if let Some(v) = (s.env)(&var).filter(|v| !trim_key(v).is_empty()) {
        return Resolved::found(trim_key(&v).to_string(), format!("env:{var}"));
    }
    let file_var = format!("{prefix}_LICENSE_KEY_FILE");
    if let Some(p) = (s.env)(&file_var).filter(|v| !trim_key(v).is_empty()) {
        return from_file(PathBuf::from(trim_key(&p)), Some(&file_var));
    }
    match default_key_file(s.product, s.home.as_ref()) {
        Some(p) if p.exists() => from_file(p, None),
        _ => Resolved::nothing(),
    }
}

fn from_file(path: PathBuf, var: Option<&str>) -> Resolved {
    let source = match var {
        Some(v) => format!("file:{} ({v})", path.display()),
        None => format!("file:{}", path.display()),
    };
    let unusable = |reason: Reason, detail: String| Resolved {
        token: None,
        source: source.clone(),
        unreadable: Some((reason, detail)),
    };
    match crate::state_store::read_bounded(&path, 64 * 1024) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => match first_key_line(&text) {
                Some(k) => Resolved::found(k, source),
                None => unusable(Reason::NoKeyLine, String::new()),
            },
            Err(_) => unusable(Reason::NotUtf8, String::new()),
        },
        Err(e) => {
            let reason = unreadable_reason(&e);
            unusable(
                reason,
                if reason == Reason::Other {
                    e.to_string()
                } else {
                    String::new()
                },
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
        assert_eq!(resolve(&s).source, "explicit");
        s.explicit = None;
        assert_eq!(resolve(&s).token.as_deref(), Some("env-key"));
        let only_file = |n: &str| {
            (n == "ACME_NET_LICENSE_KEY_FILE").then(|| home.join("k.txt").display().to_string())
        };
        s.env = &only_file;
        assert_eq!(resolve(&s).token.as_deref(), Some("file-key"));
        assert!(resolve(&s).source.ends_with("(ACME_NET_LICENSE_KEY_FILE)"));
        let nothing = |_: &str| None;
        s.env = &nothing;
        assert_eq!(resolve(&s).token.as_deref(), Some("home-key"));
        s.home = Some(tmp("empty-home"));
        assert_eq!(resolve(&s), Resolved::nothing());
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
        assert_eq!(r.token, None);
        assert_eq!(r.unreadable, Some((Reason::NotFound, String::new())));
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
            .unreadable
            .map(|(r, _)| r)
        };
        assert_eq!(via(&dir.join("big")), Some(Reason::TooLarge));
        assert_eq!(via(&fifo), Some(Reason::NotARegularFile));
        assert_eq!(
            via(std::path::Path::new("/dev/zero")),
            Some(Reason::NotARegularFile)
        );
        assert_eq!(via(&dir), Some(Reason::NotARegularFile));
    }
}

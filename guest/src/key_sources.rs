//! Where a license key comes from, decided once for every host: the
//! variable names derived from the product, the order of the sources, how a
//! key is trimmed and which line of a file is the key; the header rule of
//! gateway mode; and the `public.key` file rule. Hosts only do the I/O the
//! answers ask for (read two variables, read one file, stat it), so the
//! rules live here and tests/vectors/resolve.json, gateway.json and
//! key_file.json pin them.
//!
//! Sans-IO, in two steps: [`find`] takes what the host looked up and
//! either settles the key or names the one file to read; [`from_file`]
//! turns what the read gave into the key input.

use crate::error::{ErrorCode, LicenseError};
use crate::escape::printable;
use crate::keys::TrustedKey;
use crate::unreadable::Reason;

/// The most a key file (license or `public.key`) may hold.
pub const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

/// What the host found for the license key, in the core's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyInput {
    /// No key anywhere: the community tier.
    None,
    /// A key (trimmed) and where it came from.
    Key {
        /// The key.
        token: String,
        /// `explicit`, `env:NAME`, `file:PATH (VAR)` or `file:PATH`.
        source: String,
    },
    /// A named key file that could not be used.
    Unreadable {
        /// `file:PATH (VAR)` or `file:PATH`.
        source: String,
        /// Why.
        reason: Reason,
        /// The platform's words for [`Reason::Other`].
        detail: String,
    },
}

impl KeyInput {
    /// Where the key came from, as `info` shows it (`none` without one).
    pub fn source(&self) -> &str {
        match self {
            KeyInput::None => "none",
            KeyInput::Key { source, .. } | KeyInput::Unreadable { source, .. } => source,
        }
    }

    /// The key, when there is one to verify.
    pub fn token(&self) -> Option<&str> {
        match self {
            KeyInput::Key { token, .. } => Some(token),
            _ => None,
        }
    }
}

/// The names a host looks up, derived from the product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// `<PRODUCT>`: the prefix of every variable the product reads
    /// (`_LICENSE_KEY`, `_RBAC_POLICY`, ...).
    pub prefix: String,
    /// `<PRODUCT>_LICENSE_KEY`: the key itself.
    pub key_var: String,
    /// `<PRODUCT>_LICENSE_KEY_FILE`: a file holding the key.
    pub file_var: String,
    /// `<PRODUCT>_LICENSE_AGENT`: the license agent's socket (docs/agent.md).
    pub agent_var: String,
    /// The key file under the home directory, as path components:
    /// `[".<product>", "license.key"]`.
    pub home_file: Vec<String>,
}

/// What the host looked up at [`Places`], before reading any file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The key the application passed in code.
    pub explicit: Option<String>,
    /// The value of `key_var`, when set.
    pub key_var: Option<String>,
    /// The value of `file_var`, when set.
    pub file_var: Option<String>,
    /// The home key file's full path (joined by the host's path rules),
    /// when the host has a home directory to look in.
    pub home_file: Option<String>,
}

/// A file to read next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFile {
    /// The path to read (bounded to [`MAX_KEY_FILE_BYTES`], regular files
    /// only).
    pub path: String,
    /// How `info` names it: `file:PATH (VAR)` or `file:PATH`.
    pub source: String,
    /// Its absence is no error: the home file, whose absence is the
    /// community tier. A file a variable names must exist.
    pub optional: bool,
}

/// The next step of key resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Settled without reading a file.
    Done(KeyInput),
    /// Read this file and hand the result to [`from_file`].
    Read(KeyFile),
}

/// `Acme Net` -> `ACME_NET`.
fn env_prefix(product: &str) -> String {
    product
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() => c.to_ascii_uppercase(),
            _ => '_',
        })
        .collect()
}

/// `Acme Net` -> `acme-net`.
fn dir_name(product: &str) -> String {
    product
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect()
}

/// Where to look for `product`'s key.
pub fn places(product: &str) -> Places {
    let prefix = env_prefix(product);
    Places {
        key_var: format!("{prefix}_LICENSE_KEY"),
        file_var: format!("{prefix}_LICENSE_KEY_FILE"),
        agent_var: format!("{prefix}_LICENSE_AGENT"),
        home_file: vec![format!(".{}", dir_name(product)), "license.key".into()],
        prefix,
    }
}

/// A leading byte-order mark (editors on Windows write one), then
/// surrounding ASCII whitespace (space, tab, CR, LF, VT, FF). Nothing else:
/// a key is ASCII, so any other character is part of what the core judges.
pub fn trim_key(s: &str) -> &str {
    s.strip_prefix('\u{feff}')
        .unwrap_or(s)
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0b' | '\x0c'))
}

/// The first non-empty line (lines end at LF only), trimmed.
fn first_key_line(text: &str) -> Option<&str> {
    text.split('\n').map(trim_key).find(|l| !l.is_empty())
}

fn set(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(trim_key).filter(|v| !v.is_empty())
}

/// The first source that has something, in order: the explicit key, the
/// key variable, the file variable, the home file. A variable that is
/// blank after trimming counts as unset.
pub fn find(product: &str, found: &Found) -> Step {
    let places = places(product);
    if let Some(k) = &found.explicit {
        return Step::Done(KeyInput::Key {
            token: trim_key(k).into(),
            source: "explicit".into(),
        });
    }
    if let Some(k) = set(&found.key_var) {
        return Step::Done(KeyInput::Key {
            token: k.into(),
            source: format!("env:{}", places.key_var),
        });
    }
    if let Some(p) = set(&found.file_var) {
        return Step::Read(KeyFile {
            path: p.into(),
            source: format!("file:{p} ({})", places.file_var),
            optional: false,
        });
    }
    match &found.home_file {
        Some(p) => Step::Read(KeyFile {
            path: p.clone(),
            source: format!("file:{p}"),
            optional: true,
        }),
        None => Step::Done(KeyInput::None),
    }
}

/// The key input from reading `file`: its bytes, or why the read failed
/// (with the platform's words for [`Reason::Other`]). A missing optional
/// file is no key; any other failure names the file, never a silent
/// community tier.
pub fn from_file(file: &KeyFile, read: Result<&[u8], (Reason, &str)>) -> KeyInput {
    let unusable = |reason: Reason, detail: &str| KeyInput::Unreadable {
        source: file.source.clone(),
        reason,
        detail: detail.into(),
    };
    let bytes = match read {
        Err((Reason::NotFound, _)) if file.optional => return KeyInput::None,
        Err((reason, detail)) => return unusable(reason, detail),
        Ok(b) if b.len() as u64 > MAX_KEY_FILE_BYTES => return unusable(Reason::TooLarge, ""),
        Ok(b) => b,
    };
    match std::str::from_utf8(bytes).map(first_key_line) {
        Ok(Some(k)) => KeyInput::Key {
            token: k.into(),
            source: file.source.clone(),
        },
        Ok(None) => unusable(Reason::NoKeyLine, ""),
        Err(_) => unusable(Reason::NotUtf8, ""),
    }
}

/// Gateway mode's rule for which header carries a caller's key:
/// `Authorization` trimmed of spaces and tabs is `License` (ASCII case
/// ignored), spaces or tabs, and a key without either; otherwise
/// `X-License-Key` trimmed, when not empty.
pub fn from_headers(authorization: Option<&str>, x_license_key: Option<&str>) -> Option<String> {
    const WS: [char; 2] = [' ', '\t'];
    if let Some((scheme, rest)) = authorization.and_then(|a| a.trim_matches(WS).split_once(WS)) {
        let key = rest.trim_start_matches(WS);
        // ASCII case only: Unicode folding would turn a Kelvin sign into a k.
        if scheme.eq_ignore_ascii_case("license") && !key.is_empty() && !key.contains(WS) {
            return Some(key.into());
        }
    }
    let x = x_license_key?.trim_matches(WS);
    (!x.is_empty()).then(|| x.into())
}

/// A trusted-key file (the `public.key` written by `licensewarden keygen`)
/// from what reading `path` gave. `shared` is true when users other than
/// the owner may read the file: an HMAC secret there lets them issue
/// licenses, so it is refused until `chmod 600`. Every refusal is
/// `invalid-config` naming the file and the fix.
pub fn trusted_key_file(
    path: &str,
    read: Result<&[u8], (Reason, &str)>,
    shared: bool,
) -> Result<TrustedKey, LicenseError> {
    let name = printable(path, 256);
    let refuse = |why: String| {
        LicenseError::new(ErrorCode::InvalidConfig, format!("key file {name}: {why}"))
    };
    let bytes = match read {
        Err((reason, detail)) => return Err(refuse(reason.words(detail))),
        Ok(b) if b.len() as u64 > MAX_KEY_FILE_BYTES => {
            return Err(refuse(Reason::TooLarge.words("")))
        }
        Ok(b) => b,
    };
    let text = std::str::from_utf8(bytes).map_err(|_| refuse(Reason::NotUtf8.words("")))?;
    if text.contains("\"private_key\"") {
        // Named on its own: the fix is another file, not another format.
        return Err(refuse(
            TrustedKey::from_json(text).err().unwrap_or_default(),
        ));
    }
    let key = TrustedKey::from_json(text).map_err(|why| {
        refuse(format!(
            "{why}; expected {{\"kid\", \"algorithm\": \"ed25519\" | \"hmac-sha256\", \"key\"}} as written by `licensewarden keygen`"
        ))
    })?;
    if shared && key.algorithm == crate::crypto::Algorithm::HmacSha256 {
        return Err(refuse(
            "it holds an HMAC secret (anyone who reads it can issue licenses) but is readable by other users; chmod 600 it".into(),
        ));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(key_var: Option<&str>, file_var: Option<&str>, home: Option<&str>) -> Found {
        Found {
            explicit: None,
            key_var: key_var.map(Into::into),
            file_var: file_var.map(Into::into),
            home_file: home.map(Into::into),
        }
    }

    #[test]
    fn names_come_from_the_product() {
        let p = places("acme-db.v2");
        assert_eq!(p.key_var, "ACME_DB_V2_LICENSE_KEY");
        assert_eq!(p.file_var, "ACME_DB_V2_LICENSE_KEY_FILE");
        assert_eq!(p.home_file, [".acme-db-v2", "license.key"]);
    }

    #[test]
    fn explicit_key_wins_over_everything() {
        let mut f = found(Some("lg1.env"), None, None);
        f.explicit = Some(" lg1.code\n".into());
        assert_eq!(
            find("acme", &f),
            Step::Done(KeyInput::Key {
                token: "lg1.code".into(),
                source: "explicit".into()
            })
        );
    }

    #[test]
    fn blank_key_variable_counts_as_unset() {
        let s = find(
            "acme",
            &found(Some(" \t"), Some(" /k.txt "), Some("/h/.acme/license.key")),
        );
        assert_eq!(
            s,
            Step::Read(KeyFile {
                path: "/k.txt".into(),
                source: "file:/k.txt (ACME_LICENSE_KEY_FILE)".into(),
                optional: false
            })
        );
    }

    #[test]
    fn missing_home_file_is_the_community_tier_but_a_named_one_is_an_error() {
        let home = KeyFile {
            path: "/h".into(),
            source: "file:/h".into(),
            optional: true,
        };
        assert_eq!(
            from_file(&home, Err((Reason::NotFound, ""))),
            KeyInput::None
        );
        let named = KeyFile {
            optional: false,
            ..home
        };
        assert!(matches!(
            from_file(&named, Err((Reason::NotFound, ""))),
            KeyInput::Unreadable {
                reason: Reason::NotFound,
                ..
            }
        ));
    }

    #[test]
    fn file_key_is_the_first_non_empty_line_without_bom() {
        let f = KeyFile {
            path: "/k".into(),
            source: "file:/k".into(),
            optional: false,
        };
        let got = from_file(&f, Ok("\u{feff}\n  \nlg1.a \r\nlg1.b\n".as_bytes()));
        assert_eq!(
            got,
            KeyInput::Key {
                token: "lg1.a".into(),
                source: "file:/k".into()
            }
        );
        assert!(matches!(
            from_file(&f, Ok(&[0xff, 0xfe])),
            KeyInput::Unreadable {
                reason: Reason::NotUtf8,
                ..
            }
        ));
        let big = vec![b' '; 64 * 1024 + 1];
        assert!(matches!(
            from_file(&f, Ok(&big)),
            KeyInput::Unreadable {
                reason: Reason::TooLarge,
                ..
            }
        ));
    }

    #[test]
    fn authorization_license_scheme_wins_over_x_license_key() {
        assert_eq!(
            from_headers(Some(" LICENSE \t lg1.a "), Some("lg1.b")).as_deref(),
            Some("lg1.a")
        );
        assert_eq!(
            from_headers(Some("Bearer lg1.a"), Some(" lg1.b ")).as_deref(),
            Some("lg1.b")
        );
        assert_eq!(from_headers(Some("License a b"), None), None);
        assert_eq!(from_headers(Some("\u{212a}icense lg1.a"), Some("")), None);
    }

    #[test]
    fn shared_hmac_key_file_is_refused_with_the_fix() {
        let hmac = br#"{"kid":"h-1","algorithm":"hmac-sha256","key":"ERERERERERERERERERERERERERERERERERERERERERE"}"#;
        let e = trusted_key_file("/k", Ok(hmac), true).unwrap_err();
        assert!(e.message.contains("chmod 600"), "{}", e.message);
        assert!(trusted_key_file("/k", Ok(hmac), false).is_ok());
        let e = trusted_key_file("/k", Err((Reason::NotFound, "")), false).unwrap_err();
        assert_eq!(e.message, "key file /k: not found");
    }
}

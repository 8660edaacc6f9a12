//! A key file the host was told to use but could not: the host maps its
//! platform's error to a [`Reason`] and the core words the message, so four
//! hosts never have to write (or parse) the same English.

use crate::error::{ErrorCode, LicenseError};
use crate::escape::printable;

/// Why a named key file could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// No file at the path.
    NotFound,
    /// The process may not read it.
    PermissionDenied,
    /// A directory, FIFO, device or socket.
    NotARegularFile,
    /// Larger than 64 KiB.
    TooLarge,
    /// Not UTF-8 text.
    NotUtf8,
    /// Only blank lines.
    NoKeyLine,
    /// Any other read error, in the platform's words.
    Other,
}

impl Reason {
    /// The reason in words, `detail` being the platform's words for
    /// [`Reason::Other`].
    pub fn words(self, detail: &str) -> String {
        match self {
            Reason::NotFound => "not found".into(),
            Reason::PermissionDenied => "permission denied".into(),
            Reason::NotARegularFile => "not a regular file".into(),
            Reason::TooLarge => "the file is larger than 64 KiB".into(),
            Reason::NotUtf8 => "the file is not UTF-8 text".into(),
            Reason::NoKeyLine => "the file has no key line".into(),
            Reason::Other if detail.trim().is_empty() => "cannot read".into(),
            Reason::Other => format!("cannot read: {}", printable(detail, 128)),
        }
    }

    /// The stable name hosts and vectors use (`not-found`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Reason::NotFound => "not-found",
            Reason::PermissionDenied => "permission-denied",
            Reason::NotARegularFile => "not-a-regular-file",
            Reason::TooLarge => "too-large",
            Reason::NotUtf8 => "not-utf8",
            Reason::NoKeyLine => "no-key-line",
            Reason::Other => "other",
        }
    }
}

/// The error a license carries when its named key file could not be used:
/// `too-large` for an oversized file (the size cap), `malformed` otherwise.
/// `source` is `file:PATH (VAR)` or `file:PATH` as the host names it.
pub fn error(source: &str, reason: Reason, detail: &str) -> LicenseError {
    let what = printable(source.strip_prefix("file:").unwrap_or(source), 256);
    let code = match reason {
        Reason::TooLarge => ErrorCode::TooLarge,
        _ => ErrorCode::Malformed,
    };
    LicenseError::new(
        code,
        format!(
            "license key file {what}: {}; point the variable at a regular file (at most 64 KiB) whose first non-empty line is the key, or fix the file",
            reason.words(detail)
        ),
    )
    .with("key_source", printable(source, 256))
    .with("reason", reason.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_oversized_key_file_is_too_large_and_the_rest_malformed() {
        let e = error("file:/k (P_LICENSE_KEY_FILE)", Reason::TooLarge, "");
        assert_eq!(e.code, ErrorCode::TooLarge);
        assert!(e.message.contains("larger than 64 KiB"), "{}", e.message);
        let e = error("file:/k", Reason::NotFound, "");
        assert_eq!(e.code, ErrorCode::Malformed);
        assert!(e.message.starts_with("license key file /k: not found;"));
    }

    #[test]
    fn platform_words_are_escaped_and_capped() {
        let e = error("file:/k", Reason::Other, "I/O error\u{1b}[31m");
        assert!(!e.message.contains('\u{1b}'), "{}", e.message);
        let long = "x".repeat(1000);
        assert!(error("file:/k", Reason::Other, &long).message.len() < 600);
    }
}

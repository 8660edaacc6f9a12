//! Safe rendering of untrusted text (token parts, key ids, server messages)
//! inside messages that reach terminals and logs: quoted, control and
//! non-ASCII characters escaped, length capped, so a crafted value can
//! neither forge a line nor send escape sequences.

/// Longest part of an untrusted value shown, in characters.
pub const MAX_SHOWN: usize = 64;

/// `value` in double quotes with `\n`, `\"`, `\\`, and every control or
/// non-ASCII character escaped as `\u{..}`; cut at [`MAX_SHOWN`] with `...`.
pub fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(MAX_SHOWN) + 2);
    out.push('"');
    for (i, c) in value.chars().enumerate() {
        if i == MAX_SHOWN {
            out.push_str("...");
            break;
        }
        if let Some(e) = crate::json::short_escape(c) {
            out.push_str(e);
            continue;
        }
        match c {
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// `'name'` for a valid feature/plan/cap name (the common case, unchanged),
/// otherwise the escaped, double-quoted form: names reach messages from
/// host code and routes, and may be anything.
pub fn name(value: &str) -> String {
    if crate::names::valid_name(value) {
        format!("'{value}'")
    } else {
        quoted(value)
    }
}

/// `value` with control and non-ASCII characters escaped as `\u{..}`
/// (no quotes), cut at `max` characters: for host-supplied text such as
/// key sources (file paths) that is shown as is when harmless.
pub fn printable(value: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == max {
            out.push_str("...");
            break;
        }
        match c {
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{printable, quoted};

    #[test]
    fn printable_keeps_paths_and_escapes_controls() {
        assert_eq!(
            printable("file:/etc/acme/license.key", 256),
            "file:/etc/acme/license.key"
        );
        assert_eq!(printable("a\nb\u{1b}", 256), "a\\u{a}b\\u{1b}");
    }

    #[test]
    fn a_newline_cannot_start_a_fake_line() {
        let q = quoted("x\nvalid: license lic_fake\x1b[2J");
        assert_eq!(q, "\"x\\nvalid: license lic_fake\\u{1b}[2J\"");
        assert!(!q.contains('\n') && !q.contains('\x1b'));
    }

    #[test]
    fn long_values_are_cut() {
        assert_eq!(quoted(&"a".repeat(100)).len(), 64 + 2 + 3);
    }
}

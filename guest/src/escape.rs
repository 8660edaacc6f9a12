//! Safe rendering of untrusted text (token parts, key ids, server messages)
//! inside messages that reach terminals and logs: quoted, control and
//! non-ASCII characters escaped, length capped, so a crafted value can
//! neither forge a line nor send escape sequences.

/// Longest part of an untrusted value shown, in characters.
pub const MAX_SHOWN: usize = 64;

/// `value` in double quotes with `\n`, `\"`, `\\`, and every control or
/// non-ASCII character escaped as `\u{..}`; cut at [`MAX_SHOWN`] with `...`.
pub fn quoted(value: &str) -> String {
    quoted_cut(value, MAX_SHOWN, false)
}

/// [`quoted`] for longer text (an error from the host's HTTP client): at
/// most `max` characters, cut at the last space before that so no word is
/// cut in half (a word longer than half of it is cut where it must be).
pub fn quoted_words(value: &str, max: usize) -> String {
    quoted_cut(value, max, true)
}

fn quoted_cut(value: &str, max: usize, at_words: bool) -> String {
    let (mut head, cut) = match value.char_indices().nth(max) {
        Some((i, _)) => (&value[..i], true),
        None => (value, false),
    };
    if cut && at_words {
        if let Some(i) = head.rfind(' ').filter(|&i| i >= head.len() / 2) {
            head = &head[..i];
        }
    }
    let mut out = String::with_capacity(head.len().min(MAX_SHOWN) + 5);
    out.push('"');
    for c in head.chars() {
        if let Some(e) = crate::json::short_escape(c) {
            out.push_str(e);
            continue;
        }
        match c {
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    if cut {
        out.push_str("...");
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
    fn long_text_is_cut_between_words() {
        use super::quoted_words;
        let go = "Post \"http://127.0.0.1:8787/v1/validate\": dial tcp 127.0.0.1:8787: connect: connection refused";
        assert!(quoted_words(go, 200).ends_with("connection refused\""));
        let cut = quoted_words(go, 80);
        assert!(cut.ends_with("connect:...\""), "{cut}");
        assert!(!cut.contains("connection"), "{cut}");
        assert_eq!(quoted_words(&"x".repeat(90), 80).len(), 80 + 5);
        assert_eq!(quoted_words("a\nb", 10), "\"a\\nb\"");
    }

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

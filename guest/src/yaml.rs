//! The YAML that policy files are written in, read by the core itself.
//!
//! Why not each language's YAML library: they disagree on the very
//! documents operators write. PyYAML reads `no` and `on` as booleans
//! (YAML 1.1), js-yaml 4 and Go's yaml.v3 read them as strings (1.2);
//! `1e3` is a float in one and a string in another; duplicate keys are
//! "last wins" in some and an error in others. A policy read four ways is
//! four policies. So the core reads one small, strict part of YAML and
//! every host hands it the file's text:
//!
//! - block mappings (`key: value`) and block sequences (`- item`, also at
//!   the indentation of their key), one-line flow sequences and mappings
//!   (`[a, "b"]`, `{roles: [a]}`), `#` comments, one leading `---`;
//! - every scalar is a string: plain, `"double"` (JSON escapes) or
//!   `'single'` (`''` for a quote);
//! - refused, naming the line and the fix: a plain scalar another YAML
//!   reader would take for something else (`yes`/`no`/`on`/`off`/`y`/`n`/
//!   `true`/`false`, `~`/`null`, anything starting with a digit, `+`/`-`/`.`
//!   followed by a digit, `.inf`, `.nan`: quote it), duplicate keys,
//!   anchors, aliases, tags, merge keys (`<<`), block scalars (`|`, `>`),
//!   tabs in indentation, multi-line scalars, more than one document,
//!   directives, and flow collections over several lines.
//!
//! A document using only this part reads the same in every YAML 1.1 or 1.2
//! library. The result is the JSON [`Value`] the policy checker takes.

use crate::json::Value;

/// Deepest nesting accepted (a policy needs four levels).
const MAX_DEPTH: usize = 32;

/// Why a document was refused, and on which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Line of the document, counting from 1.
    pub line: usize,
    /// What is wrong and how to write it instead.
    pub message: String,
}

type Res<T> = Result<T, YamlError>;

struct Line<'a> {
    no: usize,
    indent: usize,
    text: &'a str,
}

fn err<T>(line: usize, message: impl Into<String>) -> Res<T> {
    Err(YamlError {
        line,
        message: message.into(),
    })
}

/// Reads `text` into a JSON value; an empty document is `null`.
pub fn parse(text: &str) -> Res<Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut seen_content = false;
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let body = raw.trim_start_matches(' ');
        let indent = raw.len() - body.len();
        if body.starts_with('\t') {
            return err(
                no,
                "a tab in the indentation (YAML indents with spaces only)",
            );
        }
        let body = strip_comment(body).trim_end_matches([' ', '\t']);
        if body.is_empty() {
            continue;
        }
        if indent == 0 && body.starts_with('%') {
            return err(no, "directives (%YAML, %TAG) are not accepted in a policy");
        }
        if indent == 0 && (body == "---" || body.starts_with("--- ")) {
            if seen_content || body != "---" {
                return err(no, "one document per policy: remove this '---' line and what follows, or the content after it");
            }
            seen_content = true;
            continue;
        }
        if indent == 0 && (body == "..." || body.starts_with("... ")) {
            return err(no, "one document per policy: remove the '...' line");
        }
        seen_content = true;
        lines.push(Line {
            no,
            indent,
            text: body,
        });
    }
    if lines.is_empty() {
        return Ok(Value::Null);
    }
    let mut p = Parser { lines, at: 0 };
    let first = p.lines[0].indent;
    let v = p.node(first, 0)?;
    if let Some(l) = p.lines.get(p.at) {
        return err(
            l.no,
            "unexpected indentation (a line less indented than the document's first, or a second top-level value)",
        );
    }
    Ok(v)
}

/// `body` up to a `#` comment: one at the start or after a space, outside
/// quotes.
fn strip_comment(body: &str) -> &str {
    let b = body.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(b'"') if c == b'\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'#' && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') => {
                return &body[..i]
            }
            // A quote opens a quoted scalar only where one may start.
            None if (c == b'"' || c == b'\'') && (i == 0 || b" [{,:-".contains(&b[i - 1])) => {
                quote = Some(c)
            }
            None => {}
        }
        i += 1;
    }
    body
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

impl<'a> Parser<'a> {
    /// The block node starting at the current line, indented `indent`.
    fn node(&mut self, indent: usize, depth: usize) -> Res<Value> {
        if depth > MAX_DEPTH {
            return err(self.lines[self.at].no, "nested too deeply");
        }
        let l = &self.lines[self.at];
        if is_item(l.text) {
            self.sequence(indent, depth)
        } else if split_key(l.text, l.no)?.is_some() {
            self.mapping(indent, depth)
        } else {
            let (no, text) = (l.no, l.text);
            self.at += 1;
            inline(text, no, depth)
        }
    }

    fn mapping(&mut self, indent: usize, depth: usize) -> Res<Value> {
        let mut members: Vec<(String, Value)> = Vec::new();
        while let Some(l) = self.lines.get(self.at) {
            if l.indent < indent {
                break;
            }
            let (no, text) = (l.no, l.text);
            if l.indent > indent {
                return err(no, "unexpected indentation");
            }
            if is_item(text) {
                return err(no, "a list item where a key was expected");
            }
            let Some((key, rest)) = split_key(text, no)? else {
                return err(
                    no,
                    "expected 'key: value' (a value may not continue over several lines)",
                );
            };
            if members.len() >= crate::json::MAX_MEMBERS {
                return err(no, "a mapping with more than 4096 keys");
            }
            if key == "<<" {
                return err(no, "merge keys ('<<') are not accepted in a policy");
            }
            if members.iter().any(|(k, _)| *k == key) {
                return err(
                    no,
                    format!(
                        "the key {} appears twice in this mapping",
                        crate::escape::quoted(&key)
                    ),
                );
            }
            self.at += 1;
            let value = if !rest.is_empty() {
                inline(rest, no, depth + 1)?
            } else {
                match self.lines.get(self.at) {
                    Some(n) if n.indent > indent => self.node(n.indent, depth + 1)?,
                    // A sequence may sit at its key's indentation.
                    Some(n) if n.indent == indent && is_item(n.text) => {
                        self.sequence(indent, depth + 1)?
                    }
                    _ => Value::Null,
                }
            };
            members.push((key, value));
        }
        Ok(Value::Object(members))
    }

    fn sequence(&mut self, indent: usize, depth: usize) -> Res<Value> {
        let mut items = Vec::new();
        while let Some(l) = self.lines.get(self.at) {
            if l.indent != indent || !is_item(l.text) {
                if l.indent > indent {
                    return err(l.no, "unexpected indentation");
                }
                break;
            }
            let (no, text) = (l.no, l.text);
            let rest = text[1..].trim_start_matches(' ');
            if rest.is_empty() {
                self.at += 1;
                match self.lines.get(self.at) {
                    Some(n) if n.indent > indent => items.push(self.node(n.indent, depth + 1)?),
                    _ => items.push(Value::Null),
                }
                continue;
            }
            // `- key: value` or `- - x`: the rest is a node of its own,
            // indented where it starts.
            let col = indent + (text.len() - rest.len());
            if is_item(rest) || split_key(rest, no)?.is_some() {
                self.lines[self.at].indent = col;
                self.lines[self.at].text = rest;
                items.push(self.node(col, depth + 1)?);
            } else {
                self.at += 1;
                items.push(inline(rest, no, depth + 1)?);
            }
        }
        Ok(Value::Array(items))
    }
}

/// Splits `key: rest` (the key plain or quoted); `None` when the line is
/// not a mapping entry.
fn split_key(text: &str, no: usize) -> Res<Option<(String, &str)>> {
    if text.starts_with('?') && (text.len() == 1 || text.as_bytes()[1] == b' ') {
        return err(no, "complex keys ('? ') are not accepted in a policy");
    }
    let (key, after) = if text.starts_with('"') || text.starts_with('\'') {
        let (k, used) = quoted(text, no)?;
        (k, &text[used..])
    } else {
        if text.starts_with(['[', '{']) {
            return Ok(None);
        }
        match find_colon(text) {
            Some(i) => {
                let k = text[..i].trim_end_matches(' ');
                check_plain(k, no)?;
                (k.to_string(), &text[i..])
            }
            None => return Ok(None),
        }
    };
    let after = after.trim_start_matches(' ');
    match after.strip_prefix(':') {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
            Ok(Some((key, rest.trim_start_matches(' '))))
        }
        _ => Ok(None),
    }
}

/// Position of the `:` that ends a plain key (followed by a space or the
/// end of the line).
fn find_colon(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    (0..b.len()).find(|&i| b[i] == b':' && (i + 1 == b.len() || b[i + 1] == b' '))
}

/// A value written on its key's line or an item's: flow collection,
/// quoted or plain scalar.
fn inline(text: &str, no: usize, depth: usize) -> Res<Value> {
    match text.as_bytes()[0] {
        b'[' | b'{' => {
            let mut f = Flow {
                s: text,
                i: 0,
                no,
                depth,
            };
            let v = f.value()?;
            f.space();
            if f.i != text.len() {
                return err(no, "unexpected text after the closing bracket");
            }
            Ok(v)
        }
        b'"' | b'\'' => {
            let (s, used) = quoted(text, no)?;
            if !text[used..].trim_start_matches(' ').is_empty() {
                return err(no, "unexpected text after the quoted value");
            }
            Ok(Value::String(s))
        }
        _ => {
            if find_colon(text).is_some() {
                return err(
                    no,
                    "a mapping cannot start on the line of a key or a list item's value here; quote the value if ': ' belongs to it",
                );
            }
            check_plain(text, no)?;
            Ok(Value::String(text.to_string()))
        }
    }
}

/// Refuses a plain scalar that is not certainly a string in every YAML
/// reader, or that starts with an indicator.
fn check_plain(s: &str, no: usize) -> Res<()> {
    let quote_it = |why: &str| {
        err(
            no,
            format!(
                "{} {why}; write it in quotes if a name is meant",
                crate::escape::quoted(s)
            ),
        )
    };
    if s.is_empty() {
        return err(no, "an empty key or value");
    }
    const WORDS: [&str; 30] = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL",
        ".inf", ".Inf", ".nan", ".NaN",
    ];
    if WORDS.contains(&s) {
        return quote_it("is a boolean, null or number to some YAML readers");
    }
    let b = s.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if digit_at(0)
        || (b"+-.".contains(&b[0]) && (digit_at(1) || (b[1..].starts_with(b".") && digit_at(2))))
    {
        return quote_it("reads as a number or a date to some YAML readers");
    }
    if matches!(s, "-.inf" | "+.inf" | "-.Inf" | "+.Inf" | ".INF" | ".NAN") {
        return quote_it("is a number to some YAML readers");
    }
    match b[0] {
        b'&' | b'*' => err(
            no,
            format!(
                "anchors and aliases ({}) are not accepted in a policy; write the value out, or quote it",
                crate::escape::quoted(s)
            ),
        ),
        b'!' => err(no, "tags ('!') are not accepted in a policy"),
        b'|' | b'>' => err(
            no,
            "block scalars ('|', '>') are not accepted in a policy; write the value on one line",
        ),
        b'@' | b'`' | b'%' | b',' | b']' | b'}' => quote_it("starts with a reserved character"),
        b'-' | b'?' | b':' if b.len() == 1 || b[1] == b' ' => {
            quote_it("starts with a YAML indicator")
        }
        _ if s.contains(" #") || s.contains('\t') => quote_it("contains a comment mark or a tab"),
        _ => Ok(()),
    }
}

/// A quoted scalar at the start of `text`: its value and the bytes used.
fn quoted(text: &str, no: usize) -> Res<(String, usize)> {
    let q = text.as_bytes()[0];
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' if q == b'\'' => {
                if text[i + 1..].starts_with('\'') {
                    out.push('\'');
                    chars.next();
                } else {
                    return Ok((out, i + 1));
                }
            }
            '"' if q == b'"' => return Ok((out, i + 1)),
            '\\' if q == b'"' => {
                let Some((_, e)) = chars.next() else { break };
                let hex = |n: usize, chars: &mut dyn Iterator<Item = (usize, char)>| {
                    let h: String = chars.take(n).map(|(_, c)| c).collect();
                    u32::from_str_radix(&h, 16)
                        .ok()
                        .filter(|_| h.len() == n)
                        .and_then(char::from_u32)
                };
                let decoded = match e {
                    '\\' => Some('\\'),
                    '"' => Some('"'),
                    '/' => Some('/'),
                    'n' => Some('\n'),
                    't' => Some('\t'),
                    'r' => Some('\r'),
                    '0' => Some('\0'),
                    'x' => hex(2, &mut chars),
                    'u' => hex(4, &mut chars),
                    'U' => hex(8, &mut chars),
                    _ => None,
                };
                match decoded {
                    Some(c) => out.push(c),
                    None => {
                        return err(
                            no,
                            "an escape in a double-quoted value that is not one of \\\\ \\\" \\/ \\n \\t \\r \\0 \\xHH \\uHHHH \\UHHHHHHHH",
                        )
                    }
                }
            }
            c => out.push(c),
        }
    }
    err(
        no,
        "a quoted value that does not close on its line (values may not span lines)",
    )
}

/// A one-line flow collection: `[a, "b"]`, `{k: v}`.
struct Flow<'a> {
    s: &'a str,
    i: usize,
    no: usize,
    depth: usize,
}

impl Flow<'_> {
    fn space(&mut self) {
        while self.s.as_bytes().get(self.i) == Some(&b' ') {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Res<Value> {
        self.space();
        if self.depth > MAX_DEPTH {
            return err(self.no, "nested too deeply");
        }
        match self.s.as_bytes().get(self.i) {
            Some(b'[') => self
                .collection(b']')
                .map(|v| Value::Array(v.into_iter().map(|(_, v)| v).collect())),
            Some(b'{') => {
                let members = self.collection(b'}')?;
                let mut out: Vec<(String, Value)> = Vec::new();
                if members.len() > crate::json::MAX_MEMBERS {
                    return err(self.no, "a mapping with more than 4096 keys");
                }
                for (k, v) in members {
                    let k = k.expect("a mapping member has a key");
                    if out.iter().any(|(o, _)| *o == k) {
                        return err(
                            self.no,
                            format!(
                                "the key {} appears twice in this mapping",
                                crate::escape::quoted(&k)
                            ),
                        );
                    }
                    out.push((k, v));
                }
                Ok(Value::Object(out))
            }
            Some(b'"' | b'\'') => {
                let (s, used) = quoted(&self.s[self.i..], self.no)?;
                self.i += used;
                Ok(Value::String(s))
            }
            Some(_) => {
                let rest = &self.s[self.i..];
                let end = rest.find([',', ']', '}']).unwrap_or(rest.len());
                // A plain scalar inside a flow collection ends at `: ` too.
                let end = find_colon(&rest[..end]).unwrap_or(end);
                let word = rest[..end].trim_end_matches(' ');
                check_plain(word, self.no)?;
                self.i += word.len();
                Ok(Value::String(word.to_string()))
            }
            None => err(
                self.no,
                "a [ ] or { } that does not close on its line (write it on one line or as a block)",
            ),
        }
    }

    /// Members up to `close`; keys for a mapping.
    fn collection(&mut self, close: u8) -> Res<Vec<(Option<String>, Value)>> {
        self.i += 1;
        self.depth += 1;
        let mut out = Vec::new();
        loop {
            self.space();
            match self.s.as_bytes().get(self.i) {
                Some(&c) if c == close => {
                    self.i += 1;
                    self.depth -= 1;
                    return Ok(out);
                }
                None => {
                    return err(
                        self.no,
                        "a [ ] or { } that does not close on its line (write it on one line or as a block)",
                    )
                }
                _ => {}
            }
            if close == b'}' {
                let Value::String(key) = self.value()? else {
                    return err(self.no, "a key in { } must be a name");
                };
                self.space();
                if self.s.as_bytes().get(self.i) != Some(&b':') {
                    return err(self.no, "expected ':' after a key in { }");
                }
                self.i += 1;
                let v = self.value()?;
                out.push((Some(key), v));
            } else {
                out.push((None, self.value()?));
            }
            self.space();
            match self.s.as_bytes().get(self.i) {
                Some(b',') => self.i += 1,
                Some(&c) if c == close => {}
                _ => return err(self.no, "expected ',' or the closing bracket"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> String {
        parse(text).unwrap().to_canonical()
    }

    fn refused(text: &str) -> YamlError {
        parse(text).expect_err(text)
    }

    #[test]
    fn block_mappings_and_sequences_at_either_indentation() {
        let doc = "roles:\n  admin:\n    allow:\n    - \"*\"\n  net:\n    allow:\n      - 'topology_*'\n      - ips_in_subnet # comment\ngroups:\n  \"network-ops-team\": net\n";
        assert_eq!(
            json(doc),
            r#"{"groups":{"network-ops-team":"net"},"roles":{"admin":{"allow":["*"]},"net":{"allow":["topology_*","ips_in_subnet"]}}}"#
        );
    }

    #[test]
    fn flow_collections_on_one_line() {
        assert_eq!(
            json("a: {roles: [network, \"x y\"], b: []}\nc: {}"),
            r#"{"a":{"b":[],"roles":["network","x y"]},"c":{}}"#
        );
    }

    #[test]
    fn words_other_readers_take_for_booleans_nulls_or_numbers_must_be_quoted() {
        for w in [
            "no",
            "on",
            "Yes",
            "off",
            "y",
            "~",
            "null",
            "1e3",
            "0x1f",
            "012",
            "1_000",
            ".5",
            "-1",
            "+.5",
            ".inf",
            "2026-01-01",
            "1:20",
        ] {
            let e = refused(&format!("roles:\n  r:\n    allow: [{w}]\n"));
            assert_eq!(e.line, 3, "{w}");
            assert!(e.message.contains("quotes"), "{w}: {}", e.message);
            assert_eq!(json(&format!("k: \"{w}\"")), format!("{{\"k\":\"{w}\"}}"));
        }
        assert!(refused("no: x").message.contains("quotes"));
    }

    #[test]
    fn anchors_aliases_tags_merges_and_block_scalars_are_refused() {
        assert!(refused("a: &x [b]\nc: *x").message.contains("anchors"));
        assert!(refused("a: !!str b").message.contains("tags"));
        assert!(refused("a:\n  <<: {b: c}").message.contains("merge"));
        assert!(refused("a: |\n  b").message.contains("block scalars"));
        assert!(refused("- *").message.contains("anchors"));
    }

    #[test]
    fn duplicate_keys_tabs_documents_and_open_brackets_are_refused() {
        let e = refused("roles:\n  a: {allow: [x]}\n  a: {allow: [y]}");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("twice"));
        assert!(refused("a: {b: c, b: d}").message.contains("twice"));
        assert!(refused("a:\n\tb: c").message.contains("tab"));
        assert!(refused("a: b\n---\nc: d").message.contains("one document"));
        assert!(refused("a: [b,\n  c]").message.contains("close"));
        assert!(refused("a: \"b\n  c\"").message.contains("close"));
        assert!(refused("%YAML 1.2\n---\na: b")
            .message
            .contains("directives"));
        assert!(refused("a: b\n  c").message.contains("indentation"));
    }

    #[test]
    fn quoted_values_keep_hash_marks_and_escapes() {
        assert_eq!(json("a: \"x # y\"  # c"), r#"{"a":"x # y"}"#);
        assert_eq!(json("a: 'it''s'"), r#"{"a":"it's"}"#);
        assert_eq!(json("a: \"\\u00e9\\t\""), "{\"a\":\"\u{e9}\\t\"}");
        assert!(refused("a: \"\\q\"").message.contains("escape"));
    }

    #[test]
    fn a_leading_document_marker_a_bom_and_crlf_are_fine() {
        assert_eq!(json("\u{feff}---\r\na: b\r\n"), r#"{"a":"b"}"#);
        assert_eq!(json("# only a comment\n"), "null");
    }

    #[test]
    fn items_holding_mappings_and_nested_lists() {
        assert_eq!(
            json("- a: b\n  c: d\n- - e\n  - f\n-\n  g: h"),
            r#"[{"a":"b","c":"d"},["e","f"],{"g":"h"}]"#
        );
    }

    #[test]
    fn mappings_are_bounded_like_json_objects() {
        let many = |n: usize| (0..n).map(|i| format!("k{i}: v\n")).collect::<String>();
        assert!(parse(&many(crate::json::MAX_MEMBERS)).is_ok());
        let e = refused(&many(crate::json::MAX_MEMBERS + 1));
        assert_eq!(e.line, crate::json::MAX_MEMBERS + 1);
        assert!(e.message.contains("4096"));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(refused(&format!("a: {deep}")).message.contains("deeply"));
    }
}

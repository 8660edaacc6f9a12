//! Glob patterns over action names, as the RBAC policies the seeds ship
//! write them (Python's `fnmatch`): `*` any run of characters (including
//! none), `?` one character, `[seq]` one character in the set (ranges
//! `a-z`), `[!seq]` one character not in it; anything else, and a `[`
//! without its `]`, is literal.
//!
//! Case: matching is case-sensitive, as `fnmatch.fnmatchcase` and as
//! `fnmatch.fnmatch` on POSIX (it folds case only on Windows). A policy
//! that says `topology_*` does not allow `Topology_map`; action names are
//! identifiers the application chooses, so one spelling is the rule.
//!
//! Matching is O(pattern x name) in the worst case: `*` keeps one
//! backtracking point (the classic two-pointer algorithm), never recursion,
//! so a hostile pattern like `*a*a*a*a*b` cannot take exponential time.

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// Any run of characters.
    Star,
    /// Exactly one character.
    Any,
    /// One character in (or, when negated, not in) the ranges.
    Set {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    /// This character.
    Literal(char),
}

/// A compiled glob pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    text: String,
    tokens: Vec<Token>,
}

impl Glob {
    /// Compiles `pattern`. Every string is a valid fnmatch pattern, so this
    /// cannot fail; emptiness is the policy's rule, not the glob's.
    pub fn new(pattern: &str) -> Glob {
        let chars: Vec<char> = pattern.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                // Runs of `*` are one `*`: the same language, fewer steps.
                '*' if tokens.last() == Some(&Token::Star) => {}
                '*' => tokens.push(Token::Star),
                '?' => tokens.push(Token::Any),
                '[' => match set(&chars, i + 1) {
                    Some((token, next)) => {
                        tokens.push(token);
                        i = next;
                        continue;
                    }
                    None => tokens.push(Token::Literal('[')),
                },
                c => tokens.push(Token::Literal(c)),
            }
            i += 1;
        }
        Glob {
            text: pattern.to_string(),
            tokens,
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the whole of `name` matches.
    pub fn matches(&self, name: &str) -> bool {
        let name: Vec<char> = name.chars().collect();
        let (mut p, mut n) = (0, 0);
        // The last `*` seen and the name position it currently swallows up to.
        let mut star: Option<(usize, usize)> = None;
        while n < name.len() {
            match self.tokens.get(p) {
                Some(Token::Star) => {
                    star = Some((p, n));
                    p += 1;
                    continue;
                }
                Some(t) if one(t, name[n]) => {
                    p += 1;
                    n += 1;
                    continue;
                }
                _ => {}
            }
            // Mismatch: let the last `*` take one more character, or fail.
            match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            }
        }
        self.tokens[p..].iter().all(|t| *t == Token::Star)
    }
}

/// Whether a single-character token matches `c`.
fn one(t: &Token, c: char) -> bool {
    match t {
        Token::Star => false,
        Token::Any => true,
        Token::Literal(l) => *l == c,
        Token::Set { negated, ranges } => {
            ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated
        }
    }
}

/// The set starting after `[` at `start`: the token and the index after its
/// `]`, or None when there is no closing `]` (then `[` is literal). As in
/// fnmatch, a `]` right after `[` or `[!` is a member, not the end.
fn set(chars: &[char], start: usize) -> Option<(Token, usize)> {
    let mut i = start;
    let negated = chars.get(i) == Some(&'!');
    if negated {
        i += 1;
    }
    let first = i;
    let mut ranges = Vec::new();
    loop {
        let c = *chars.get(i)?;
        if c == ']' && i > first {
            return Some((Token::Set { negated, ranges }, i + 1));
        }
        if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).is_some_and(|&h| h != ']') {
            let hi = chars[i + 2];
            // fnmatch drops a reversed range (`[z-a]` matches nothing of it).
            if c <= hi {
                ranges.push((c, hi));
            }
            i += 3;
        } else {
            ranges.push((c, c));
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, n: &str) -> bool {
        Glob::new(p).matches(n)
    }

    #[test]
    fn stars_and_question_marks_match_as_fnmatch_does() {
        assert!(m("topology_*", "topology_map"));
        assert!(m("topology_*", "topology_"));
        assert!(!m("topology_*", "topolog"));
        assert!(m("*", ""));
        assert!(m("*", "anything/at all"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "ac"));
        assert!(m("*_by_*", "locate_endpoint_by_ip"));
        assert!(m("a**b", "ab"));
        assert!(!m("", "x"));
        assert!(m("", ""));
    }

    #[test]
    fn sets_ranges_negation_and_unclosed_brackets() {
        assert!(m("dev[0-9]", "dev7"));
        assert!(!m("dev[0-9]", "devx"));
        assert!(m("dev[!0-9]", "devx"));
        assert!(!m("dev[!0-9]", "dev7"));
        assert!(m("[]]", "]"));
        assert!(m("[!]]", "a"));
        assert!(!m("[!]]", "]"));
        assert!(m("a[", "a["));
        assert!(m("[a-]", "-"));
        assert!(!m("[z-a]x", "zx"));
        assert!(m("[*]", "*"));
        assert!(!m("[*]", "a"));
    }

    /// Each verdict checked against CPython 3.11's `fnmatch.fnmatchcase`.
    #[test]
    fn bracket_corner_cases_match_python_fnmatch() {
        let table = [
            ("[]]", "]", true),
            ("[!]]", "a", true),
            ("[!]]", "]", false),
            ("[]-a]", "b", false),
            ("[]-a]", "^", true),
            ("[!]-a]", "b", true),
            ("[a-c-e]", "d", false),
            ("[a-c-e]", "-", true),
            ("[--0]", ".", true),
            ("[!", "[!", true),
            ("[[]", "[", true),
            ("[\\]]", "\\]", true),
            ("*[a-]", "x-", true),
        ];
        for (p, n, want) in table {
            assert_eq!(m(p, n), want, "pattern {p:?} name {n:?}");
        }
    }

    #[test]
    fn matching_is_case_sensitive() {
        assert!(!m("topology_*", "Topology_map"));
        assert!(!m("[a-z]", "A"));
    }

    #[test]
    fn characters_not_bytes() {
        assert!(m("caf?", "café"));
        assert!(m("[é]", "é"));
    }

    #[test]
    fn a_hostile_pattern_takes_linear_steps_per_star() {
        let p = "*a".repeat(50) + "b";
        let n = "a".repeat(5000);
        assert!(!m(&p, &n));
    }

    /// The obvious recursive matcher over the same tokens: exponential, so
    /// only for short inputs, and independent of the two-pointer loop.
    fn naive(tokens: &[Token], name: &[char]) -> bool {
        match tokens.split_first() {
            None => name.is_empty(),
            Some((Token::Star, rest)) => (0..=name.len()).any(|k| naive(rest, &name[k..])),
            Some((t, rest)) => !name.is_empty() && one(t, name[0]) && naive(rest, &name[1..]),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn the_matcher_agrees_with_the_recursive_definition(p in "[ab*?\\[\\]!-]{0,8}", n in "[ab\\]!-]{0,8}") {
            let g = Glob::new(&p);
            let chars: Vec<char> = n.chars().collect();
            proptest::prop_assert_eq!(g.matches(&n), naive(&g.tokens, &chars), "pattern {:?} name {:?}", p, n);
        }
    }
}

//! Small sorted collections keyed by name. Sorted `Vec`s instead of
//! `BTreeMap`/`BTreeSet`: the same ordering guarantees with a fraction of
//! the code size, which matters inside a 200 KiB component.

/// True for names of features, plans and caps: 1-64 of `A-Z a-z 0-9 _ - . :`.
pub fn valid_name(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
}

/// Longest license id, bytes. The protocol, the server's admin API and
/// every client share it, so a license the server signs can always be
/// validated.
pub const LICENSE_ID_MAX: usize = 128;

/// True for license ids: 1-128 bytes of UTF-8 with no control character
/// (C0, DEL or C1, e.g. TAB, NUL, `\n`, U+0085). Ids appear in logs,
/// headers and terminals, so nothing in them may steer one.
pub fn valid_license_id(s: &str) -> bool {
    (1..=LICENSE_ID_MAX).contains(&s.len()) && !s.chars().any(char::is_control)
}

/// Why `s` is not a license id, in words naming the rule.
pub fn license_id_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        Some("is empty".into())
    } else if s.len() > LICENSE_ID_MAX {
        Some(format!(
            "is {} bytes long; the limit is {LICENSE_ID_MAX} bytes",
            s.len()
        ))
    } else if s.chars().any(char::is_control) {
        Some("contains a control character (TAB, newline, NUL, DEL, U+0080-U+009F)".into())
    } else {
        None
    }
}

/// A sorted set of unique names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameSet(Vec<String>);

impl NameSet {
    /// Whether `name` is present.
    pub fn contains(&self, name: &str) -> bool {
        self.0.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }

    /// Add a name.
    pub fn insert(&mut self, name: String) {
        if let Err(i) = self.0.binary_search(&name) {
            self.0.insert(i, name);
        }
    }

    /// Add every name.
    pub fn extend<I: IntoIterator<Item = String>>(&mut self, names: I) {
        for n in names {
            self.insert(n);
        }
    }

    /// Names in order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No names.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<String> for NameSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut v: Vec<String> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        NameSet(v)
    }
}

impl IntoIterator for NameSet {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// A map from name to value, sorted by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMap<V>(Vec<(String, V)>);

impl<V> Default for NameMap<V> {
    fn default() -> Self {
        NameMap(Vec::new())
    }
}

impl<V> NameMap<V> {
    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(n, _)| n.as_str().cmp(name))
    }

    /// The value for `name`.
    pub fn get(&self, name: &str) -> Option<&V> {
        self.find(name).ok().map(|i| &self.0[i].1)
    }

    /// Whether `name` is present.
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Set `name` to `value`, replacing any previous value.
    pub fn insert(&mut self, name: String, value: V) {
        match self.find(&name) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }

    /// Entries in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Values in name order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn license_ids_are_1_to_128_bytes_without_control_characters() {
        assert!(valid_license_id("lic_01"));
        assert!(valid_license_id(&"é".repeat(64)));
        assert!(!valid_license_id(&"é".repeat(65)));
        assert!(valid_license_id(&"a".repeat(128)));
        for bad in ["", "a\tb", "a\u{7f}", "a\u{85}", "a\nb", "a\0"] {
            assert!(!valid_license_id(bad), "{bad:?}");
            assert!(license_id_problem(bad).is_some());
        }
        assert_eq!(
            license_id_problem(&"a".repeat(129)).unwrap(),
            "is 129 bytes long; the limit is 128 bytes"
        );
    }
}

//! The modules of the core (and of the Rust host and the server, which sit
//! on it) import each other without a circle: each file can be read
//! knowing only the files it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `module -> modules it names as crate::<module>`, for one crate's src/.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = if path.is_dir() {
            std::fs::read_to_string(path.join("mod.rs")).unwrap_or_default()
        } else if path.extension().is_some_and(|e| e == "rs") {
            std::fs::read_to_string(&path).unwrap()
        } else {
            continue;
        };
        if name != "lib" && name != "main" {
            files.insert(name, text);
        }
    }
    let names: BTreeSet<String> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(name, text)| {
            let mut deps = BTreeSet::new();
            for (i, _) in text.match_indices("crate::") {
                let rest = &text[i + "crate::".len()..];
                // `crate::a::b` and `crate::{a, b::c}`.
                let list = match rest.strip_prefix('{') {
                    Some(inner) => inner.split('}').next().unwrap_or(""),
                    None => rest,
                };
                for part in list.split(',') {
                    let m: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if names.contains(&m) && &m != name {
                        deps.insert(m);
                    }
                    if rest.starts_with(|c: char| c != '{') {
                        break;
                    }
                }
            }
            (name.clone(), deps)
        })
        .collect()
}

/// A circle in `g`, if there is one.
fn circle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        g: &BTreeMap<String, BTreeSet<String>>,
        n: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == n) {
            let mut c = path[at..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if !done.insert(n.to_string()) {
            return None;
        }
        path.push(n.to_string());
        for d in &g[n] {
            if let Some(c) = visit(g, d, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(g, n, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_itself_through_another() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for src in ["src", "../issue/src", "../host/rust/src", "../server/src"] {
        let g = graph(&root.join(src));
        assert!(!g.is_empty(), "{src}: modules not found");
        if let Some(c) = circle(&g) {
            panic!(
                "{src}: modules import each other in a circle: {}",
                c.join(" -> ")
            );
        }
    }
}

#[test]
fn the_circle_finder_finds_circles() {
    let g: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), BTreeSet::from([v.to_string()])))
        .collect();
    assert_eq!(circle(&g).map(|c| c.len()), Some(4));
}

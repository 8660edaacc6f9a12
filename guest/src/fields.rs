//! Reading lists of names and maps of caps out of JSON: the shapes the
//! license payload and the vendor's policy share.

use crate::escape;
use crate::json::Value;
use crate::names::{valid_name, NameMap};

/// Most features or limits one license or plan may list.
pub const MAX_ENTRIES: usize = 256;

/// Largest cap any host represents exactly (JavaScript numbers: 2^53 - 1).
pub const MAX_LIMIT: u64 = (1 << 53) - 1;

/// Read a string list of valid names, sorted and de-duplicated.
pub fn name_list(v: Option<&Value>, what: &str) -> std::result::Result<Vec<String>, String> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let Value::Array(items) = v else {
        return Err(format!("'{what}' must be an array of names"));
    };
    if items.len() > MAX_ENTRIES {
        return Err(format!("'{what}' has more than {MAX_ENTRIES} entries"));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item.as_str() {
            Some(s) if valid_name(s) => out.push(s.to_string()),
            _ => {
                return Err(format!(
                    "'{what}' entries must be names of 1-64 characters of A-Z a-z 0-9 _ - . :"
                ))
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Read a `{name: u64}` object.
pub fn limit_map(v: Option<&Value>, what: &str) -> std::result::Result<NameMap<u64>, String> {
    let Some(v) = v else {
        return Ok(NameMap::default());
    };
    let Value::Object(members) = v else {
        return Err(format!(
            "'{what}' must be an object of name: non-negative integer"
        ));
    };
    if members.len() > MAX_ENTRIES {
        return Err(format!("'{what}' has more than {MAX_ENTRIES} entries"));
    }
    let mut out = NameMap::default();
    for (k, n) in members {
        if !valid_name(k) {
            return Err(format!(
                "'{what}' has an invalid cap name {}",
                escape::quoted(k)
            ));
        }
        let n = n.as_u64().filter(|n| *n <= MAX_LIMIT).ok_or_else(|| {
            format!("'{what}.{k}' must be an integer from 0 (no cap) to 9007199254740991 (2^53 - 1, the largest every host represents exactly)")
        })?;
        out.insert(k.clone(), n);
    }
    Ok(out)
}

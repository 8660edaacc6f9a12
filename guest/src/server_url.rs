//! The license server's URL, checked once in the core so that every host
//! connects to the same place. The authority is parsed, not searched:
//! `http://127.0.0.1:8787@example.invalid` names the host
//! `example.invalid`, so a rule read off the text before `@` would send a
//! customer's requests in clear text to someone else.
//!
//! The rules: `https://` anywhere, plain `http://` only to the three
//! loopback spellings `localhost`, `127.0.0.1` and `[::1]` exactly (not
//! `127.1`, `0x7f.1`, `localhost.` or upper case: each HTTP stack reads
//! those differently); no user information (`user@`), no percent-encoding
//! or backslash, no query or fragment, ASCII only (an IDNA name is written
//! in its `xn--` form), a port of 1-65535 when one is given.

use crate::error::{ErrorCode, LicenseError, Result};
use crate::escape::quoted;

/// Largest server URL accepted, bytes.
pub const MAX_URL_BYTES: usize = 2048;

const LOOPBACK: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// Check a server URL; returns it without trailing `/`.
pub fn check(url: &str) -> Result<String> {
    let bad = |why: &str| {
        LicenseError::new(
            ErrorCode::InvalidConfig,
            format!(
                "online server URL {} {why}; use e.g. https://license.example.com",
                quoted(url)
            ),
        )
    };
    if url.len() > MAX_URL_BYTES {
        return Err(bad("is too long"));
    }
    if url.bytes().any(|b| b <= b' ' || b >= 0x7f || b == b'\\') {
        return Err(bad(
            "may not contain spaces, backslashes, control or non-ASCII characters (write an international name in its xn-- form)",
        ));
    }
    let (plain, rest) = if let Some(r) = url.strip_prefix("https://") {
        (false, r)
    } else if let Some(r) = url.strip_prefix("http://") {
        (true, r)
    } else {
        return Err(bad("must start with https://"));
    };
    if rest.contains(['?', '#']) {
        return Err(bad("may not contain a query or a fragment"));
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Err(bad(
            "has user information before '@' (the host is what follows it); put no credentials in the server URL",
        ));
    }
    if authority.contains('%') {
        return Err(bad("has percent-encoding in its host"));
    }
    let (host, port) = split_host_port(authority).map_err(&bad)?;
    if host.is_empty() {
        return Err(bad("has no host"));
    }
    if let Some(p) = port {
        let ok = (1..=5).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n));
        if !ok {
            return Err(bad("has a port that is not a number from 1 to 65535"));
        }
    }
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']').unwrap_or("");
        if inner.is_empty()
            || !inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(bad("has a malformed IPv6 address"));
        }
    } else {
        if !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        {
            return Err(bad("has characters a host name cannot have"));
        }
        if host.starts_with('.') || host.ends_with('.') || host.contains("..") {
            return Err(bad(
                "has an empty label in its host (write the name without a leading or trailing dot)",
            ));
        }
    }
    if plain && !LOOPBACK.contains(&host) {
        return Err(bad(
            "uses plain http, which is allowed only for localhost, 127.0.0.1 and [::1]",
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// `host[:port]` or `[v6][:port]`.
fn split_host_port(authority: &str) -> std::result::Result<(&str, Option<&str>), &'static str> {
    if authority.starts_with('[') {
        let end = authority.find(']').ok_or("has an unclosed IPv6 bracket")?;
        let (host, after) = authority.split_at(end + 1);
        match after {
            "" => Ok((host, None)),
            _ => after
                .strip_prefix(':')
                .map(|p| (host, Some(p)))
                .ok_or("has characters after its IPv6 address"),
        }
    } else {
        match authority.split_once(':') {
            None => Ok((authority, None)),
            Some((_, p)) if p.contains(':') => Err("has more than one ':' in its host"),
            Some((h, p)) => Ok((h, Some(p))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_information_is_refused_so_the_loopback_rule_cannot_be_fooled() {
        for url in [
            "http://127.0.0.1:8787@example.invalid:8787",
            "http://localhost:1@example.invalid",
            "https://user:pass@license.example.com",
            "http://[::1]@example.invalid",
        ] {
            let e = check(url).unwrap_err();
            assert!(
                e.message.contains("user information"),
                "{url}: {}",
                e.message
            );
        }
    }

    #[test]
    fn plain_http_is_only_for_the_three_loopback_spellings() {
        for url in [
            "http://localhost",
            "http://localhost:8787/",
            "http://127.0.0.1:8787/licensing",
            "http://[::1]:8787",
        ] {
            assert!(check(url).is_ok(), "{url}");
        }
        for url in [
            "http://127.1",
            "http://0x7f.1",
            "http://127.0.0.2",
            "http://LOCALHOST",
            "http://[::2]",
            "http://[0:0:0:0:0:0:0:1]",
            "http://license.example.com",
        ] {
            let e = check(url).unwrap_err();
            assert!(e.message.contains("plain http"), "{url}: {}", e.message);
        }
    }

    #[test]
    fn odd_hosts_and_ports_are_refused() {
        for (url, says) in [
            ("http://localhost.", "empty label"),
            ("https://license.example.com.", "empty label"),
            ("https://license..example.com", "empty label"),
            ("http://%6cocalhost", "percent-encoding"),
            ("https://lic%2eexample.com", "percent-encoding"),
            ("https://lïcense.example", "non-ASCII"),
            ("http://127.0.0.1\\@example.invalid", "backslashes"),
            ("https://license.example.com:0", "port"),
            ("https://license.example.com:65536", "port"),
            ("https://license.example.com:", "port"),
            ("https://license.example.com:8a", "port"),
            ("https://[::1", "unclosed"),
            ("https://[::1]x", "after its IPv6"),
            ("https://[zz]", "IPv6"),
            ("https://a:1:2", "more than one"),
            ("https://", "no host"),
            ("https:///x", "no host"),
            ("https://license.example.com/?x=1", "query"),
            ("license.example.com", "must start"),
        ] {
            let e = check(url).unwrap_err();
            assert!(e.message.contains(says), "{url}: {}", e.message);
        }
        assert_eq!(
            check("https://xn--bcher-kva.example:8443/lic/").unwrap(),
            "https://xn--bcher-kva.example:8443/lic"
        );
    }
}

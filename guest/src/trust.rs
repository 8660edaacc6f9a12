//! Which certificate authorities a host trusts for the license server's
//! TLS certificate, decided once for every host (docs/proxies.md, "Custom
//! certificate authorities"): behind a TLS-intercepting corporate proxy the
//! server's certificate is re-signed by the company's CA, which the
//! platform's roots do not hold.
//!
//! The rules: for an `https://` server, the host's `ca_file` setting, else
//! `SSL_CERT_FILE`, else `NODE_EXTRA_CA_CERTS` (empty means unset). The
//! file's certificates are trusted **in addition to** the platform's roots,
//! so naming the corporate CA never breaks a direct connection. Hosts read
//! the file (bounded, a regular file) and load it into their TLS client.

use crate::error::{ErrorCode, LicenseError, Result};
use crate::escape::quoted;

/// The variables a host passes, in the order they are read.
pub const VARIABLES: [&str; 2] = ["SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"];
/// Longest path accepted.
pub const MAX_PATH_BYTES: usize = 4096;

/// The CA bundle in force and where it was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaFile {
    /// The file's path, as given.
    pub path: String,
    /// `ca_file` (the host's setting) or the variable's name.
    pub source: String,
}

/// The CA bundle for `server_url` (already checked), or none for the
/// platform's roots alone. A path that cannot be one is `invalid-config`
/// naming where it came from.
pub fn ca_file(
    server_url: &str,
    explicit: Option<&str>,
    env: &[(String, String)],
) -> Result<Option<CaFile>> {
    if !server_url.starts_with("https://") {
        return Ok(None);
    }
    let var = |name: &str| {
        env.iter()
            .find(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    };
    let chosen = match explicit.filter(|p| !p.trim().is_empty()) {
        Some(p) => Some(("ca_file", p)),
        None => VARIABLES
            .iter()
            .find_map(|name| var(name).map(|v| (*name, v))),
    };
    let Some((source, path)) = chosen else {
        return Ok(None);
    };
    if path.len() > MAX_PATH_BYTES || path.chars().any(char::is_control) {
        return Err(LicenseError::new(
            ErrorCode::InvalidConfig,
            format!(
                "the certificate-authority file named by {source} ({}) is not a usable path (control characters, or longer than {MAX_PATH_BYTES} bytes)",
                quoted(path)
            ),
        )
        .with("field", source));
    }
    Ok(Some(CaFile {
        path: path.to_string(),
        source: source.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_setting_wins_then_ssl_cert_file_then_nodes_variable() {
        let e = env(&[
            ("NODE_EXTRA_CA_CERTS", "/n.pem"),
            ("SSL_CERT_FILE", "/s.pem"),
        ]);
        let got = |explicit| ca_file("https://l.example", explicit, &e).unwrap().unwrap();
        assert_eq!(got(Some("/c.pem")).source, "ca_file");
        assert_eq!(got(None).path, "/s.pem");
        let only_node = env(&[("NODE_EXTRA_CA_CERTS", "/n.pem"), ("SSL_CERT_FILE", " ")]);
        assert_eq!(
            ca_file("https://l.example", Some(""), &only_node)
                .unwrap()
                .unwrap()
                .source,
            "NODE_EXTRA_CA_CERTS"
        );
    }

    #[test]
    fn plain_http_servers_and_odd_paths() {
        let e = env(&[("SSL_CERT_FILE", "/s.pem")]);
        assert_eq!(ca_file("http://127.0.0.1:1", None, &e).unwrap(), None);
        let bad = ca_file("https://l.example", Some("/a\nb"), &e).unwrap_err();
        assert_eq!(bad.code, ErrorCode::InvalidConfig);
        assert!(bad
            .details
            .iter()
            .any(|(k, v)| k == "field" && v == "ca_file"));
    }
}

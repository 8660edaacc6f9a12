//! The local license agent (docs/agent.md): one process on a host holds the
//! license and makes the online checks; the host's other processes get the
//! key and the license server's last signed answer from it over a Unix
//! socket, and their own core checks that answer again (signature, license)
//! so a fake agent cannot grant more than the server signed.
//!
//! A process using an agent makes its "online check" a read of the agent's
//! socket: the core's request has a `unix:PATH` URL, the host connects,
//! reads the agent's message (at most [`MAX_MESSAGE_BYTES`]) and hands it
//! back as a `200` response; a read that fails is a transport failure.
//!
//! The message is text: the license key on the first line, then the relay
//! (one line of canonical JSON: the device the answer is for, and the
//! answer's status, body and signature header), or `null` before the agent
//! holds an answer.

use crate::error::{ErrorCode, LicenseError, Result};
use crate::escape::quoted;
use crate::json::{self, Value};
use crate::protocol::{Request, Response, SIGNATURE_HEADER};

/// The URL scheme of a request that reads the agent's socket.
pub const SCHEME: &str = "unix:";
/// Largest message read from an agent, bytes.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// Longest socket path accepted (Linux allows 107 bytes).
pub const MAX_PATH_BYTES: usize = 107;

/// A socket path that can be one; `source` names the setting for errors.
pub fn check_path(path: &str, source: &str) -> Result<String> {
    let p = path.trim();
    if p.is_empty() || p.len() > MAX_PATH_BYTES || p.chars().any(char::is_control) {
        return Err(LicenseError::new(
            ErrorCode::InvalidConfig,
            format!(
                "the license agent's socket named by {source} ({}) is not a usable path (empty, control characters, or longer than {MAX_PATH_BYTES} bytes)",
                quoted(path)
            ),
        )
        .with("field", source));
    }
    Ok(p.to_string())
}

/// The request that reads the agent at `path`.
pub fn request(path: &str) -> Request {
    Request {
        method: "GET".into(),
        url: format!("{SCHEME}{path}"),
        headers: Vec::new(),
        body: String::new(),
        proxy: None,
        ca_file: None,
    }
}

/// A signed answer as an agent relays it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    /// The device the answer is for: the agent's.
    pub device_id: String,
    /// The answer, with its signature header.
    pub response: Response,
}

/// The agent's message for `token` and the answer it holds.
pub fn message(token: &str, relay: Option<&Relay>) -> String {
    let relay = relay.map_or(Value::Null, |r| {
        Value::object(vec![
            ("body", Value::from(r.response.body.as_str())),
            ("device_id", Value::from(r.device_id.as_str())),
            (
                "signature",
                Value::from(r.response.header(SIGNATURE_HEADER).unwrap_or("")),
            ),
            ("status", Value::from(u64::from(r.response.status))),
        ])
    });
    format!("{token}\n{}\n", relay.to_canonical())
}

/// Read an agent's message: the key and the relay, or what is wrong.
pub fn parse(text: &str) -> std::result::Result<(String, Option<Relay>), String> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(format!(
            "its answer is larger than {MAX_MESSAGE_BYTES} bytes"
        ));
    }
    let mut lines = text.split('\n');
    let key = crate::key_sources::trim_key(lines.next().unwrap_or(""));
    if key.is_empty() {
        return Err("its answer has no license key (the agent holds none: give it one)".into());
    }
    let rest = lines.next().unwrap_or("").trim();
    if lines.any(|l| !l.trim().is_empty()) {
        return Err("its answer has more than two lines".into());
    }
    let v = json::parse(rest).map_err(|e| format!("its relay is not strict JSON ({e})"))?;
    if v == Value::Null {
        return Ok((key.to_string(), None));
    }
    let device_id = v
        .get("device_id")
        .and_then(Value::as_str)
        .ok_or("its relay's member 'device_id' is missing or not a string")?;
    let response = crate::protocol::kept_answer(&v).map_err(|why| format!("its relay's {why}"))?;
    Ok((
        key.to_string(),
        Some(Relay {
            device_id: device_id.to_string(),
            response,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_round_trips_and_odd_ones_are_refused_by_name() {
        let relay = Relay {
            device_id: "d".repeat(64),
            response: Response {
                status: 200,
                headers: vec![(SIGNATURE_HEADER.into(), "srv-1.sig".into())],
                body: "{\"v\":1}".into(),
            },
        };
        let m = message("lg1.key", Some(&relay));
        assert_eq!(parse(&m).unwrap(), ("lg1.key".to_string(), Some(relay)));
        assert_eq!(parse("lg1.key\nnull\n").unwrap(), ("lg1.key".into(), None));
        assert!(parse("\nnull").unwrap_err().contains("no license key"));
        assert!(parse("k\n{\"status\":200}")
            .unwrap_err()
            .contains("'device_id'"));
        assert!(parse("k\nnull\nx")
            .unwrap_err()
            .contains("more than two lines"));
        assert!(check_path("/run/\u{1b}a", "ACME_LICENSE_AGENT").is_err());
        assert!(check_path(&"x".repeat(200), "agent").is_err());
    }
}

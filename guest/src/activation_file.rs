//! Air-gapped activation by file (docs/air-gapped.md): the two files that
//! carry an activation between a machine without network and the vendor's
//! license server. Pure functions of their inputs.
//!
//! - The **request file** is the activation request an online `activate`
//!   would send (the same MAC-authenticated body, date and authorization),
//!   wrapped so it can be carried on a USB stick or pasted into a portal.
//! - The **activation file** (`.lwa`) is the server's signed answer to it,
//!   exactly as the server would have sent it (status, body, signature
//!   header), so the core checks it with the answer-checking rules of
//!   [`crate::protocol`]. Its body carries `offline_until`, which no online
//!   answer has: that is how a file and an online answer can never stand
//!   in for one another.

use crate::error::{ErrorCode, LicenseError, Result};
use crate::escape::quoted;
use crate::json::{self, Value};
use crate::protocol::{self, Request, Response, DATE_HEADER};

/// The `licensewarden` member of a request file.
pub const REQUEST_KIND: &str = "offline-activation-request";
/// The `licensewarden` member of an activation file.
pub const ACTIVATION_KIND: &str = "activation";
/// Largest request file read, bytes (a request body is at most 4 KiB).
pub const MAX_REQUEST_FILE_BYTES: usize = 8 * 1024;
/// Largest activation file read, bytes (an answer body of at most 16 KiB,
/// escaped once as a JSON string, and the envelope).
pub const MAX_ACTIVATION_FILE_BYTES: usize = 64 * 1024;

/// The request file for an `activate` request (canonical JSON, one line).
pub fn request_file(req: &Request, server_url: &str) -> String {
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    Value::object(vec![
        ("authorization", Value::from(header("authorization"))),
        ("body", Value::from(req.body.as_str())),
        ("date", Value::from(header(DATE_HEADER))),
        ("licensewarden", Value::from(REQUEST_KIND)),
        ("server_url", Value::from(server_url)),
        ("v", Value::from(protocol::VERSION)),
    ])
    .to_canonical()
}

/// A request file as the server reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineRequest {
    /// The `authorization` header value the client computed.
    pub authorization: String,
    /// The request body, verbatim (the MAC covers these bytes).
    pub body: String,
    /// The `x-licensewarden-date` value.
    pub date: String,
}

/// Read a request file strictly (servers). The error says what is wrong in
/// words an operator can act on.
pub fn parse_request_file(text: &str) -> std::result::Result<OfflineRequest, String> {
    if text.len() > MAX_REQUEST_FILE_BYTES {
        return Err(format!(
            "the request file is larger than {MAX_REQUEST_FILE_BYTES} bytes"
        ));
    }
    let v = json::parse(text.trim_end())
        .map_err(|e| format!("the request file is not strict JSON ({e})"))?;
    if v.get("licensewarden").and_then(Value::as_str) != Some(REQUEST_KIND) {
        return Err(format!(
            "this is not an offline activation request (its \"licensewarden\" member is not {}); make one with `licensewarden activate --offline-request request.json` on the machine to activate",
            quoted(REQUEST_KIND)
        ));
    }
    if v.get("v").and_then(Value::as_u64) != Some(protocol::VERSION) {
        return Err("the request file's version is not 1".into());
    }
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("the request file's member '{k}' is missing or not a string"))
    };
    Ok(OfflineRequest {
        authorization: text("authorization")?,
        body: text("body")?,
        date: text("date")?,
    })
}

/// The activation file for a signed answer (canonical JSON, one line).
pub fn activation_file(status: u16, body: &str, signature: &str) -> String {
    Value::object(vec![
        ("body", Value::from(body)),
        ("licensewarden", Value::from(ACTIVATION_KIND)),
        ("signature", Value::from(signature)),
        ("status", Value::from(u64::from(status))),
        ("v", Value::from(protocol::VERSION)),
    ])
    .to_canonical()
}

/// A `bad-response` error saying why an activation file was refused.
pub fn refused(why: impl Into<String>) -> LicenseError {
    LicenseError::new(
        ErrorCode::BadResponse,
        format!(
            "the activation file was refused: {}; nothing on this device changed",
            why.into()
        ),
    )
}

/// The signed answer an activation file carries, for the answer checks.
pub fn parse_activation_file(text: &str) -> Result<Response> {
    if text.len() > MAX_ACTIVATION_FILE_BYTES {
        return Err(refused(format!(
            "it is larger than {MAX_ACTIVATION_FILE_BYTES} bytes"
        )));
    }
    let v = json::parse(text.trim_end())
        .map_err(|e| refused(format!("it is not strict JSON ({e})")))?;
    match v.get("licensewarden").and_then(Value::as_str) {
        Some(ACTIVATION_KIND) => {}
        Some(REQUEST_KIND) => {
            return Err(refused(
                "it is the request file, not the vendor's answer to it; send it to the vendor (or upload it in the customer portal) and install the activation file that comes back",
            ))
        }
        _ => return Err(refused("it is not a licensewarden activation file")),
    }
    if v.get("v").and_then(Value::as_u64) != Some(protocol::VERSION) {
        return Err(refused("its version is not 1"));
    }
    protocol::kept_answer(&v).map_err(|why| refused(format!("its {why}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_file_round_trips_through_the_servers_reader() {
        let req = Request {
            method: "POST".into(),
            url: "https://l.example/v1/activate".into(),
            headers: vec![
                ("authorization".into(), "LW1-HMAC-SHA256 abc".into()),
                (DATE_HEADER.into(), "1780272000000".into()),
            ],
            body: "{\"action\":\"activate\"}".into(),
            proxy: None,
            ca_file: None,
        };
        let file = request_file(&req, "https://l.example");
        let back = parse_request_file(&format!("{file}\n")).unwrap();
        assert_eq!(back.body, req.body);
        assert_eq!(back.date, "1780272000000");
        assert_eq!(back.authorization, "LW1-HMAC-SHA256 abc");
    }

    #[test]
    fn a_request_file_given_as_the_answer_says_which_file_is_which() {
        let e = parse_activation_file(&format!("{{\"licensewarden\":\"{REQUEST_KIND}\",\"v\":1}}"))
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::BadResponse);
        assert!(
            e.message.contains("it is the request file"),
            "{}",
            e.message
        );
    }

    #[test]
    fn oversized_or_odd_files_are_refused_by_name() {
        let big = "x".repeat(MAX_ACTIVATION_FILE_BYTES + 1);
        assert!(parse_activation_file(&big)
            .unwrap_err()
            .message
            .contains("larger than"));
        assert!(
            parse_request_file("{\"licensewarden\":\"activation\",\"v\":1}")
                .unwrap_err()
                .contains("not an offline activation request")
        );
        assert!(parse_activation_file(
            "{\"licensewarden\":\"activation\",\"v\":1,\"status\":99999}"
        )
        .unwrap_err()
        .message
        .contains("'status'"));
    }
}

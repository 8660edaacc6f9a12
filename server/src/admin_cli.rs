//! `licensewarden-server admin ...`: every admin operation from a shell,
//! over the server's HTTP admin API (the same endpoints, so there is one
//! implementation of each rule). The token is read from a file or the
//! environment, never from the command line; `--json` prints the server's
//! answer as it came, for scripts.
//!
//! It speaks plain HTTP to the server's own listener (run it on the server
//! host, or through an SSH tunnel): TLS, when there is any, ends in a proxy
//! in front of the server, and the admin token must not cross a network in
//! clear, so an `https://` URL is refused with that explanation.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

/// Largest answer read, bytes.
pub const MAX_ANSWER_BYTES: u64 = 16 * 1024 * 1024;
/// Connect, read and write timeout.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// `licensewarden-server admin`.
#[derive(Args, Debug)]
pub struct AdminArgs {
    /// The server's listener.
    #[arg(
        long,
        env = "LICENSEWARDEN_SERVER_URL",
        default_value = "http://127.0.0.1:8787",
        global = true
    )]
    pub server: String,
    /// File holding the admin token (the server writes admin.token on first start).
    #[arg(
        long = "token-file",
        env = "LICENSEWARDEN_ADMIN_TOKEN_FILE",
        default_value = "admin.token",
        global = true
    )]
    pub token_file: PathBuf,
    /// Print the server's JSON answer instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// The operation.
    #[command(subcommand)]
    pub op: Op,
}

/// One admin operation.
#[derive(Subcommand, Debug)]
pub enum Op {
    /// Issue a license with the server's issuing key; prints its id and key.
    Create {
        /// Plan name.
        #[arg(long)]
        plan: String,
        /// License id (default: a random one).
        #[arg(long)]
        id: Option<String>,
        /// Organisation.
        #[arg(long)]
        org: Option<String>,
        /// A feature beyond the plan's (repeatable).
        #[arg(long = "feature")]
        features: Vec<String>,
        /// A cap as NAME=N, e.g. max_devices=5 (repeatable).
        #[arg(long = "limit")]
        limits: Vec<String>,
        /// Expiry: YYYY-MM-DD or RFC 3339.
        #[arg(long)]
        expires: Option<String>,
        /// Also write the new key to this file (created, 0600), for the customer.
        #[arg(long = "key-out")]
        key_out: Option<PathBuf>,
    },
    /// Register a key issued with `licensewarden issue` (read from a file).
    Register {
        /// File whose first non-empty line is the key.
        #[arg(long = "key-file")]
        key_file: PathBuf,
    },
    /// List licenses.
    List,
    /// Show one license with its devices.
    Show {
        /// License id.
        id: String,
    },
    /// Renew: set a new expiry (`never` for none). Products pick it up at their next check.
    Renew {
        /// License id.
        id: String,
        /// New expiry: YYYY-MM-DD, RFC 3339 or `never`.
        #[arg(long)]
        expires: String,
    },
    /// Change plan, features, caps, org, lease or heartbeat.
    Change {
        /// License id.
        id: String,
        /// New plan (upgrade or downgrade).
        #[arg(long)]
        plan: Option<String>,
        /// The whole feature list, comma-separated (`""` for none).
        #[arg(long)]
        features: Option<String>,
        /// A cap as NAME=N (repeatable; 0 = no cap); other caps are kept.
        #[arg(long = "limit")]
        limits: Vec<String>,
        /// New organisation.
        #[arg(long)]
        org: Option<String>,
        /// New expiry: YYYY-MM-DD, RFC 3339 or `never`.
        #[arg(long)]
        expires: Option<String>,
        /// Lease of valid answers in minutes (5-10080), or `default`.
        #[arg(long = "lease-minutes")]
        lease_minutes: Option<String>,
        /// Release devices not seen for this many minutes, or `off`.
        #[arg(long = "heartbeat-minutes")]
        heartbeat_minutes: Option<String>,
    },
    /// Suspend: products run the community tier, showing the reason, until reinstated.
    Suspend {
        /// License id.
        id: String,
        /// Why (shown to the customer's operators).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Undo a suspension.
    Reinstate {
        /// License id.
        id: String,
    },
    /// Revoke for good (products: `revoked`, community tier).
    Revoke {
        /// License id.
        id: String,
    },
    /// Undo a revocation.
    Unrevoke {
        /// License id.
        id: String,
    },
    /// Delete the license and its devices (products: `license-not-found`).
    Delete {
        /// License id.
        id: String,
        /// Confirm: deleting cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// List a license's devices.
    Devices {
        /// License id.
        id: String,
    },
    /// Free one device's slot.
    Free {
        /// License id.
        id: String,
        /// Device id (64 hex digits, from `devices` or the product's `license info`).
        device: String,
    },
    /// Turn an air-gapped machine's request file (`licensewarden activate --offline-request request.json`) into the activation file it installs (`--offline-response activation.lwa`); counts against the license's device limit like an online activation.
    OfflineActivate {
        /// The request file the machine wrote.
        #[arg(long)]
        request: PathBuf,
        /// Where to write the activation file (not overwritten if it exists).
        #[arg(long)]
        out: PathBuf,
    },
    /// Named admin tokens: list, create (shown once), revoke.
    Tokens {
        /// What to do.
        #[command(subcommand)]
        op: TokenOp,
    },
    /// Webhook endpoints: list, create, disable, deliveries, replay.
    Webhooks {
        /// What to do.
        #[command(subcommand)]
        op: WebhookOp,
    },
    /// The audit trail, oldest first.
    Events {
        /// Only this license's.
        #[arg(long)]
        license: Option<String>,
        /// Only this type (`license.renewed`) or prefix (`device.`).
        #[arg(long = "type")]
        kind: Option<String>,
        /// Only since this date.
        #[arg(long)]
        since: Option<String>,
        /// The `next` cursor of the previous page.
        #[arg(long)]
        after: Option<String>,
        /// At most this many (1-1000).
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

/// `admin tokens ...`.
#[derive(Subcommand, Debug)]
pub enum TokenOp {
    /// List tokens (names, scopes, dates; never the tokens).
    List,
    /// Create a token; it is printed once.
    Create {
        /// Name, shown in every event it causes.
        name: String,
        /// `status` (the signed status list only, for gateways), `read` (list and
        /// show) or `admin` (everything).
        #[arg(long)]
        scope: String,
    },
    /// Revoke a token.
    Revoke {
        /// Name.
        name: String,
    },
}

/// `admin webhooks ...`.
#[derive(Subcommand, Debug)]
pub enum WebhookOp {
    /// List endpoints (never their secrets).
    List,
    /// Register an endpoint; prints its signing secret.
    Create {
        /// https:// URL (http:// only to localhost).
        url: String,
        /// An event type or prefix ending in '.' to send (repeatable; default: all).
        #[arg(long = "event")]
        events: Vec<String>,
    },
    /// Stop delivering to an endpoint.
    Disable {
        /// Webhook id.
        id: String,
    },
    /// An endpoint's deliveries, newest first.
    Deliveries {
        /// Webhook id.
        id: String,
    },
    /// Send a delivery again now.
    Replay {
        /// Delivery id.
        delivery: String,
    },
}

/// A failure of the CLI itself (usage, connection), exit 2.
struct Usage(String);

fn limits(items: &[String]) -> Result<serde_json::Map<String, Value>, Usage> {
    let mut m = serde_json::Map::new();
    for item in items {
        let (k, v) = item.split_once('=').ok_or_else(|| {
            Usage(format!(
                "--limit {item:?}: write NAME=N, e.g. max_devices=5"
            ))
        })?;
        let n: u64 = v.trim().parse().map_err(|_| {
            Usage(format!(
                "--limit {item:?}: N must be a whole number (0 = no cap)"
            ))
        })?;
        m.insert(k.trim().to_string(), json!(n));
    }
    Ok(m)
}

fn expiry(s: &str) -> Value {
    if s.eq_ignore_ascii_case("never") {
        Value::Null
    } else {
        json!(s)
    }
}

fn minutes(s: &str, off: &str) -> Result<Value, Usage> {
    if s.eq_ignore_ascii_case(off) {
        return Ok(Value::Null);
    }
    s.parse::<u64>()
        .map(|n| json!(n))
        .map_err(|_| Usage(format!("{s:?} is not a whole number of minutes or '{off}'")))
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The request an operation makes: method, path, body.
fn request(op: &Op) -> Result<(&'static str, String, Option<Value>), Usage> {
    let lic = |id: &str| format!("/admin/licenses/{}", enc(id));
    Ok(match op {
        Op::Create {
            plan,
            id,
            org,
            features,
            limits: l,
            expires,
            ..
        } => {
            let mut b = json!({"plan": plan});
            if let Some(i) = id {
                b["id"] = json!(i);
            }
            if let Some(o) = org {
                b["org"] = json!(o);
            }
            if !features.is_empty() {
                b["features"] = json!(features);
            }
            if !l.is_empty() {
                b["limits"] = Value::Object(limits(l)?);
            }
            if let Some(e) = expires {
                b["expires"] = json!(e);
            }
            ("POST", "/admin/licenses".into(), Some(b))
        }
        Op::OfflineActivate { request, .. } => {
            let bytes = licensewarden_issue::files::read_bounded(
                request,
                licensewarden_guest::activation_file::MAX_REQUEST_FILE_BYTES as u64,
            )
            .map_err(|e| Usage(format!("{}: {e}", request.display())))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Usage(format!("{}: not UTF-8", request.display())))?;
            (
                "POST",
                "/admin/offline-activations".into(),
                Some(json!({"request": text})),
            )
        }
        Op::Register { key_file } => {
            let bytes = licensewarden_issue::files::read_bounded(key_file, 64 * 1024)
                .map_err(|e| Usage(format!("{}: {e}", key_file.display())))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Usage(format!("{}: not UTF-8", key_file.display())))?;
            let key = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            (
                "POST",
                "/admin/licenses".into(),
                Some(json!({"token": key})),
            )
        }
        Op::List => ("GET", "/admin/licenses".into(), None),
        Op::Show { id } => ("GET", lic(id), None),
        Op::Renew { id, expires } => ("PATCH", lic(id), Some(json!({"expires": expiry(expires)}))),
        Op::Change {
            id,
            plan,
            features,
            limits: l,
            org,
            expires,
            lease_minutes,
            heartbeat_minutes,
        } => {
            let mut b = json!({});
            if let Some(p) = plan {
                b["plan"] = json!(p);
            }
            if let Some(f) = features {
                let list: Vec<&str> = f
                    .split(',')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .collect();
                b["features"] = json!(list);
            }
            if !l.is_empty() {
                b["limits"] = Value::Object(limits(l)?);
            }
            if let Some(o) = org {
                b["org"] = json!(o);
            }
            if let Some(e) = expires {
                b["expires"] = expiry(e);
            }
            if let Some(m) = lease_minutes {
                b["lease_minutes"] = minutes(m, "default")?;
            }
            if let Some(m) = heartbeat_minutes {
                b["heartbeat_minutes"] = minutes(m, "off")?;
            }
            ("PATCH", lic(id), Some(b))
        }
        Op::Suspend { id, reason } => (
            "POST",
            format!("{}/suspend", lic(id)),
            Some(reason.as_ref().map_or(json!({}), |r| json!({"reason": r}))),
        ),
        Op::Reinstate { id } => ("POST", format!("{}/reinstate", lic(id)), None),
        Op::Revoke { id } => ("POST", format!("{}/revoke", lic(id)), None),
        Op::Unrevoke { id } => ("POST", format!("{}/unrevoke", lic(id)), None),
        Op::Delete { id, yes } => {
            if !yes {
                return Err(Usage(format!(
                    "deleting license {id:?} cannot be undone (its products get license-not-found); add --yes to confirm"
                )));
            }
            ("DELETE", lic(id), None)
        }
        Op::Devices { id } => ("GET", format!("{}/devices", lic(id)), None),
        Op::Free { id, device } => (
            "DELETE",
            format!("{}/devices/{}", lic(id), enc(device)),
            None,
        ),
        Op::Tokens { op: TokenOp::List } => ("GET", "/admin/tokens".into(), None),
        Op::Tokens {
            op: TokenOp::Create { name, scope },
        } => (
            "POST",
            "/admin/tokens".into(),
            Some(json!({"name": name, "scope": scope})),
        ),
        Op::Tokens {
            op: TokenOp::Revoke { name },
        } => ("DELETE", format!("/admin/tokens/{}", enc(name)), None),
        Op::Webhooks { op } => match op {
            WebhookOp::List => ("GET", "/admin/webhooks".into(), None),
            WebhookOp::Create { url, events } => {
                let mut b = json!({"url": url});
                if !events.is_empty() {
                    b["events"] = json!(events);
                }
                ("POST", "/admin/webhooks".into(), Some(b))
            }
            WebhookOp::Disable { id } => ("DELETE", format!("/admin/webhooks/{}", enc(id)), None),
            WebhookOp::Deliveries { id } => (
                "GET",
                format!("/admin/webhooks/{}/deliveries", enc(id)),
                None,
            ),
            WebhookOp::Replay { delivery } => (
                "POST",
                format!("/admin/deliveries/{}/replay", enc(delivery)),
                None,
            ),
        },
        Op::Events {
            license,
            kind,
            since,
            after,
            limit,
        } => {
            let mut q = vec![format!("limit={limit}")];
            for (k, v) in [
                ("license", license),
                ("type", kind),
                ("since", since),
                ("after", after),
            ] {
                if let Some(v) = v {
                    q.push(format!("{k}={}", enc(v)));
                }
            }
            ("GET", format!("/admin/events?{}", q.join("&")), None)
        }
    })
}

/// `host:port` of an `http://` URL.
fn authority(url: &str) -> Result<String, Usage> {
    if url.starts_with("https://") {
        return Err(Usage(format!(
            "{url}: the admin CLI speaks plain HTTP to the server's own listener (TLS ends in the proxy in front of it); run it on the server host or through an SSH tunnel (ssh -L 8787:127.0.0.1:8787 ...), with --server http://127.0.0.1:8787"
        )));
    }
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| Usage(format!("{url}: --server must be http://HOST:PORT")))?;
    let host = rest.trim_end_matches('/');
    if host.is_empty() || host.contains(['/', '?', '#', '@']) {
        return Err(Usage(format!(
            "{url}: --server must be http://HOST:PORT, without a path"
        )));
    }
    Ok(
        if host
            .rsplit_once(':')
            .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
        {
            host.to_string()
        } else {
            format!("{host}:80")
        },
    )
}

/// One HTTP/1.1 exchange; returns (status, body).
fn exchange(
    server: &str,
    token: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<(u16, String), Usage> {
    let hostport = authority(server)?;
    let addr = hostport
        .to_socket_addrs()
        .map_err(|e| Usage(format!("{server}: {e}")))?
        .next()
        .ok_or_else(|| Usage(format!("{server}: no address")))?;
    let mut s = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(|e| {
        Usage(format!(
            "cannot reach the server at {server} ({e}); is licensewarden-server running there? (--server or LICENSEWARDEN_SERVER_URL)"
        ))
    })?;
    let _ = s.set_read_timeout(Some(TIMEOUT));
    let _ = s.set_write_timeout(Some(TIMEOUT));
    let payload = body.map(Value::to_string).unwrap_or_default();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {hostport}\r\nauthorization: Bearer {token}\r\nconnection: close\r\ncontent-length: {}\r\n",
        payload.len()
    );
    if body.is_some() {
        head.push_str("content-type: application/json\r\n");
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())
        .and_then(|()| s.write_all(payload.as_bytes()))
        .map_err(|e| Usage(format!("{server}: {e}")))?;
    let mut raw = Vec::new();
    s.take(MAX_ANSWER_BYTES)
        .read_to_end(&mut raw)
        .map_err(|e| Usage(format!("{server}: {e}")))?;
    let text = String::from_utf8_lossy(&raw);
    let (headers, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| Usage(format!("{server}: not an HTTP answer")))?;
    let status = headers
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| Usage(format!("{server}: not an HTTP answer")))?;
    if headers.lines().any(|l| {
        l.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    }) {
        return Ok((status, dechunk(body)));
    }
    Ok((status, body.to_string()))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn shown(s: &str) -> String {
    licensewarden_guest::escape::printable(s, 4096)
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => shown(s),
        Value::Null => "-".into(),
        other => shown(&other.to_string()),
    }
}

/// Human text for an answer.
fn render(op: &Op, v: &Value) -> String {
    let mut o = String::new();
    let license = |o: &mut String, l: &Value| {
        let state = if l["revoked"] == json!(true) {
            "revoked"
        } else if l["suspended"] == json!(true) {
            "suspended"
        } else {
            "active"
        };
        // Every term as given (the expiry as written), not only the cap.
        let features = l["features"]
            .as_array()
            .map(|f| f.iter().map(text_of).collect::<Vec<_>>().join(","))
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| "-".into());
        let limits = l["limits"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| format!("{}={}", shown(k), text_of(v)))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "-".into());
        o.push_str(&format!(
            "{}  plan {}  expires {}  features {features}  limits {limits}  devices max {}  {state}\n",
            text_of(&l["id"]),
            text_of(&l["plan"]),
            text_of(&l["expires"]),
            text_of(&l["max_devices"]),
        ));
    };
    match op {
        Op::Create { .. } | Op::Register { .. } => {
            license(&mut o, &v["license"]);
            if let Some(t) = v["token"].as_str() {
                o.push_str(&format!("key: {}\n", shown(t)));
            }
        }
        Op::List => {
            for l in v["licenses"].as_array().into_iter().flatten() {
                license(&mut o, l);
            }
        }
        Op::Devices { .. } | Op::Show { .. } => {
            let l = if v["license"].is_object() {
                &v["license"]
            } else {
                v
            };
            if l["plan"].is_string() {
                license(&mut o, l);
                for k in [
                    "features",
                    "limits",
                    "suspend_reason",
                    "lease_minutes",
                    "heartbeat_minutes",
                    "updated_at",
                ] {
                    if !l[k].is_null() {
                        o.push_str(&format!("  {k}: {}\n", text_of(&l[k])));
                    }
                }
            }
            for d in l["devices"].as_array().into_iter().flatten() {
                o.push_str(&format!(
                    "  device {}  {} {}/{}  first seen {}  last seen {}\n",
                    text_of(&d["device_id"]),
                    text_of(&d["hostname"]),
                    text_of(&d["os"]),
                    text_of(&d["arch"]),
                    text_of(&d["first_seen"]),
                    text_of(&d["last_seen"]),
                ));
            }
        }
        Op::Events { .. } => {
            for e in v["events"].as_array().into_iter().flatten() {
                o.push_str(&format!(
                    "{}  {}  {}  {}  {}\n",
                    text_of(&e["at"]),
                    text_of(&e["type"]),
                    text_of(&e["license_id"]),
                    text_of(&e["actor"]),
                    text_of(&e["details"]),
                ));
            }
            if let Some(n) = v["next"].as_str() {
                o.push_str(&format!("more: --after {}\n", shown(n)));
            }
        }
        Op::Webhooks { .. } => {
            for w in v["webhooks"].as_array().into_iter().flatten() {
                o.push_str(&format!(
                    "{}  {}  events {}  {}\n",
                    text_of(&w["id"]),
                    text_of(&w["url"]),
                    text_of(&w["events"]),
                    if w["disabled"] == json!(true) {
                        "disabled"
                    } else {
                        "active"
                    },
                ));
            }
            for d in v["deliveries"].as_array().into_iter().flatten() {
                o.push_str(&format!(
                    "{}  {}  {}  attempts {}  last status {}  {}\n",
                    text_of(&d["id"]),
                    text_of(&d["event_type"]),
                    text_of(&d["status"]),
                    text_of(&d["attempts"]),
                    text_of(&d["last_status"]),
                    text_of(&d["last_error"]),
                ));
            }
            let w = &v["webhook"];
            if w.is_object() {
                o.push_str(&format!("{}  {}\n", text_of(&w["id"]), text_of(&w["url"])));
                if let Some(sec) = w["secret"].as_str() {
                    o.push_str(&format!("signing secret: {}\n", shown(sec)));
                }
            }
            for k in ["disabled", "replayed"] {
                if let Some(x) = v[k].as_str() {
                    o.push_str(&format!("{k} {}\n", shown(x)));
                }
            }
        }
        Op::OfflineActivate { out, .. } => {
            o.push_str(&format!(
                "activated {} on {} (device {}), valid until {}; activation file written to {}: install it there with `licensewarden activate --offline-response {}`\n",
                text_of(&v["license_id"]),
                text_of(&v["hostname"]),
                text_of(&v["device_id"]),
                text_of(&v["valid_until"]),
                shown(&out.display().to_string()),
                shown(&out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()),
            ));
        }
        Op::Tokens { .. } => {
            for t in v["tokens"].as_array().into_iter().flatten() {
                o.push_str(&format!(
                    "{}  {}  created {} by {}  last used {}  {}\n",
                    text_of(&t["name"]),
                    text_of(&t["scope"]),
                    text_of(&t["created_at"]),
                    text_of(&t["created_by"]),
                    text_of(&t["last_used_at"]),
                    if t["revoked_at"].is_null() {
                        "active"
                    } else {
                        "revoked"
                    },
                ));
            }
            if let Some(t) = v["token"].as_str() {
                o.push_str(&format!(
                    "{} ({}): {}\nkeep it now: it is not shown again\n",
                    text_of(&v["name"]),
                    text_of(&v["scope"]),
                    shown(t)
                ));
            }
            if let Some(n) = v["revoked"].as_str() {
                o.push_str(&format!("revoked {}\n", shown(n)));
            }
        }
        _ if v["license"].is_object() => license(&mut o, &v["license"]),
        _ => o.push_str(&format!("{}\n", shown(&v.to_string()))),
    }
    o
}

/// Create `path` (it must not exist) readable by its owner only.
fn write_new(path: &std::path::Path, data: &str) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)?.write_all(data.as_bytes())
}

/// Run an admin operation: 0 done, 1 refused by the server, 2 usage or
/// connection problem.
pub fn run(args: AdminArgs) -> ExitCode {
    let token = match std::env::var("LICENSEWARDEN_ADMIN_TOKEN") {
        Ok(t) if !t.trim().is_empty() => Ok(t.trim().to_string()),
        _ => licensewarden_issue::files::read_bounded(&args.token_file, 4096)
            .map_err(|e| {
                Usage(format!(
                    "admin token file {}: {e}; pass --token-file (the server writes admin.token in its directory) or set LICENSEWARDEN_ADMIN_TOKEN",
                    args.token_file.display()
                ))
            })
            .map(|b| String::from_utf8_lossy(&b).trim().to_string()),
    };
    let result = token.and_then(|token| {
        if token.chars().any(|c| c.is_control() || c == ' ') {
            return Err(Usage(
                "the admin token contains spaces or control characters".into(),
            ));
        }
        let (method, path, body) = request(&args.op)?;
        exchange(&args.server, &token, method, &path, body.as_ref())
    });
    match result {
        Err(Usage(why)) => {
            eprintln!("licensewarden-server admin: {}", shown(&why));
            ExitCode::from(2)
        }
        Ok((status, body)) => {
            let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            if let (
                Op::Create {
                    key_out: Some(path),
                    ..
                },
                Some(key),
            ) = (&args.op, v["token"].as_str())
            {
                if let Err(e) = write_new(path, &format!("{key}\n")) {
                    eprintln!(
                        "licensewarden-server admin: the license was created, but its key could not be written to {}: {e}; `show` cannot give it again, so keep this answer: {}",
                        shown(&path.display().to_string()),
                        shown(&body)
                    );
                    return ExitCode::from(1);
                }
            }
            if let (Op::OfflineActivate { out, .. }, Some(file), true) = (
                &args.op,
                v["activation"].as_str(),
                (200..300).contains(&status),
            ) {
                if let Err(e) = write_new(out, &format!("{file}\n")) {
                    eprintln!(
                        "licensewarden-server admin: the device was activated, but the activation file could not be written to {}: {e}; run the same command again with another --out",
                        shown(&out.display().to_string()),
                    );
                    return ExitCode::from(1);
                }
            }
            if (200..300).contains(&status) {
                if args.json {
                    println!("{body}");
                } else {
                    print!("{}", render(&args.op, &v));
                }
                ExitCode::SUCCESS
            } else {
                if args.json {
                    println!("{body}");
                }
                eprintln!(
                    "licensewarden-server admin: HTTP {status} {}: {}",
                    text_of(&v["error"]["code"]),
                    text_of(&v["error"]["message"])
                );
                ExitCode::from(1)
            }
        }
    }
}

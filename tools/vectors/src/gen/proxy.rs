//! `tests/vectors/proxy.json`: which proxy every host sends the license
//! server's requests through (docs/proxies.md), written once for every
//! host: the case's `config.online` carries the host's `proxy` setting and
//! `proxy_env` (the environment the host hands over); the outcome is the
//! route of the first request (`route`: `{url, authorization}` or null) and
//! the CA bundle it trusts (`ca_file`: from the `ca_file` setting or the
//! variables, docs/proxies.md), or the refusal of a setting the core cannot
//! use.

use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "Proxies and CA bundles: the route curl's variables and the proxy setting give, NO_PROXY, credentials, the CA file, refusals";

fn case(
    g: &mut Gen,
    id: &str,
    description: &str,
    server_url: &str,
    proxy: Option<&str>,
    env: Value,
    expect: Value,
) {
    let online = json!({"server_url": server_url, "proxy": proxy, "proxy_env": env});
    push(g, id, description, online, expect);
}

/// A `proxy_route` case with these online settings (the server key only has
/// to be an Ed25519 key: no answer is sent).
fn push(g: &mut Gen, id: &str, description: &str, mut online: Value, expect: Value) {
    let mut config = g.config();
    online["server_keys"] = json!([tk(&g.k.b)]);
    online["lease_hours"] = json!(0);
    online["grace_hours"] = json!(0);
    config["online"] = online;
    let token = g.k.a.issue(&spec("pro"));
    g.case(
        &format!("proxy/{id}"),
        description,
        json!({"op": "proxy_route", "config": config, "key": token}),
        expect,
    );
}

/// A case about the CA bundle: the `ca_file` setting and the environment.
fn ca_case(
    g: &mut Gen,
    id: &str,
    description: &str,
    server_url: &str,
    ca_file: Option<&str>,
    env: Value,
    expect: Value,
) {
    let online =
        json!({"server_url": server_url, "proxy": null, "ca_file": ca_file, "proxy_env": env});
    push(g, id, description, online, expect);
}

fn route(url: &str, authorization: Option<&str>) -> Value {
    json!({"route": {"url": url, "authorization": authorization}})
}

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let https = "https://license.example.com";
    let loopback = "http://127.0.0.1:8787";
    let direct = json!({"route": null});
    case(
        g,
        "none",
        "No setting and no variables: directly",
        https,
        None,
        json!({}),
        direct.clone(),
    );
    case(
        g,
        "https-lower-wins",
        "https_proxy before HTTPS_PROXY, as curl reads them",
        https,
        None,
        json!({"HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:3128"}),
        route("http://lower:3128", None),
    );
    case(
        g,
        "https-upper",
        "HTTPS_PROXY alone",
        https,
        None,
        json!({"HTTPS_PROXY": "proxy.corp:3128"}),
        route("http://proxy.corp:3128", None),
    );
    case(
        g,
        "credentials",
        "user:password becomes Basic credentials, percent-decoded; the route's URL has none",
        https,
        None,
        json!({"https_proxy": "http://u%40corp:p%3Ass@proxy.corp:3128"}),
        route("http://proxy.corp:3128", Some("Basic dUBjb3JwOnA6c3M=")),
    );
    case(
        g,
        "default-port",
        "A proxy without a port is on port 80",
        https,
        None,
        json!({"https_proxy": "http://proxy.corp/"}),
        route("http://proxy.corp:80", None),
    );
    case(
        g,
        "http-proxy-upper-never-read",
        "HTTP_PROXY is never read (a CGI server sets it from a request header)",
        loopback,
        None,
        json!({"HTTP_PROXY": "http://p:3128"}),
        direct.clone(),
    );
    case(
        g,
        "http-proxy-lower",
        "http_proxy for a plain-HTTP (loopback) server",
        loopback,
        None,
        json!({"http_proxy": "http://p:3128"}),
        route("http://p:3128", None),
    );
    case(
        g,
        "http-server-ignores-https-proxy",
        "https_proxy is for https:// servers only",
        loopback,
        None,
        json!({"https_proxy": "http://p:3128"}),
        direct.clone(),
    );
    case(
        g,
        "all-proxy",
        "all_proxy when no scheme-specific variable is set",
        https,
        None,
        json!({"ALL_PROXY": "http://all:8080"}),
        route("http://all:8080", None),
    );
    case(
        g,
        "empty-is-unset",
        "An empty variable counts as unset",
        https,
        None,
        json!({"https_proxy": "", "HTTPS_PROXY": "http://p:3128"}),
        route("http://p:3128", None),
    );
    case(
        g,
        "setting-wins",
        "The proxy setting wins over the variables",
        https,
        Some("http://setting:3128"),
        json!({"https_proxy": "http://variable:3128"}),
        route("http://setting:3128", None),
    );
    case(
        g,
        "no-proxy-domain",
        "NO_PROXY names a domain: its hosts connect directly",
        https,
        None,
        json!({"https_proxy": "http://p:3128", "NO_PROXY": "localhost, .example.com"}),
        direct.clone(),
    );
    case(
        g,
        "no-proxy-not-a-suffix",
        "NO_PROXY example.com does not match example.community",
        "https://example.community",
        None,
        json!({"https_proxy": "http://p:3128", "NO_PROXY": "example.com"}),
        route("http://p:3128", None),
    );
    case(
        g,
        "no-proxy-port",
        "NO_PROXY with a port matches that port only",
        "https://license.example.com:8443",
        None,
        json!({"https_proxy": "http://p:3128", "no_proxy": "license.example.com:443"}),
        route("http://p:3128", None),
    );
    case(
        g,
        "no-proxy-star-and-setting",
        "NO_PROXY=* bypasses the setting too",
        https,
        Some("http://setting:3128"),
        json!({"NO_PROXY": "*"}),
        direct,
    );
    let refused =
        |field: &str| json!({"ok": false, "code": "invalid-config", "details": {"field": field}});
    case(
        g,
        "socks-refused",
        "A socks5:// proxy is refused by name, not bypassed",
        https,
        None,
        json!({"ALL_PROXY": "socks5://u:secret@s:1080"}),
        refused("ALL_PROXY"),
    );
    case(
        g,
        "https-proxy-scheme-refused",
        "An https:// proxy is refused by name",
        https,
        Some("https://p:3128"),
        json!({}),
        refused("proxy"),
    );
    case(
        g,
        "path-refused",
        "A proxy with a path is refused",
        https,
        None,
        json!({"https_proxy": "http://p:3128/x"}),
        refused("https_proxy"),
    );
    let ca = |path: Option<&str>| json!({"ca_file": path});
    ca_case(
        g,
        "ca-none",
        "No CA setting and no variables: the platform's roots alone",
        https,
        None,
        json!({}),
        ca(None),
    );
    ca_case(
        g,
        "ca-setting-wins",
        "The ca_file setting wins over SSL_CERT_FILE and NODE_EXTRA_CA_CERTS",
        https,
        Some("/etc/corp/ca.pem"),
        json!({"SSL_CERT_FILE": "/etc/ssl/other.pem", "NODE_EXTRA_CA_CERTS": "/n.pem"}),
        ca(Some("/etc/corp/ca.pem")),
    );
    ca_case(
        g,
        "ca-ssl-cert-file",
        "SSL_CERT_FILE before NODE_EXTRA_CA_CERTS, in every host",
        https,
        None,
        json!({"SSL_CERT_FILE": "/etc/corp/ca.pem", "NODE_EXTRA_CA_CERTS": "/n.pem"}),
        ca(Some("/etc/corp/ca.pem")),
    );
    ca_case(
        g,
        "ca-node-extra",
        "NODE_EXTRA_CA_CERTS when SSL_CERT_FILE is empty, in every host",
        https,
        None,
        json!({"SSL_CERT_FILE": "", "NODE_EXTRA_CA_CERTS": "/etc/corp/ca.pem"}),
        ca(Some("/etc/corp/ca.pem")),
    );
    ca_case(
        g,
        "ca-plain-http",
        "A plain-HTTP (loopback) server has no certificate to check",
        loopback,
        Some("/etc/corp/ca.pem"),
        json!({}),
        ca(None),
    );
    ca_case(
        g,
        "ca-control-characters-refused",
        "A CA path with control characters is refused by name",
        https,
        None,
        json!({"SSL_CERT_FILE": "/etc/ca.pem\nx"}),
        refused("SSL_CERT_FILE"),
    );
    g.take()
}

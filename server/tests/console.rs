//! The console and the portal over real HTTP, as a browser without
//! JavaScript uses them: sessions in cookies, CSRF tokens in forms, a
//! `read` token that changes nothing, escaping, the portal confined to the
//! signed-in license, sign-in rate limits, and a product picking up what
//! the vendor did in the console.

mod common;

use std::collections::HashMap;

use common::{client, Backend, Server};
use licensewarden::ErrorCode;
use serde_json::json;

/// A cookie-keeping HTTP client that does not follow redirects.
struct Browser {
    agent: ureq::Agent,
    base: String,
    cookies: HashMap<String, String>,
}

struct Page {
    status: u16,
    body: String,
    location: String,
    csp: String,
}

impl Browser {
    fn new(s: &Server) -> Browser {
        Browser {
            agent: ureq::AgentBuilder::new().redirects(0).build(),
            base: s.url.clone(),
            cookies: HashMap::new(),
        }
    }

    fn take(&mut self, r: Result<ureq::Response, ureq::Error>) -> Page {
        let resp = match r {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{e}"),
        };
        for c in resp.all("set-cookie") {
            let kv = c.split(';').next().unwrap();
            let (k, v) = kv.split_once('=').unwrap();
            if v.is_empty() {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.into(), v.into());
            }
        }
        Page {
            status: resp.status(),
            location: resp.header("location").unwrap_or("").into(),
            csp: resp.header("content-security-policy").unwrap_or("").into(),
            body: resp.into_string().unwrap_or_default(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn get(&mut self, path: &str) -> Page {
        let r = self
            .agent
            .get(&format!("{}{path}", self.base))
            .set("cookie", &self.cookie_header())
            .call();
        self.take(r)
    }

    fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let r = self
            .agent
            .post(&format!("{}{path}", self.base))
            .set("cookie", &self.cookie_header())
            .send_form(form);
        self.take(r)
    }

    fn sign_in(&mut self, area: &str, field: &str, secret: &str) -> Page {
        let login = self.get(&format!("/{area}/login"));
        let pre = csrf(&login.body);
        self.post(
            &format!("/{area}/login"),
            &[(field, secret), ("csrf", &pre)],
        )
    }
}

fn csrf(body: &str) -> String {
    let at = body
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token")
        + 19;
    body[at..].split('"').next().unwrap().to_string()
}

#[test]
fn the_console_needs_a_token_and_a_read_token_changes_nothing() {
    let s = Server::start("console-scopes", &Backend::Sqlite);
    s.create_license("lic_c1", 3);
    let mut anon = Browser::new(&s);
    let p = anon.get("/console/");
    assert_eq!((p.status, p.location.as_str()), (303, "/console/login"));
    let p = anon.sign_in("console", "token", "not-a-token-at-all");
    assert_eq!(p.status, 401);
    let p = anon.post("/console/login", &[("token", &s.admin)]);
    assert_eq!(
        p.status, 403,
        "a sign-in form without its CSRF cookie is refused"
    );

    let mut root = Browser::new(&s);
    assert_eq!(root.sign_in("console", "token", &s.admin).status, 303);
    let p = root.get("/console/licenses/lic_c1");
    assert_eq!(p.status, 200);
    assert!(
        p.csp.contains("default-src 'none'") && p.csp.contains("frame-ancestors 'none'"),
        "{}",
        p.csp
    );
    assert!(p.body.contains("Renew") && p.body.contains("/console/licenses/lic_c1/revoke"));
    let p = root.post("/console/licenses/lic_c1/revoke", &[("csrf", "forged")]);
    assert_eq!(
        p.status, 403,
        "a POST without the session's CSRF token is refused"
    );
    let p = root.post("/console/licenses/lic_c1/revoke", &[]);
    assert_eq!(p.status, 403);

    let (_, t) = s.admin(
        "POST",
        "/admin/tokens",
        Some(json!({"name": "viewer", "scope": "read"})),
    );
    let viewer_token = t["token"].as_str().unwrap().to_string();
    let mut viewer = Browser::new(&s);
    assert_eq!(
        viewer.sign_in("console", "token", &viewer_token).status,
        303
    );
    let p = viewer.get("/console/licenses/lic_c1");
    assert_eq!(p.status, 200);
    assert!(p.body.contains("admin:viewer (read)"));
    assert!(
        !p.body.contains("/console/licenses/lic_c1/revoke"),
        "no action offered to a read token"
    );
    let token = csrf(&p.body);
    let p = viewer.post("/console/licenses/lic_c1/revoke", &[("csrf", &token)]);
    assert_eq!(p.status, 403, "and its POSTs are refused");
    let (_, v) = s.admin("GET", "/admin/licenses/lic_c1", None);
    assert_eq!(v["license"]["revoked"], false);

    s.admin("DELETE", "/admin/tokens/viewer", None);
    let p = viewer.get("/console/licenses/lic_c1");
    assert_eq!(
        (p.status, p.location.as_str()),
        (303, "/console/login"),
        "revoking a token ends its sessions"
    );

    let p = root.get("/console/");
    let token = csrf(&p.body);
    assert_eq!(
        root.post("/console/logout", &[("csrf", &token)]).status,
        303
    );
    assert_eq!(root.get("/console/").status, 303, "signed out");

    let mut flood = Browser::new(&s);
    let codes: Vec<u16> = (0..10)
        .map(|_| {
            flood
                .sign_in("console", "token", "wrong-token-xxxxxxxx")
                .status
        })
        .collect();
    assert_eq!(codes[..9], [401; 9], "one failure came before");
    assert_eq!(codes[9], 429, "failed sign-ins are limited per address");
    assert_eq!(
        flood.sign_in("console", "token", &s.admin).status,
        429,
        "even a right token waits out the minute"
    );
}

#[test]
fn a_vendor_creates_and_renews_in_the_console_and_a_customer_frees_a_device_in_the_portal() {
    for db in common::databases("console-flow") {
        flow(&Server::start("console-flow", &db));
    }
}

fn flow(s: &Server) {
    let mut vendor = Browser::new(s);
    vendor.sign_in("console", "token", &s.admin);
    let form = vendor.get("/console/licenses/new");
    let token = csrf(&form.body);
    let p = vendor.post(
        "/console/licenses/new",
        &[
            ("csrf", &token),
            ("id", "lic_portal"),
            ("plan", "pro"),
            ("org", "<script>alert(1)</script>"),
            ("limits", "max_devices=2"),
            ("expires", "2099-12-31"),
        ],
    );
    assert_eq!(p.status, 201, "{}", p.body);
    assert!(
        !p.body.contains("<script>alert"),
        "an injected script is shown as text"
    );
    let start =
        p.body.find("aria-label=\"License key\">").unwrap() + "aria-label=\"License key\">".len();
    let key = p.body[start..].split('<').next().unwrap().to_string();
    assert!(key.starts_with("lg1."), "{key}");
    let page = vendor.get("/console/licenses/lic_portal");
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let (a, b, c) = (
        client(s, &key, 1, None),
        client(s, &key, 2, None),
        client(s, &key, 3, None),
    );
    assert_eq!(a.activate().unwrap().error, None);
    assert_eq!(b.activate().unwrap().error, None);
    assert_eq!(
        c.activate().unwrap().error.map(|e| e.code),
        Some(ErrorCode::DeviceLimitExceeded)
    );

    s.create_license("lic_elsewhere", 5);
    let other = s
        .admin(
            "POST",
            "/admin/licenses",
            Some(json!({"plan": "pro", "id": "lic_other2"})),
        )
        .1;
    let other_key = other["token"].as_str().unwrap().to_string();
    client(s, &other_key, 9, None).activate().unwrap();

    let mut customer = Browser::new(s);
    assert_eq!(
        customer
            .sign_in("portal", "key", "lg1.not.a.real.key")
            .status,
        401
    );
    assert_eq!(customer.sign_in("portal", "key", &key).status, 303);
    let p = customer.get("/portal");
    assert_eq!(p.status, 200);
    assert!(
        p.body.contains("lic_portal") && p.body.contains("host-1") && p.body.contains("host-2")
    );
    assert!(
        !p.body.contains("lic_other2") && !p.body.contains("host-9"),
        "only its own license"
    );
    let token = csrf(&p.body);
    let foreign = customer.post(
        &format!("/portal/devices/{}/free", common::device_id(9)),
        &[("csrf", &token)],
    );
    assert_eq!(
        foreign.status, 404,
        "another license's device is out of reach"
    );
    assert_eq!(
        customer.get("/console/").status,
        303,
        "a portal session is not a console session"
    );
    let p = customer.post(
        &format!("/portal/devices/{}/free", common::device_id(1)),
        &[("csrf", &token)],
    );
    assert_eq!(p.status, 303);
    assert_eq!(
        c.activate().unwrap().error,
        None,
        "the third device activates once one is freed"
    );

    let page = vendor.get("/console/licenses/lic_portal");
    let token = csrf(&page.body);
    let p = vendor.post(
        "/console/licenses/lic_portal/renew",
        &[("csrf", &token), ("expires", "2100-01-31")],
    );
    assert_eq!(
        (p.status, p.location.as_str()),
        (303, "/console/licenses/lic_portal?done=renew")
    );
    b.validate_now().unwrap();
    assert_eq!(
        b.info().expires_at,
        licensewarden_guest::time::parse("2100-02-01").map(|i| i.ms)
    );
    let p = vendor.post(
        "/console/licenses/lic_portal/suspend",
        &[("csrf", &token), ("reason", "unpaid")],
    );
    assert_eq!(p.status, 303);
    assert_eq!(
        b.validate_now().unwrap().error.map(|e| e.code),
        Some(ErrorCode::Suspended)
    );
    // Protocol events are written by the once-a-second flush.
    let mut p = vendor.get("/console/events?license=lic_portal");
    for _ in 0..50 {
        if p.body.contains("device.refused") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        p = vendor.get("/console/events?license=lic_portal");
    }
    for kind in [
        "license.created",
        "device.refused",
        "device.freed",
        "license.renewed",
        "license.suspended",
    ] {
        assert!(p.body.contains(kind), "{kind} in the console's events");
    }
    assert!(
        p.body.contains("customer"),
        "the portal's action is attributed to the customer"
    );
    let p = vendor.get("/console/licenses?q=PORTAL&status=suspended");
    assert!(
        p.body.contains("lic_portal") && !p.body.contains("lic_elsewhere"),
        "search and filter"
    );
    let p = vendor.get("/console/");
    assert!(p.body.contains("Recent refusals") && p.body.contains("device.refused"));
}

#[test]
fn a_customer_turns_a_machines_request_file_into_its_activation_file_in_the_portal() {
    let s = Server::start("console-portal-file", &Backend::Sqlite);
    let key = s.create_license("lic_portal_file", 2);
    let other_key = s.create_license("lic_portal_other", 2);
    let machine = client(&s, &key, 5, None);
    let request = machine.offline_request().unwrap();

    let mut customer = Browser::new(&s);
    assert_eq!(customer.sign_in("portal", "key", &key).status, 303);
    let p = customer.get("/portal");
    assert!(
        p.body.contains("Activate a machine without network"),
        "{}",
        p.body
    );
    let token = csrf(&p.body);
    assert_eq!(
        customer
            .post(
                "/portal/activation",
                &[("request", &request), ("csrf", "forged")]
            )
            .status,
        403
    );
    let r = customer
        .agent
        .post(&format!("{}/portal/activation", s.url))
        .set("cookie", &customer.cookie_header())
        .send_form(&[("request", &request), ("csrf", &token)])
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"activation.lwa\"")
    );
    let file = r.into_string().unwrap();
    let out = machine.install_activation(&file);
    assert!(out.error.is_none(), "{:?}", out.error);
    assert_eq!(out.snapshot.status, licensewarden::Status::Active);

    // Another license's request is out of reach of this session.
    let foreign = client(&s, &other_key, 6, None).offline_request().unwrap();
    let p = customer.post(
        "/portal/activation",
        &[("request", &foreign), ("csrf", &token)],
    );
    assert_eq!(p.status, 403);
    assert!(p.body.contains("another license"), "{}", p.body);
    let p = customer.post(
        "/portal/activation",
        &[("request", "<script>"), ("csrf", &token)],
    );
    assert_eq!(p.status, 400);
    assert!(!p.body.contains("<script>"), "escaped");
}

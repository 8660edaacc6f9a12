"""The console and the portal in a real browser: Debian's Chromium driven by
Playwright, against the real licensewarden-server on 127.0.0.1, with real
products activating devices (the Python host, whose device facts can be
set: the CLI would be one device, this machine). Every page is checked with
axe-core (no serious or critical violation) and at 360 px width, and
screenshotted into target/console-screenshots/."""

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from licensewarden import Licensing, MemoryStore, OnlineSettings

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / "target" / "debug"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "target" / "console-screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp("console")
    subprocess.run([BIN / "licensewarden", "keygen", "--out", "vendor"], cwd=d, check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen(
        [BIN / "licensewarden-server", "--issuing-key", "vendor/private.key", "--listen", f"127.0.0.1:{port}"],
        cwd=d, stdout=subprocess.PIPE, env={**os.environ, "RUST_LOG": "warn"}, text=True)
    proc.stdout.readline()
    base = f"http://127.0.0.1:{port}"
    yield {"base": base, "dir": d, "admin": (d / "admin.token").read_text().strip(),
           "vendor_pub": json.loads((d / "vendor" / "public.key").read_text()),
           "server_pub": json.loads((d / "server.pub").read_text())}
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def admin(server, method, path, body=None, token=None):
    import urllib.request
    req = urllib.request.Request(server["base"] + path, method=method,
                                 headers={"authorization": f"Bearer {token or server['admin']}"},
                                 data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def product(server, key: str, n: int) -> Licensing:
    return Licensing(product="acme", trusted_keys=[server["vendor_pub"]], key=key, env={}, home=None,
                     device_facts_override={"mac": f"02:00:00:00:09:{n:02x}", "hostname": f"shop-{n}", "arch": "x86_64", "os": "linux"},
                     store=MemoryStore(), online=OnlineSettings(server["base"], [server["server_pub"]], timeout=5.0, background=False))


def check_page(page: Page, name: str) -> None:
    """axe-core finds no serious or critical violation, the page fits 360 px, and a screenshot is kept."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run()).violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))")
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: {bad}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 360, "height": 800})
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 360, f"{name}: {overflow} px wide at a 360 px viewport"
    page.set_viewport_size({"width": width, "height": 800})


def sign_in(page: Page, server, token: str) -> None:
    page.goto(server["base"] + "/console/login")
    page.get_by_label("Admin token").fill(token)
    page.get_by_role("button", name="Sign in").click()


def test_vendor_and_customer_manage_a_license_end_to_end(server, browser):
    dialogs = []
    ctx = browser.new_context(bypass_csp=True, accept_downloads=True, viewport={"width": 1200, "height": 800})
    page = ctx.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))

    page.goto(server["base"] + "/console/login")
    check_page(page, "console-sign-in")
    sign_in(page, server, server["admin"])
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()

    page.get_by_role("link", name="Licenses").first.click()
    page.get_by_role("link", name="New license").click()
    page.get_by_label("Id (empty: a random one)").fill("lic_browser")
    page.get_by_label("Org").fill('<img src=x onerror="alert(1)">')
    page.get_by_label("Plan").fill("pro")
    page.get_by_label("Limits (NAME=N, comma-separated)").fill("max_devices=2")
    page.get_by_label("Expires (YYYY-MM-DD)").fill("2099-12-31")
    page.get_by_role("button", name="Create").click()
    key = page.get_by_label("License key").input_value()
    assert key.startswith("lg1.")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server["base"])
    page.get_by_role("button", name="Copy key").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == key, "the copy button copies the key"
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download license.key").click()
    assert Path(dl.value.path()).read_text().strip() == key, "the downloaded key file holds the key"
    check_page(page, "console-license-created")

    a, b, c = (product(server, key, n) for n in (1, 2, 3))
    assert a.activate().error is None and b.activate().error is None
    assert c.activate().error.code == "device-limit-exceeded"

    page.goto(server["base"] + "/console/licenses/lic_browser")
    expect(page.get_by_text('<img src=x onerror="alert(1)">')).to_be_visible()
    assert dialogs == [], "an injected script is shown as text, never run"
    expect(page.get_by_role("cell", name="shop-1", exact=True)).to_be_visible()
    check_page(page, "console-license")

    customer = browser.new_context(bypass_csp=True, viewport={"width": 1200, "height": 800})
    portal = customer.new_page()
    portal.goto(server["base"] + "/portal/login")
    check_page(portal, "portal-sign-in")
    portal.get_by_label("License key").fill(key)
    portal.get_by_role("button", name="Sign in").click()
    expect(portal.get_by_role("heading", name="License lic_browser")).to_be_visible()
    check_page(portal, "portal")
    portal.get_by_role("button", name="Free shop-1").click()
    expect(portal.get_by_role("cell", name="shop-1", exact=True)).to_have_count(0)
    assert c.activate().error is None, "the third device activates once one is freed"

    page.goto(server["base"] + "/console/licenses/lic_browser")
    page.get_by_label("New expiry (YYYY-MM-DD, empty for none)").fill("2100-01-31")
    page.get_by_role("button", name="Renew").click()
    expect(page.get_by_text("Done: renew.")).to_be_visible()
    assert b.validate_now().error is None
    assert b.info().expires_at == 4105123200000, "the product picks the renewal up at its next check"

    page.goto(server["base"] + "/console/events?license=lic_browser")
    expect(page.get_by_role("cell", name="device.freed", exact=True)).to_be_visible()
    check_page(page, "console-events")
    page.goto(server["base"] + "/console/")
    check_page(page, "console-overview")
    page.goto(server["base"] + "/console/licenses")
    check_page(page, "console-licenses")
    page.goto(server["base"] + "/console/webhooks")
    check_page(page, "console-webhooks")

    # A portal session reaches no other license, whatever the URL.
    admin(server, "POST", "/admin/licenses", {"id": "lic_someone_else", "plan": "pro"})
    portal.goto(server["base"] + "/console/licenses/lic_someone_else")
    expect(portal.get_by_role("heading", name="Sign in to the licensewarden console")).to_be_visible()
    r = customer.request.post(server["base"] + "/portal/devices/" + "0" * 64 + "/free", form={"csrf": "x"})
    assert r.status == 403
    # A POST without the session's CSRF token is refused.
    r = ctx.request.post(server["base"] + "/console/licenses/lic_browser/revoke", form={})
    assert r.status == 403
    assert admin(server, "GET", "/admin/licenses/lic_browser")[1]["license"]["revoked"] is False
    ctx.close()
    customer.close()


def test_a_read_token_sees_everything_and_changes_nothing(server, browser):
    status, t = admin(server, "POST", "/admin/tokens", {"name": "support", "scope": "read"})
    assert status == 201
    admin(server, "POST", "/admin/licenses", {"id": "lic_readonly", "plan": "pro"})
    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
    page = ctx.new_page()
    sign_in(page, server, t["token"])
    expect(page.get_by_text("admin:support (read)")).to_be_visible()
    page.goto(server["base"] + "/console/licenses/lic_readonly")
    expect(page.get_by_role("heading", name="License lic_readonly")).to_be_visible()
    expect(page.get_by_role("button", name="Revoke")).to_have_count(0)
    expect(page.get_by_role("button", name="Renew")).to_have_count(0)
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    r = ctx.request.post(server["base"] + "/console/licenses/lic_readonly/revoke", form={"csrf": csrf})
    assert r.status == 403, "its POSTs are refused even with a valid CSRF token"
    assert admin(server, "GET", "/admin/licenses/lic_readonly")[1]["license"]["revoked"] is False
    ctx.close()

"""Online validation through the Python host against the real
licensewarden-server: activate, device limit, revoke, grace when the server
is gone, recovery, tampered state, and a hanging server."""

import json
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from licensewarden import FileStore, LicenseError, Licensing, OnlineSettings, MemoryStore

from conftest import POLICY

REPO = Path(__file__).resolve().parents[3]
BIN = REPO / "target" / "debug" / "licensewarden-server"
ADMIN = "py-test-admin-token-0123456789"


class Server:
    def __init__(self, tmp: Path):
        assert BIN.exists(), f"{BIN} is missing: run scripts/test.sh (it builds the server first)"
        self.dir = tmp
        self.port = 0
        self.proc = None

    def start(self) -> "Server":
        self.proc = subprocess.Popen(
            [str(BIN), "--database", f"sqlite://{self.dir / 'licenses.db'}", "--listen", f"127.0.0.1:{self.port}"],
            cwd=self.dir, env={**os.environ, "LICENSEWARDEN_ADMIN_TOKEN": ADMIN, "RUST_LOG": "warn"},
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        self.url = next(w for w in line.split() if w.startswith("http://"))
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def stop(self) -> None:
        if self.proc:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(10)
            self.proc = None

    @property
    def public_key(self) -> dict:
        return json.loads((self.dir / "server.pub").read_text())

    def admin(self, method: str, path: str, body=None):
        import urllib.request

        req = urllib.request.Request(f"{self.url}{path}", method=method, headers={"authorization": f"Bearer {ADMIN}"},
                                     data=None if body is None else json.dumps(body).encode())
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("server")).start()
    yield s
    s.stop()


def facts(n: int) -> dict:
    return {"mac": f"02:00:00:00:02:{n:02x}", "hostname": f"py-{n}", "arch": "x86_64", "os": "linux"}


def license(server, issuer, lid: str, max_devices: int) -> str:
    token = issuer.issue(id=lid, limits={"max_devices": max_devices})
    status, body = server.admin("POST", "/admin/licenses", {"token": token})
    assert status == 201, body
    return token


def client(server, issuer, token: str, n: int, **extra) -> Licensing:
    kw = dict(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=token, env={}, home=None,
              device_facts_override=facts(n), store=MemoryStore(),
              online=OnlineSettings(server.url, [server.public_key], timeout=3.0, background=False))
    kw.update(extra)
    return Licensing(**kw)


def test_activate_validate_device_limit_and_revoke(server, issuer):
    token = license(server, issuer, "lic_py_life", 2)
    a = client(server, issuer, token, 1)
    assert a.snapshot().status == "restricted"
    out = a.activate()
    assert out.error is None and out.snapshot.status == "active"
    a.check_feature("api_access")
    on = a.info().online
    assert (on.devices_registered, on.devices_max) == (1, 2)
    assert a.validate_now().error is None
    assert a.validate_if_due() is None, "no call within the lease"
    assert client(server, issuer, token, 2).activate().error is None
    third = client(server, issuer, token, 3).activate()
    assert third.error.code == "device-limit-exceeded"
    assert (third.error.details["registered"], third.error.details["max"]) == ("2", "2")
    assert server.admin("POST", "/admin/licenses/lic_py_life/revoke")[0] == 200
    revoked = a.validate_now()
    assert revoked.error.code == "revoked" and a.snapshot().status == "invalid"
    assert not a.has_feature("api_access")
    a.check_feature("basic")


def test_server_stopped_gives_grace_and_restart_recovers(server, issuer):
    token = license(server, issuer, "lic_py_grace", 5)
    offset = [0]
    lic = client(server, issuer, token, 1, clock=lambda: int(time.time() * 1000) + offset[0])
    assert lic.activate().error is None
    server.stop()
    try:
        offset[0] = 25 * 3600 * 1000
        out = lic.validate_if_due()
        assert out.error.code == "offline" and out.snapshot.status == "grace"
        assert "46h 5" in out.snapshot.error.message or "47h 0" in out.snapshot.error.message
        lic.check_feature("api_access")
    finally:
        server.start()
    offset[0] = 0
    back = lic.validate_now()
    assert back.error is None and back.snapshot.status == "active"


def test_tampered_state_file_is_detected_and_revalidated(server, issuer, tmp_path):
    token = license(server, issuer, "lic_py_state", 5)
    assert client(server, issuer, token, 1, store=FileStore(tmp_path)).activate().error is None
    assert client(server, issuer, token, 1, store=FileStore(tmp_path)).snapshot().status == "active"
    f = tmp_path / "validation.state"
    assert (f.stat().st_mode & 0o777) == 0o600
    text = f.read_text()
    f.write_text(text[:-3] + ("B" if text[-3] == "A" else "A") + text[-2:])
    lic = client(server, issuer, token, 1, store=FileStore(tmp_path))
    assert lic.snapshot().error.code == "state-tampered"
    assert lic.info().online.state_error.code == "state-tampered"
    assert lic.validate_if_due().snapshot.status == "active"
    # A flipped high bit makes the file invalid UTF-8: still tampered.
    raw = bytearray(f.read_bytes())
    raw[10] ^= 0x80
    f.write_bytes(bytes(raw))
    lic = client(server, issuer, token, 1, store=FileStore(tmp_path))
    assert lic.snapshot().error.code == "state-tampered"


def test_a_hanging_server_never_blocks_request_paths(server, issuer):
    hang = socket.socket()
    hang.bind(("127.0.0.1", 0))
    hang.listen()
    accepted = threading.Event()
    conns = []

    def hold():
        c, _ = hang.accept()
        conns.append(c)
        accepted.set()

    threading.Thread(target=hold, daemon=True).start()
    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=issuer.issue(id="lic_py_hang"),
                    env={}, home=None, store=MemoryStore(),
                    online=OnlineSettings(f"http://127.0.0.1:{hang.getsockname()[1]}", [server.public_key], timeout=30.0))
    assert accepted.wait(20), "the background thread sends the first check"
    # The background check is blocked on the hanging server; request paths answer.
    lic.check_feature("basic")
    assert lic.gate("/api").allow
    assert lic.info().status == "restricted"
    assert "restricted" in lic.metrics()
    lic.close()
    for c in conns:
        c.close()
    hang.close()


def test_a_state_file_written_by_the_rust_cli_is_read_by_python(server, issuer, tmp_path):
    token = license(server, issuer, "lic_py_shared", 5)
    (tmp_path / ".acme").mkdir()
    (tmp_path / "vendor.pub").write_text(json.dumps(issuer.trusted))
    (tmp_path / "server.pub").write_text(json.dumps(server.public_key))
    subprocess.run([str(REPO / "target" / "debug" / "licensewarden"), "activate", "--product", "acme",
                    "--public-key", str(tmp_path / "vendor.pub"), "--key", token, "--server", server.url,
                    "--server-key", str(tmp_path / "server.pub")],
                   env={**os.environ, "HOME": str(tmp_path)}, check=True, capture_output=True)
    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=token, env={}, home=tmp_path,
                    online=OnlineSettings(server.url, [server.public_key], background=False))
    assert lic.snapshot().status == "active", lic.info().online
    assert lic.validate_if_due() is None, "the lease from the CLI holds: no network call"


def _dripping_server(head_first: bool):
    """A server that answers one byte every 0.2 s: the status line and
    headers at once then the body (``head_first``), or everything dripped."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()

    def serve():
        try:
            c, _ = srv.accept()
        except OSError:
            return
        c.recv(65536)
        body = b'{"v":1,"result":"valid"}' + b" " * 176
        head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n"
        try:
            if head_first:
                c.sendall(head)
                rest = body
            else:
                rest = head + body
            for i in range(len(rest)):
                c.sendall(rest[i:i + 1])
                time.sleep(0.2)
        except OSError:
            pass
        finally:
            c.close()

    threading.Thread(target=serve, daemon=True).start()
    return srv


@pytest.mark.parametrize("head_first", [True, False])
def test_the_online_timeout_is_one_deadline_for_the_whole_request(server, issuer, head_first):
    srv = _dripping_server(head_first)
    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=issuer.issue(id="lic_py_drip"),
                    env={}, home=None, store=MemoryStore(),
                    online=OnlineSettings(f"http://127.0.0.1:{srv.getsockname()[1]}", [server.public_key],
                                          timeout=1.0, background=False))
    started = time.monotonic()
    out = lic.activate()
    took = time.monotonic() - started
    srv.close()
    lic.close()
    # A dripping answer is offline (never a bad signature), cut at the deadline.
    assert out.error is not None and out.error.code == "offline", out.error
    assert "within 1 s" in out.error.message, out.error.message
    assert took < 3.0, f"activate() took {took:.1f} s with a 1 s timeout"


def _serve(app) -> tuple[str, object]:
    """Serves ``app`` with uvicorn on a free 127.0.0.1 port in a thread."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    for _ in range(200):
        if srv.started:
            return f"http://127.0.0.1:{port}", srv
        time.sleep(0.02)
    raise RuntimeError("uvicorn did not start")


def test_renew_upgrade_suspend_and_reinstate_reach_a_running_fastapi_service(server, issuer):
    import httpx
    from fastapi import Depends, FastAPI

    from licensewarden.fastapi import install, require_feature

    token = license(server, issuer, "lic_py_terms", 3)
    lic = client(server, issuer, token, 7)
    app = FastAPI()
    install(app, lic)
    app.add_api_route("/api/devices", lambda: {"devices": []})
    app.add_api_route("/api/sso", lambda: "sso", dependencies=[Depends(require_feature(lic, "sso"))])
    app.add_api_route("/api/query", lambda: "q", dependencies=[Depends(require_feature(lic, "api_access"))])
    base, srv = _serve(app)
    try:
        assert lic.activate().error is None
        assert httpx.get(base + "/api/sso").status_code == 403

        status, body = server.admin("PATCH", "/admin/licenses/lic_py_terms", {"plan": "enterprise", "expires": "2100-01-31"})
        assert status == 200, body
        assert lic.validate_now().error is None, "the next check"
        assert httpx.get(base + "/api/sso").status_code == 200, "the upgrade unlocks sso in the running service"
        info = lic.info()
        assert info.plan == "enterprise"
        assert info.expires_at == 4105123200000, "2100-02-01T00:00:00Z: the renewal, same key"
        assert "plan changed from pro to enterprise" in info.online.terms_changed

        assert server.admin("POST", "/admin/licenses/lic_py_terms/suspend", {"reason": "invoice 7 is unpaid"})[0] == 200
        out = lic.validate_now()
        assert out.error.code == "suspended" and "invoice 7 is unpaid" in out.error.message
        assert httpx.get(base + "/api/devices").status_code == 200, "community tier, not a 503"
        r = httpx.get(base + "/api/query")
        assert r.status_code == 403 and "suspended" in r.text

        assert server.admin("POST", "/admin/licenses/lic_py_terms/reinstate")[0] == 200
        assert lic.validate_now().error is None
        assert httpx.get(base + "/api/sso").status_code == 200
    finally:
        srv.should_exit = True


def test_a_state_that_cannot_be_saved_is_an_error_naming_the_path(server, issuer, tmp_path):
    token = license(server, issuer, "lic_py_unsaved", 5)
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("x")  # no directory can be made under a file, even by root
    out = client(server, issuer, token, 1, store=FileStore(blocked / "state")).activate()
    assert out.error is not None and out.error.code == "state-not-saved", out
    assert "not-a-dir" in out.error.message and "not-a-dir" in out.error.details["reason"]
    # The answer still holds in memory: the server said valid.
    assert out.snapshot.status == "active"


def test_a_state_copied_back_with_the_clock_set_back_is_a_rollback(server, issuer, tmp_path):
    token = license(server, issuer, "lic_py_rollback", 5)
    offset = [0]
    clock = lambda: int(time.time() * 1000) + offset[0]  # noqa: E731
    state, witnesses = tmp_path / "state", tmp_path / "witness"
    make = lambda: client(server, issuer, token, 1, clock=clock, store=FileStore(state, witnesses))  # noqa: E731
    assert make().activate().error is None
    saved = (state / "validation.state").read_bytes()
    assert len(list(witnesses.glob("witness-*.state"))) == 1, "the witness lives in its own directory"
    server.stop()
    try:
        offset[0] = 73 * 3600 * 1000
        lic = make()
        out = lic.validate_if_due()
        assert out.error.code == "offline" and lic.snapshot().error.code == "grace-expired"
        (state / "validation.state").write_bytes(saved)
        offset[0] = 3600 * 1000
        assert make().snapshot().error.code == "clock-rollback"
    finally:
        server.start()


def test_a_paying_customers_first_request_waits_for_the_first_check_instead_of_a_403(server, issuer):
    from fastapi import Depends, FastAPI

    from licensewarden.fastapi import install, require_feature

    token = license(server, issuer, "lic_py_first", 5)
    lic = client(server, issuer, token, 1)
    assert lic.snapshot().error.code == "not-validated", "no check made yet"
    app = FastAPI()
    install(app, lic)

    @app.get("/api/reports", dependencies=[Depends(require_feature(lic, "api_access"))])
    def reports() -> dict:
        return {"ok": True}

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    try:
        for _ in range(100):
            if srv.started:
                break
            time.sleep(0.05)
        import httpx

        r = httpx.get(f"http://127.0.0.1:{port}/api/reports", timeout=15)
        assert r.status_code == 200, r.text
    finally:
        srv.should_exit = True
        t.join(10)
    assert lic.ready().status == "active"
    assert lic.validate_if_due() is None, "an answer is held: nothing is due, nothing to wait for"


def test_air_gapped_request_file_becomes_an_activation_file_that_activates_this_device_only(server, issuer):
    token = license(server, issuer, "lic_py_gap", 1)
    # The machine never reaches the server: its URL leads nowhere.
    offline = OnlineSettings("http://127.0.0.1:9", [server.public_key], timeout=1.0, background=False)
    lic = client(server, issuer, token, 1, online=offline)
    status, made = server.admin("POST", "/admin/offline-activations", {"request": lic.offline_request()})
    assert status == 201, made
    out = lic.install_activation(made["activation"])
    assert out.error is None and out.snapshot.status == "active"
    lic.check_feature("api_access")
    ends = lic.info().online.activation_ends
    assert ends is not None and ends > int(time.time() * 1000) + 29 * 86_400_000
    assert json.loads(lic.info_json())["online"]["activation_ends"] == made["valid_until"]

    other = client(server, issuer, token, 2, online=offline)
    refused = other.install_activation(made["activation"])
    assert refused.error is not None and refused.error.code == "bad-response"
    assert "another device" in refused.error.message
    status, full = server.admin("POST", "/admin/offline-activations", {"request": other.offline_request()})
    assert status == 409 and full["error"]["code"] == "device-limit", full
    with pytest.raises(TypeError):
        lic.install_activation(b"bytes")  # type: ignore[arg-type]


def test_an_offline_request_without_a_key_names_the_problem(server, issuer):
    lic = client(server, issuer, None, 3)
    with pytest.raises(LicenseError) as e:
        lic.offline_request()
    assert e.value.code == "no-license"

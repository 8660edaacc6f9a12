"""One activation shared by a host's processes (docs/agent.md): the Rust
CLI's `licensewarden agent` holds the license and makes the online checks;
this Python process and a Node process take the key and the server's signed
answer from its Unix socket, registering no device of their own. When the
agent stops, they keep the answer until its lease ends, then say the agent
is unreachable."""

import json
import os
import signal
import subprocess
import time

import pytest
from test_online import REPO, Server, license

from licensewarden import Licensing, MemoryStore, OnlineSettings

from conftest import POLICY

CLI = REPO / "target" / "debug" / "licensewarden"
HOUR_MS = 3600 * 1000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("server")).start()
    yield s
    s.stop()


def start_agent(server, issuer, token, d, license_id, extra=()):
    assert CLI.exists(), f"{CLI} is missing: run scripts/test.sh (it builds the CLI first)"
    (d / "vendor.pub").write_text(json.dumps(issuer.trusted))
    (d / "server.pub").write_text(json.dumps(server.public_key))
    sock = d / "license.sock"
    proc = subprocess.Popen(
        [str(CLI), "agent", "--socket", str(sock), "--product", "acme", "--public-key", str(d / "vendor.pub"),
         "--key", token, "--server", server.url, "--server-key", str(d / "server.pub"), "--state-dir", str(d / "state"),
         *extra],
        env={**os.environ, "HOME": str(d), "RUST_LOG": "warn"}, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert f"serving {license_id} (active)" in line, line
    return proc, sock


def process(server, issuer, sock, clock=None):
    """A product process with no key of its own: <PRODUCT>_LICENSE_AGENT names the agent."""
    return Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, env={"ACME_LICENSE_AGENT": str(sock)},
                     home=None, store=MemoryStore(), clock=clock,
                     online=OnlineSettings(server.url, [server.public_key], timeout=2.0, background=False))


NODE_PROCESS = """
import { createLicensing, memoryStore } from %(entry)s;
const [sock, url, serverKey, vendorKey] = process.argv.slice(2);
const lic = await createLicensing({ product: 'acme', trustedKeys: [JSON.parse(vendorKey)], policy: %(policy)s,
  env: { ACME_LICENSE_AGENT: sock }, home: null, store: memoryStore(),
  online: { serverUrl: url, serverKeys: [JSON.parse(serverKey)], background: false } });
await lic.validateIfDue();
const i = lic.info();
console.log(JSON.stringify({ status: i.status, plan: i.plan, source: i.keySource, license: i.licenseId }));
lic.close();
"""


def test_two_processes_in_two_languages_share_the_agents_activation(server, issuer, tmp_path):
    token = license(server, issuer, "lic_py_agent", 1)
    agent, sock = start_agent(server, issuer, token, tmp_path, "lic_py_agent")
    try:
        assert oct(sock.stat().st_mode & 0o777) == "0o600"
        py = process(server, issuer, sock)
        out = py.validate_if_due()
        assert out is not None and out.error is None, out
        assert py.snapshot().status == "active"
        py.check_feature("api_access")
        info = py.info()
        assert info.license_id == "lic_py_agent" and info.key_source == f"agent:{sock}"

        script = tmp_path / "process.mjs"
        script.write_text(NODE_PROCESS % {"entry": json.dumps((REPO / "host" / "js" / "src" / "node.js").as_uri()),
                                          "policy": json.dumps(POLICY)})
        node = subprocess.run(["node", str(script), str(sock), server.url, json.dumps(server.public_key),
                               json.dumps(issuer.trusted)], capture_output=True, text=True, timeout=60)
        assert node.returncode == 0, node.stderr
        said = json.loads(node.stdout.strip().splitlines()[-1])
        assert said == {"status": "active", "plan": "pro", "source": f"agent:{sock}", "license": "lic_py_agent"}, said

        # One activation: the agent's device, on a license of one device.
        status, devices = server.admin("GET", "/admin/licenses/lic_py_agent/devices")
        assert status == 200 and len(devices["devices"]) == 1, devices
        with pytest.raises(Exception) as e:
            py.activate()
        assert "activate or deactivate the device where the agent runs" in str(e.value)
    finally:
        agent.send_signal(signal.SIGTERM)
        agent.wait(10)


def test_when_the_agent_stops_the_last_answer_holds_until_its_lease_ends(server, issuer, tmp_path):
    token = license(server, issuer, "lic_py_agent2", 1)
    offset = [0]
    agent, sock = start_agent(server, issuer, token, tmp_path, "lic_py_agent2")
    py = process(server, issuer, sock, clock=lambda: int(time.time() * 1000) + offset[0])
    assert py.validate_if_due().error is None
    agent.send_signal(signal.SIGKILL)
    agent.wait(10)
    out = py.validate_if_due()
    assert out.error is not None and out.error.code == "offline" and out.error.details["cause"] == "agent-unreachable", out
    assert out.snapshot.status == "active", "the last answer holds within its lease"
    offset[0] = 25 * HOUR_MS
    out = py.validate_if_due()
    snap = py.snapshot()
    assert snap.status == "grace", snap
    assert "the license agent at" in snap.error.message and "could not be reached" in snap.error.message, snap.error


def test_the_agents_socket_is_its_users_or_its_groups_and_a_stale_one_is_replaced(server, issuer, tmp_path):
    token = license(server, issuer, "lic_py_agent3", 1)
    gid = os.getgid()
    agent, sock = start_agent(server, issuer, token, tmp_path, "lic_py_agent3", ("--group", str(gid)))
    try:
        st = sock.stat()
        assert oct(st.st_mode & 0o777) == "0o660" and st.st_gid == gid
        # A second agent on a socket that is served refuses to start.
        again = subprocess.run([str(CLI), "agent", "--socket", str(sock), "--product", "acme", "--public-key",
                                str(tmp_path / "vendor.pub"), "--key", token, "--server", server.url, "--server-key",
                                str(tmp_path / "server.pub"), "--state-dir", str(tmp_path / "state2")],
                               capture_output=True, text=True, timeout=60, env={**os.environ, "HOME": str(tmp_path)})
        assert again.returncode == 2 and "another agent serves" in again.stderr, again.stderr
    finally:
        agent.send_signal(signal.SIGKILL)
        agent.wait(10)
    # Killed, it leaves its socket behind: the next agent replaces it.
    assert sock.exists()
    agent, sock = start_agent(server, issuer, token, tmp_path, "lic_py_agent3")
    agent.send_signal(signal.SIGTERM)
    agent.wait(10)
    (tmp_path / "plain").write_text("not a socket")
    refused = subprocess.run([str(CLI), "agent", "--socket", str(tmp_path / "plain"), "--product", "acme", "--key", token,
                              "--server", server.url, "--server-key", str(tmp_path / "server.pub")],
                             capture_output=True, text=True, timeout=60, env={**os.environ, "HOME": str(tmp_path)})
    assert refused.returncode == 2 and "is not a socket" in refused.stderr, refused.stderr
    assert (tmp_path / "plain").read_text() == "not a socket"

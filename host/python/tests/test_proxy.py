"""Online checks through a real forwarding proxy (Debian's tinyproxy with
basic auth, on 127.0.0.1): the core picks the route from the proxy variables
and the setting, and words a refusal the customer's IT can act on."""

import os
import signal
import subprocess

import pytest
from test_online import REPO, Server, client, license

from licensewarden import OnlineSettings


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("server")).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    d = tmp_path_factory.mktemp("proxy")
    out = subprocess.run([str(REPO / "tests" / "proxy" / "tinyproxy.sh"), str(d), "lw", "s3cret"],
                         check=True, capture_output=True, text=True).stdout.split()
    port, pid = int(out[0]), int(out[1])
    yield f"127.0.0.1:{port}", d
    os.kill(pid, signal.SIGTERM)


def through(server, issuer, token, n, env, proxy_setting=None):
    online = OnlineSettings(server.url, [server.public_key], timeout=3.0, background=False, proxy=proxy_setting)
    return client(server, issuer, token, n, env=env, online=online)


def test_the_right_credentials_in_http_proxy_activate_through_the_proxy(server, issuer, proxy):
    addr, _ = proxy
    token = license(server, issuer, "lic_py_proxy_ok", 5)
    lic = through(server, issuer, token, 40, {"http_proxy": f"http://lw:s3cret@{addr}"})
    out = lic.activate()
    assert out.error is None and lic.snapshot().status == "active"


def test_wrong_credentials_are_offline_naming_the_proxy_and_the_fix(server, issuer, proxy):
    addr, _ = proxy
    token = license(server, issuer, "lic_py_proxy_407", 5)
    lic = through(server, issuer, token, 41, {"http_proxy": f"http://lw:wrong@{addr}"})
    e = lic.activate().error
    # tinyproxy answers 407 and closes before reading the request's body:
    # the client reads the 407, or only the reset, depending on timing.
    assert e.code == "offline" and e.details["cause"] in ("proxy-auth-required", "proxy-closed"), e.message
    assert f"the proxy at http://{addr} (http_proxy)" in e.message
    assert "credentials" in e.message or "user and password" in e.message
    assert "wrong" not in e.message
    assert lic.snapshot().status == "restricted"


def test_no_proxy_connects_directly_and_the_setting_wins_over_the_variables(server, issuer, proxy):
    addr, _ = proxy
    token = license(server, issuer, "lic_py_proxy_direct", 5)
    direct = through(server, issuer, token, 43, {"http_proxy": f"http://lw:wrong@{addr}", "NO_PROXY": "localhost,127.0.0.1"})
    assert direct.activate().error is None
    setting = through(server, issuer, token, 44, {"http_proxy": f"http://lw:wrong@{addr}"}, f"http://lw:s3cret@{addr}")
    assert setting.activate().error is None
    # HTTP_PROXY (upper case) is never read, as curl does not: a CGI server sets it from a request.
    upper = through(server, issuer, token, 45, {"HTTP_PROXY": f"http://lw:wrong@{addr}"})
    assert upper.activate().error is None


def test_a_proxy_setting_the_core_cannot_use_fails_the_start_by_name(server, issuer):
    from licensewarden import InvalidConfigError

    with pytest.raises(InvalidConfigError) as e:
        through(server, issuer, "lg1.x", 46, {"https_proxy": "socks5://u:hidden@p:1080", "http_proxy": "socks5://u:hidden@p:1080"})
    assert "http_proxy" in e.value.message and "socks5" in e.value.message and "hidden" not in e.value.message


@pytest.fixture(scope="module")
def tls(server, tmp_path_factory):
    """stunnel with a test CA in front of the server: the https URL and the
    directory holding ca.pem and other-ca.pem."""
    d = tmp_path_factory.mktemp("tls")
    backend = server.url.rsplit(":", 1)[1]
    out = subprocess.run([str(REPO / "tests" / "tls" / "stunnel.sh"), str(d), backend],
                         check=True, capture_output=True, text=True).stdout.split()
    port, pid = int(out[0]), int(out[1])
    yield f"https://127.0.0.1:{port}", d
    os.kill(pid, signal.SIGTERM)


def over_tls(server, issuer, tls, token, n, env, ca_file=None):
    online = OnlineSettings(tls[0], [server.public_key], timeout=3.0, background=False, ca_file=ca_file)
    return client(server, issuer, token, n, env=env, online=online)


def test_over_tls_the_ca_bundle_the_core_chose_is_trusted_and_a_wrong_one_is_named(server, issuer, tls):
    certs = tls[1]
    ca, wrong = str(certs / "ca.pem"), str(certs / "other-ca.pem")
    token = license(server, issuer, "lic_py_tls", 20)
    e = over_tls(server, issuer, tls, token, 50, {}).activate().error
    assert e is not None and e.details["cause"] == "tls-failed", e
    assert "ca_file setting or SSL_CERT_FILE" in e.message
    assert over_tls(server, issuer, tls, token, 51, {}, ca).activate().error is None
    assert over_tls(server, issuer, tls, token, 52, {"SSL_CERT_FILE": ca}).activate().error is None
    e = over_tls(server, issuer, tls, token, 53, {"SSL_CERT_FILE": ca}, wrong).activate().error
    assert e is not None and e.details["cause"] == "tls-failed" and wrong in e.message and "(named by ca_file)" in e.message, e
    e = over_tls(server, issuer, tls, token, 54, {}, str(certs / "missing.pem")).activate().error
    assert e is not None and "missing.pem" in e.message, e


def test_over_tls_through_the_proxy_connect_carries_the_credentials(server, issuer, tls, proxy):
    addr, _ = proxy
    ca = str(tls[1] / "ca.pem")
    token = license(server, issuer, "lic_py_tls_proxy", 20)
    ok = over_tls(server, issuer, tls, token, 55, {"https_proxy": f"http://lw:s3cret@{addr}", "SSL_CERT_FILE": ca})
    assert ok.activate().error is None
    e = over_tls(server, issuer, tls, token, 56, {"https_proxy": f"http://lw:wrong@{addr}", "SSL_CERT_FILE": ca}).activate().error
    assert e is not None and f"the proxy at http://{addr} (https_proxy)" in e.message and "wrong" not in e.message, e


def test_python_never_reads_ssl_cert_file_itself_only_the_cores_choice(server, issuer, tls, monkeypatch):
    """urllib's default context would read SSL_CERT_FILE from the process
    itself (replacing the roots); the host uses the environment it was given."""
    monkeypatch.setenv("SSL_CERT_FILE", str(tls[1] / "ca.pem"))
    token = license(server, issuer, "lic_py_tls_env", 5)
    e = over_tls(server, issuer, tls, token, 57, {}).activate().error
    assert e is not None and e.details["cause"] == "tls-failed", e
    assert over_tls(server, issuer, tls, token, 58, {"SSL_CERT_FILE": str(tls[1] / "ca.pem")}).activate().error is None

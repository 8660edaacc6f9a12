"""Online validation for the Python host: the HTTP sender and the
background thread (the sealed state's file store is in ``_platform``). Every decision is
the core's (docs/online-protocol.md); this module only moves bytes.

The sender is ``urllib.request`` from the standard library: no dependency to
pin, and the blocking call runs on the background thread (or the caller's
thread for an explicit check), never on a request path.
"""

from __future__ import annotations

import http.client
import os
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any, Protocol

from ._platform import read_bounded

MAX_ANSWER_BYTES = 16 * 1024


class Request(Protocol):
    """What ``send`` needs of the core's request (``OnlineRequest``)."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def body(self) -> str: ...


class Checked(Protocol):
    """What the background thread needs of a ``Licensing``."""

    def validate_if_due(self) -> object: ...
    def next_check_delay(self) -> float: ...


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # An answer must come from the server itself.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# The sockets of the request running on this thread, so that its deadline
# can cut them: urllib's timeout applies to each read, and a server dripping
# one byte a second would otherwise hold a check for minutes.
_sockets = threading.local()


def _track(sock: socket.socket | None) -> None:
    held = getattr(_sockets, "held", None)
    if held is not None and sock is not None:
        held.append(sock)


class _HTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _track(self.sock)


class _HTTPSConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _track(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_HTTPSConnection, req, context=getattr(self, "_context", None))


def _system_context() -> ssl.SSLContext:
    """The platform's roots as OpenSSL finds them, without reading
    ``SSL_CERT_FILE``/``SSL_CERT_DIR`` itself: ``create_default_context``
    would let ``SSL_CERT_FILE`` *replace* the roots, where every host adds
    the bundle the core chose (docs/proxies.md)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    paths = ssl.get_default_verify_paths()
    if paths.openssl_cafile and os.path.isfile(paths.openssl_cafile):
        ctx.load_verify_locations(cafile=paths.openssl_cafile)
    if paths.openssl_capath and os.path.isdir(paths.openssl_capath):
        ctx.load_verify_locations(capath=paths.openssl_capath)
    if sys.platform == "win32":
        ctx.load_default_certs()
    return ctx


# No proxy or CA from the environment here: the core chose the route and the
# bundle (an empty ProxyHandler replaces urllib's own reading of the variables).
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect, _HTTPHandler,
                                      _HTTPSHandler(context=_system_context()))


#: Largest CA bundle read, bytes.
MAX_CA_FILE_BYTES = 1024 * 1024


def _tls_with(ca_file: str) -> ssl.SSLContext:
    """The system's roots plus the certificates in the PEM file ``ca_file``;
    errors name the file in words the core's ``tls-failed`` cause knows."""
    try:
        pem = read_bounded(ca_file, MAX_CA_FILE_BYTES).decode("ascii")
        ctx = _system_context()
        ctx.load_verify_locations(cadata=pem)
    except (OSError, UnicodeError, ssl.SSLError, ValueError) as e:
        raise ConnectionError(f"certificate authorities file {ca_file}: {e}") from None
    return ctx


def _opener_for(proxy: Any, ca_file: str | None = None) -> urllib.request.OpenerDirector:
    if proxy is None and ca_file is None:
        return _opener
    routes = {} if proxy is None else {"http": proxy["url"], "https": proxy["url"]}
    https = _HTTPSHandler(context=_system_context() if ca_file is None else _tls_with(ca_file))
    return urllib.request.build_opener(urllib.request.ProxyHandler(routes), _NoRedirect, _HTTPHandler, https)


def _cut(held: list[socket.socket]) -> None:
    for sock in held:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


#: Largest message read from a license agent, bytes.
MAX_AGENT_BYTES = 64 * 1024


def read_agent(path: str, timeout: float) -> dict[str, Any]:
    """The license agent's message from its socket, as the core takes it:
    ``{"status": 200, "body"}`` or ``{"error"}`` (docs/agent.md)."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(path)
            chunks: list[bytes] = []
            size = 0
            while size <= MAX_AGENT_BYTES:
                b = s.recv(MAX_AGENT_BYTES + 1 - size)
                if not b:
                    break
                chunks.append(b)
                size += len(b)
        return {"status": 200, "headers": {}, "body": b"".join(chunks).decode("utf-8", "replace")}
    except OSError as e:
        return {"error": f"{path}: {type(e).__name__}: {e}"}


def send(req: Request, timeout: float) -> dict[str, Any]:
    """Send with urllib: ``{"status", "headers", "body"}`` or ``{"error"}``; never raises.

    ``timeout`` is one deadline for the whole request (connect, send, the
    answer's headers and body), as in the other hosts: when it passes, the
    socket is shut down and the check counts as offline. An answer shorter
    than its ``Content-Length`` is offline too, never a bad signature. A
    ``unix:`` URL reads the license agent instead."""
    if req.url.startswith("unix:"):
        return read_agent(req.url[len("unix:"):], timeout)
    headers = dict(req.headers)
    proxy = getattr(req, "proxy", None)
    if proxy is not None and proxy.get("authorization"):
        # urllib sends this header to the proxy, on the CONNECT of an https:// server.
        headers["Proxy-Authorization"] = proxy["authorization"]
    r = urllib.request.Request(req.url, data=req.body.encode("utf-8"), method=req.method, headers=headers)
    held: list[socket.socket] = []
    _sockets.held = held
    timer = threading.Timer(timeout, _cut, (held,))
    timer.daemon = True
    deadline = time.monotonic() + timeout
    timer.start()
    try:
        try:
            resp = _opener_for(proxy, getattr(req, "ca_file", None)).open(r, timeout=timeout)
        except urllib.error.HTTPError as e:
            resp = e
        with resp:
            body = resp.read(MAX_ANSWER_BYTES + 1)
            sig = resp.headers.get("x-licensewarden-signature")
            declared = resp.headers.get("content-length")
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no complete answer within {timeout:g} s")
            if declared is not None and declared.isdigit() and len(body) < int(declared) <= MAX_ANSWER_BYTES:
                raise ConnectionError(f"answer cut off after {len(body)} of {declared} bytes")
            return {"status": resp.status if hasattr(resp, "status") else resp.code,
                    "headers": {"x-licensewarden-signature": sig} if sig else {},
                    "body": body.decode("utf-8", "replace")}
    except Exception as e:  # noqa: BLE001 - a transport failure of any kind is "offline"
        if time.monotonic() >= deadline:
            return {"error": f"TimeoutError: no complete answer within {timeout:g} s"}
        return {"error": f"{type(e).__name__}: {e}"}
    finally:
        timer.cancel()
        _sockets.held = None


class Checker:
    """The background thread: runs due checks and sleeps until the core's
    next boundary (1 s .. 60 s). A daemon thread, stopped by ``close()``."""

    def __init__(self, lic: Checked):
        self._lic = lic
        self._stop = threading.Event()
        self._wake = threading.Event()
        self.thread = threading.Thread(target=self._run, name="licensewarden-online", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._lic.validate_if_due()
                delay = self._lic.next_check_delay()
            except ReferenceError:
                return  # the Licensing was garbage-collected
            except Exception:  # noqa: BLE001 - never let the thread die; info() shows the last error
                delay = 60.0
            self._wake.wait(delay)
            self._wake.clear()

    def wake(self) -> None:
        self._wake.set()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()

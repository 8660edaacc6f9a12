"""Online validation for the Python host: a bounded file store for the
sealed state, the HTTP sender and the background thread. Every decision is
the core's (docs/online-protocol.md); this module only moves bytes.

The sender is ``urllib.request`` from the standard library: no dependency to
pin, and the blocking call runs on the background thread (or the caller's
thread for an explicit check), never on a request path.
"""

from __future__ import annotations

import errno
import http.client
import os
import socket
import stat
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._component import MemoryStore

if TYPE_CHECKING:
    from ._licensing import Licensing, OnlineRequest

MAX_ANSWER_BYTES = 16 * 1024
MAX_SLOT_BYTES = 1 << 20


def read_bounded(path: str | os.PathLike[str], cap: int) -> bytes:
    """At most ``cap`` bytes of a regular file, opened non-blocking so a FIFO or
    device never hangs the caller. Raises OSError (``EFBIG`` when larger,
    ``EINVAL`` when not a regular file)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks: list[bytes] = []
        size = 0
        while True:
            b = os.read(fd, min(65536, cap + 1 - size))
            if not b:
                break
            chunks.append(b)
            size += len(b)
            if size > cap:
                raise OSError(errno.EFBIG, f"larger than {cap} bytes", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


# Files the OS stamps as its clock moves (systemd-timesyncd, at every sync).
OS_TIME_FILES = ("/var/lib/systemd/timesync/clock",)


class FileStore(MemoryStore):  # the same load/save interface
    """State slots as files in ``directory``: atomic writes (temp file +
    rename), mode 0600, bounded reads; an unreadable slot reads as absent.
    Rollback witnesses (``witness-*`` slots) go to ``witness_directory``
    when given. ``file_times=False`` (an injected clock) reports no file
    times, since they are in the system clock's terms."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        witness_directory: str | os.PathLike[str] | None = None,
        *,
        file_times: bool = True,
    ):
        super().__init__()
        self.directory = Path(directory)
        self.witness_directory = Path(witness_directory) if witness_directory is not None else None
        self._file_times = file_times

    def _path(self, slot: str) -> Path:
        if not slot or len(slot) > 64 or slot.startswith(".") or not all(c.isalnum() or c in "-_." for c in slot):
            raise ValueError(f"invalid slot name {slot!r}")
        if self.witness_directory is not None and slot.startswith("witness-"):
            return self.witness_directory / f"{slot}.state"
        return self.directory / f"{slot}.state"

    def newest_change(self) -> int:
        """Newest modification time (unix ms) of the store's directories,
        their slot files and the OS time files; 0 when none is readable."""
        if not self._file_times:
            return 0
        paths: list[Path] = [Path(p) for p in OS_TIME_FILES]
        for d in (self.directory, self.witness_directory):
            if d is None:
                continue
            paths.append(d)
            try:
                paths.extend(sorted(d.glob("*.state"))[:64])
            except OSError:
                pass
        newest = 0
        for p in paths:
            try:
                newest = max(newest, os.lstat(p).st_mtime_ns // 1_000_000)
            except OSError:
                pass
        return newest

    def load(self, slot: str) -> str | None:
        # Bytes that are not UTF-8 reach the core with U+FFFD in their place:
        # they fail its seal check (``state-tampered``) like any other edit.
        try:
            return read_bounded(self._path(slot), MAX_SLOT_BYTES).decode("utf-8", "replace")
        except (OSError, ValueError):
            return None

    def save(self, slot: str, data: str) -> None:
        p = self._path(slot)
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{slot}.", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, data.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, p)


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


_opener = urllib.request.build_opener(_NoRedirect, _HTTPHandler, _HTTPSHandler)


def _cut(held: list[socket.socket]) -> None:
    for sock in held:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def send(req: OnlineRequest, timeout: float) -> dict[str, Any]:
    """Send with urllib: ``{"status", "headers", "body"}`` or ``{"error"}``; never raises.

    ``timeout`` is one deadline for the whole request (connect, send, the
    answer's headers and body), as in the other hosts: when it passes, the
    socket is shut down and the check counts as offline. An answer shorter
    than its ``Content-Length`` is offline too, never a bad signature."""
    r = urllib.request.Request(req.url, data=req.body.encode("utf-8"), method=req.method, headers=dict(req.headers))
    held: list[socket.socket] = []
    _sockets.held = held
    timer = threading.Timer(timeout, _cut, (held,))
    timer.daemon = True
    deadline = time.monotonic() + timeout
    timer.start()
    try:
        try:
            resp = _opener.open(r, timeout=timeout)
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

    def __init__(self, lic: Licensing):
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

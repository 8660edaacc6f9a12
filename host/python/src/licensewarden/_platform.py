"""What the Python host reads from the machine: bounded file reads, the
state store's files and the device facts. Only I/O: every rule about what
it reads is the core's."""

from __future__ import annotations

import errno
import os
import platform
import socket
import stat
import tempfile
import uuid
from pathlib import Path

from ._component import MemoryStore

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


_ARCH = {"amd64": "x86_64", "arm64": "aarch64", "i386": "x86", "i686": "x86"}
_OS = {"darwin": "macos"}


def _sys_class_net_mac() -> str | None:
    # The rule every host applies on Linux: the first interface in name order
    # other than lo with a non-zero address, so one machine has one device id.
    try:
        names = sorted(n for n in os.listdir("/sys/class/net") if n != "lo")
    except OSError:
        return None
    for n in names:
        try:
            mac = Path(f"/sys/class/net/{n}/address").read_text().strip()
        except OSError:
            continue
        if mac and mac != "00:00:00:00:00:00":
            return mac
    return None


def device_facts() -> dict[str, str]:
    """Primary MAC, hostname, arch and OS, named and chosen as the other hosts do."""
    mac = _sys_class_net_mac()
    if mac is None:
        node = uuid.getnode()
        # getnode() sets the multicast bit when it had to invent a random address.
        mac = "" if node & (1 << 40) else ":".join(f"{(node >> s) & 0xFF:02x}" for s in range(40, -1, -8))
    machine = platform.machine().lower()
    system = platform.system().lower()
    return {"mac": mac, "hostname": socket.gethostname(), "arch": _ARCH.get(machine, machine), "os": _OS.get(system, system)}

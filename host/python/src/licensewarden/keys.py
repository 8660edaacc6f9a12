"""Where the license key comes from, and the machine's device facts."""

from __future__ import annotations

import errno
import os
import platform
import re
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Resolved:
    """What key resolution found: a ``token`` (None: none, or a named file
    that could not be used), where from, and why a named file could not be
    used (``unreadable``: ``not-found``, ``too-large``, ...; the core words
    the message), with the platform's words in ``detail`` for ``other``."""

    token: str | None
    source: str
    unreadable: str | None = None
    detail: str = ""


def env_prefix(product: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "_", product).upper()


def dir_name(product: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "-", product).lower()


def trim_key(s: str) -> str:
    """Trim a key as every host does (tests/vectors/resolve.json): a leading
    byte-order mark, then surrounding ASCII whitespace (space, tab, CR, LF, VT, FF)."""
    return s.removeprefix("\ufeff").strip(" \t\r\n\x0b\x0c")


def first_key_line(text: str) -> str | None:
    """The first non-empty line (lines end at LF only), trimmed."""
    for line in text.split("\n"):
        if trim_key(line):
            return trim_key(line)
    return None


def _from_file(path: Path, via: str | None) -> Resolved:
    from ._online import read_bounded

    source = f"file:{path} ({via})" if via else f"file:{path}"
    try:
        key = first_key_line(read_bounded(path, 64 * 1024).decode("utf-8"))
    except UnicodeDecodeError:
        return Resolved(None, source, "not-utf8")
    except OSError as e:
        # Reported (the core rejects the license naming the file), not silently community.
        reason = {errno.ENOENT: "not-found", errno.EFBIG: "too-large", errno.EINVAL: "not-a-regular-file",
                  errno.EISDIR: "not-a-regular-file", errno.EACCES: "permission-denied",
                  errno.EPERM: "permission-denied"}.get(e.errno or 0)
        return Resolved(None, source, reason or "other", "" if reason else str(e.strerror or e))
    return Resolved(key, source) if key else Resolved(None, source, "no-key-line")


def resolve_key(product: str, env: Mapping[str, str] | None = None, home: str | Path | None = "~") -> Resolved:
    """Env var > ``_FILE`` env var > ``~/.<product>/license.key`` > none."""
    env = os.environ if env is None else env
    prefix = env_prefix(product)
    direct = env.get(f"{prefix}_LICENSE_KEY", "")
    if trim_key(direct):
        return Resolved(trim_key(direct), f"env:{prefix}_LICENSE_KEY")
    file_var = env.get(f"{prefix}_LICENSE_KEY_FILE", "")
    if trim_key(file_var):
        return _from_file(Path(trim_key(file_var)), f"{prefix}_LICENSE_KEY_FILE")
    if home is not None:
        p = Path(home).expanduser() / f".{dir_name(product)}" / "license.key"
        if p.exists():
            return _from_file(p, None)
    return Resolved(None, "none")


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

"""Where the license key comes from (tests/vectors/resolve.json)."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ._platform import read_bounded


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

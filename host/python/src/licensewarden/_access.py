"""Where the access (RBAC) policy comes from, when it is re-read, and the
decision memo. The decisions themselves are the core's (docs/rbac.md); this
module only reads bytes, watches a file's modification time and logs.

The same rules in every host (docs/rbac.md, "Where the policy comes from"):

- explicit text, else an explicit file, else ``<PREFIX>_RBAC_POLICY``
  (inline), else ``<PREFIX>_RBAC_POLICY_FILE``; the plain ``RBAC_POLICY`` /
  ``RBAC_POLICY_FILE`` only when the vendor opts in (``rbac_plain_env``);
- a file is read bounded (1 MiB + 1), regular files only, non-blocking;
  one that cannot be read at start raises ``InvalidConfigError`` naming it;
- the file's (mtime, size, inode) is looked at every
  ``<PREFIX>_RBAC_RELOAD_INTERVAL`` seconds (default 30; 0 = never), at
  the next decision after the interval; a refused or unreadable reload
  keeps the policy in force, and the core reports a refused one in
  ``info`` and metrics.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _options
from ._platform import read_bounded
from .errors import InvalidConfigError
from .keys import env_prefix

#: The largest policy file read, as the core's cap.
MAX_POLICY_BYTES = 1 << 20
#: Seconds between looks at the policy file's modification time.
DEFAULT_RELOAD_INTERVAL = _options.ACCESS_RELOAD_INTERVAL
#: Most decisions remembered per policy and snapshot.
MAX_MEMO = 4096

log = logging.getLogger("licensewarden.access")


@dataclass(frozen=True)
class PolicySource:
    """The policy's text and where it came from (``file`` set when it is a
    file to watch)."""

    text: str | None
    origin: str
    file: Path | None = None


def resolve(product: str, env: Mapping[str, str], text: str | None, file: str | os.PathLike[str] | None,
            plain_env: bool) -> PolicySource:
    if text is not None:
        return PolicySource(text, "explicit")
    if file is not None:
        return PolicySource(None, f"file:{file}", Path(file))
    names = [env_prefix(product) + "_RBAC_POLICY"] + (["RBAC_POLICY"] if plain_env else [])
    for n in names:
        inline, path = env.get(n, ""), env.get(n + "_FILE", "")
        if inline.strip():
            return PolicySource(inline, f"env:{n}")
        if path.strip():
            return PolicySource(None, f"env:{n}_FILE", Path(path.strip()))
    return PolicySource(None, "none")


def reload_interval(product: str, env: Mapping[str, str], given: float | None, plain_env: bool) -> float:
    if given is not None:
        return max(0.0, float(given))
    for n in [env_prefix(product) + "_RBAC_RELOAD_INTERVAL"] + (["RBAC_RELOAD_INTERVAL"] if plain_env else []):
        v = env.get(n, "").strip()
        if v:
            try:
                secs = float(v)
                if not math.isfinite(secs):
                    raise ValueError(v)
                return max(0.0, secs)
            except ValueError:
                raise InvalidConfigError("invalid-config", f"{n}={v!r} is not a number of seconds; "
                                         "set it to e.g. 30, or 0 to never re-read the file",
                                         {"field": n}) from None
    return DEFAULT_RELOAD_INTERVAL


def read_text(path: Path) -> str:
    """The policy file's text; raises ``InvalidConfigError`` naming the file."""
    try:
        data = read_bounded(path, MAX_POLICY_BYTES)
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise InvalidConfigError("invalid-config", f"the RBAC policy file {str(path)!r} cannot be read ({why}); "
                                 "fix the path or its permissions, or unset the setting",
                                 {"field": "RBAC_POLICY_FILE"}) from None


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def log_decision(action: str, verb: str, d: Any) -> None:
    """One debug line per decision: allow/deny, role, pattern (names escaped by repr)."""
    log.debug("rbac %s action=%r verb=%r role=%r pattern=%r reason=%s", "allow" if d.allow else "deny",
              action, verb, d.role, d.pattern, d.reason)


class Watch:
    """When to look at the policy file again."""

    def __init__(self, source: PolicySource, interval: float, clock: Callable[[], float]):
        self.source = source
        self.interval = interval
        self.clock = clock
        self.stamp = file_stamp(source.file) if source.file else None
        # In time.time() terms, so the caller's fast path reads one clock.
        self.next_look = clock() + interval if source.file and interval > 0 else float("inf")

    def due(self) -> bool:
        """True when the file changed since it was read (looked at no more
        than once per interval)."""
        now = self.clock()
        if now < self.next_look or self.source.file is None:
            return False
        self.next_look = now + self.interval
        return file_stamp(self.source.file) != self.stamp

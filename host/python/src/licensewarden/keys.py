"""Where the license key comes from: the core's rule (key-places, find-key,
key-from-file; tests/vectors/resolve.json). This module only looks up the
two variables the core names and reads the one file it asks for."""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wasmtime.component import Variant

from ._component import record, rules_call
from ._platform import read_bounded

MAX_KEY_FILE_BYTES = 64 * 1024


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


_REASONS = {errno.ENOENT: "not-found", errno.EFBIG: "too-large", errno.EINVAL: "not-a-regular-file",
            errno.EISDIR: "not-a-regular-file", errno.EACCES: "permission-denied", errno.EPERM: "permission-denied"}


def read_for_core(path: str | os.PathLike[str]) -> bytes | Any:
    """A bounded read as the core takes it (``result<list<u8>, read-error>``,
    which the binding passes untagged): the bytes, or the platform's error
    mapped to a reason (with its own words for any other)."""
    try:
        return read_bounded(path, MAX_KEY_FILE_BYTES)
    except OSError as e:
        reason = _REASONS.get(e.errno or 0)
        return record(reason=reason or "other", detail="" if reason else str(e.strerror or e))


def places(product: str) -> Any:
    """The core's names for ``product``: ``prefix``, ``key-var``,
    ``file-var``, ``home-file`` (path components under the home directory)."""
    return rules_call("key-places", product)


def env_prefix(product: str) -> str:
    """The prefix of every variable ``product`` reads (``acme-db`` -> ``ACME_DB``)."""
    return str(places(product).prefix)


def dir_name(product: str) -> str:
    """The product's directory name (``Acme DB`` -> ``acme-db``)."""
    return str(getattr(places(product), "home-file")[0]).removeprefix(".")


def _resolved(k: Any) -> Resolved:
    if k.tag == "key":
        return Resolved(k.payload.token, k.payload.source)
    if k.tag == "unreadable":
        return Resolved(None, k.payload.source, k.payload.reason, k.payload.detail)
    return Resolved(None, "none")


def resolve_key(product: str, env: Mapping[str, str] | None = None, home: str | Path | None = "~",
                explicit: str | None = None) -> Resolved:
    """``explicit`` > ``<PREFIX>_LICENSE_KEY`` > ``<PREFIX>_LICENSE_KEY_FILE``
    > ``~/.<product>/license.key`` > none, by the core's rule."""
    env = os.environ if env is None else env
    p = places(product)
    home_file = str(Path(home).expanduser().joinpath(*getattr(p, "home-file"))) if home is not None else None
    found = record(explicit=explicit, key_var=env.get(getattr(p, "key-var")),
                   file_var=env.get(getattr(p, "file-var")), home_file=home_file)
    # key-step's cases are a variant (done) and a record (read): the
    # binding passes them untagged.
    step = rules_call("find-key", product, found)
    if isinstance(step, Variant):
        return _resolved(step)
    return _resolved(rules_call("key-from-file", step, read_for_core(step.path)))

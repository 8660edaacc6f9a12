"""The one component: loaded once per process (one Engine, one compiled
Component, one Linker), instantiated per ``Licensing``."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wasmtime import Config, Engine, Store
from wasmtime.component import Component, Linker, Record

from . import _fastcall

_HERE = Path(__file__).resolve().parent


def wasm_path() -> Path:
    """``LICENSEWARDEN_WASM``, else the copy shipped in this package, else the repository's dist/."""
    env = os.environ.get("LICENSEWARDEN_WASM")
    if env:
        return Path(env)
    local = _HERE / "licensewarden.wide.wasm"
    if local.exists():
        return local
    return _HERE.parents[3] / "dist" / "licensewarden.wide.wasm"


_lock = threading.Lock()
_loaded: tuple[Engine, Component, bytes] | None = None


def loaded() -> tuple[Engine, Component, bytes]:
    global _loaded
    with _lock:
        if _loaded is None:
            data = wasm_path().read_bytes()
            config = Config()
            # The packaged variant's curve code uses wide-arithmetic
            # instructions (wasmtime 50 enables them by default; asking
            # keeps that true if the default changes).
            config.wasm_wide_arithmetic = True
            engine = Engine(config)
            _loaded = (engine, Component(engine, data), data)
        return _loaded


def component_sha256() -> str:
    """sha256 (hex) of the component bytes this process runs."""
    return hashlib.sha256(loaded()[2]).hexdigest()


def record(**fields: Any) -> Record:
    r = Record()
    for k, v in fields.items():
        setattr(r, k.replace("_", "-"), v)
    return r


class Instance:
    """One store + instance; every call goes through here under a lock."""

    def __init__(
        self,
        clock: Callable[[], int],
        facts: dict[str, str],
        slots: MemoryStore,
        random: Callable[[int], bytes] = os.urandom,
        fast: bool = True,
    ):
        # fast=False calls through wasmtime-py's public API only (tests
        # compare both paths).
        self.fast = fast
        engine, component, _ = loaded()
        self.store = Store(engine)
        linker = Linker(engine)
        with linker.root() as root:
            with root.add_instance("licensewarden:core/clock") as clk:
                if fast and _fastcall.supported():
                    _fastcall.add_u64_func(clk, "now-ms", lambda: max(0, int(clock())))
                else:
                    clk.add_func("now-ms", lambda _store: max(0, int(clock())))
            with root.add_instance("licensewarden:core/device") as dev:
                dev.add_func("facts", lambda _store: record(**facts))
            with root.add_instance("licensewarden:core/store") as st:
                st.add_func("load", lambda _store, slot: slots.load(slot))
                st.add_func("save", lambda _store, slot, data: _save(slots, slot, data))
                st.add_func("newest-change", lambda _store: _newest_change(slots))
            with root.add_instance("licensewarden:core/random") as rnd:
                rnd.add_func("bytes", lambda _store, n: bytes(random(int(n))))
            with root.add_instance("licensewarden:core/types"):
                pass
        self.instance = linker.instantiate(self.store, component)
        self._funcs: dict[str, Any] = {}
        self.lock = threading.Lock()

    def call(self, name: str, *args: Any) -> Any:
        with self.lock:
            f = self._funcs.get(name)
            if f is None:
                f = self._func(name)
                self._funcs[name] = f
            return f(self.store, *args)

    def _func(self, name: str) -> Callable[..., Any]:
        raw = self.instance.get_func(self.store, name)
        if raw is None:
            raise LookupError(f"the component has no export {name!r}")
        if self.fast and _fastcall.supported():
            return _fastcall.FastFunc(raw, self.store)

        def public(store: Store, *args: Any) -> Any:
            result = raw(store, *args)
            raw.post_return(store)
            return result

        return public


def _save(slots: MemoryStore, slot: str, data: str) -> str | None:
    # A failed write is the core's to report (``state-not-saved`` with the
    # reason); nothing is raised through the component.
    try:
        slots.save(slot, data)
        return None
    except (OSError, ValueError) as e:
        return str(e)


def _newest_change(slots: MemoryStore) -> int:
    try:
        return max(0, int(slots.newest_change()))
    except (OSError, ValueError):
        return 0


class MemoryStore:
    """State slots (the sealed online-validation state) in memory, the
    default; ``FileStore`` keeps them on disk. The names match the other
    hosts (Rust ``FileStore::memory``/``FileStore::new``, JS
    ``memoryStore``/``fileStore``)."""

    def __init__(self) -> None:
        self._slots: dict[str, str] = {}
        self._newest = 0

    def load(self, slot: str) -> str | None:
        return self._slots.get(slot)

    def save(self, slot: str, data: str) -> None:
        self._slots[slot] = data

    def remove(self, slot: str) -> None:
        self._slots.pop(slot, None)

    def newest_change(self) -> int:
        """Newest file time (unix ms) the store observes; in memory, what
        ``set_newest_change`` injected (tests), else 0."""
        return self._newest

    def set_newest_change(self, ms: int) -> None:
        self._newest = ms


def now_ms() -> int:
    return int(time.time() * 1000)


_rules_lock = threading.Lock()
_rules: Instance | None = None


def rules_call(name: str, *args: Any) -> Any:
    """Call one of the core's stateless rules (where the key comes from,
    what a key file holds, which header carries a caller's key) on a shared
    instance: they run before, or without, a ``Licensing``. An instance
    that traps is dropped; the next call makes a new one."""
    global _rules
    with _rules_lock:
        if _rules is None:
            # The rules read no clock, facts, store or randomness.
            _rules = Instance(now_ms, {"mac": "", "hostname": "", "arch": "", "os": ""}, MemoryStore())
        try:
            return _rules.call(name, *args)
        except Exception:
            _rules = None
            raise

"""One instance of the component and the failure rule every host shares
(README "When the core cannot run"): a call that traps drops the instance
and is answered with the core's failure answers; the next call makes a
fresh instance and replays what the lost one held (the configuration, the
key, the access policy: a lost policy would mean full access)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from wasmtime.component import Record

from ._component import Instance
from ._types import _error, _get, _internal, _key_input, _raise_if
from .errors import LicenseError
from .keys import Resolved

log = logging.getLogger("licensewarden")


class Core:
    """The instance and what a fresh one must be given again."""

    def __init__(self, new_instance: Callable[[], Instance], cfg: Record, on_recreate: Callable[[], None]):
        self._new = new_instance
        self._inst: Instance | None = new_instance()
        self._lock = threading.Lock()
        self._on_recreate = on_recreate
        self.cfg = cfg
        #: The core's answers while it cannot run (None before any core ran).
        self.failure: Any = None
        #: The key last loaded.
        self.loaded: Resolved | None = None
        #: The access policy last accepted, and one refused since (refused
        #: again in a fresh instance, which then denies everyone too).
        self.access_ok: str | None = None
        self.access_refused: str | None = None

    def call(self, name: str, *args: Any) -> Any:
        inst = self._inst or self._recreate()
        try:
            return inst.call(name, *args)
        except LicenseError:
            raise
        except Exception as e:  # a trap or a host failure: fail closed, and drop the instance
            if self._inst is inst:
                self._inst = None
            raise self.failed(name, e) from e

    def failed(self, what: str, e: Exception) -> LicenseError:
        """The core failed: log its words, answer with the core's failure error
        (before any core ran, the runtime's own error)."""
        log.error("licensewarden: the core failed; every licensed request is refused until it is re-created "
                  "(at the next call): %s: %r", what, str(e)[:512])
        if self.failure is None:
            return _internal(e)
        return _error(_get(self.failure, "error"))  # type: ignore[return-value]

    def is_failure(self, e: LicenseError) -> bool:
        """Whether ``e`` is the failure rule's answer (not the core's verdict)."""
        f = self.failure
        return f is not None and e.code == "internal" and e.message == _get(_get(f, "error"), "message")

    def answer(self, name: str) -> Any:
        """One of the failure answers (``snapshot``, ``gate``, ``info``, ...)."""
        return _get(self.failure, name)

    def _recreate(self) -> Instance:
        with self._lock:
            if self._inst is not None:
                return self._inst
            try:
                inst = self._new()
                _raise_if(inst.call("configure", self.cfg))
                if self.loaded is not None:
                    inst.call("load", _key_input(self.loaded))
                if self.access_ok is not None:
                    _raise_if(inst.call("set-access-policy", self.access_ok))
                if self.access_refused is not None:
                    inst.call("set-access-policy", self.access_refused)
                self.failure = inst.call("failure-answers")
            except LicenseError:
                raise
            except Exception as e:
                raise self.failed("re-creating the core", e) from e
            self._inst = inst
            self._on_recreate()
            return inst

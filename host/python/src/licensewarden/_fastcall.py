"""A faster call of a component export, over wasmtime-py's private API.

wasmtime-py 50's ``component.Func.__call__`` asks the C API for the
function's type on every call and rebuilds its Python type tree through
ctypes before converting the arguments; for licensewarden's small exports
that is most of the cost of a call (68 µs for an uncached ``check_feature``).
``FastFunc`` reads the type once and then does only the conversion and the
call, the same steps in the same order. The conversion itself also re-reads
each nested type (a record's fields, a result's cases) from the C API at
every value; ``_pin`` gives each node of the type tree, once, a subclass
that holds those answers as plain attributes.

Imports have the same cost the other way: each call of a host function
rebuilds its type and converts through it. ``add_u64_func`` registers the
clock (``now-ms: func() -> u64``, called on every export call) as a direct
ctypes callback that writes its one u64 result.

It relies on names that are not wasmtime-py's public API (``Func._func``,
``Store._context``, ``ValType.convert_to_c``/``convert_from_c``, the ``_ffi``
functions), so it is used only when ``supported()`` finds them all, with
the public ``Func.__call__`` otherwise; ``tests/test_conformance.py`` checks both
give the same answers on every vector. What upstream should fix: cache the ``FuncType`` in
``Func`` (a function's type cannot change) and in the linker's trampoline,
or expose typed calls and typed host functions.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from ctypes import CFUNCTYPE, byref, c_void_p, create_string_buffer, pointer
from typing import Any

try:  # pragma: no cover - exercised by whichever wasmtime-py is installed
    from wasmtime import WasmtimeError
    from wasmtime import _ffi as ffi
    from wasmtime.component import Func
    from wasmtime.component._enter import catch_exceptions, enter_wasm

    _NAMES = (
        "wasmtime_component_val_t",
        "wasmtime_component_func_call",
        "wasmtime_component_func_post_return",
        "wasmtime_component_val_delete",
        "wasmtime_component_linker_instance_add_func",
        "wasmtime_component_func_callback_t",
        "WASMTIME_COMPONENT_U64",
    )
    _OK = all(hasattr(ffi, n) for n in _NAMES) and hasattr(Func, "type")
except ImportError:  # pragma: no cover
    _OK = False


def supported() -> bool:
    """Whether the installed wasmtime-py has the internals FastFunc uses
    (and ``LICENSEWARDEN_PUBLIC_CALLS`` does not ask for the public API)."""
    return _OK and not os.environ.get("LICENSEWARDEN_PUBLIC_CALLS")


class FastFunc:
    """One export of one instance, called with its type read once."""

    def __init__(self, func: Any, store: Any):
        self._fty = func.type(store)  # kept alive: the types below borrow from it
        self._params = [_pin(ty) for _name, ty in self._fty.params]
        self._result = None if self._fty.result is None else _pin(self._fty.result)
        self._raw = byref(func._func)

    def __call__(self, store: Any, *params: Any) -> Any:
        tys = self._params
        if len(params) != len(tys):
            raise TypeError(f"wrong number of parameters: given {len(params)}, expected {len(tys)}")
        args = (ffi.wasmtime_component_val_t * len(params))()
        n = 0
        ctx = store._context()
        try:
            for ty, val in zip(tys, params):
                ty.convert_to_c(store, val, pointer(args[n]))
                n += 1
            result_ty = self._result
            if result_ty is None:
                enter_wasm(lambda: ffi.wasmtime_component_func_call(self._raw, ctx, args, n, None, 0))
                out = None
            else:
                space = ffi.wasmtime_component_val_t()
                enter_wasm(lambda: ffi.wasmtime_component_func_call(self._raw, ctx, args, n, byref(space), 1))
                out = result_ty.convert_from_c(space)
        finally:
            for i in range(n):
                ffi.wasmtime_component_val_delete(byref(args[i]))
        enter_wasm(lambda: ffi.wasmtime_component_func_post_return(self._raw, ctx))
        return out


# The properties of wasmtime-py's types that read the C API on each access,
# by type class name.
_PINNED = {
    "RecordType": ("fields",),
    "TupleType": ("elements",),
    "ListType": ("element",),
    "OptionType": ("payload",),
    "ResultType": ("ok", "err"),
    "VariantType": ("cases",),
}


def _pin(ty: Any) -> Any:
    """``ty`` with its nested types read once (recursively), returned for chaining."""
    names = _PINNED.get(type(ty).__name__, ())
    attrs: dict[str, Any] = {"__slots__": ()} if hasattr(type(ty), "__slots__") else {}
    for name in names:
        value = getattr(ty, name)
        if name == "fields":
            value = [(n, _pin(t)) for n, t in value]
        elif name == "cases":
            value = [(n, None if t is None else _pin(t)) for n, t in value]
        elif name == "elements":
            value = [_pin(t) for t in value]
        elif value is not None:
            value = _pin(value)
        attrs[name] = value
    if hasattr(ty, "_cases"):
        # Always a subclass of its own: the class attributes set below must
        # not reach wasmtime-py's shared classes.
        ty.__class__ = type(type(ty).__name__, (type(ty),), attrs)
        cases = ty._cases()
        tagged = ty._tagged()
        type(ty)._cases = lambda _self, c=cases: c
        type(ty)._tagged = lambda _self, t=tagged: t
        return ty
    if names:
        ty.__class__ = type(type(ty).__name__, (type(ty),), attrs)
    return ty


# ctypes callbacks must outlive every store that may call them.
_CALLBACKS: list[Any] = []
_NO_FINALIZER = CFUNCTYPE(None, c_void_p)(0)


def add_u64_func(linker_instance: Any, name: str, fn: Callable[[], int]) -> None:
    """Define ``name: func() -> u64`` in ``linker_instance`` as a direct call of ``fn``."""

    def call(_data: Any, context: Any, _ty: Any, _args: Any, _nargs: int, results: Any, nresults: int) -> int:
        try:
            value = int(fn())
            if nresults != 1 or not 0 <= value < 1 << 64:
                raise ValueError(f"{name} must return one u64, got {value!r}")
            results[0].kind = ffi.WASMTIME_COMPONENT_U64
            results[0].of.u64 = value
            return 0
        except BaseException as e:  # noqa: BLE001 - surfaces from the export call, as wasmtime-py does
            err = e

            def rethrow(_store: Any) -> None:
                raise err

            return catch_exceptions(context, rethrow)  # type: ignore[return-value]

    callback = ffi.wasmtime_component_func_callback_t(call)
    _CALLBACKS.append(callback)
    encoded = name.encode("utf-8")
    error = ffi.wasmtime_component_linker_instance_add_func(
        linker_instance.ptr(), create_string_buffer(encoded), len(encoded), callback, None, _NO_FINALIZER
    )
    if error:
        raise WasmtimeError._from_ptr(error)

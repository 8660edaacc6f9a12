"""What ``Licensing`` keeps so hot-path checks need no call into the core:
the snapshot until it may change, and the core's answers for it (denials,
gate decisions, access decisions), each bounded."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ._types import AccessDecision, Snapshot


@dataclass
class _Cached:
    snap: Snapshot
    computed_at: int
    recheck_at: float
    # The core's denials for this snapshot (its answers are a function of
    # the snapshot, so each holds until it is recomputed): a flood of
    # requests for an unlicensed feature then costs no boundary call each.
    # Bounded: once full, further names ask the core.
    denials: dict[str, Any] = field(default_factory=dict)
    gates: dict[tuple[str, str | None], Any] = field(default_factory=dict)
    # Access decisions for this snapshot and the policy in force (cleared
    # when the policy changes): (roles, groups, action, verb) -> decision.
    access: dict[tuple[Any, Any, str, str], AccessDecision] = field(default_factory=dict)


_MAX_MEMO = 256

# The snapshot fast path, for the system clock: (not before, recheck at) in
# wall-clock seconds as time.time() reads them, and the allowed features
# (None for all). One attribute, one clock read, one frozenset lookup.
_NEVER: tuple[float, float, frozenset[str] | None] = (1.0, 0.0, frozenset())
_wall = time.time


def _remember(memo: dict[Any, Any], key: Any, value: Any) -> Any:
    if len(memo) < _MAX_MEMO:
        memo[key] = value
    return value

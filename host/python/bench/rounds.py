"""Interleaved rounds: a figure and its baseline measured alternately, so a
loaded machine's drift hits both; each figure is the median ratio over the
rounds with their min-max (``LW_BENCH_ROUNDS``, default 7)."""

import os
import statistics
import time
from dataclasses import dataclass
from typing import Callable

ROUNDS = int(os.environ.get("LW_BENCH_ROUNDS", "7"))


def per_call(n: int, fn: Callable[[], object]) -> float:
    """Nanoseconds per call of ``fn`` over ``n`` calls, after a warm-up."""
    for _ in range(min(n, 100)):
        fn()
    t = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t) / n * 1e9


@dataclass
class Figure:
    subject: float
    baseline: float
    ratio: float
    low: float
    high: float

    def spread(self) -> str:
        """``1.23x [1.10-1.40]``: the median ratio and its spread."""
        return f"{self.ratio:.2f}x [{self.low:.2f}-{self.high:.2f}]"


def interleaved(n: int, subject: Callable[[], object], baseline: Callable[[], object], rounds: int = ROUNDS) -> Figure:
    s, b, ratios = [], [], []
    for r in range(rounds):
        # Alternate which goes first, so neither always runs on a warmer core.
        if r % 2:
            x, y = per_call(n, subject), per_call(n, baseline)
        else:
            y = per_call(n, baseline)
            x = per_call(n, subject)
        s.append(x)
        b.append(y)
        ratios.append(x / y)
    return Figure(statistics.median(s), statistics.median(b), statistics.median(ratios), min(ratios), max(ratios))

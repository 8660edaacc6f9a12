import json

import pytest

from licensewarden.conformance import load_cases, outcome

CASES = load_cases()


# Exactly this many: a host that skips a vector fails.
VECTOR_COUNT = 379


def contains(expected, actual):
    """Objects recursively, lists element by element at equal length, the rest exactly."""
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            contains(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(v, actual[k]) for k, v in expected.items())
    return json.dumps(expected) == json.dumps(actual)


def test_exact_vector_count():
    assert len(CASES) == VECTOR_COUNT


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_vector(case):
    got = outcome(case)
    assert contains(case["expect"], got), f"expected ⊇ {case['expect']}\n got {got}"


def test_public_call_path_prints_the_same_lines():
    """The wasmtime-py fast path (_fastcall) and its public API agree on every vector."""
    import os
    import subprocess
    import sys

    run = lambda env: subprocess.run([sys.executable, "-m", "licensewarden.conformance"], env=env,
                                     capture_output=True, text=True, check=True).stdout
    fast = run({k: v for k, v in os.environ.items() if k != "LICENSEWARDEN_PUBLIC_CALLS"})
    public = run({**os.environ, "LICENSEWARDEN_PUBLIC_CALLS": "1"})
    assert len(fast.splitlines()) == VECTOR_COUNT
    assert fast == public

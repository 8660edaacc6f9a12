import json

import pytest

from licensewarden.conformance import load_cases, outcome

CASES = load_cases()


# Exactly this many: a host that skips a vector fails.
VECTOR_COUNT = 214


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

import json

import pytest

from licensewarden.conformance import load_cases, outcome

CASES = load_cases()


def contains(expected, actual):
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(v, actual[k]) for k, v in expected.items())
    return json.dumps(expected) == json.dumps(actual)


def test_at_least_60_vectors():
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_vector(case):
    got = outcome(case)
    assert contains(case["expect"], got), f"expected ⊇ {case['expect']}\n got {got}"

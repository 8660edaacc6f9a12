"""The defaults every host shares (tests/options.json), as this host has them."""

import json
from pathlib import Path

from licensewarden import DEFAULTS


def test_defaults_are_the_ones_every_host_shares():
    doc = json.loads((Path(__file__).resolve().parents[3] / "tests" / "options.json").read_text())
    assert doc["options"]
    for o in doc["options"]:
        assert DEFAULTS[o["python"]] * 1000 == o["default_ms"], o["python"]
    assert sorted(DEFAULTS) == sorted(o["python"] for o in doc["options"])

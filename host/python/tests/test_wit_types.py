"""The hand-written types follow the WIT (tests/wit-types.json, generated from
it): a field, an error code or a status added there and forgotten here fails."""

import dataclasses
import json
from pathlib import Path

from licensewarden import _licensing as L
from licensewarden.errors import _BY_CODE

WIT = json.loads((Path(__file__).resolve().parents[3] / "tests" / "wit-types.json").read_text())

# Python class -> (WIT record, fields only Python has, WIT fields Python leaves out, and why).
MIRRORS = {
    L.Snapshot: ("snapshot", set(), set()),
    L.LicenseInfo: ("info", {"json_text"}, set()),  # json_text: info-json's bytes, for to_json()
    L.OnlineInfo: ("online-info", set(), set()),
    L.OnlineOutcome: ("online-outcome", set(), set()),
    L.CapCheck: ("cap-check", set(), set()),
    L.AccessSubject: ("access-subject", set(), set()),
    L.AccessDecision: ("access-decision", set(), set()),
    L.AccessInfo: ("access-info", set(), set()),
    L.GateDecision: ("gate-decision", set(), set()),
    L.License: ("license", set(), set()),
    L.FeatureFlag: ("feature-flag", set(), set()),
    L.LimitInfo: ("limit-info", set(), set()),
}


def test_each_mirrored_record_has_the_wit_fields():
    for cls, (record, extra, left_out) in MIRRORS.items():
        ours = {f.name for f in dataclasses.fields(cls)}
        wit = {f.replace("-", "_") for f in WIT["records"][record]}
        assert ours - extra == wit - left_out, f"{cls.__name__} vs record {record}"


def test_every_error_code_has_its_exception_class():
    assert sorted(_BY_CODE) == sorted(WIT["enums"]["error-code"])


def test_the_read_errors_the_host_maps_are_wit_reasons():
    # The host maps only its platform's errors; not-utf8 and no-key-line are
    # the core's own findings.
    from licensewarden import keys

    for reason in [*keys._REASONS.values(), "other"]:
        assert reason in WIT["enums"]["unreadable-reason"], reason

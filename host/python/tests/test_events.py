"""License events reach the ``licensewarden`` logger: the status at start and
when it changes (expiry), a soft cap newly exceeded (once, not per call); the
key never."""

import logging
from datetime import datetime, timezone

from licensewarden import Licensing


def test_start_up_expiry_and_a_soft_cap_are_logged_once_each(caplog, issuer):
    kp = issuer
    key = issuer.issue(id="lic_events", org="Acme Corp", expires_at="2026-06-30")
    now = [int(datetime(2026, 6, 1, tzinfo=timezone.utc).timestamp() * 1000)]
    with caplog.at_level(logging.INFO, logger="licensewarden"):
        lic = Licensing("acme", trusted_keys=[kp.trusted], env={}, home=None, key=key, clock=lambda: now[0],
                        policy={"plans": {"pro": {"features": ["sso"], "limits": {"seats": 5}}}, "soft_caps": ["seats"]})
        for n in (6, 7, 8):
            lic.check_cap("seats", n)
        now[0] = int(datetime(2026, 7, 2, tzinfo=timezone.utc).timestamp() * 1000)
        lic.snapshot()
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "licensewarden"]
    text = "\n".join(f"{lv} {m}" for lv, m in lines)
    assert any(lv == "INFO" and m.startswith("licensewarden: license status active: plan pro, license lic_events for Acme Corp")
               for lv, m in lines), text
    assert sum(1 for lv, m in lines if lv == "WARNING" and "cap exceeded: 'seats' is 6" in m) == 1, text
    assert sum(1 for lv, m in lines if lv == "ERROR" and "changed from active to expired" in m) == 1, text
    assert key not in text

import hashlib
import threading
from pathlib import Path

import pytest

from licensewarden import (
    FeatureNotAvailableError,
    InvalidConfigError,
    LicenseError,
    LicenseExpiredError,
    LicenseInvalidError,
    Licensing,
    component_sha256,
    resolve_key,
)

from conftest import POLICY, tamper

REPO = Path(__file__).resolve().parents[3]


def make(issuer, token=None, **kw):
    return Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=token, env={}, home=None, **kw)


def test_runs_exactly_the_built_component():
    assert component_sha256() == hashlib.sha256((REPO / "dist" / "licensewarden.wide.wasm").read_bytes()).hexdigest()


def test_plan_features_and_info(issuer):
    lic = make(issuer, issuer.issue(org="Acme"))
    assert lic.plan == lic.get_plan() == "pro"
    f = lic.get_features()
    assert f["api_access"] is True and f["sso"] is False and f["max_devices"] == 5
    info = lic.info()
    assert info.valid and info.status == "active" and info.org == "Acme" and info.key_source == "explicit"
    with pytest.raises(Exception):
        info.plan = "enterprise"  # frozen


def test_missing_feature_raises_feature_not_available_naming_feature_and_plan(issuer):
    lic = make(issuer, issuer.issue())
    lic.check_feature("api_access")
    with pytest.raises(FeatureNotAvailableError) as e:
        lic.check_feature("sso")
    assert e.value.code == "feature-not-licensed" and e.value.feature == "sso" and e.value.plan == "pro"
    assert isinstance(e.value, LicenseError)
    assert lic.has_feature("sso") is False


def test_tampered_key_is_bad_signature_and_community(issuer):
    lic = make(issuer, tamper(issuer.issue(plan="enterprise")))
    with pytest.raises(LicenseInvalidError) as e:
        lic.verify(tamper(issuer.issue()))
    assert e.value.code == "bad-signature"
    info = lic.info()
    assert info.status == "invalid" and info.plan == "community" and info.error.code == "bad-signature"
    # The cause is the key, not the plan: the refusal says so.
    with pytest.raises(LicenseInvalidError) as refused:
        lic.check_feature("sso")
    assert refused.value.code == "bad-signature" and refused.value.details["feature"] == "sso"


def test_snapshot_is_not_trusted_past_valid_until(issuer):
    now = [1_780_000_000_000]
    token = issuer.issue(expires_at="2026-05-28T20:26:50Z")  # 1_780_000_010_000
    lic = make(issuer, token, clock=lambda: now[0])
    lic.check_feature("api_access")
    now[0] += 10_000
    with pytest.raises(LicenseExpiredError):
        lic.check_feature("api_access")
    assert lic.gate("/api").http_status == 503
    assert lic.gate("/health").allow


def counting(lic):
    """Count the calls ``lic`` makes into the component."""
    calls = [0]
    inner = lic._core._inst.call

    def call(name, *args):
        calls[0] += 1
        return inner(name, *args)

    lic._core._inst.call = call
    return calls


def test_a_flood_of_denied_checks_asks_the_core_once_per_snapshot(issuer):
    now = [1_780_000_000_000]
    lic = make(issuer, issuer.issue(expires_at="2026-05-28T20:26:50Z"), clock=lambda: now[0])
    with pytest.raises(FeatureNotAvailableError) as first:
        lic.check_feature("sso")
    gate = lic.gate("/api/sso", "sso")
    calls = counting(lic)
    for _ in range(1000):
        with pytest.raises(FeatureNotAvailableError) as again:
            lic.check_feature("sso")
        assert (again.value.code, again.value.message) == (first.value.code, first.value.message)
        assert not lic.has_feature("sso")
        g = lic.gate("/api/sso", "sso")
        assert (g.allow, g.http_status, g.body) == (gate.allow, gate.http_status, gate.body)
        lic.check_feature("api_access")
    assert calls[0] == 0, "memoised denials and snapshot answers make no core call"
    # Past valid-until the memo goes with the snapshot: the core answers anew.
    now[0] += 10_000
    with pytest.raises(LicenseExpiredError):
        lic.check_feature("sso")
    assert lic.gate("/api/sso", "sso").http_status == 503


def test_system_clock_snapshot_path_makes_no_core_call(issuer):
    lic = make(issuer, issuer.issue())
    lic.check_feature("api_access")
    assert lic._fast[2] is not None, "the system clock takes the fast path"
    calls = counting(lic)
    for _ in range(1000):
        lic.check_feature("api_access")
    assert calls[0] == 0
    with pytest.raises(FeatureNotAvailableError):
        lic.check_feature("sso")


def test_the_background_loop_waits_for_the_cores_next_boundary(issuer):
    now = [1_780_000_000_000]
    lic = make(issuer, issuer.issue(expires_at="2026-05-28T20:26:45Z"), clock=lambda: now[0])
    assert lic.next_check_delay() == 5.0
    now[0] += 4_900
    assert lic.next_check_delay() == 1.0
    assert make(issuer, issuer.issue()).next_check_delay() == 60.0


def test_caps_and_metrics(issuer):
    lic = make(issuer, issuer.issue())
    assert lic.check_cap("max_devices", 5).outcome == "within"
    over = lic.check_cap("max_devices", 6)
    assert over.outcome == "hard-exceeded" and over.error.code == "cap-exceeded"
    assert 'acme_license_limit_current{limit="max_devices"} 6' in lic.metrics()


def test_invalid_policy_raises_invalid_config_naming_the_field(issuer):
    with pytest.raises(InvalidConfigError, match="soft_cap"):
        Licensing(product="acme", trusted_keys=[issuer.trusted], policy={"soft_cap": []}, env={}, home=None)


def test_info_never_raises_without_a_key(issuer):
    info = make(issuer).info()
    assert info.status == "community" and info.error.code == "no-license"


def test_key_resolution_order(tmp_path):
    (tmp_path / ".acme-net").mkdir()
    (tmp_path / ".acme-net" / "license.key").write_text("\n  home-key \nsecond\n")
    (tmp_path / "k.txt").write_text("file-key\n")
    env = {"ACME_NET_LICENSE_KEY": " env-key\n", "ACME_NET_LICENSE_KEY_FILE": str(tmp_path / "k.txt")}
    r = resolve_key("acme net", env, tmp_path)
    assert (r.token, r.source) == ("env-key", "env:ACME_NET_LICENSE_KEY")
    assert resolve_key("acme net", {"ACME_NET_LICENSE_KEY_FILE": str(tmp_path / "k.txt")}, tmp_path).token == "file-key"
    assert resolve_key("acme net", {}, tmp_path).token == "home-key"
    assert resolve_key("acme net", {}, None).source == "none"
    missing = resolve_key("acme net", {"ACME_NET_LICENSE_KEY_FILE": "/nonexistent/k"}, tmp_path)
    assert missing.token is None and missing.unreadable == "not-found"


def test_key_files_are_read_bounded_without_blocking(tmp_path):
    import os

    (tmp_path / "big").write_text("x" * (70 * 1024))
    os.mkfifo(tmp_path / "fifo")
    via = lambda p: resolve_key("acme", {"ACME_LICENSE_KEY_FILE": str(p)}, None).unreadable  # noqa: E731
    assert via(tmp_path / "big") == "too-large"
    assert via(tmp_path / "fifo") == "not-a-regular-file"
    assert via("/dev/zero") == "not-a-regular-file"
    assert via(tmp_path) == "not-a-regular-file"


def test_errors_and_info_pickle_copy_and_asdict(issuer):
    import copy
    import dataclasses
    import pickle

    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key="lg1.bogus", env={}, home=None)
    info = lic.info()
    assert info.error is not None
    e2 = pickle.loads(pickle.dumps(info.error))
    assert (type(e2), e2.code, e2.details) == (type(info.error), info.error.code, info.error.details)
    assert copy.deepcopy(info).error.code == info.error.code
    assert dataclasses.asdict(info)["status"] == "invalid"


def test_renewed_license_file_is_picked_up_without_restart(issuer, tmp_path):
    (tmp_path / ".acme").mkdir()
    f = tmp_path / ".acme" / "license.key"
    f.write_text(issuer.issue(plan="pro"))
    now = [1_780_000_000_000]
    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, env={}, home=tmp_path,
                    clock=lambda: now[0], reload_interval=1.0)
    assert lic.plan == "pro" and lic.key_source.startswith("file:")
    f.write_text(issuer.issue(plan="enterprise"))
    now[0] += 1500
    lic.check_feature("sso")
    assert lic.plan == "enterprise"


def test_shared_between_threads(issuer):
    lic = make(issuer, issuer.issue())
    errors = []

    def work():
        try:
            for i in range(200):
                lic.check_cap("max_devices", i % 7)
                lic.check_feature("api_access")
                lic.info()
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_a_malformed_trusted_key_is_invalid_config_naming_the_fix():
    with pytest.raises(InvalidConfigError, match="public.key"):
        Licensing(product="acme", trusted_keys=[{"kid": "x"}], env={}, home=None)


def test_trusted_key_from_file_refuses_private_keys_and_world_readable_secrets(issuer, tmp_path):
    import json
    import os

    from licensewarden import InvalidConfigError, TrustedKey

    (tmp_path / "public.key").write_text(json.dumps(issuer.trusted))
    assert TrustedKey.from_file(tmp_path / "public.key").kid == issuer.trusted["kid"]
    (tmp_path / "private.key").write_text(json.dumps({"algorithm": "ed25519", "kid": "x", "private_key": "AAAA"}))
    with pytest.raises(InvalidConfigError, match="is a private key"):
        TrustedKey.from_file(tmp_path / "private.key")
    secret = tmp_path / "secret.key"
    secret.write_text(json.dumps({"algorithm": "hmac-sha256", "kid": "h", "key": "A" * 43}))
    os.chmod(secret, 0o644)
    with pytest.raises(InvalidConfigError, match="readable by other users"):
        TrustedKey.from_file(secret)
    os.chmod(secret, 0o600)
    assert TrustedKey.from_file(secret).kid == "h"
    with pytest.raises(InvalidConfigError, match="not a regular file"):
        TrustedKey.from_file("/dev/zero")


def test_a_core_failure_denies_then_a_fresh_instance_answers_with_the_same_license_and_policy(issuer):
    """After a trap the instance is dropped; the next call gets a fresh one
    holding the same key and access policy (a lost policy would mean full
    access, a lost key the community tier)."""
    from licensewarden import AccessSubject, InternalError

    broken = [False]
    now = [1780272000000]

    def clock():
        if broken[0]:
            raise RuntimeError("the clock broke")
        return now[0]

    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=issuer.issue(plan="enterprise"),
                    env={}, home=None, clock=clock,
                    access_policy="roles:\n  network: [\"topology_*\"]\ngroups:\n  ops: network\n")
    ops = AccessSubject(groups=("ops",))
    assert lic.snapshot().plan == "enterprise"
    broken[0] = True
    with pytest.raises(InternalError):
        lic.check_feature_uncached("sso")
    assert not lic.authorize(ops, "topology_links", "execute").allow
    broken[0] = False
    now[0] += 1
    assert lic.refresh().plan == "enterprise"
    assert lic.authorize(ops, "topology_map", "execute").allow
    assert not lic.authorize(ops, "firewall_rules", "execute").allow


def test_a_refused_policy_still_denies_everyone_after_a_core_failure(issuer):
    from licensewarden import AccessSubject, InvalidConfigError

    broken = [False]

    def clock():
        if broken[0]:
            raise RuntimeError("the clock broke")
        return 1780272000000

    lic = Licensing(product="acme", trusted_keys=[issuer.trusted], policy=POLICY, key=issuer.issue(plan="enterprise"),
                    env={}, home=None, clock=clock)
    with pytest.raises(InvalidConfigError):
        lic.set_access_policy("roles:\n  network: [no]\n")
    broken[0] = True
    lic.authorize(AccessSubject(groups=("ops",)), "x", "execute")
    broken[0] = False
    d = lic.authorize(AccessSubject(groups=("ops",)), "topology_map", "execute")
    assert not d.allow and "refused" in d.reason

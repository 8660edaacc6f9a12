//! `tests/vectors/rbac.json`: access policy (RBAC) decisions.

#[allow(unused_imports)]
use super::*;

/// What the file holds.
pub const DESCRIPTION: &str = "Access policy (RBAC): the seeds' two policy forms, glob edge cases, defaults, the plan gate, refused policies";

/// `../shared/seeds/002` section 13.6 (roles with `allow`, groups to one role), in JSON form.
const SEED_ALLOW: &str = r#"{"roles": {"admin": {"allow": ["*"]}, "architect": {"allow": ["topology_*", "blast_radius_*", "path_analysis", "all_devices", "update_device_metadata"]}, "network": {"allow": ["topology_*", "ips_in_subnet", "locate_endpoint_by_ip", "all_devices", "devices_*", "interfaces_*"]}, "security": {"allow": ["firewall_*", "path_analysis", "deny_rules_summary", "blast_radius_*"]}, "analyst": {"allow": ["summary_*", "all_devices", "hygiene_*", "devices_*"]}, "helpdesk": {"allow": ["locate_endpoint_by_ip", "ips_in_subnet", "device_neighbors"]}}, "groups": {"network-ops-team": "network", "security-analysts": "security", "noc-helpdesk": "helpdesk"}}"#;

/// `../shared/seeds/001` section 12 (roles with `resources` and `verbs`, groups to `{roles}`), in JSON form.
const SEED_VERBS: &str = r#"{"roles": {"network": {"resources": ["topology_*", "blast_radius_*", "endpoints_*", "locate_endpoint_*"], "verbs": ["execute"]}, "security": {"resources": ["firewall_*", "path_analysis", "deny_rules_summary"], "verbs": ["execute"]}, "readonly": {"resources": ["*"], "verbs": ["list"]}}, "groups": {"Network-Ops": {"roles": ["network"]}, "Security-Team": {"roles": ["security"]}, "Management": {"roles": ["readonly"]}}}"#;

/// `../shared/seeds/002` section 13.6 as the file an operator writes.
const SEED_ALLOW_YAML: &str = include_str!("../../../../tests/fixtures/rbac-seed-allow.yaml");

/// `../shared/seeds/001` section 12 as the file an operator writes.
const SEED_VERBS_YAML: &str = r#"# /etc/meshoptixiq/rbac.yaml
# Hot-reloaded every 30 seconds — no restart required
roles:
  network:
    resources:
    - "topology_*"
    - "blast_radius_*"
    - "endpoints_*"
    - "locate_endpoint_*"
    verbs: ["execute"]
  security:
    resources:
    - "firewall_*"
    - "path_analysis"
    - "deny_rules_summary"
    verbs: ["execute"]
  readonly:
    resources: ["*"]
    verbs: ["list"]
groups:
  "Network-Ops":
    roles: [network]
  "Security-Team":
    roles: [security]
  "Management":
    roles: [readonly]
"#;

/// The short form in the seeds' comments: a role is its list of patterns.
const SEED_SHORT_YAML: &str = "roles:\n  network:\n  - \"topology_*\"\n  - \"blast_radius_*\"\n  security:\n  - \"firewall_*\"\n  - \"path_analysis\"\n";

/// One question: (roles, groups, action, verb).
fn check(roles: &[&str], groups: &[&str], action: &str, verb: &str) -> Value {
    json!({"roles": roles, "groups": groups, "action": action, "verb": verb})
}

fn allow(role: &str, pattern: &str) -> Value {
    json!({"allow": true, "role": role, "pattern": pattern})
}

fn deny() -> Value {
    json!({"allow": false, "role": null, "pattern": null})
}

fn refused(field: &str) -> Value {
    json!({"ok": false, "code": "invalid-config", "details": {"field": field}})
}

pub fn cases(g: &mut Gen) -> Vec<Value> {
    let pro = g.k.a.issue(&spec("pro"));
    g.case(
        "rbac/seed-allow-policy",
        "The allow-form seed policy: network-ops-team may run topology_*, not firewall_*; helpdesk may locate endpoints; an unknown group gets no role; an API-key caller resolved to admin may run everything; of two matching roles the first by name is reported",
        json!({"op": "authorize", "key": pro, "rbac_policies": [SEED_ALLOW], "checks": [
            check(&[], &["network-ops-team"], "topology_neighbors", "execute"),
            check(&[], &["network-ops-team"], "firewall_rules_by_zone_pair", "execute"),
            check(&[], &["security-analysts"], "firewall_rules_by_zone_pair", "execute"),
            check(&[], &["noc-helpdesk"], "locate_endpoint_by_ip", "execute"),
            check(&[], &["noc-helpdesk"], "topology_neighbors", "execute"),
            check(&[], &["marketing"], "all_devices", "execute"),
            check(&["admin"], &[], "firewall_rules_by_zone_pair", "execute"),
            check(&["network", "analyst"], &[], "devices_by_site", "execute"),
            check(&[], &["security-analysts", "network-ops-team"], "blast_radius_core", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [
            allow("network", "topology_*"), deny(), allow("security", "firewall_*"),
            allow("helpdesk", "locate_endpoint_by_ip"), deny(), deny(), allow("admin", "*"),
            allow("analyst", "devices_*"), allow("security", "blast_radius_*"),
        ]}),
    );
    g.case(
        "rbac/seed-verbs-policy",
        "The resources/verbs seed policy: readonly (Management) may only list; network may execute topology queries but not list them",
        json!({"op": "authorize", "key": pro, "rbac_policies": [SEED_VERBS], "checks": [
            check(&[], &["Management"], "topology_map", "list"),
            check(&[], &["Management"], "topology_map", "execute"),
            check(&[], &["Network-Ops"], "topology_map", "execute"),
            check(&[], &["Network-Ops"], "topology_map", "list"),
            check(&[], &["Security-Team"], "path_analysis", "execute"),
            check(&[], &["network-ops"], "topology_map", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [
            allow("readonly", "*"), deny(), allow("network", "topology_*"), deny(),
            allow("security", "path_analysis"), deny(),
        ]}),
    );
    let globs = r#"{"roles": {"r": {"allow": ["dev[0-9]", "host[!0-9]", "[]]x", "caf?", "Topology_*", "a[", "q*z"]}}}"#;
    g.case(
        "rbac/glob-edge-cases",
        "fnmatch syntax: ranges, negated sets, ] first in a set, ? over a non-ASCII character, an unclosed [ as a literal, * over any run; matching is case-sensitive",
        json!({"op": "authorize", "key": pro, "rbac_policies": [globs], "checks": [
            check(&["r"], &[], "dev7", "execute"),
            check(&["r"], &[], "devx", "execute"),
            check(&["r"], &[], "hostx", "execute"),
            check(&["r"], &[], "host1", "execute"),
            check(&["r"], &[], "]x", "execute"),
            check(&["r"], &[], "café", "execute"),
            check(&["r"], &[], "Topology_map", "execute"),
            check(&["r"], &[], "topology_map", "execute"),
            check(&["r"], &[], "a[", "execute"),
            check(&["r"], &[], "q/any/thing z", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [
            allow("r", "dev[0-9]"), deny(), allow("r", "host[!0-9]"), deny(), allow("r", "[]]x"),
            allow("r", "caf?"), allow("r", "Topology_*"), deny(), allow("r", "a["), allow("r", "q*z"),
        ]}),
    );
    g.case(
        "rbac/no-policy-full-access",
        "No policy configured: every authenticated caller has full access, and the reason says so",
        json!({"op": "authorize", "key": pro, "checks": [check(&[], &[], "firewall_rules_by_zone_pair", "execute")]}),
        json!({"policy_errors": [], "decisions": [{"allow": true, "role": null, "pattern": null}]}),
    );
    g.case(
        "rbac/not-licensed-not-enforced",
        "The plan lacks rbac (community tier): the policy is not enforced, every caller has full access, and the reason names the plan",
        json!({"op": "authorize", "rbac_policies": [SEED_ALLOW], "checks": [check(&[], &["marketing"], "firewall_rules_by_zone_pair", "execute")]}),
        json!({"policy_errors": [null], "decisions": [{"allow": true, "role": null, "pattern": null}]}),
    );
    g.case(
        "rbac/refused-policies-name-the-field",
        "Refused policies are invalid-config naming the field: an unknown key, a group naming a missing role, an empty pattern, allow with verbs, resources without verbs, duplicate keys, not JSON, YAML that does not close; the last good policy stays in force",
        json!({"op": "authorize", "key": pro, "rbac_policies": [
            SEED_ALLOW,
            r#"{"roles": {}, "users": {}}"#,
            r#"{"roles": {"a": {"allow": ["x"]}}, "groups": {"g": "b"}}"#,
            r#"{"roles": {"a": {"allow": ["x", ""]}}}"#,
            r#"{"roles": {"a": {"allow": ["x"], "verbs": ["list"]}}}"#,
            r#"{"roles": {"a": {"resources": ["x"]}}}"#,
            r#"{"roles": {"a": {"allow": ["x"]}, "a": {"allow": ["y"]}}}"#,
            r#"{"roles": "#,
            "roles:\n  a: [x\n",
        ], "checks": [check(&[], &["network-ops-team"], "topology_neighbors", "execute")]}),
        json!({"policy_errors": [null, refused("(top level)"), refused("groups.g"), refused("roles.a.allow[1]"), refused("roles.a"), refused("roles.a"), refused("(file)"), refused("(file)"), refused("line 2")],
               "decisions": [allow("network", "topology_*")]}),
    );
    g.case(
        "rbac/removing-the-policy",
        "A policy replaced by none: full access again",
        json!({"op": "authorize", "key": pro, "rbac_policies": [SEED_ALLOW, null], "checks": [check(&[], &["marketing"], "firewall_rules_by_zone_pair", "execute")]}),
        json!({"policy_errors": [null, null], "decisions": [{"allow": true, "role": null, "pattern": null}]}),
    );
    g.case(
        "rbac/names-escaped-in-reasons",
        "An action and a group with control characters and quotes are denied, and appear escaped in the reason",
        json!({"op": "authorize", "key": pro, "rbac_policies": [SEED_ALLOW], "checks": [
            check(&[], &["evil\n\u{1b}[31m"], "topology_\"x\"\r\n", "execute"),
            check(&[], &["network-ops-team"], "firewall_\u{7}", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [deny(), deny()]}),
    );
    g.case(
        "rbac/seed-yaml-files-verbatim",
        "The seeds' policy files as YAML, read by the core: the same decisions as their JSON forms, and the short form where a role is its list of patterns",
        json!({"op": "authorize", "key": pro, "rbac_policies": [SEED_VERBS_YAML], "checks": [
            check(&[], &["Management"], "topology_map", "list"),
            check(&[], &["Management"], "topology_map", "execute"),
            check(&[], &["Network-Ops"], "topology_map", "execute"),
            check(&[], &["Security-Team"], "deny_rules_summary", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [
            allow("readonly", "*"), deny(), allow("network", "topology_*"), allow("security", "deny_rules_summary"),
        ]}),
    );
    g.case(
        "rbac/seed-allow-yaml",
        "The allow-form seed file as YAML: network-ops-team may run topology_*, not firewall_*; helpdesk may locate endpoints",
        json!({"op": "authorize", "key": pro, "rbac_policies": [SEED_ALLOW_YAML], "checks": [
            check(&[], &["network-ops-team"], "topology_neighbors", "execute"),
            check(&[], &["network-ops-team"], "firewall_rules_by_zone_pair", "execute"),
            check(&[], &["noc-helpdesk"], "locate_endpoint_by_ip", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [
            allow("network", "topology_*"), deny(), allow("helpdesk", "locate_endpoint_by_ip"),
        ]}),
    );
    g.case(
        "rbac/seed-short-form-yaml",
        "A role written as its list of patterns (the seeds' comment form) is an allow role",
        json!({"op": "authorize", "key": pro, "rbac_policies": [SEED_SHORT_YAML], "checks": [
            check(&["security"], &[], "path_analysis", "execute"),
            check(&["network"], &[], "path_analysis", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [allow("security", "path_analysis"), deny()]}),
    );
    g.case(
        "rbac/yaml-traps-refused",
        "YAML that YAML 1.1 and 1.2 readers take differently, or that hides structure, is refused naming the line: no, on, 1e3 and ~ unquoted, an anchor and alias, a merge key, a duplicate key, a tab in the indentation, a second document, a tag, a block scalar",
        json!({"op": "authorize", "key": pro, "rbac_policies": [
            "roles:\n  r:\n    allow: [no]\n",
            "roles:\n  r:\n    allow:\n    - on\n",
            "roles:\n  r:\n    allow: [1e3]\n",
            "roles:\n  r: ~\n",
            "roles:\n  r: &p [x]\n  s: *p\n",
            "roles:\n  r: [x]\n  s:\n    <<: {allow: [y]}\n",
            "roles:\n  r: [x]\n  r: [y]\n",
            "roles:\n\tr: [x]\n",
            "roles:\n  r: [x]\n---\nroles:\n  s: [y]\n",
            "roles:\n  r: !!seq [x]\n",
            "roles:\n  r:\n    allow: |\n      x\n",
        ], "checks": []}),
        json!({"policy_errors": [refused("line 3"), refused("line 4"), refused("line 3"), refused("line 2"), refused("line 2"), refused("line 4"), refused("line 3"), refused("line 2"), refused("line 3"), refused("line 2"), refused("line 3")],
               "decisions": []}),
    );
    g.case(
        "rbac/yaml-quoted-words-are-names",
        "Quoted, the same words are plain names every reader agrees on: actions named no, on and 1e3, and a group named yes",
        json!({"op": "authorize", "key": pro, "rbac_policies": [
            "roles:\n  r:\n    allow: [\"no\", 'on', \"1e3\"]\ngroups:\n  \"yes\": r\n",
        ], "checks": [
            check(&[], &["yes"], "no", "execute"),
            check(&[], &["yes"], "on", "execute"),
            check(&[], &["yes"], "1e3", "execute"),
            check(&[], &["yes"], "off", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [allow("r", "no"), allow("r", "on"), allow("r", "1e3"), deny()]}),
    );
    g.case(
        "rbac/refused-at-start-denies-everyone",
        "A configured policy refused before any was in force: every caller is denied (fail closed), info says why; a good one then restores decisions",
        json!({"op": "authorize", "key": pro, "rbac_policies": ["roles:\n  r: [no]\n"], "checks": [
            check(&["admin"], &[], "topology_map", "execute"),
        ]}),
        json!({"policy_errors": [refused("line 2")], "decisions": [deny()]}),
    );
    g.case(
        "rbac/expired-license-denies-everyone",
        "After expiry (no fallback tier) every caller is denied with the reason, not \"plan lacks rbac, full access\"; info says the license is not in force",
        json!({"op": "authorize", "key": g.k.a.issue(&spec("enterprise")), "now_ms": ms("2027-06-01T00:00:00Z"), "rbac_policies": [SEED_SHORT_YAML], "checks": [
            check(&["network"], &[], "topology_map", "execute"),
        ]}),
        json!({"policy_errors": [null], "decisions": [deny()]}),
    );
    g.case(
        "rbac/refused-reload-keeps-the-last-good-policy",
        "A refused reload keeps the policy in force; info reports the refusal until a good one arrives",
        json!({"op": "authorize", "key": pro, "rbac_policies": [SEED_SHORT_YAML, "roles:\n  r: [no]\n"], "checks": [
            check(&["network"], &[], "topology_map", "execute"),
        ]}),
        json!({"policy_errors": [null, refused("line 2")], "decisions": [allow("network", "topology_*")]}),
    );
    g.take()
}

//! Costs of the component boundary against baselines measured in the same
//! run: verify (component vs native ed25519-compact), an uncached
//! check-feature vs the bare call of a do-nothing export (`nop`, from
//! `componentize --nop`), check-feature from the snapshot (allowed, and
//! denied from the memo) vs a HashSet lookup plus a clock read, info,
//! instantiation; gateway mode per distinct key (garbage, forged, new
//! valid, cached valid) vs the same native verify, and bytes per cached key.
//!
//! `cargo bench -p licensewarden` (criterion), then a ratio summary;
//! `scripts/bench.sh` runs every host's.

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, Criterion};
use licensewarden::{Allocator, Licensing};
use licensewarden_guest::{b64, token};
use licensewarden_issue::{LicenseSpec, SigningKey};

const POLICY: &str =
    r#"{"plans":{"pro":{"features":["api_access","rbac","audit_logging"]}},"features":["sso"]}"#;

struct Fixture {
    lic: Licensing,
    token: String,
    pk: ed25519_compact::PublicKey,
    msg: Vec<u8>,
    sig: ed25519_compact::Signature,
}

fn rbac_fixture() -> (Licensing, licensewarden::AccessSubject) {
    let key = SigningKey::ed25519_from_seed(Some("bench"), [7; 32]);
    let token = key.issue(&LicenseSpec {
        id: "lic_rbac".into(),
        plan: "enterprise".into(),
        issued_at: "2026-01-01".into(),
        expires_at: Some("2099-12-31".into()),
        ..Default::default()
    });
    let seed = include_str!("../../../tests/fixtures/rbac-seed-allow.yaml");
    let lic = Licensing::builder("bench")
        .trusted_key(key.trusted_key())
        .policy_json(r#"{"plans": {"enterprise": {"all_features": true}}}"#)
        .key(token)
        .env(|_| None)
        .access_policy(seed)
        .build()
        .expect("bench licensing");
    let ops = licensewarden::AccessSubject {
        roles: vec![],
        groups: vec!["network-ops-team".into()],
    };
    (lic, ops)
}

fn fixture() -> Fixture {
    let key = SigningKey::ed25519_from_seed(Some("bench"), [7; 32]);
    let token = key.issue(&LicenseSpec {
        id: "lic_bench".into(),
        org: Some("Bench".into()),
        plan: "pro".into(),
        issued_at: "2026-01-01".into(),
        expires_at: Some("2099-12-31".into()),
        ..Default::default()
    });
    let lic = Licensing::builder("bench")
        .trusted_key(key.trusted_key())
        .policy_json(POLICY)
        .key(token.clone())
        .env(|_| None)
        .build()
        .expect("bench licensing");
    let parts = token::parse(&token).unwrap();
    let pk = ed25519_compact::PublicKey::from_slice(&b64::decode(&key.trusted_key().key).unwrap())
        .unwrap();
    let msg = token::signing_input(parts.signed);
    let sig = ed25519_compact::Signature::from_slice(&parts.sig).unwrap();
    Fixture {
        lic,
        token,
        pk,
        msg,
        sig,
    }
}

fn benches(c: &mut Criterion) {
    let f = fixture();
    c.bench_function("verify/native_ed25519_compact", |b| {
        b.iter(|| f.pk.verify(black_box(&f.msg), &f.sig).unwrap())
    });
    c.bench_function("verify/component", |b| {
        b.iter(|| f.lic.verify(black_box(&f.token)).unwrap())
    });
    c.bench_function("check_feature/snapshot", |b| {
        b.iter(|| f.lic.check_feature(black_box("api_access")).unwrap())
    });
    c.bench_function("check_feature/across_boundary", |b| {
        b.iter(|| {
            f.lic
                .check_feature_uncached(black_box("api_access"))
                .unwrap()
        })
    });
    let set: std::collections::HashSet<&str> = ["api_access", "rbac", "audit_logging"]
        .into_iter()
        .collect();
    c.bench_function("check_feature/native_hashset", |b| {
        b.iter(|| assert!(set.contains(black_box("api_access"))))
    });
    c.bench_function("info/component", |b| b.iter(|| black_box(f.lic.info())));
    c.bench_function("instantiate/instance_pre_on_demand", |b| {
        b.iter(|| licensewarden::engine::instantiate_once(Allocator::OnDemand).unwrap())
    });
    c.bench_function("instantiate/instance_pre_pooling", |b| {
        b.iter(|| licensewarden::engine::instantiate_once(Allocator::Pooling).unwrap())
    });
}

fn per_call(n: u32, mut f: impl FnMut()) -> f64 {
    f();
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed().as_nanos() as f64 / f64::from(n)
}

/// A figure against its baseline over interleaved rounds.
struct Figure {
    subject: f64,
    baseline: f64,
    ratios: Vec<f64>,
}

impl Figure {
    /// `1.23x [1.10-1.40]`: the median ratio over the rounds and its min-max.
    fn spread(&self) -> String {
        let low = self.ratios.iter().copied().fold(f64::INFINITY, f64::min);
        let high = self.ratios.iter().copied().fold(0.0, f64::max);
        format!("{:.2}x [{low:.2}-{high:.2}]", median(&self.ratios))
    }
}

fn median(xs: &[f64]) -> f64 {
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let m = s.len() / 2;
    if s.len() % 2 == 1 {
        s[m]
    } else {
        (s[m - 1] + s[m]) / 2.0
    }
}

/// `LW_BENCH_ROUNDS` (default 7) rounds measuring `subject` and `baseline`
/// alternately (and alternating which goes first), so a loaded machine's
/// drift hits both.
fn interleaved(n: u32, mut subject: impl FnMut(), mut baseline: impl FnMut()) -> Figure {
    let rounds = std::env::var("LW_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&r| r > 0)
        .unwrap_or(7);
    let (mut s, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for r in 0..rounds {
        let (x, y) = if r % 2 == 1 {
            let x = per_call(n, &mut subject);
            (x, per_call(n, &mut baseline))
        } else {
            let y = per_call(n, &mut baseline);
            (per_call(n, &mut subject), y)
        };
        s.push(x);
        b.push(y);
        ratios.push(x / y);
    }
    Figure {
        subject: median(&s),
        baseline: median(&b),
        ratios,
    }
}

/// The `nop` export of `target/bench/nop.wasm`, on an engine configured as
/// the host's.
fn nop_call() -> impl FnMut() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/nop.wasm");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `cargo run -p componentize -- --nop target/bench/nop.wasm`",
            path.display()
        )
    });
    let engine = wasmtime::Engine::new(&config()).unwrap();
    let component = wasmtime::component::Component::new(&engine, bytes).unwrap();
    let linker = wasmtime::component::Linker::<()>::new(&engine);
    let mut store = wasmtime::Store::new(&engine, ());
    let instance = linker.instantiate(&mut store, &component).unwrap();
    let nop = instance
        .get_typed_func::<(), ()>(&mut store, "nop")
        .unwrap();
    move || nop.call(&mut store, ()).unwrap()
}

fn config() -> wasmtime::Config {
    let mut cfg = wasmtime::Config::new();
    cfg.wasm_component_model(true);
    cfg.wasm_wide_arithmetic(true);
    cfg
}

fn summary() {
    let f = fixture();
    let mut nop = nop_call();
    let set: std::collections::HashSet<&str> = ["api_access", "rbac", "audit_logging"]
        .into_iter()
        .collect();
    let floor = || {
        let now = std::time::SystemTime::now();
        assert!(set.contains(black_box("api_access")) && now > std::time::UNIX_EPOCH);
    };
    let verify = interleaved(
        1000,
        || {
            f.lic.verify(black_box(&f.token)).unwrap();
        },
        || f.pk.verify(black_box(&f.msg), &f.sig).unwrap(),
    );
    let across = interleaved(
        50_000,
        || {
            f.lic
                .check_feature_uncached(black_box("api_access"))
                .unwrap()
        },
        &mut nop,
    );
    let snap = interleaved(
        500_000,
        || f.lic.check_feature(black_box("api_access")).unwrap(),
        floor,
    );
    let denied = interleaved(
        500_000,
        || {
            f.lic.check_feature(black_box("sso")).unwrap_err();
        },
        floor,
    );
    // An access decision against the seeds' allow-form policy, from the
    // memo, vs the least an application's own table can do: one HashSet
    // lookup of the question.
    let (rbac_lic, ops) = rbac_fixture();
    let table: std::collections::HashSet<(String, String, String)> = [(
        "network-ops-team".to_string(),
        "topology_neighbors".to_string(),
        "execute".to_string(),
    )]
    .into_iter()
    .collect();
    let question = (
        ops.groups[0].clone(),
        "topology_neighbors".to_string(),
        "execute".to_string(),
    );
    let rbac = interleaved(
        500_000,
        || {
            assert!(
                rbac_lic
                    .authorize(black_box(&ops), black_box("topology_neighbors"), "execute")
                    .allow
            )
        },
        || assert!(table.contains(black_box(&question))),
    );
    let rbac_uncached = interleaved(
        20_000,
        || {
            assert!(
                rbac_lic
                    .authorize_uncached(black_box(&ops), black_box("topology_neighbors"), "execute")
                    .allow
            )
        },
        &mut nop,
    );
    let native = verify.baseline;
    // A fresh engine pays Cranelift compilation once per process.
    let engine = wasmtime::Engine::new(&config()).unwrap();
    let t = Instant::now();
    let compiled =
        wasmtime::component::Component::new(&engine, licensewarden::engine::COMPONENT_WASM)
            .unwrap();
    let compile = t.elapsed();
    drop(compiled);
    println!("\nsummary (same run):");
    println!(
        "  verify: component {:.0} ns, native {:.0} ns, ratio {}",
        verify.subject,
        verify.baseline,
        verify.spread()
    );
    println!(
        "  boundary: uncached check_feature {:.0} ns, bare nop export {:.0} ns, ratio {}",
        across.subject,
        across.baseline,
        across.spread()
    );
    println!(
        "  snapshot: check_feature allowed {:.1} ns, floor HashSet + SystemTime::now {:.1} ns, ratio {}; denied (memo) {:.1} ns, ratio {}",
        snap.subject,
        snap.baseline,
        snap.spread(),
        denied.subject,
        denied.spread()
    );
    println!(
        "  access: authorize (memo) {:.1} ns, floor HashSet of the question {:.1} ns, ratio {}; uncached {:.0} ns ({} the bare nop export)",
        rbac.subject,
        rbac.baseline,
        rbac.spread(),
        rbac_uncached.subject,
        rbac_uncached.spread()
    );
    println!(
        "  compiling the component on a fresh engine (once per process): {:.1} ms",
        compile.as_secs_f64() * 1e3
    );
    gateway_summary(native);
}

/// Resident set size of this process, bytes (Linux; 0 elsewhere).
fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn gateway_summary(native: f64) {
    let key = SigningKey::ed25519_from_seed(Some("bench"), [7; 32]);
    let gw = |bytes: u64| {
        Licensing::builder("bench")
            .trusted_key(key.trusted_key())
            .policy_json(POLICY)
            .env(|_| None)
            .without_home()
            .gateway_cache_bytes(bytes)
            .build()
            .expect("bench gateway")
    };
    let issue = |i: usize| {
        key.issue(&LicenseSpec {
            id: format!("lic_bench_{i:07}"),
            org: Some("Acme Corp".into()),
            plan: "pro".into(),
            issued_at: "2026-01-01".into(),
            expires_at: Some("2099-12-31".into()),
            ..Default::default()
        })
    };
    let forge = |t: &str| format!("{}AAAA", &t[..t.len() - 4]);
    let each = |keys: &[String], lic: &Licensing| {
        let t = Instant::now();
        for k in keys {
            black_box(lic.gate_key(Some(k), "/api", None));
        }
        t.elapsed().as_nanos() as f64 / keys.len() as f64
    };
    let n = 2000;
    let valid: Vec<String> = (0..n).map(issue).collect();
    let forged: Vec<String> = valid.iter().map(|t| forge(t)).collect();
    let garbage: Vec<String> = (0..n)
        .map(|i| format!("garbage-{i}-{}", "x".repeat(40)))
        .collect();
    let lic = gw(0);
    // Warm every path (the core's first allocations) on keys not measured.
    let warm: Vec<String> = (0..300).map(|i| issue(10_000_000 + i)).collect();
    let warm_forged: Vec<String> = warm.iter().map(|t| forge(t)).collect();
    each(&warm, &lic);
    each(&warm_forged, &lic);
    each(&garbage[..300], &lic);
    let g = each(&garbage, &lic);
    let f = each(&forged, &lic);
    let v = each(&valid, &lic);
    let c = each(&valid, &lic);
    println!("  gateway: garbage key {:.2} µs (bound 20 µs)", g / 1e3);
    println!(
        "  gateway: forged key {:.2} µs = {:.2}x native verify (bound 1.5x + 20 µs = {:.2} µs)",
        f / 1e3,
        f / native,
        (1.5 * native + 20_000.0) / 1e3
    );
    println!(
        "  gateway: new valid key {:.2} µs = {:.2}x a forged key (bound 2x); cached valid key {:.2} µs",
        v / 1e3,
        v / f,
        c / 1e3
    );
    let keys: usize = std::env::var("LW_BENCH_KEYS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let many: Vec<String> = (0..keys).map(|i| issue(n + i)).collect();
    let lic = gw(0);
    let before = rss();
    for k in &many {
        black_box(lic.gate_key(Some(k), "/api", None));
    }
    let s = lic.gateway_stats();
    println!(
        "  gateway: memory at {keys} valid keys: {} held, core estimate {:.0} B/key, resident growth {:.0} B/key (bound 2048)",
        s.cache.verified,
        s.cache.verified_bytes as f64 / s.cache.verified as f64,
        rss().saturating_sub(before) as f64 / s.cache.verified as f64
    );
}

mod groups {
    #![allow(missing_docs)]
    use super::*;
    criterion_group!(group, benches);
}

fn main() {
    groups::group();
    Criterion::default().configure_from_args().final_summary();
    summary();
}

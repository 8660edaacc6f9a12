//! Costs of the component boundary against native baselines measured in the
//! same run: verify (component vs native ed25519-compact), check-feature
//! from the snapshot vs across the boundary, info, instantiation.
//!
//! `cargo bench -p licensewarden` (criterion), then a ratio summary.

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, Criterion};
use licensewarden::issue::{LicenseSpec, SigningKey};
use licensewarden::{Allocator, Licensing};
use licensewarden_guest::{b64, token};

const POLICY: &str =
    r#"{"plans":{"pro":{"features":["api_access","rbac","audit_logging"]}},"features":["sso"]}"#;

struct Fixture {
    lic: Licensing,
    token: String,
    pk: ed25519_compact::PublicKey,
    msg: Vec<u8>,
    sig: ed25519_compact::Signature,
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

fn summary() {
    let f = fixture();
    let native = per_call(2000, || f.pk.verify(black_box(&f.msg), &f.sig).unwrap());
    let comp = per_call(2000, || {
        f.lic.verify(black_box(&f.token)).unwrap();
    });
    let snap = per_call(1_000_000, || {
        f.lic.check_feature(black_box("api_access")).unwrap()
    });
    let across = per_call(100_000, || {
        f.lic
            .check_feature_uncached(black_box("api_access"))
            .unwrap()
    });
    // A fresh engine pays Cranelift compilation once per process.
    let mut cfg = wasmtime::Config::new();
    cfg.wasm_component_model(true);
    let engine = wasmtime::Engine::new(&cfg).unwrap();
    let t = Instant::now();
    let compiled =
        wasmtime::component::Component::new(&engine, licensewarden::engine::COMPONENT_WASM)
            .unwrap();
    let compile = t.elapsed();
    drop(compiled);
    println!("\nsummary (same run):");
    println!(
        "  verify: component {comp:.0} ns, native {native:.0} ns, ratio {:.2}x",
        comp / native
    );
    println!("  check_feature: snapshot {snap:.1} ns, across the boundary {across:.0} ns");
    println!(
        "  compiling the component on a fresh engine (once per process): {:.1} ms",
        compile.as_secs_f64() * 1e3
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

//! Every conformance vector, run through the Rust host's embedded component.

use vectors::conformance;

/// Exactly this many: a host that skips a vector fails (update with
/// `gen-vectors`, which prints the count).
const VECTOR_COUNT: usize = 379;

#[test]
fn every_vector_passes_through_the_component() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let cases = conformance::load_cases(&dir).unwrap();
    assert_eq!(
        cases.len(),
        VECTOR_COUNT,
        "vector count changed: update VECTOR_COUNT in every host's test"
    );
    let mut failures = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        assert!(ids.insert(id.to_string()), "duplicate vector id {id}");
        let got = conformance::outcome(case);
        if !conformance::matches(&case["expect"], &got) {
            failures.push(format!(
                "{id}\n  expected ⊇ {}\n  got        {}",
                case["expect"], got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    println!("{} vectors passed through the component", cases.len());
}

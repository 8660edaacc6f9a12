//! Prints one canonical JSON line per conformance vector, in vector order,
//! each outcome obtained through the Rust host's public API. The JavaScript,
//! Python and Go hosts print the same lines; compare them byte for byte.

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let cases = vectors::conformance::load_cases(&dir).unwrap_or_else(|e| {
        eprintln!("conformance: {e}");
        std::process::exit(2);
    });
    for case in &cases {
        println!("{}", vectors::conformance::line(case));
    }
}

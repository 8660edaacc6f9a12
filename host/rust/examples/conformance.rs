//! Prints one canonical JSON line per conformance vector, in vector order,
//! each outcome obtained through this crate's public API. The JavaScript and
//! Python hosts print the same lines; compare them byte for byte.

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let cases = licensewarden::conformance::load_cases(&dir).unwrap_or_else(|e| {
        eprintln!("conformance: {e}");
        std::process::exit(2);
    });
    for case in &cases {
        println!("{}", licensewarden::conformance::line(case));
    }
}

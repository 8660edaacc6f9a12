//! The conformance vectors every host runs (`tests/vectors/`).
//!
//! - [`gen`] builds them, one module per file, with their expectations
//!   written by hand (the spec);
//! - [`summary`] renders the human-readable `tests/vectors/SUMMARY.md`;
//! - [`conformance`] runs a case through the Rust host and prints the line
//!   all four hosts must print identically.
//!
//! `cargo run -p vectors --bin gen-vectors` rewrites the files,
//! `--check` fails naming any file that differs (scripts/test.sh runs it);
//! `cargo run -p vectors --bin conformance` prints the lines.

pub mod conformance;
pub mod gen;
pub mod summary;

/// The files of `tests/vectors/` the generator writes, with their text:
/// every vector file and the summary.
pub fn rendered() -> Vec<(String, String)> {
    let files = gen::files();
    let mut out: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.name.to_string(), f.text()))
        .collect();
    out.push(("SUMMARY.md".into(), summary::render(&files)));
    out
}

//! `gen-vectors [DIR]` writes the vector files and SUMMARY.md into DIR
//! (default `tests/vectors`); `gen-vectors --check [DIR]` writes nothing and
//! fails naming every file that differs from what it would write.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.first().map(String::as_str) == Some("--check");
    if check {
        args.remove(0);
    }
    let dir = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors"));
    let files = vectors::rendered();
    let cases: usize = vectors::gen::files().iter().map(|f| f.cases.len()).sum();
    if check {
        let stale: Vec<&str> = files
            .iter()
            .filter(|(name, text)| {
                std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str())
            })
            .map(|(name, _)| name.as_str())
            .collect();
        if !stale.is_empty() {
            eprintln!(
                "gen-vectors: {} differ from what the generator writes: {}; run `cargo run -p vectors --bin gen-vectors` and commit",
                dir.display(),
                stale.join(", ")
            );
            return ExitCode::FAILURE;
        }
        println!(
            "gen-vectors: {cases} cases in {} files are current",
            files.len() - 1
        );
        return ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gen-vectors: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (name, text) in &files {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            eprintln!(
                "gen-vectors: cannot write {}: {e}",
                dir.join(name).display()
            );
            return ExitCode::FAILURE;
        }
    }
    println!("gen-vectors: wrote {cases} cases to {}", dir.display());
    ExitCode::SUCCESS
}

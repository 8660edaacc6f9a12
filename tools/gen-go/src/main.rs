//! `gen-go <wit-dir> <out.go> [--check]`: writes the Go host's bindings, or
//! with `--check` fails when the file differs from what the WIT generates.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--check").collect();
    let [wit, out] = paths.as_slice() else {
        eprintln!("usage: gen-go <wit-dir> <out.go> [--check]");
        return ExitCode::from(2);
    };
    let code = match gen_go::generate(Path::new(wit)).and_then(|s| gen_go::gofmt(&s)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        let current = std::fs::read_to_string(out).unwrap_or_default();
        if current != code {
            eprintln!("gen-go: {out} is stale: run `cargo run -q -p gen-go -- {wit} {out}`");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::write(out, code) {
        eprintln!("gen-go: cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

//! `gen-go <wit-dir> <out.go> [--check]`: writes the Go host's bindings, or
//! with `--check` fails when the file differs from what the WIT generates.
//! `gen-go types <wit-dir> <out.json> [--check]`: the same for the WIT's
//! type summary (`tests/wit-types.json`).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--check").collect();
    let (summary, paths) = match paths.split_first() {
        Some((first, rest)) if first.as_str() == "types" => (true, rest),
        _ => (false, paths.as_slice()),
    };
    let [wit, out] = paths else {
        eprintln!("usage: gen-go [types] <wit-dir> <out> [--check]");
        return ExitCode::from(2);
    };
    let made = if summary {
        gen_go::type_summary(Path::new(wit))
    } else {
        gen_go::generate(Path::new(wit)).and_then(|s| gen_go::gofmt(&s))
    };
    let code = match made {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        let current = std::fs::read_to_string(out).unwrap_or_default();
        if current != code {
            let how = if summary { "types " } else { "" };
            eprintln!("gen-go: {out} is stale: run `cargo run -q -p gen-go -- {how}{wit} {out}`");
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

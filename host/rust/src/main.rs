//! `licensewarden`: keys, licenses and `license info` for vendors and operators.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}

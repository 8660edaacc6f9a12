//! Wraps the guest's core wasm module (built for wasm32-unknown-unknown,
//! carrying the component type wit-bindgen embedded) into the licensewarden
//! component. Used by `scripts/build-component.sh`; never shipped.
//!
//! With a third path it also writes the core module as found inside the
//! component (the bytes the Go host embeds, since wazero runs core modules).
//!
//! `--nop <out.wasm>` writes the benchmarks' do-nothing component instead.
//!
//! `--variant` checks which instructions the module uses before writing it:
//! - `baseline`: no wide-arithmetic instruction, so V8 and wazero (which do
//!   not implement that proposal) can run it;
//! - `wide-arithmetic`: some wide-arithmetic instructions (the curve crate's
//!   128-bit products) and no `i64.mul_wide_s`, the instruction LLVM
//!   mis-stackifies when it lowers an overflow-checked i64 multiplication
//!   (docs/wide-arithmetic.md): the curve crate never needs it, so its
//!   presence means the flag reached code it must not.

use std::process::ExitCode;

mod nop;
mod variant;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, out] = args.as_slice() {
        if flag == "--nop" {
            return match nop::component()
                .and_then(|c| std::fs::write(out, c).map_err(|e| e.to_string()))
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("componentize: cannot write the nop component to {out}: {e}");
                    ExitCode::FAILURE
                }
            };
        }
    }
    let mut variant = variant::Variant::Baseline;
    if args.first().map(String::as_str) == Some("--variant") && args.len() > 1 {
        match variant::Variant::parse(&args[1]) {
            Some(v) => variant = v,
            None => {
                eprintln!(
                    "componentize: unknown variant {:?} (baseline or wide-arithmetic)",
                    args[1]
                );
                return ExitCode::from(2);
            }
        }
        args.drain(..2);
    }
    let (input, output, core_out) = match args.as_slice() {
        [i, o] => (i, o, None),
        [i, o, c] => (i, o, Some(c)),
        _ => {
            eprintln!("usage: componentize [--variant baseline|wide-arithmetic] <core.wasm> <component.wasm> [<embedded-core.wasm>]\n       componentize --nop <out.wasm>");
            return ExitCode::from(2);
        }
    };
    let module = match std::fs::read(input) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("componentize: cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = variant.check(&module) {
        eprintln!("componentize: {input}: {e}");
        return ExitCode::FAILURE;
    }
    let component = wit_component::ComponentEncoder::default()
        .module(&module)
        .and_then(|enc| enc.validate(true).encode());
    match component {
        Ok(bytes) => {
            if let Err(e) = std::fs::write(output, &bytes) {
                eprintln!("componentize: cannot write {output}: {e}");
                return ExitCode::FAILURE;
            }
            println!("componentize: wrote {output} ({} bytes)", bytes.len());
            if let Some(core_out) = core_out {
                let Some(core) = first_core_module(&bytes) else {
                    eprintln!("componentize: the component holds no core module");
                    return ExitCode::FAILURE;
                };
                if let Err(e) = std::fs::write(core_out, core) {
                    eprintln!("componentize: cannot write {core_out}: {e}");
                    return ExitCode::FAILURE;
                }
                println!("componentize: wrote {core_out} ({} bytes)", core.len());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("componentize: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The first core module section of a component: the guest's own module
/// (wit-component emits no other for this world).
fn first_core_module(component: &[u8]) -> Option<&[u8]> {
    for payload in wasmparser::Parser::new(0).parse_all(component) {
        if let Ok(wasmparser::Payload::ModuleSection {
            unchecked_range, ..
        }) = payload
        {
            let start = usize::try_from(unchecked_range.start).ok()?;
            let end = usize::try_from(unchecked_range.end).ok()?;
            return component.get(start..end);
        }
    }
    None
}

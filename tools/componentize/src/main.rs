//! Wraps the guest's core wasm module (built for wasm32-unknown-unknown,
//! carrying the component type wit-bindgen embedded) into the licensewarden
//! component. Used by `scripts/build-component.sh`; never shipped.
//!
//! With a third path it also writes the core module as found inside the
//! component (the bytes the Go host embeds, since wazero runs core modules).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (input, output, core_out) = match args.as_slice() {
        [_, i, o] => (i, o, None),
        [_, i, o, c] => (i, o, Some(c)),
        _ => {
            eprintln!("usage: componentize <core.wasm> <component.wasm> [<embedded-core.wasm>]");
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

//! Wraps the guest's core wasm module (built for wasm32-unknown-unknown,
//! carrying the component type wit-bindgen embedded) into the licensewarden
//! component. Used by `scripts/build-component.sh`; never shipped.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        eprintln!("usage: componentize <core.wasm> <component.wasm>");
        return ExitCode::from(2);
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
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("componentize: {e:#}");
            ExitCode::FAILURE
        }
    }
}

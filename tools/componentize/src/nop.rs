//! A component with one export that does nothing: `nop: func()`.
//!
//! The benchmarks call it through each host's runtime binding (jco,
//! wasmtime-py, wasmtime, wazero) to measure what a call across the
//! component boundary costs before any argument is passed, so that the
//! licensewarden calls can be reported against it.

use wit_component::{embed_component_metadata, ComponentEncoder, StringEncoding};
use wit_parser::Resolve;

const WIT: &str = "package licensewarden:bench;\nworld nop {\n  export nop: func();\n}\n";

/// A core module exporting `nop: () -> ()` whose body is empty.
const CORE: &[u8] = &[
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
    0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
    0x07, 0x07, 0x01, 0x03, b'n', b'o', b'p', 0x00, 0x00, // export "nop" = func 0
    0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, // code section: no locals, end
];

/// The encoded `nop` component.
pub fn component() -> Result<Vec<u8>, String> {
    let mut resolve = Resolve::default();
    let pkg = resolve
        .push_str("nop.wit", WIT)
        .map_err(|e| format!("{e:#}"))?;
    let world = resolve
        .select_world(&[pkg], Some("nop"))
        .map_err(|e| format!("{e:#}"))?;
    let mut module = CORE.to_vec();
    embed_component_metadata(&mut module, &resolve, world, StringEncoding::UTF8, false)
        .map_err(|e| format!("{e:#}"))?;
    ComponentEncoder::default()
        .module(&module)
        .and_then(|enc| enc.validate(true).encode())
        .map_err(|e| format!("{e:#}"))
}

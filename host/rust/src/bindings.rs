//! Generated bindings for the licensegate world; nothing else lives here.
#![allow(missing_docs)]

wasmtime::component::bindgen!({
    path: "../../wit",
    world: "licensegate",
});

//! Generated bindings for the licensewarden world; nothing else lives here.
#![allow(missing_docs)]

wasmtime::component::bindgen!({
    path: "wit",
    world: "licensewarden",
});

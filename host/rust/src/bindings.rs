//! Generated bindings for the licensewarden world; nothing else lives here.
#![allow(missing_docs)]

wasmtime::component::bindgen!({
    path: "wit",
    world: "licensewarden",
    // A clock that cannot be read traps the call (the failure rule's
    // conformance vectors use one); every other import always answers.
    imports: { "licensewarden:core/clock.now-ms": trappable },
});

//! The committed Go bindings are what the WIT generates, and a WIT shape the
//! generator does not know is an error, never silently wrong Go.

use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .expect("repo root")
}

#[test]
fn committed_go_bindings_match_the_wit() {
    let generated = gen_go::generate(&repo().join("wit")).and_then(|s| gen_go::gofmt(&s));
    let generated = generated.unwrap_or_else(|e| panic!("{e}"));
    let committed =
        std::fs::read_to_string(repo().join("host/go/bindings.go")).expect("host/go/bindings.go");
    assert!(
        generated == committed,
        "host/go/bindings.go is stale: run `cargo run -q -p gen-go -- wit host/go/bindings.go`"
    );
}

#[test]
fn unsupported_wit_types_are_named_not_guessed() {
    let dir = std::env::temp_dir().join(format!("gen-go-float-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("x.wit"),
        "package licensewarden:core;\nworld licensewarden {\n  export ratio: func(x: f32) -> f32;\n}\n",
    )
    .expect("write wit");
    let err = gen_go::generate(&dir).expect_err("f32 has no binding");
    assert!(
        err.contains("F32") && err.contains("extend tools/gen-go"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

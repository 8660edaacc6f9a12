//! tests/wit-types.json is what the WIT says today.

#[test]
fn wit_types_json_is_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let made = gen_go::type_summary(&root.join("wit")).unwrap();
    let committed = std::fs::read_to_string(root.join("tests/wit-types.json")).unwrap();
    assert!(
        made == committed,
        "tests/wit-types.json is stale: run `cargo run -q -p gen-go -- types wit tests/wit-types.json`"
    );
}

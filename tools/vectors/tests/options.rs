//! The README's options table is tests/options.json, row for row.

#[test]
fn readme_options_table_matches_tests_options_json() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/tests/options.json")).unwrap(),
    )
    .unwrap();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let options = doc["options"].as_array().unwrap();
    assert!(!options.is_empty());
    for o in options {
        let s = |k: &str| o[k].as_str().unwrap_or_else(|| panic!("{k} in {o}"));
        let ms = o["default_ms"].as_u64().unwrap();
        let default = if ms % 1000 == 0 {
            format!("{} s", ms / 1000)
        } else {
            format!("{ms} ms")
        };
        let row = format!(
            "| {} | `{}` | `{}` | `{}` | `{}` | {default} | {} |",
            s("name"),
            s("rust"),
            s("node"),
            s("python"),
            s("go"),
            s("off")
        );
        assert!(readme.contains(&row), "README.md lacks the row\n{row}");
    }
}

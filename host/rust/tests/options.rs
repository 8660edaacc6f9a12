//! The defaults every host shares (tests/options.json), as this host has them.

use std::time::Duration;

#[test]
fn defaults_are_the_ones_every_host_shares() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/options.json"
    ))
    .expect("tests/options.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let ours = |name: &str| -> Duration {
        match name {
            "reload_interval" => licensewarden::DEFAULT_RELOAD,
            "access_reload_interval" => licensewarden::DEFAULT_ACCESS_RELOAD,
            "OnlineSettings::timeout" => licensewarden::DEFAULT_TIMEOUT,
            "FIRST_CHECK_WAIT" => licensewarden::FIRST_CHECK_WAIT,
            other => panic!("tests/options.json names {other}, which this host does not have"),
        }
    };
    let options = doc["options"].as_array().expect("options");
    assert!(!options.is_empty());
    for o in options {
        let want = Duration::from_millis(o["default_ms"].as_u64().expect("default_ms"));
        let name = o["rust"].as_str().expect("rust name");
        assert_eq!(ours(name), want, "{name}");
    }
}

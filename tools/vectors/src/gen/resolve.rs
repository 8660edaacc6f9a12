//! `tests/vectors/resolve.json`: where the license key comes from, written
//! once for every host. Each case names a product, environment variables,
//! files (created in a fresh directory `$DIR`; `$DIR` in variables and the
//! home directory stands for it) and the home directory; the outcome is the
//! resolved `token` (null for none) and `source`, with the directory shown
//! as `$DIR`. The expectations are written here by hand: they are the spec.

/// What the file holds.
pub const DESCRIPTION: &str = "Key resolution: variable > _FILE variable > home file > none, trimming, bounded reads, reasons";

use licensewarden_guest::unreadable::Reason;
use serde_json::{json, Value};

fn case(id: &str, description: &str, input: Value, token: Value, source: &str) -> Value {
    let mut c = json!({"id": format!("resolve/{id}"), "description": description, "op": "resolve",
        "product": "acme", "env": {}, "files": {}, "home": "$DIR/home"});
    for (k, v) in input.as_object().expect("object") {
        c[k] = v.clone();
    }
    c["expect"] = json!({"token": token, "source": source, "unreadable": null, "error": null});
    c
}

/// A named key file that cannot be used: no token, the reason by name, and
/// the license's error as the core words it (`code`, `message`).
fn unusable(id: &str, description: &str, input: Value, source: &str, reason: Reason) -> Value {
    let mut c = case(id, description, input, Value::Null, source);
    let e = licensewarden_guest::unreadable::error(source, reason, "");
    c["expect"]["unreadable"] = json!(reason.name());
    c["expect"]["error"] = json!({"code": e.code.as_str(), "message": e.message});
    c
}

const FILE_VAR: &str = "ACME_LICENSE_KEY_FILE";

pub fn cases() -> Vec<Value> {
    let home_file = json!({"home/.acme/license.key": "lg1.home\n"});
    vec![
        case("env-wins", "The variable beats the _FILE variable and the home file; surrounding whitespace is trimmed",
            json!({"env": {"ACME_LICENSE_KEY": "  lg1.env \n", FILE_VAR: "$DIR/key.txt"},
                   "files": {"key.txt": "lg1.file\n", "home/.acme/license.key": "lg1.home\n"}}),
            json!("lg1.env"), "env:ACME_LICENSE_KEY"),
        case("blank-env-is-unset", "A variable holding only whitespace counts as unset",
            json!({"env": {"ACME_LICENSE_KEY": " \t\r\n", FILE_VAR: "$DIR/key.txt"}, "files": {"key.txt": "lg1.file\n"}}),
            json!("lg1.file"), "file:$DIR/key.txt (ACME_LICENSE_KEY_FILE)"),
        case("file-first-non-empty-line", "The first non-empty line of the file, trimmed; CRLF endings are fine",
            json!({"env": {FILE_VAR: "$DIR/key.txt"}, "files": {"key.txt": "\r\n  \n\t lg1.first \r\nlg1.second\n"}}),
            json!("lg1.first"), "file:$DIR/key.txt (ACME_LICENSE_KEY_FILE)"),
        case("file-var-path-trimmed", "The _FILE variable's path is trimmed too",
            json!({"env": {FILE_VAR: "  $DIR/key.txt \n"}, "files": {"key.txt": "lg1.file"}}),
            json!("lg1.file"), "file:$DIR/key.txt (ACME_LICENSE_KEY_FILE)"),
        case("file-bom-stripped", "A byte-order mark at the start of the file (Windows editors) is not part of the key",
            json!({"env": {FILE_VAR: "$DIR/key.txt"}, "files": {"key.txt": "\u{feff}lg1.bom\r\n"}}),
            json!("lg1.bom"), "file:$DIR/key.txt (ACME_LICENSE_KEY_FILE)"),
        case("lone-cr-is-not-a-line-break", "Lines end at LF only: a lone CR stays inside the key (and the core rejects it)",
            json!({"env": {FILE_VAR: "$DIR/key.txt"}, "files": {"key.txt": "lg1.a\rlg1.b\n"}}),
            json!("lg1.a\rlg1.b"), "file:$DIR/key.txt (ACME_LICENSE_KEY_FILE)"),
        case("non-ascii-space-kept", "Only ASCII whitespace is trimmed: a no-break space is part of the key",
            json!({"env": {"ACME_LICENSE_KEY": "\u{a0}lg1.nbsp"}}),
            json!("\u{a0}lg1.nbsp"), "env:ACME_LICENSE_KEY"),
        unusable("file-var-missing", "A _FILE variable naming a missing file is reported, not the community tier or the home file",
            json!({"env": {FILE_VAR: "$DIR/missing.key"}, "files": home_file.clone()}),
            "file:$DIR/missing.key (ACME_LICENSE_KEY_FILE)", Reason::NotFound),
        unusable("file-var-empty-file", "A file without a key line",
            json!({"env": {FILE_VAR: "$DIR/key.txt"}, "files": {"key.txt": "\n \t\n"}}),
            "file:$DIR/key.txt (ACME_LICENSE_KEY_FILE)", Reason::NoKeyLine),
        unusable("file-var-directory", "A directory is not a key file",
            json!({"env": {FILE_VAR: "$DIR/keys"}, "files": {"keys/": {"dir": true}}}),
            "file:$DIR/keys (ACME_LICENSE_KEY_FILE)", Reason::NotARegularFile),
        unusable("file-var-too-large", "Key files are read bounded: over 64 KiB is refused",
            json!({"env": {FILE_VAR: "$DIR/big.key"}, "files": {"big.key": {"repeat": "a", "count": 65537}}}),
            "file:$DIR/big.key (ACME_LICENSE_KEY_FILE)", Reason::TooLarge),
        unusable("file-var-not-utf8", "A key file that is not UTF-8 text",
            json!({"env": {FILE_VAR: "$DIR/key.bin"}, "files": {"key.bin": {"hex": "6c6731ff2e78"}}}),
            "file:$DIR/key.bin (ACME_LICENSE_KEY_FILE)", Reason::NotUtf8),
        case("home-file", "Without variables, ~/.<product>/license.key",
            json!({"files": home_file.clone()}),
            json!("lg1.home"), "file:$DIR/home/.acme/license.key"),
        unusable("home-file-empty", "An empty home file is reported",
            json!({"files": {"home/.acme/license.key": ""}}),
            "file:$DIR/home/.acme/license.key", Reason::NoKeyLine),
        case("nothing", "No variable and no home file: no key (the community tier)",
            json!({}), Value::Null, "none"),
        case("no-home", "No home directory at all",
            json!({"home": null}), Value::Null, "none"),
        case("product-name-env", "Product `acme-db.v2`: variables are ACME_DB_V2_*",
            json!({"product": "acme-db.v2", "env": {"ACME_DB_V2_LICENSE_KEY": "lg1.db", "ACME_LICENSE_KEY": "lg1.other"}}),
            json!("lg1.db"), "env:ACME_DB_V2_LICENSE_KEY"),
        case("product-name-home", "Product `acme-db.v2`: the home directory is ~/.acme-db-v2",
            json!({"product": "acme-db.v2", "files": {"home/.acme-db-v2/license.key": "lg1.dbhome\n"}}),
            json!("lg1.dbhome"), "file:$DIR/home/.acme-db-v2/license.key"),
    ]
}

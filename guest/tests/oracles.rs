//! The core's strict readers checked against the ecosystem's reference
//! libraries (native tests only; the component carries none of them):
//! serde_json for JSON, chrono for RFC 3339 dates, the base64 crate for
//! base64url. Where the core is stricter on purpose, the property says so:
//! whatever the core accepts, the reference accepts with the same meaning.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use licensewarden_guest::{b64, json, time};
use proptest::prelude::*;

/// The base64 crate configured as the core's contract: URL alphabet, no
/// padding, trailing bits zero.
const STRICT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// JSON values without floats (the core keeps a number's literal text, so
/// `1.0` and serde's `1.0` agree but `1e0` would not: integers only).
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        "\\PC{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("\\PC{0,8}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn date_time() -> impl Strategy<Value = String> {
    (
        1971i32..=9998,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        proptest::option::of("[0-9]{1,9}"),
        prop_oneof![
            Just("Z".to_string()),
            (any::<bool>(), 0u32..24, 0u32..60)
                .prop_map(|(neg, h, m)| format!("{}{h:02}:{m:02}", if neg { '-' } else { '+' })),
        ],
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, off)| {
            let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{off}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn json_documents_read_as_serde_json_reads_them(v in json_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        let ours = json::parse(&text).expect("the core reads what serde_json writes");
        // serde_json's map is sorted and its escaping is JSON.stringify's: the core's canonical form.
        prop_assert_eq!(ours.to_canonical(), serde_json::to_string(&v).unwrap());
    }

    #[test]
    fn what_the_json_reader_accepts_serde_json_accepts(s in r#"[\[\]{}":,0-9a-z\\ .e+-]{0,40}"#) {
        if let Ok(v) = json::parse(&s) {
            let theirs: Result<serde_json::Value, _> = serde_json::from_str(&s);
            prop_assert!(theirs.is_ok(), "accepted by the core only: {s:?} -> {}", v.to_canonical());
        }
    }

    #[test]
    fn rfc3339_date_times_mean_what_chrono_says(s in date_time()) {
        let ours = time::parse(&s).expect("a valid RFC 3339 date-time");
        let theirs = chrono::DateTime::parse_from_rfc3339(&s).expect("chrono reads it");
        prop_assert_eq!(ours.ms as i64, theirs.timestamp_millis(), "{}", s);
        prop_assert!(!ours.date_only);
    }

    #[test]
    fn dates_are_midnight_utc_as_chrono_says(y in 1970i32..=9999, doy in 0u32..366) {
        let Some(d) = chrono::NaiveDate::from_yo_opt(y, doy + 1) else { return Ok(()); };
        let s = d.format("%Y-%m-%d").to_string();
        let ours = time::parse(&s).expect("a valid date");
        let midnight = d.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp_millis();
        prop_assert_eq!(ours.ms as i64, midnight, "{}", s);
        prop_assert!(ours.date_only);
    }

    #[test]
    fn what_the_date_reader_accepts_chrono_accepts(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,4})?([Zz]|[+-][0-9]{2}:[0-9]{2})?") {
        if let Some(ours) = time::parse(&s) {
            let theirs = chrono::DateTime::parse_from_rfc3339(&s);
            prop_assert!(theirs.is_ok(), "accepted by the core only: {s:?}");
            // Seconds of 60 (leap seconds) are the one reading that differs: chrono
            // folds them into :59.999..., the core into the next second.
            if !s[17..19].starts_with("60") && ours.ms > 0 {
                prop_assert_eq!(ours.ms as i64, theirs.unwrap().timestamp_millis(), "{}", s);
            }
        }
    }

    #[test]
    fn base64url_verdicts_are_the_base64_crates(s in "[A-Za-z0-9_+/=-]{0,24}") {
        let ours = b64::decode(&s);
        let theirs = STRICT.decode(&s);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: core {:?}, base64 {:?}", s, ours, theirs);
        if let (Ok(a), Ok(b)) = (ours, theirs) {
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn base64url_encodings_are_the_base64_crates(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        prop_assert_eq!(b64::encode(&bytes), STRICT.encode(&bytes));
    }
}

//! The JSON Schema of the page format (`model/schema/cradle-page.schema.json`) is generated from
//! the types; this test fails when the committed file is stale. Regenerate it with
//! `UPDATE_SCHEMA=1 cargo test -p cradle-model --test schema`. (`scripts/test` also validates
//! every template against the committed file with an independent validator.)

use cradle_model::Document;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/schema/cradle-page.schema.json"
);

#[test]
fn committed_schema_matches_the_types() {
    let schema = schemars::schema_for!(Document);
    let text = serde_json::to_string_pretty(&schema).expect("schema serialises") + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(PATH, &text).expect("schema written");
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == text,
        "model/schema/cradle-page.schema.json is stale: run UPDATE_SCHEMA=1 cargo test -p cradle-model --test schema"
    );
}

#[test]
fn the_schema_describes_the_page_format() {
    let schema = serde_json::to_value(schemars::schema_for!(Document)).unwrap();
    let required = schema["required"].as_array().expect("required fields");
    for field in ["schema_version", "id", "title", "slug", "root", "blocks"] {
        assert!(required.contains(&field.into()), "{field} is required");
    }
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown fields are refused"
    );
    let text = schema.to_string();
    for name in ["Campaign", "Rule", "Block", "BlockKind", "PrizeKind"] {
        assert!(
            text.contains(&format!("#/$defs/{name}")),
            "{name} is described"
        );
    }
}

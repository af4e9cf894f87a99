//! Versioning: a `schema_version` per document and a `version` per block kind, each upgraded by
//! ordered migrations over the JSON, shared by the app and the server.
//!
//! History:
//! - Schema 1 (Cradle preview builds): `theme.color` was the only colour and containers held one
//!   unnamed `children` list. Schema 2 split the theme colours and named every slot.
//! - Schema 3 dropped the page's own `club` (tier ladder and points rules): the workspace's club
//!   settings are the one ladder every page reads.
//! - Button version 1 had an `href` prop; version 2 has `action` + `url`.
//! - Points redemption version 2 gave items `stock` and `valid_days`, tasks version 2 a `target`,
//!   medals wall version 2 a `rule`, coupons version 2 `stock` and `valid_days`, lifecycle tips
//!   version 2 `from_week` and `to_week`: version 1 items get the catalogue's defaults.
//!
//! Unknown-field policy: a document is read strictly. A field this version does not know (a typo
//! such as `wieght`, or a field from a newer Cradle) is an error with its path, never silently
//! dropped (which would lose data on the next save) nor silently kept (which would hide typos).
//! Missing optional fields take their defaults. A document or block from a newer Cradle is
//! refused with a message saying so.

use serde_json::{json, Map, Value};

use crate::catalogue::BlockKind;
use crate::fields::FieldKind;
use crate::language::Language;
use crate::validate::{Reason, ValidationError};

/// The schema version this crate writes.
pub const CURRENT_SCHEMA_VERSION: u32 = 3;

type DocMigration = fn(&mut Map<String, Value>);
type BlockMigration = fn(&mut Map<String, Value>);

/// Document migrations: entry `i` upgrades schema `i + 1` to `i + 2`.
const DOC_MIGRATIONS: [DocMigration; 2] = [schema_1_to_2, schema_2_to_3];

/// Block migrations: (kind, from version, upgrade to from + 1).
const BLOCK_MIGRATIONS: [(&str, u32, BlockMigration); 6] = [
    ("button", 1, button_1_to_2),
    ("redemption_grid", 1, |b| {
        item_defaults(b, BlockKind::RedemptionGrid, "items")
    }),
    ("tasks", 1, |b| item_defaults(b, BlockKind::Tasks, "tasks")),
    ("medals_wall", 1, |b| {
        item_defaults(b, BlockKind::MedalsWall, "medals")
    }),
    ("coupon_list", 1, |b| {
        item_defaults(b, BlockKind::CouponList, "coupons")
    }),
    ("lifecycle_tips", 1, |b| {
        item_defaults(b, BlockKind::LifecycleTips, "tips")
    }),
];

/// Upgrades a document's JSON to [`CURRENT_SCHEMA_VERSION`] and every block to its kind's
/// current version.
pub fn migrate(mut doc: Value) -> Result<Value, ValidationError> {
    let Some(obj) = doc.as_object_mut() else {
        return Err(ValidationError::new("", Reason::NotAnObject));
    };
    let version = match obj.get("schema_version") {
        None => {
            return Err(ValidationError::new(
                "/schema_version",
                Reason::NoSchemaVersion,
            ))
        }
        Some(v) => v
            .as_u64()
            .filter(|v| *v >= 1)
            .ok_or_else(|| ValidationError::new("/schema_version", Reason::BadSchemaVersion))?,
    };
    if version > u64::from(CURRENT_SCHEMA_VERSION) {
        return Err(ValidationError::new(
            "/schema_version",
            Reason::SchemaTooNew {
                schema: version,
                reads: CURRENT_SCHEMA_VERSION,
            },
        ));
    }
    for migration in DOC_MIGRATIONS.iter().skip(version as usize - 1) {
        migration(obj);
    }
    obj.insert("schema_version".into(), json!(CURRENT_SCHEMA_VERSION));
    if let Some(blocks) = obj.get_mut("blocks").and_then(Value::as_object_mut) {
        blocks
            .values_mut()
            .filter_map(Value::as_object_mut)
            .for_each(migrate_block);
    }
    Ok(doc)
}

/// Upgrades one block's JSON to its kind's current version (used for pasted blocks and saved
/// sections too).
pub fn migrate_block(block: &mut Map<String, Value>) {
    let kind = block
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut version = block.get("version").and_then(Value::as_u64).unwrap_or(1) as u32;
    for (k, from, migration) in BLOCK_MIGRATIONS {
        if k == kind && from == version {
            migration(block);
            version += 1;
            block.insert("version".into(), json!(version));
        }
    }
}

fn schema_1_to_2(doc: &mut Map<String, Value>) {
    if let Some(theme) = doc.get_mut("theme").and_then(Value::as_object_mut) {
        if let Some(colour) = theme.remove("color") {
            theme.entry("primary").or_insert(colour);
        }
    }
    let Some(blocks) = doc.get_mut("blocks").and_then(Value::as_object_mut) else {
        return;
    };
    for block in blocks.values_mut().filter_map(Value::as_object_mut) {
        if let Some(children) = block.remove("children") {
            let slot = match block.get("kind").and_then(Value::as_str) {
                Some("page") => "main",
                _ => "children",
            };
            block.insert("slots".into(), json!({ slot: children }));
        }
    }
}

/// Schema 2 → 3: the page's own club settings go; the workspace's apply.
fn schema_2_to_3(doc: &mut Map<String, Value>) {
    doc.remove("club");
}

fn button_1_to_2(block: &mut Map<String, Value>) {
    let Some(props) = block.get_mut("props").and_then(Value::as_object_mut) else {
        return;
    };
    if let Some(href) = props.remove("href") {
        props.insert("action".into(), json!("link"));
        props.insert("url".into(), href);
    }
}

/// Gives each item of the list prop `list` the catalogue's default for every item field it lacks.
fn item_defaults(block: &mut Map<String, Value>, kind: BlockKind, list: &str) {
    let Some(FieldKind::List { item, .. }) = kind.spec().field(list).map(|f| f.kind) else {
        return;
    };
    let items = block
        .get_mut("props")
        .and_then(|p| p.get_mut(list))
        .and_then(Value::as_array_mut);
    for row in items.into_iter().flatten().filter_map(Value::as_object_mut) {
        for field in item {
            row.entry(field.key)
                .or_insert_with(|| field.default_value(Language::default()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_documents_are_refused() {
        let err = migrate(json!({"schema_version": 99})).unwrap_err();
        assert_eq!(err.path, "/schema_version");
        assert!(err.message.contains("newer Cradle"));
    }

    #[test]
    fn missing_or_bad_versions_are_errors() {
        assert_eq!(migrate(json!({})).unwrap_err().path, "/schema_version");
        assert_eq!(
            migrate(json!({"schema_version": 0})).unwrap_err().path,
            "/schema_version"
        );
        assert_eq!(migrate(json!([1])).unwrap_err().path, "");
    }

    #[test]
    fn button_v1_gets_action_and_url() {
        let mut block = json!({"kind": "button", "props": {"label": "Go", "href": "/shop"}});
        migrate_block(block.as_object_mut().unwrap());
        assert_eq!(block["version"], 2);
        assert_eq!(block["props"]["action"], "link");
        assert_eq!(block["props"]["url"], "/shop");
        assert!(block["props"].get("href").is_none());
    }

    #[test]
    fn version_1_items_get_the_new_fields_defaults() {
        let mut block = json!({"kind": "redemption_grid", "props": {"items": [
            {"name": "湿巾", "image": "", "alt": "", "points": 200}]}});
        migrate_block(block.as_object_mut().unwrap());
        assert_eq!(block["version"], 2);
        assert_eq!(block["props"]["items"][0]["stock"], 100);
        assert_eq!(block["props"]["items"][0]["valid_days"], 30);
        assert_eq!(block["props"]["items"][0]["points"], 200, "kept");
        let mut medals =
            json!({"kind": "medals_wall", "version": 1, "props": {"medals": [{"name": "M"}]}});
        migrate_block(medals.as_object_mut().unwrap());
        assert_eq!(medals["props"]["medals"][0]["rule"], "first_sign_in");
    }
}

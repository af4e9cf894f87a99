//! Reading a document from untrusted JSON: size limit, migrations, strict typed decoding with the
//! path of the first type error, defaults for missing props, then full validation. Fragments
//! (copied blocks, saved sections) are read the same way and checked for structure.

use serde_json::Value;

use crate::commands::{apply, Command};
use crate::commands::{CommandError, Refusal};
use crate::document::{Document, Fragment};
use crate::fields::Label;
use crate::language::Language;
use crate::migrate::{migrate, migrate_block};
use crate::validate::{
    name, segment, validate, Reason, ValidationError, MAX_BLOCKS, MAX_DOCUMENT_BYTES,
};

/// Parses, upgrades and validates a document. Every error carries a JSON-pointer path.
pub fn parse_document(json: &Value) -> Result<Document, Vec<ValidationError>> {
    let doc = decode_document(json)?;
    let errors = validate(&doc);
    if errors.is_empty() {
        Ok(doc)
    } else {
        Err(errors)
    }
}

/// Refuses JSON larger than [`MAX_DOCUMENT_BYTES`] once serialised; `what` names it.
fn within_size(json: &Value, what: Label) -> Result<(), Vec<ValidationError>> {
    let size = serde_json::to_vec(json)
        .map(|v| v.len())
        .unwrap_or(usize::MAX);
    if size > MAX_DOCUMENT_BYTES {
        return Err(vec![ValidationError::new(
            "",
            Reason::TooLarge {
                what,
                size,
                limit: MAX_DOCUMENT_BYTES,
            },
        )]);
    }
    Ok(())
}

/// Parses and upgrades a document without validating it (drafts may be saved while invalid; the
/// editor shows their errors next to the fields).
pub fn decode_document(json: &Value) -> Result<Document, Vec<ValidationError>> {
    within_size(json, name::PAGE_IS)?;
    let migrated = migrate(json.clone()).map_err(|e| vec![e])?;
    let mut doc: Document = decode(migrated)?;
    let language = doc.language;
    doc.blocks
        .values_mut()
        .for_each(|b| b.fill_defaults(language));
    Ok(doc)
}

/// Parses a list of fragments (copied blocks, a saved section): size limit, block migrations,
/// strict decoding, defaults, then structure: each fragment must be one tree whose blocks nest as
/// the catalogue allows and that a page could hold. Paths point into the list (`/0/blocks/…`).
/// Props are not validated: like drafts, fragments may hold unfinished blocks. Missing props get
/// the defaults of a page in `language`.
pub fn parse_fragments(
    json: &Value,
    language: Language,
) -> Result<Vec<Fragment>, Vec<ValidationError>> {
    within_size(json, name::BLOCKS_ARE)?;
    let mut json = json.clone();
    if let Some(fragments) = json.as_array_mut() {
        for blocks in fragments
            .iter_mut()
            .filter_map(|f| f.get_mut("blocks").and_then(Value::as_object_mut))
        {
            blocks
                .values_mut()
                .filter_map(Value::as_object_mut)
                .for_each(migrate_block);
        }
    }
    let mut fragments: Vec<Fragment> = decode(json)?;
    let mut probe = Document::blank("probe", "probe", "probe");
    let mut errors = Vec::new();
    for (i, fragment) in fragments.iter_mut().enumerate() {
        fragment
            .blocks
            .values_mut()
            .for_each(|b| b.fill_defaults(language));
        for (id, block) in &fragment.blocks {
            if &block.id != id {
                errors.push(ValidationError::new(
                    format!("/{i}/blocks/{}/id", segment(id.as_str())),
                    Reason::IdMismatch {
                        id: block.id.to_string(),
                        key: id.to_string(),
                    },
                ));
            }
            let spec = block.kind.spec();
            for (slot, children) in &block.slots {
                let path = format!(
                    "/{i}/blocks/{}/slots/{}",
                    segment(id.as_str()),
                    segment(slot)
                );
                if !spec.slots.contains(&slot.as_str()) {
                    errors.push(ValidationError::new(
                        path,
                        Reason::Placement(Refusal::NoSuchSlot(block.kind, slot.clone())),
                    ));
                    continue;
                }
                for (n, child) in children.iter().enumerate() {
                    let refusal = fragment.blocks.get(child).and_then(|c| {
                        let why = block.kind.refuses(c.kind)?;
                        Some(Refusal::Refused(c.kind, why))
                    });
                    if let Some(refusal) = refusal {
                        errors.push(ValidationError::new(
                            format!("{path}/{n}"),
                            Reason::Placement(refusal),
                        ));
                    }
                }
            }
        }
        let len = probe.blocks[&probe.root]
            .slots
            .get("main")
            .map_or(0, Vec::len);
        let insert = Command::Insert {
            parent: probe.root.clone(),
            slot: "main".into(),
            index: len,
            fragment: fragment.with_fresh_ids(&probe),
        };
        if let Err(e) = apply(&mut probe, &insert) {
            let reason = match e {
                CommandError::InvalidDrop(refusal) => Reason::Placement(refusal),
                CommandError::TooManyBlocks => Reason::TooMany(name::BLOCKS, MAX_BLOCKS),
                other => Reason::Unreadable(other.to_string()),
            };
            errors.push(ValidationError::new(format!("/{i}"), reason));
        }
    }
    if errors.is_empty() {
        Ok(fragments)
    } else {
        Err(errors)
    }
}

/// Strictly decodes `T` from JSON, reporting the path of the first problem.
#[cfg(feature = "error-paths")]
pub fn decode<T: serde::de::DeserializeOwned>(json: Value) -> Result<T, Vec<ValidationError>> {
    serde_path_to_error::deserialize(json).map_err(|e| {
        let path = pointer(e.path());
        vec![ValidationError::new(
            path,
            Reason::Unreadable(e.inner().to_string()),
        )]
    })
}

/// Strictly decodes `T` from JSON; the problem is reported at the top (the error still names
/// the field: "unknown field `colour`").
#[cfg(not(feature = "error-paths"))]
pub fn decode<T: serde::de::DeserializeOwned>(json: Value) -> Result<T, Vec<ValidationError>> {
    <T as serde::Deserialize>::deserialize(json)
        .map_err(|e| vec![ValidationError::new("", Reason::Unreadable(e.to_string()))])
}

/// Converts a serde path into a JSON pointer.
#[cfg(feature = "error-paths")]
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|seg| match seg {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } => Some(format!("/{}", crate::validate::segment(key))),
            Segment::Enum { variant } => Some(format!("/{}", crate::validate::segment(variant))),
            Segment::Unknown => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn type_errors_carry_their_path() {
        let mut doc = serde_json::to_value(Document::blank("d1", "Club", "club")).unwrap();
        doc["theme"]["radius"] = json!("round");
        let errors = parse_document(&doc).unwrap_err();
        assert_eq!(errors[0].path, "/theme/radius");
    }

    #[test]
    fn unknown_fields_are_errors_with_their_path() {
        let mut doc = serde_json::to_value(Document::blank("d1", "Club", "club")).unwrap();
        doc["blocks"]["page"]["colour"] = json!("#fff");
        let errors = parse_document(&doc).unwrap_err();
        assert_eq!(errors[0].path, "/blocks/page/colour");
        assert!(
            errors[0].message.contains("unknown field"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn oversize_documents_are_refused() {
        let mut doc = serde_json::to_value(Document::blank("d1", "Club", "club")).unwrap();
        doc["title"] = json!("x".repeat(MAX_DOCUMENT_BYTES));
        let errors = parse_document(&doc).unwrap_err();
        assert!(errors[0].message.contains("too large"));
    }

    fn section_fragment() -> Value {
        let mut doc = Document::blank("d1", "Club", "club");
        let insert = |doc: &mut Document, parent: &str, slot: &str, id: &str, kind| {
            let command = Command::Insert {
                parent: crate::NodeId::new(parent),
                slot: slot.into(),
                index: 0,
                fragment: Fragment::single(
                    crate::NodeId::new(id),
                    kind,
                    Language::En,
                    chrono::Utc::now(),
                ),
            };
            apply(doc, &command).unwrap();
        };
        insert(&mut doc, "page", "main", "s", crate::BlockKind::Section);
        insert(&mut doc, "s", "children", "h", crate::BlockKind::Heading);
        json!([doc.fragment(&crate::NodeId::new("s")).unwrap()])
    }

    #[test]
    fn fragments_round_trip_with_defaults() {
        let mut json = section_fragment();
        json[0]["blocks"]["h"]
            .as_object_mut()
            .unwrap()
            .remove("props");
        let fragments = parse_fragments(&json, Language::En).unwrap();
        assert_eq!(fragments.len(), 1);
        assert_eq!(fragments[0].blocks.len(), 2);
        let heading = &fragments[0].blocks[&crate::NodeId::new("h")];
        assert_eq!(heading.props["text"], "Heading");
    }

    #[test]
    fn fragment_type_errors_carry_their_path() {
        let mut json = section_fragment();
        json[0]["blocks"]["h"]["kind"] = json!("hologram");
        let errors = parse_fragments(&json, Language::En).unwrap_err();
        assert_eq!(errors[0].path, "/0/blocks/h/kind");
        let errors = parse_fragments(&json!({"not": "a list"}), Language::En).unwrap_err();
        assert_eq!(errors[0].path, "");
    }

    #[test]
    fn fragment_structure_is_checked() {
        let mut nested = section_fragment();
        nested[0]["blocks"]["h"]["kind"] = json!("section");
        nested[0]["blocks"]["h"]["props"] = json!({});
        let errors = parse_fragments(&nested, Language::En).unwrap_err();
        assert_eq!(errors[0].path, "/0/blocks/s/slots/children/0");
        assert!(errors[0].message.contains("section"), "{}", errors[0]);

        let mut orphan = section_fragment();
        orphan[0]["root"] = json!("h");
        let errors = parse_fragments(&orphan, Language::En).unwrap_err();
        assert_eq!(errors[0].path, "/0");
        assert!(
            errors[0].message.contains("outside its tree"),
            "{}",
            errors[0]
        );

        let blank = Document::blank("d", "T", "t");
        let page = json!([{"root": "page", "blocks": {"page": blank.blocks[&blank.root]}}]);
        let errors = parse_fragments(&page, Language::En).unwrap_err();
        assert_eq!(errors[0].path, "/0");
        assert!(
            errors[0].message.contains("page cannot be placed"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn missing_props_take_the_defaults_of_the_page_language() {
        let mut doc = serde_json::to_value(Document::blank("d1", "Club", "club")).unwrap();
        doc["blocks"]["h"] = json!({"id": "h", "kind": "heading"});
        doc["blocks"]["page"]["slots"]["main"] = json!(["h"]);
        let text = |doc: &Value| {
            parse_document(doc).unwrap().blocks[&crate::NodeId::new("h")].props["text"].clone()
        };
        assert_eq!(text(&doc), "标题");
        doc["language"] = json!("en");
        assert_eq!(text(&doc), "Heading");
    }
}

//! Reading a document from untrusted JSON: size limit, migrations, strict typed decoding with the
//! path of the first type error, defaults for missing props, then full validation.

use serde_json::Value;

use crate::document::Document;
use crate::migrate::migrate;
use crate::validate::{validate, ValidationError, MAX_DOCUMENT_BYTES};

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

/// Parses and upgrades a document without validating it (drafts may be saved while invalid; the
/// editor shows their errors next to the fields).
pub fn decode_document(json: &Value) -> Result<Document, Vec<ValidationError>> {
    let size = serde_json::to_vec(json)
        .map(|v| v.len())
        .unwrap_or(usize::MAX);
    if size > MAX_DOCUMENT_BYTES {
        return Err(vec![ValidationError::new(
            "",
            format!("the page is too large ({size} bytes; the limit is {MAX_DOCUMENT_BYTES})"),
        )]);
    }
    let migrated = migrate(json.clone()).map_err(|e| vec![e])?;
    let mut doc: Document = decode(migrated)?;
    doc.blocks.values_mut().for_each(|b| b.fill_defaults());
    Ok(doc)
}

/// Strictly decodes `T` from JSON, reporting the path of the first problem.
pub fn decode<T: serde::de::DeserializeOwned>(json: Value) -> Result<T, Vec<ValidationError>> {
    serde_path_to_error::deserialize(json).map_err(|e| {
        let path = pointer(e.path());
        let message = e.inner().to_string();
        vec![ValidationError::new(path, message)]
    })
}

/// Converts a serde path into a JSON pointer.
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

    #[test]
    fn missing_props_take_defaults() {
        let mut doc = serde_json::to_value(Document::blank("d1", "Club", "club")).unwrap();
        doc["blocks"]["h"] = json!({"id": "h", "kind": "heading"});
        doc["blocks"]["page"]["slots"]["main"] = json!(["h"]);
        let parsed = parse_document(&doc).unwrap();
        assert_eq!(
            parsed.blocks[&crate::NodeId::new("h")].props["text"],
            "Heading"
        );
    }
}

//! Drafts: list, create, open, save, bin, restore, duplicate.

use cradle_model::Language;
use cradle_wire::documents::{AddressCheck, CreateRequest, SaveRequest, SaveResponse};
pub use cradle_wire::documents::{DocumentResponse as Draft, ListResponse as List, Summary};
use gloo_net::http::Method;
use serde_json::Value;

use super::client::{get_json, send_empty, send_json, ApiError};

/// Percent-encodes a path segment or query value.
pub(super) fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Lists documents matching `query` (all when empty).
pub async fn list(query: &str) -> Result<List, ApiError> {
    get_json(&format!("/api/documents?per_page=100&q={}", encode(query))).await
}

/// Creates a document from `template`, written in `language`.
pub async fn create(
    title: &str,
    slug: Option<&str>,
    template: &str,
    language: Language,
) -> Result<Draft, ApiError> {
    send_json(
        Method::POST,
        "/api/documents",
        &CreateRequest {
            title: title.to_owned(),
            slug: slug.map(str::to_owned),
            template: Some(template.to_owned()),
            language: Some(language.tag().to_owned()),
        },
    )
    .await
}

/// Whether `slug` is free for page `id`, with a free address close to it.
pub async fn check_address(slug: &str, id: &str) -> Result<AddressCheck, ApiError> {
    get_json(&format!(
        "/api/addresses/{}?document={}",
        encode(slug),
        encode(id)
    ))
    .await
}

/// Opens a draft.
pub async fn get(id: &str) -> Result<Draft, ApiError> {
    get_json(&format!("/api/documents/{}", encode(id))).await
}

/// Saves over `version`; the new version.
pub async fn save(id: &str, version: i64, document: &Value) -> Result<i64, ApiError> {
    let saved: SaveResponse = send_json(
        Method::PUT,
        &format!("/api/documents/{}", encode(id)),
        &SaveRequest {
            version,
            document: document.clone(),
        },
    )
    .await?;
    Ok(saved.version)
}

/// Moves a document to the bin.
pub async fn delete(id: &str) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/api/documents/{}", encode(id))).await
}

/// Brings a document back from the bin.
pub async fn restore(id: &str) -> Result<Draft, ApiError> {
    send_empty(
        Method::POST,
        &format!("/api/documents/{}/restore", encode(id)),
    )
    .await
}

/// Copies a document.
pub async fn duplicate(id: &str) -> Result<Draft, ApiError> {
    send_empty(
        Method::POST,
        &format!("/api/documents/{}/duplicate", encode(id)),
    )
    .await
}

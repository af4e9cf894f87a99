//! Drafts: list, create, open, save, bin, restore, duplicate.

use gloo_net::http::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::client::{get_json, send_empty, send_json, ApiError};

/// A document in the list.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Summary {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Member address.
    pub slug: String,
    /// Draft version.
    pub version: i64,
    /// Last save, Unix ms.
    pub updated_at: i64,
}

/// A page of documents.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct List {
    /// The documents.
    pub items: Vec<Summary>,
    /// How many match.
    pub total: i64,
}

/// A draft and its version.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Draft {
    /// Id.
    pub id: String,
    /// Version to save over.
    pub version: i64,
    /// The page JSON.
    pub document: Value,
}

#[derive(Serialize)]
struct Create<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'a str>,
    template: &'a str,
}

#[derive(Serialize)]
struct Save<'a> {
    version: i64,
    document: &'a Value,
}

#[derive(Deserialize)]
struct Saved {
    version: i64,
}

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

/// Creates a document from `template`.
pub async fn create(title: &str, slug: Option<&str>, template: &str) -> Result<Draft, ApiError> {
    send_json(
        Method::POST,
        "/api/documents",
        &Create {
            title,
            slug,
            template,
        },
    )
    .await
}

/// Opens a draft.
pub async fn get(id: &str) -> Result<Draft, ApiError> {
    get_json(&format!("/api/documents/{}", encode(id))).await
}

/// Saves over `version`; the new version.
pub async fn save(id: &str, version: i64, document: &Value) -> Result<i64, ApiError> {
    let saved: Saved = send_json(
        Method::PUT,
        &format!("/api/documents/{}", encode(id)),
        &Save { version, document },
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

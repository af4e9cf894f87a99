//! Saved sections: the workspace's reusable blocks (list, save, delete).

use cradle_model::Fragment;
use gloo_net::http::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::client::{get_json, send_empty, send_json, ApiError};
use super::documents::encode;

/// A saved section as the server keeps it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Stored {
    /// Id.
    pub id: String,
    /// Name shown in the palette.
    pub name: String,
    /// Its blocks (fragments' JSON, checked again before use).
    pub fragments: Value,
}

#[derive(Serialize)]
struct Create<'a> {
    name: &'a str,
    fragments: &'a [Fragment],
}

/// The workspace's sections, oldest first.
pub async fn list() -> Result<Vec<Stored>, ApiError> {
    get_json("/api/sections").await
}

/// Saves `fragments` as a section called `name`.
pub async fn create(name: &str, fragments: &[Fragment]) -> Result<Stored, ApiError> {
    send_json(Method::POST, "/api/sections", &Create { name, fragments }).await
}

/// Deletes a section.
pub async fn delete(id: &str) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/api/sections/{}", encode(id))).await
}

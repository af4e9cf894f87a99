//! Saved sections: the workspace's reusable blocks (list, save, delete).

use cradle_model::Fragment;
use cradle_wire::sections::CreateRequest;
pub use cradle_wire::sections::Section as Stored;
use gloo_net::http::Method;

use super::client::{get_json, send_empty, send_json, ApiError};
use super::documents::encode;

/// The workspace's sections, oldest first.
pub async fn list() -> Result<Vec<Stored>, ApiError> {
    get_json("/api/sections").await
}

/// Saves `fragments` as a section called `name`.
pub async fn create(name: &str, fragments: &[Fragment]) -> Result<Stored, ApiError> {
    let fragments = serde_json::to_value(fragments).map_err(|e| ApiError::Decode(e.to_string()))?;
    let body = CreateRequest {
        name: name.to_owned(),
        fragments,
    };
    send_json(Method::POST, "/api/sections", &body).await
}

/// Deletes a section.
pub async fn delete(id: &str) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/api/sections/{}", encode(id))).await
}

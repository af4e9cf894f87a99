//! Publishing a draft and sharing it for preview: `POST /api/documents/{id}/publish` and
//! `POST /api/documents/{id}/preview-links`.

use cradle_wire::publishing::{CreatePreview, PublishRequest};
pub use cradle_wire::publishing::{PreviewLink, Published};
use gloo_net::http::Method;

use super::client::{send_json, ApiError};
use super::documents::encode;

/// Publishes draft `version` of document `id` as its next live version.
pub async fn publish(id: &str, version: i64) -> Result<Published, ApiError> {
    send_json(
        Method::POST,
        &format!("/api/documents/{}/publish", encode(id)),
        &PublishRequest {
            version,
            starts_at: None,
            ends_at: None,
        },
    )
    .await
}

/// A preview link to the saved draft, valid for three days.
pub async fn preview_link(id: &str) -> Result<PreviewLink, ApiError> {
    send_json(
        Method::POST,
        &format!("/api/documents/{}/preview-links", encode(id)),
        &CreatePreview { hours: Some(72) },
    )
    .await
}

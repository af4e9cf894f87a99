//! Publishing a draft and sharing it for preview: `POST /api/documents/{id}/publish` and
//! `POST /api/documents/{id}/preview-links`.

use gloo_net::http::Method;
use serde::{Deserialize, Serialize};

use super::client::{send_json, ApiError};
use super::documents::encode;

/// A version put live.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Published {
    /// The new version number.
    pub number: i64,
    /// Where members open it, e.g. `/c/spring-wheel`.
    pub url: String,
}

/// A signed, expiring link to the saved draft.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct PreviewLink {
    /// Where a designer opens it.
    pub url: String,
}

#[derive(Serialize)]
struct Publish {
    version: i64,
}

#[derive(Serialize)]
struct CreatePreview {
    hours: i64,
}

/// Publishes draft `version` of document `id` as its next live version.
pub async fn publish(id: &str, version: i64) -> Result<Published, ApiError> {
    send_json(
        Method::POST,
        &format!("/api/documents/{}/publish", encode(id)),
        &Publish { version },
    )
    .await
}

/// A preview link to the saved draft, valid for three days.
pub async fn preview_link(id: &str) -> Result<PreviewLink, ApiError> {
    send_json(
        Method::POST,
        &format!("/api/documents/{}/preview-links", encode(id)),
        &CreatePreview { hours: 72 },
    )
    .await
}

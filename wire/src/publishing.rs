//! Publishing a draft, the live page members get, and designers' preview links.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Publish the current draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
    /// The draft version being published (409 when the draft moved on).
    pub version: i64,
    /// Opens to members at (RFC 3339 with offset); immediately when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub starts_at: Option<DateTime<FixedOffset>>,
    /// Closes to members at (RFC 3339 with offset); never when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub ends_at: Option<DateTime<FixedOffset>>,
}

/// What was published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Published {
    /// The new version number.
    pub number: i64,
    /// Where members open it, e.g. `/c/spring-wheel`.
    pub url: String,
}

/// A live page for members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveResponse {
    /// Version number.
    pub number: i64,
    /// Unix ms.
    pub published_at: i64,
    /// The page as members get it (no quiz answers).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub document: Value,
}

/// A new preview link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePreview {
    /// Hours until it expires (1-720, default 72).
    #[serde(default)]
    pub hours: Option<i64>,
}

/// A preview link as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewLink {
    /// Id (to revoke it).
    pub id: String,
    /// Where a designer opens it.
    pub url: String,
    /// Unix ms.
    pub created_at: i64,
    /// Unix ms.
    pub expires_at: i64,
    /// Whether it was revoked.
    pub revoked: bool,
}

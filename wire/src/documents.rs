//! Drafts: list, create, open, save.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A document in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Member address slug.
    pub slug: String,
    /// Current draft version.
    pub version: i64,
    /// Last save, Unix ms.
    pub updated_at: i64,
    /// When it was deleted (Unix ms), if it is in the bin.
    pub deleted_at: Option<i64>,
}

/// One page of documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListResponse {
    /// The documents.
    pub items: Vec<Summary>,
    /// How many match in all.
    pub total: i64,
    /// This page.
    pub page: i64,
    /// Items per page.
    pub per_page: i64,
}

/// A new document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    /// Title.
    pub title: String,
    /// Member address; derived from the title when absent.
    #[serde(default)]
    pub slug: Option<String>,
    /// Template id (see the gallery); blank when absent.
    #[serde(default)]
    pub template: Option<String>,
    /// The language members read the page in, `zh-CN` or `en`; the template is written in it.
    /// `zh-CN` when absent.
    #[serde(default)]
    pub language: Option<String>,
}

/// A draft and its version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentResponse {
    /// Id.
    pub id: String,
    /// Version to send back when saving.
    pub version: i64,
    /// Last save, Unix ms.
    pub updated_at: i64,
    /// The page (cradle-model JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub document: Value,
}

/// A save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SaveRequest {
    /// The version this edit started from.
    pub version: i64,
    /// The whole page.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub document: Value,
}

/// A save's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveResponse {
    /// The new version.
    pub version: i64,
}

/// `GET /api/addresses/{slug}`: whether a member address can be used by a page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressCheck {
    /// The address asked about.
    pub slug: String,
    /// 1-64 of `a-z 0-9 -`, not starting or ending with `-`.
    pub valid: bool,
    /// Valid, and no other page is live at it or uses it as a draft in this workspace.
    pub available: bool,
    /// A free address close to it (itself when available).
    pub suggestion: String,
}

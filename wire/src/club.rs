//! `/api/club/settings`: the workspace's tier ladder and points rules (their JSON is the model's
//! `ClubSettings`; the server's OpenAPI document describes it from the model's own schema) and the
//! versions every save leaves.

use serde::{Deserialize, Serialize};

/// One saved version of the settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingsVersion {
    /// 1 for the first save, then one more each time.
    pub version: u32,
    /// When it was saved (Unix ms).
    pub saved_at: i64,
    /// Who saved it (their email).
    pub saved_by: String,
}

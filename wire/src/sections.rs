//! Saved sections: the workspace's reusable blocks.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A section to save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    /// Name shown in the palette.
    pub name: String,
    /// The blocks: a list of cradle-model fragments (`{root, blocks}`), in order.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub fragments: Value,
}

/// A saved section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// When it was saved, Unix ms.
    pub created_at: i64,
    /// Its blocks, as saved.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub fragments: Value,
}

//! `GET` and `PUT /api/workspace/framing`: the sites allowed to show the brand's member pages in
//! a frame.

use serde::{Deserialize, Serialize};

/// Sites (`https://` origins, `*.` subdomain wildcards allowed) that may frame member pages;
/// empty: none may.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Framing {
    /// For example `https://shop.brand.com`.
    pub origins: Vec<String>,
}

//! The workspace's own settings: `GET` and `PUT /api/workspace/framing` (the sites allowed to show
//! the brand's member pages in a frame) and `PUT /api/workspace/time-zone`.

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

/// `PUT /api/workspace/time-zone`: the IANA time zone (e.g. `Asia/Shanghai`) where the brand's
/// days start: sign-ins, daily points caps and daily draw limits turn over at its midnight.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TimeZone {
    /// For example `Asia/Shanghai`.
    pub time_zone: String,
}

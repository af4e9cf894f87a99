//! `GET /api/health`.

use serde::{Deserialize, Serialize};

/// The health answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `"ok"` when the database answers.
    pub status: String,
    /// `"sqlite"` or `"postgres"`.
    pub db: String,
    /// The server's version.
    pub version: String,
}

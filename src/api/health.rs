//! `GET /api/health`: is the server up, and on which database.

use serde::Deserialize;

use super::client::{get_json, ApiError};

/// The server's health answer.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Health {
    /// `"ok"` when the server and its database answer.
    pub status: String,
    /// `"sqlite"` or `"postgres"`.
    pub db: String,
    /// The server's version.
    pub version: String,
}

/// Asks the server for its health.
pub async fn fetch() -> Result<Health, ApiError> {
    get_json("/api/health").await
}

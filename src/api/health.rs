//! `GET /api/health`: is the server up, and on which database.
pub use cradle_wire::health::Health;

use super::client::{get_json, ApiError};

/// Asks the server for its health.
pub async fn fetch() -> Result<Health, ApiError> {
    get_json("/api/health").await
}

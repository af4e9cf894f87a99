//! `GET /api/health`: is the server up, and on which database.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::error::ApiError;

/// The health answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `"ok"` when the database answers.
    pub status: &'static str,
    /// `"sqlite"` or `"postgres"`.
    pub db: &'static str,
    /// The server's version.
    pub version: &'static str,
}

/// Reports the server's health; 503 when the database does not answer.
#[utoipa::path(get, path = "/health", tag = "health",
    responses((status = 200, body = Health), (status = 503, body = crate::error::ErrorBody)))]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    if !state.db.ping().await {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "db_unavailable",
            "the database does not answer",
        ));
    }
    Ok(Json(Health {
        status: "ok",
        db: state.db.backend.name(),
        version: env!("CARGO_PKG_VERSION"),
    }))
}

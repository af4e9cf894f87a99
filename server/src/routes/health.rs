//! `GET /api/health`: is the server up, and on which database.

use axum::extract::State;
use axum::Json;
use cradle_wire::health::Health;
use cradle_wire::ErrorCode;

use crate::app::AppState;
use crate::error::ApiError;

/// Reports the server's health; 503 when the database does not answer.
#[utoipa::path(get, path = "/health", tag = "health",
    responses((status = 200, body = Health), (status = 503, body = crate::error::ErrorBody)))]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    if !state.db.ping().await {
        return Err(ApiError::new(
            ErrorCode::DbUnavailable,
            "the database does not answer",
        ));
    }
    Ok(Json(Health {
        status: "ok".to_owned(),
        db: state.db.backend.name().to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }))
}

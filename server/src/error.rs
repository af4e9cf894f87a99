//! The one JSON error shape every endpoint answers with:
//! `{"error": {"code": "…", "message": "…", "details": …}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use cradle_model::{Closed, ValidationError};
pub use cradle_wire::{ErrorBody, ErrorCode, ErrorDetail};
use serde_json::Value;

/// An error answered to an API client.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status: the code's own, unless [`ApiError::with_status`] kept another.
    pub status: StatusCode,
    /// Stable machine-readable code from the one table.
    pub code: ErrorCode,
    /// A sentence a person understands.
    pub message: String,
    /// Extra structured data (e.g. validation errors), `null` when none.
    pub details: Value,
}

impl ApiError {
    /// An error with no details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::from_u16(code.status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code,
            message: message.into(),
            details: Value::Null,
        }
    }

    /// Keeps `status` for an answer the framework already gave (a 503 stays 503 though its
    /// code is `internal`).
    pub fn with_status(mut self, status: StatusCode) -> ApiError {
        self.status = status;
        self
    }

    /// Adds structured details.
    pub fn with_details(mut self, details: Value) -> ApiError {
        self.details = details;
        self
    }

    /// The answer with a `Retry-After` header of `wait` (at least one second), for 429s.
    pub fn retry_after(self, wait: std::time::Duration) -> Response {
        let mut response = self.into_response();
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(wait.as_secs().max(1)),
        );
        response
    }

    /// 404 for anything that does not exist (or that the caller may not know exists).
    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    /// 403 `not_started` (with `details.starts_at`) or 410 `ended` (with `details.ended_at`):
    /// the one answer for a page, game or interaction outside its schedule.
    pub fn closed(closed: Closed) -> ApiError {
        match closed {
            Closed::NotStarted(at) => ApiError::new(
                ErrorCode::NotStarted,
                format!("not open yet: opens at {}", at.to_rfc3339()),
            )
            .with_details(serde_json::json!({ "starts_at": at.to_rfc3339() })),
            Closed::Ended(at) => {
                ApiError::new(ErrorCode::Ended, format!("closed at {}", at.to_rfc3339()))
                    .with_details(serde_json::json!({ "ended_at": at.to_rfc3339() }))
            }
        }
    }

    /// 422 with `code`, every problem in the message and as `{path, kind, message}` details.
    pub fn invalid(code: ErrorCode, problems: Vec<ValidationError>) -> ApiError {
        let message = problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        ApiError::new(code, message).with_details(serde_json::json!(problems))
    }

    /// 500 that logs the cause but tells the client nothing internal.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "internal error");
        ApiError::new(ErrorCode::Internal, "something went wrong on the server")
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
                details: self.details,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

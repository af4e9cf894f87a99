//! Server-to-server calls from the brand's systems: `Authorization: Bearer {API key}`. A key
//! carries scopes and no cookie, so there is no CSRF token to send (a browser never attaches
//! the header on its own). 401 for a missing, unknown or revoked key; 403 for a missing scope.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use cradle_wire::integration::Scope;
use cradle_wire::ErrorCode;

use crate::app::AppState;
use crate::error::ApiError;
use crate::store::api_keys::{self, KeyHolder};

/// A call made with a live API key.
#[derive(Clone, Debug)]
pub struct Integration(pub KeyHolder);

impl Integration {
    /// The key's workspace, if the key has `scope`; 403 otherwise.
    pub fn require(&self, scope: Scope) -> Result<&str, ApiError> {
        if self.0.scopes.contains(&scope) {
            Ok(&self.0.workspace_id)
        } else {
            Err(ApiError::new(
                ErrorCode::Forbidden,
                format!("this API key lacks the {} scope", scope.as_str()),
            ))
        }
    }
}

impl FromRequestParts<AppState> for Integration {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Integration, ApiError> {
        let key = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Unauthorized,
                    "send Authorization: Bearer {API key}",
                )
            })?;
        let holder = api_keys::holder(&state.db, key)
            .await?
            .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "unknown or revoked API key"))?;
        Ok(Integration(holder))
    }
}

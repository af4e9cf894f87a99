//! The `CurrentUser` extractor: the session cookie's user, with the CSRF header checked on every
//! state-changing request (double submit: the token is handed out at login and by `/api/auth/me`,
//! and a cross-site page can neither read it nor set the header).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use cradle_wire::ErrorCode;

use crate::app::AppState;
use crate::auth::Role;
use crate::error::ApiError;
use crate::store::sessions;
use crate::store::users::User;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "cradle_session";
/// Header carrying the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A logged-in user.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    /// The user.
    pub user: User,
    /// Their session's CSRF token.
    pub csrf: String,
    /// Their session token (to log out).
    pub token: String,
}

impl CurrentUser {
    /// 403 unless the user may read documents.
    pub fn require_read(&self) -> Result<(), ApiError> {
        if self.user.role.can_read() {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::Forbidden,
                "your role cannot open pages",
            ))
        }
    }

    /// 403 unless the user may change documents.
    pub fn require_edit(&self) -> Result<(), ApiError> {
        if self.user.role.can_edit() {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::Forbidden,
                "your role can view pages but not change them",
            ))
        }
    }

    /// 403 unless the user owns the workspace (keys and secrets that act for the whole brand).
    pub fn require_owner(&self) -> Result<(), ApiError> {
        if self.user.role == Role::Owner {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::Forbidden,
                "only the workspace's owner manages its keys and secrets",
            ))
        }
    }
}

/// The value of cookie `name` in the `Cookie` headers.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<CurrentUser, ApiError> {
        let unauthorized = || ApiError::new(ErrorCode::Unauthorized, "log in first");
        let token = cookie(&parts.headers, SESSION_COOKIE)
            .ok_or_else(unauthorized)?
            .to_owned();
        let (user, csrf) = sessions::lookup(&state.db, &token)
            .await?
            .ok_or_else(unauthorized)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(csrf.as_str()) {
                return Err(ApiError::new(
                    ErrorCode::Csrf,
                    "missing or wrong X-CSRF-Token header: reload the page and try again",
                ));
            }
        }
        Ok(CurrentUser { user, csrf, token })
    }
}

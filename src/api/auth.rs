//! Logging in and out, and who is logged in.

use cradle_wire::auth::{LoginRequest, SessionState};
pub use cradle_wire::auth::{SessionInfo, SetupInfo, User, Workspace};
use gloo_net::http::Method;

use super::client::{get_json, send_empty, send_json, set_csrf, ApiError};

/// The current session, `None` when logged out.
pub async fn session() -> Result<Option<SessionInfo>, ApiError> {
    let state: SessionState = get_json("/api/auth/session").await?;
    if let Some(info) = &state.session {
        set_csrf(&info.csrf_token);
    }
    Ok(state.session)
}

/// Logs in.
pub async fn login(email: &str, password: &str) -> Result<SessionInfo, ApiError> {
    let info: SessionInfo = send_json(
        Method::POST,
        "/api/auth/login",
        &LoginRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        },
    )
    .await?;
    set_csrf(&info.csrf_token);
    Ok(info)
}

/// Logs out.
pub async fn logout() -> Result<(), ApiError> {
    send_empty(Method::POST, "/api/auth/logout").await
}

/// Whether the server has users yet.
pub async fn setup() -> Result<SetupInfo, ApiError> {
    get_json("/api/setup").await
}

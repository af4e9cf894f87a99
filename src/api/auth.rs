//! Logging in and out, and who is logged in.

use gloo_net::http::Method;
use serde::{Deserialize, Serialize};

use super::client::{get_json, send_empty, send_json, set_csrf, ApiError};

/// The logged-in user.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct User {
    /// Email.
    pub email: String,
    /// owner, editor, viewer or clerk.
    pub role: String,
}

/// Their workspace.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Workspace {
    /// Brand name.
    pub name: String,
    /// IANA time zone.
    pub time_zone: String,
}

/// A session.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct SessionInfo {
    /// The user.
    pub user: User,
    /// Their workspace.
    pub workspace: Workspace,
    /// CSRF token for state changes.
    pub csrf_token: String,
}

/// Whether any user exists.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct SetupInfo {
    /// False on a fresh install.
    pub has_users: bool,
    /// How to add the first user.
    pub hint: Option<String>,
}

#[derive(Serialize)]
struct Login<'a> {
    email: &'a str,
    password: &'a str,
}

#[derive(Deserialize)]
struct SessionState {
    session: Option<SessionInfo>,
}

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
    let info: SessionInfo =
        send_json(Method::POST, "/api/auth/login", &Login { email, password }).await?;
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

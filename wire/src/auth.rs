//! Logging in, and who is logged in.

use serde::{Deserialize, Serialize};

/// Login form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Email.
    pub email: String,
    /// Password.
    pub password: String,
}

/// A user as the API shows it (never the password hash).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    /// Id.
    pub id: String,
    /// Their workspace.
    pub workspace_id: String,
    /// Login email, lowercased.
    pub email: String,
    /// `owner`, `editor`, `viewer` or `clerk`.
    pub role: String,
}

/// A brand's workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Workspace {
    /// Id.
    pub id: String,
    /// Brand name.
    pub name: String,
    /// IANA time zone deciding day boundaries (sign-in, daily limits), e.g. `Asia/Shanghai`.
    pub time_zone: String,
}

/// The logged-in user, their workspace and the CSRF token to send as `X-CSRF-Token`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// The user.
    pub user: User,
    /// Their workspace.
    pub workspace: Workspace,
    /// Send this as `X-CSRF-Token` on every POST, PUT and DELETE.
    pub csrf_token: String,
}

/// The session, or `null` when logged out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionState {
    /// The session when the cookie is valid.
    pub session: Option<SessionInfo>,
}

/// Whether the server has any user yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetupInfo {
    /// False on a fresh install: run `cradle-server user add`.
    pub has_users: bool,
    /// What to do when there is no user.
    pub hint: Option<String>,
}

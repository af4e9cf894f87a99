//! `/api/auth/*`: log in, log out, who am I; `/api/setup`: does any user exist yet.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use cradle_wire::auth::{LoginRequest, SessionInfo, SessionState, SetupInfo};
use cradle_wire::ErrorCode;

use crate::app::AppState;
use crate::auth::current::cookie;
use crate::auth::known_device::{self, DEVICE_COOKIE, DEVICE_COOKIE_PATH, DEVICE_DAYS};
use crate::auth::{password, CurrentUser, Role, SESSION_COOKIE};
use crate::error::ApiError;
use crate::limits::client::ClientIp;
use crate::store::sessions::{self, SESSION_DAYS};
use crate::store::users::{self, User};
use crate::store::workspaces::{self};

/// The hint shown while no user exists.
pub const ADD_USER_HINT: &str =
    "No user yet: run `cradle-server user add --email you@brand.com --role owner --workspace \"Your brand\"`";

async fn session_info(state: &AppState, user: User, csrf: String) -> Result<SessionInfo, ApiError> {
    let workspace = workspaces::get(&state.db, &user.workspace_id)
        .await?
        .ok_or_else(|| ApiError::internal("user without workspace"))?;
    Ok(SessionInfo {
        user: cradle_wire::auth::User {
            role: user.role.as_str().to_owned(),
            id: user.id,
            workspace_id: user.workspace_id,
            email: user.email,
        },
        workspace,
        csrf_token: csrf,
    })
}

fn set_cookie(name: &str, value: &str, path: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{name}={value}; Path={path}; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    set_cookie(SESSION_COOKIE, token, "/", max_age_secs, secure)
}

/// Logs in with email and password; sets the session cookie and the known-device cookie.
/// Failed logins are limited per email (or known device) and per client address.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = SessionInfo), (status = 401, body = crate::error::ErrorBody),
              (status = 429, description = "too many failed attempts", body = crate::error::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(form): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let key = form.email.trim().to_lowercase();
    let found = users::by_email(&state.db, &key).await?;
    let device = found
        .as_ref()
        .zip(cookie(&headers, DEVICE_COOKIE))
        .and_then(|((user, hash), value)| known_device::recognise(value, &user.id, hash));
    let attempt = match state
        .login_limits
        .attempt(&key, ip, device.as_deref())
        .await?
    {
        Ok(attempt) => attempt,
        Err(wait) => {
            return Ok(ApiError::new(
                ErrorCode::RateLimited,
                format!(
                    "too many failed logins: try again in {} minutes",
                    wait.as_secs().max(1).div_ceil(60)
                ),
            )
            .retry_after(wait))
        }
    };
    let hash = found
        .as_ref()
        .map_or(password::decoy(), |(_, h)| h.as_str())
        .to_owned();
    let ok = tokio::task::spawn_blocking({
        let pw = form.password.clone();
        move || password::verify(&pw, &hash)
    })
    .await
    .unwrap_or(false);
    let Some((user, hash)) = found.filter(|_| ok) else {
        return Err(ApiError::new(
            ErrorCode::InvalidCredentials,
            "email or password is wrong",
        ));
    };
    attempt.succeeded().await?;
    let secure = state.config.secure_cookies;
    let device = set_cookie(
        DEVICE_COOKIE,
        &known_device::sign(device, &user.id, &hash),
        DEVICE_COOKIE_PATH,
        DEVICE_DAYS * 24 * 3600,
        secure,
    );
    let (token, csrf) = sessions::create(&state.db, &user.id).await?;
    let info = session_info(&state, user, csrf).await?;
    let session = session_cookie(&token, SESSION_DAYS * 24 * 3600, secure);
    Ok((
        AppendHeaders([(header::SET_COOKIE, session), (header::SET_COOKIE, device)]),
        Json(info),
    )
        .into_response())
}

/// Ends the session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    responses((status = 204), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn logout(State(state): State<AppState>, me: CurrentUser) -> Result<Response, ApiError> {
    sessions::delete(&state.db, &me.token).await?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        session_cookie("", 0, state.config.secure_cookies),
    );
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

/// The logged-in user (and a CSRF token for the app after a reload).
#[utoipa::path(get, path = "/auth/me", tag = "auth",
    responses((status = 200, body = SessionInfo), (status = 401, body = crate::error::ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<SessionInfo>, ApiError> {
    Ok(Json(session_info(&state, me.user, me.csrf).await?))
}

/// The session if the cookie is valid, `null` otherwise: always 200, so a logged-out app asks
/// without an error.
#[utoipa::path(get, path = "/auth/session", tag = "auth", responses((status = 200, body = SessionState)))]
pub async fn session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<SessionState>, ApiError> {
    let Some(token) = cookie(&headers, SESSION_COOKIE) else {
        return Ok(Json(SessionState { session: None }));
    };
    let session = match sessions::lookup(&state.db, token).await? {
        Some((user, csrf)) => Some(session_info(&state, user, csrf).await?),
        None => None,
    };
    Ok(Json(SessionState { session }))
}

/// Whether any user exists (a fresh install shows how to add the first one).
#[utoipa::path(get, path = "/setup", tag = "auth", responses((status = 200, body = SetupInfo)))]
pub async fn setup(State(state): State<AppState>) -> Result<Json<SetupInfo>, ApiError> {
    let has_users = users::count(&state.db).await? > 0;
    Ok(Json(SetupInfo {
        has_users,
        hint: (!has_users).then(|| ADD_USER_HINT.to_owned()),
    }))
}

/// Adds a user (the CLI's `user add`), creating the workspace if needed.
pub async fn add_user(
    db: &crate::db::Db,
    email: &str,
    password: &str,
    role: Role,
    workspace: &str,
    time_zone: &str,
) -> Result<User, String> {
    if !email.contains('@') || email.trim().len() < 3 {
        return Err(format!("'{email}' is not an email address"));
    }
    if password.chars().count() < password::MIN_PASSWORD_LEN {
        return Err(format!(
            "the password needs at least {} characters",
            password::MIN_PASSWORD_LEN
        ));
    }
    if time_zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(format!(
            "'{time_zone}' is not an IANA time zone such as Asia/Shanghai"
        ));
    }
    let ws = workspaces::find_or_create(db, workspace, time_zone)
        .await
        .map_err(|e| e.to_string())?;
    let hash = password::hash(password)?;
    users::add(db, &ws.id, email, &hash, role)
        .await
        .map_err(|e| e.to_string())
}

//! The workspace's own settings that are not the club's: which sites may frame member pages, and
//! the time zone its days follow.

use axum::extract::State;
use axum::Json;
use cradle_model::framing;
use cradle_model::validate::Kind;
use cradle_model::ValidationError;
use cradle_wire::workspace::{Framing, TimeZone};
use cradle_wire::ErrorCode;

use crate::app::AppState;
use crate::auth::{CurrentUser, Role};
use crate::club::settings;
use crate::error::{ApiError, ErrorBody};
use crate::store::workspaces;

/// The sites allowed to show the workspace's member pages in a frame.
#[utoipa::path(get, path = "/workspace/framing", tag = "workspace",
    responses((status = 200, body = Framing), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn get_framing(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Framing>, ApiError> {
    me.require_read()?;
    let origins = workspaces::framing(&state.db, &me.user.workspace_id).await?;
    Ok(Json(Framing { origins }))
}

/// Replaces the sites allowed to frame member pages (owners only): 422 `invalid_settings` with
/// `{path, kind, message}` for each origin that is not `https://host[:port]`.
#[utoipa::path(put, path = "/workspace/framing", tag = "workspace", request_body = Framing,
    responses((status = 200, body = Framing), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn put_framing(
    State(state): State<AppState>,
    me: CurrentUser,
    Json(body): Json<Framing>,
) -> Result<Json<Framing>, ApiError> {
    if me.user.role != Role::Owner {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "only the workspace's owner can let other sites frame its pages",
        ));
    }
    let origins = framing::check(&body.origins)
        .map_err(|problems| ApiError::invalid(ErrorCode::InvalidSettings, problems))?;
    workspaces::set_framing(&state.db, &me.user.workspace_id, &origins).await?;
    Ok(Json(Framing { origins }))
}

/// Sets the time zone where the workspace's days start (editors and owners, as for club
/// settings): sign-ins, daily points caps and daily draw limits turn over at its midnight from
/// the next request on (within seconds on other servers). 422 `invalid_settings` at `/time_zone` for a name that is not an
/// IANA time zone.
#[utoipa::path(put, path = "/workspace/time-zone", tag = "workspace", request_body = TimeZone,
    responses((status = 200, body = TimeZone), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn put_time_zone(
    State(state): State<AppState>,
    me: CurrentUser,
    Json(body): Json<TimeZone>,
) -> Result<Json<TimeZone>, ApiError> {
    me.require_edit()?;
    let zone: chrono_tz::Tz = body.time_zone.trim().parse().map_err(|_| {
        ApiError::invalid(
            ErrorCode::InvalidSettings,
            vec![ValidationError::in_english(
                "/time_zone",
                Kind::Format,
                format!(
                    "'{}' is not an IANA time zone such as Asia/Shanghai",
                    body.time_zone
                ),
            )],
        )
    })?;
    let workspace = &me.user.workspace_id;
    workspaces::set_time_zone(&state.db, workspace, zone.name()).await?;
    settings::forget(workspace);
    Ok(Json(TimeZone {
        time_zone: zone.name().to_owned(),
    }))
}

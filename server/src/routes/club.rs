//! Staff side of the club: the workspace's tier ladder and points rules (`/api/club/settings`,
//! every save kept as a version) and points adjustments (`POST /api/members/{id}/adjust`).

use axum::extract::{Path, State};
use axum::Json;
use cradle_model::campaign::MAX_POINTS;
use cradle_model::validate::Kind;
use cradle_model::{ClubSettings, ValidationError};
use cradle_wire::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::club::ledger::{self, Entry};
use crate::club::members::{self, Member};
use crate::club::settings;
use crate::error::{ApiError, ErrorBody};
use crate::routes::model_schema::ClubSettingsSchema;
use crate::store::now_ms;
use cradle_wire::club::SettingsVersion;

/// A points adjustment by staff.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustRequest {
    /// Points to add (positive) or take away (negative); not 0.
    pub amount: i64,
    /// Why, kept in the ledger.
    pub reason: String,
}

/// The member's balance after an adjustment.
#[derive(Debug, Serialize, ToSchema)]
pub struct Adjusted {
    /// Spendable points.
    pub balance: i64,
}

/// The workspace's club settings: the one tier ladder and points rules every page reads.
#[utoipa::path(get, path = "/club/settings", tag = "club",
    responses((status = 200, body = ClubSettingsSchema), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody)))]
pub async fn get_settings(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<ClubSettings>, ApiError> {
    me.require_read()?;
    Ok(Json(settings::get(&state.db, &me.user.workspace_id).await?))
}

/// Replaces the workspace's club settings, kept as a new version; they apply to points events
/// from now on. 422 `invalid_settings` with `{path, message}` details when they are invalid
/// (thresholds must rise strictly from 0).
#[utoipa::path(put, path = "/club/settings", tag = "club", request_body = ClubSettingsSchema,
    responses((status = 200, body = ClubSettingsSchema), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, description = "version_conflict: saved by someone else at the same moment", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn put_settings(
    State(state): State<AppState>,
    me: CurrentUser,
    Json(body): Json<Value>,
) -> Result<Json<ClubSettings>, ApiError> {
    me.require_edit()?;
    let club: ClubSettings = serde_json::from_value(body).map_err(|e| {
        ApiError::invalid(
            ErrorCode::InvalidSettings,
            vec![ValidationError::in_english(
                "",
                Kind::WrongType,
                e.to_string(),
            )],
        )
    })?;
    let problems = settings::problems(&club);
    if !problems.is_empty() {
        return Err(ApiError::invalid(ErrorCode::InvalidSettings, problems));
    }
    settings::save(&state.db, &me.user.workspace_id, &club, &me.user.email)
        .await
        .map_err(|e| match e {
            settings::SaveError::Raced => ApiError::new(
                ErrorCode::VersionConflict,
                "someone saved the club settings at the same moment: reload them and try again",
            ),
            settings::SaveError::Db(e) => e.into(),
        })?;
    Ok(Json(club))
}

/// Every saved version of the workspace's club settings (number, when, by whom), oldest first.
#[utoipa::path(get, path = "/club/settings/versions", tag = "club",
    responses((status = 200, body = Vec<SettingsVersion>), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody)))]
pub async fn settings_versions(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<SettingsVersion>>, ApiError> {
    me.require_read()?;
    Ok(Json(
        settings::versions(&state.db, &me.user.workspace_id).await?,
    ))
}

/// Adds or takes away a member's points (an `adjust` ledger entry with the reason): 409
/// `insufficient_points` when taking away more than the balance.
#[utoipa::path(post, path = "/members/{id}/adjust", tag = "club", params(("id" = String, Path)),
    request_body = AdjustRequest,
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 200, body = Adjusted), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn adjust(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    Json(req): Json<AdjustRequest>,
) -> Result<Json<Adjusted>, ApiError> {
    me.require_edit()?;
    let member = members::get(&state.db, &id)
        .await?
        .filter(|m| m.workspace_id == me.user.workspace_id)
        .ok_or_else(|| ApiError::not_found("member"))?;
    let source = format!("staff:{}", me.user.id);
    Ok(Json(adjust_points(&state, &member, &req, &source).await?))
}

/// Adds or takes away points as `req` says, from `source` (422 `invalid_adjustment` for an amount
/// of 0 or past the bounds, or no reason; 409 `insufficient_points` for more than her balance).
pub async fn adjust_points(
    state: &AppState,
    member: &Member,
    req: &AdjustRequest,
    source: &str,
) -> Result<Adjusted, ApiError> {
    let mut problems = Vec::new();
    let max = i64::from(MAX_POINTS);
    if req.amount == 0 || !(-max..=max).contains(&req.amount) {
        problems.push(ValidationError::in_english(
            "/amount",
            Kind::OutOfRange,
            format!("add or take away 1 to {max} points"),
        ));
    }
    if req.reason.trim().is_empty() {
        problems.push(ValidationError::in_english(
            "/reason",
            Kind::Required,
            "say why, for the ledger",
        ));
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(ErrorCode::InvalidAdjustment, problems));
    }
    let entry = Entry {
        workspace_id: &member.workspace_id,
        member_id: &member.id,
        amount: req.amount,
        reason: req.reason.trim(),
        source,
        now_ms: now_ms(),
    };
    let mut tx = state.db.begin_write().await?;
    if !ledger::adjust(&mut tx, &entry).await? {
        return Err(ApiError::new(
            ErrorCode::InsufficientPoints,
            "the member has fewer points than that",
        ));
    }
    tx.commit().await?;
    Ok(Adjusted {
        balance: ledger::balance(&state.db, &member.id).await?,
    })
}

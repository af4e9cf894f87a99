//! Store clerks redeem prize codes: look one up, then redeem it once. Redeemed, expired and
//! unknown codes each get their own answer.

use axum::extract::{Path, State};
use axum::Json;
use cradle_wire::integration::Event;
use cradle_wire::ErrorCode;
use serde_json::json;

use crate::app::AppState;
use crate::auth::{CurrentUser, Role};
use crate::draws::redeem::{self, CodeInfo, RedeemError};
use crate::error::{ApiError, ErrorBody};
use crate::store::{now_ms, rfc3339};
use crate::webhooks;

fn redeem_error(e: RedeemError) -> ApiError {
    match e {
        RedeemError::Unknown => ApiError::new(
            ErrorCode::UnknownCode,
            "no prize has this code: check the letters and try again",
        ),
        RedeemError::AlreadyRedeemed(at) => ApiError::new(
            ErrorCode::AlreadyRedeemed,
            format!("this code was already redeemed at {}", rfc3339(at)),
        )
        .with_details(json!({ "redeemed_at": rfc3339(at) })),
        RedeemError::Expired(at) => ApiError::new(
            ErrorCode::ExpiredCode,
            format!("this code expired at {}", rfc3339(at)),
        )
        .with_details(json!({ "expired_at": rfc3339(at) })),
        RedeemError::Db(e) => ApiError::internal(e),
    }
}

/// Clerks and owners redeem; editors and viewers do not hand out prizes.
fn require_redeem(me: &CurrentUser) -> Result<(), ApiError> {
    match me.user.role {
        Role::Clerk | Role::Owner => Ok(()),
        _ => Err(ApiError::new(
            ErrorCode::Forbidden,
            "only store clerks and owners redeem prize codes",
        )),
    }
}

/// Looks up a prize code (any case, dashes optional).
#[utoipa::path(get, path = "/redemptions/{code}", tag = "redemptions", params(("code" = String, Path)),
    responses((status = 200, body = CodeInfo), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "unknown code", body = ErrorBody)))]
pub async fn lookup(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
) -> Result<Json<CodeInfo>, ApiError> {
    require_redeem(&me)?;
    redeem::lookup(&state.db, &me.user.workspace_id, &code)
        .await
        .map(Json)
        .map_err(redeem_error)
}

/// Redeems a prize code once.
#[utoipa::path(post, path = "/redemptions/{code}/redeem", tag = "redemptions", params(("code" = String, Path)),
    responses((status = 200, body = CodeInfo), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "unknown code", body = ErrorBody),
              (status = 409, description = "already redeemed", body = ErrorBody),
              (status = 410, description = "expired", body = ErrorBody)))]
pub async fn redeem(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
) -> Result<Json<CodeInfo>, ApiError> {
    require_redeem(&me)?;
    let info = redeem::redeem(
        &state.db,
        &me.user.workspace_id,
        &code,
        &me.user.id,
        now_ms(),
    )
    .await
    .map_err(redeem_error)?;
    let redeemed = json!({"code": info.code, "prize_name": info.prize_name,
        "member": info.member, "redeemed_at": info.redeemed_at});
    webhooks::emit(
        &state.db,
        &me.user.workspace_id,
        Event::CodeRedeemed,
        redeemed,
    )
    .await;
    Ok(Json(info))
}

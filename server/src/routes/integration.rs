//! The brand's systems: the owner's member-token secret and API keys (session cookie), and what
//! a key does (`Authorization: Bearer`): members by the brand's own id, points adjustments,
//! purchases and refunds.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use cradle_model::validate::Kind;
use cradle_model::ValidationError;
use cradle_wire::integration::{
    ApiKeyView, CreatedApiKey, MemberSecret, NewApiKey, OrderRequest, OrderResult, Scope,
};
use cradle_wire::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::auth::api_key::Integration;
use crate::auth::CurrentUser;
use crate::club::ledger::{self, Line};
use crate::club::{member_secret, members, orders, settings};
use crate::error::{ApiError, ErrorBody};
use crate::routes::club::{adjust_points, AdjustRequest, Adjusted};
use crate::store::{api_keys, now_ms};

/// Ledger lines a member lookup lists.
const LEDGER_LINES: i64 = 50;
/// Longest key name and order id.
const MAX_NAME: usize = 100;
/// Largest order: ¥100,000,000.
const MAX_AMOUNT_CENTS: u64 = 10_000_000_000;

/// A member as the brand's system reads them.
#[derive(Debug, Serialize, ToSchema)]
pub struct BrandMember {
    /// The member's id in the brand's system.
    pub member: String,
    /// Their Cradle code (invites, rights sharing).
    pub code: String,
    /// Spendable points.
    pub balance: i64,
    /// Lifetime growth value.
    pub growth: i64,
    /// Their tier's id on the workspace's ladder.
    pub tier: String,
    /// The day of their last purchase (`YYYY-MM-DD`), if known.
    pub last_purchase: Option<String>,
    /// Their latest ledger lines, newest first.
    pub ledger: Vec<Line>,
}

/// The secret the brand's system signs member tokens with (owners only).
#[utoipa::path(get, path = "/integration/member-secret", tag = "integration",
    responses((status = 200, body = MemberSecret), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn member_secret(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<MemberSecret>, ApiError> {
    me.require_owner()?;
    let ws = &me.user.workspace_id;
    let secrets = member_secret::of(&state.db, ws)
        .await?
        .ok_or_else(|| ApiError::not_found("workspace"))?;
    Ok(Json(secrets.view(ws, now_ms())))
}

/// Replaces the member-token secret; tokens signed with the old one open sessions for 24 hours
/// more (owners only).
#[utoipa::path(post, path = "/integration/member-secret/rotate", tag = "integration",
    responses((status = 200, body = MemberSecret), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn rotate_member_secret(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<MemberSecret>, ApiError> {
    me.require_owner()?;
    let ws = &me.user.workspace_id;
    let now = now_ms();
    let secrets = member_secret::rotate(&state.db, ws, now)
        .await?
        .ok_or_else(|| ApiError::not_found("workspace"))?;
    Ok(Json(secrets.view(ws, now)))
}

/// The workspace's API keys, newest first, without the keys themselves (owners only).
#[utoipa::path(get, path = "/integration/api-keys", tag = "integration",
    responses((status = 200, body = Vec<ApiKeyView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_keys(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<ApiKeyView>>, ApiError> {
    me.require_owner()?;
    Ok(Json(
        api_keys::list(&state.db, &me.user.workspace_id).await?,
    ))
}

/// Creates an API key with the scopes given; the answer is the only time the key is shown
/// (owners only). 422 `invalid_body` at `/name` or `/scopes`.
#[utoipa::path(post, path = "/integration/api-keys", tag = "integration", request_body = NewApiKey,
    responses((status = 201, body = CreatedApiKey), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_key(
    State(state): State<AppState>,
    me: CurrentUser,
    Json(new): Json<NewApiKey>,
) -> Result<(StatusCode, Json<CreatedApiKey>), ApiError> {
    me.require_owner()?;
    let mut problems = Vec::new();
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        problems.push(ValidationError::in_english(
            "/name",
            Kind::Required,
            format!("name the key (what uses it), 1 to {MAX_NAME} characters"),
        ));
    }
    if new.scopes.is_empty() {
        problems.push(ValidationError::in_english(
            "/scopes",
            Kind::Count,
            "give the key at least one scope",
        ));
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(ErrorCode::InvalidBody, problems));
    }
    let created = api_keys::create(&state.db, &me.user.workspace_id, &me.user.id, &new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes an API key: it opens nothing from now on (owners only).
#[utoipa::path(delete, path = "/integration/api-keys/{id}", tag = "integration", params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_key(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    me.require_owner()?;
    if api_keys::revoke(&state.db, &me.user.workspace_id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("API key"))
    }
}

/// A member by the brand's own id: code, balance, growth, tier, last purchase and ledger
/// (scope `members:read`).
#[utoipa::path(get, path = "/brand-members/{member}", tag = "integration",
    params(("member" = String, Path, description = "the member's id in the brand's system")),
    security(("api_key" = [])),
    responses((status = 200, body = BrandMember), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn brand_member(
    State(state): State<AppState>,
    key: Integration,
    Path(member): Path<String>,
) -> Result<Json<BrandMember>, ApiError> {
    let ws = key.require(Scope::MembersRead)?;
    let found = members::by_external(&state.db, ws, &member)
        .await?
        .ok_or_else(|| ApiError::not_found("member"))?;
    let club = settings::get(&state.db, ws).await?;
    let tier = club.rank_for_growth(u64::try_from(found.growth).unwrap_or(0));
    Ok(Json(BrandMember {
        member: found.external_id.clone(),
        code: found.code.clone(),
        balance: ledger::balance(&state.db, &found.id).await?,
        growth: found.growth,
        tier: club
            .tiers
            .get(tier as usize)
            .map(|t| t.id.clone())
            .unwrap_or_default(),
        last_purchase: found.profile.last_purchase.map(|d| d.to_string()),
        ledger: ledger::recent(&state.db, &found.id, LEDGER_LINES).await?,
    }))
}

/// Adds or takes away a member's points with a reason, by the brand's id (scope
/// `members:write`): bounded like a staff adjustment.
#[utoipa::path(post, path = "/brand-members/{member}/adjust", tag = "integration",
    params(("member" = String, Path, description = "the member's id in the brand's system")),
    request_body = AdjustRequest, security(("api_key" = [])),
    responses((status = 200, body = Adjusted), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn adjust_brand_member(
    State(state): State<AppState>,
    key: Integration,
    Path(member): Path<String>,
    Json(req): Json<AdjustRequest>,
) -> Result<Json<Adjusted>, ApiError> {
    let ws = key.require(Scope::MembersWrite)?;
    let found = members::by_external(&state.db, ws, &member)
        .await?
        .ok_or_else(|| ApiError::not_found("member"))?;
    let source = format!("api-key:{}", key.0.key_id);
    Ok(Json(adjust_points(&state, &found, &req, &source).await?))
}

/// Reports a purchase (scope `orders:write`): one point per whole yuan times the member's tier
/// multiplier, as growth too, 0.25 per point to her sharer, and the day of her last purchase.
/// The same `order_id` again answers the first report (200) and credits nothing more. A member
/// the brand names for the first time is created.
#[utoipa::path(post, path = "/orders", tag = "integration", request_body = OrderRequest,
    security(("api_key" = [])),
    responses((status = 201, body = OrderResult), (status = 200, description = "reported before", body = OrderResult),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report_order(
    State(state): State<AppState>,
    key: Integration,
    Json(order): Json<OrderRequest>,
) -> Result<(StatusCode, Json<OrderResult>), ApiError> {
    let ws = key.require(Scope::OrdersWrite)?;
    let problems = order_problems(&order);
    if !problems.is_empty() {
        return Err(ApiError::invalid(ErrorCode::InvalidBody, problems));
    }
    let zone = settings::zone(&state.db, ws).await?;
    let (result, new) = orders::record(&state.db, ws, zone, &order, now_ms()).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(result)))
}

/// Refunds a reported order (scope `orders:write`): the points it credited are taken back (as
/// many as the balance holds, never below zero) with the growth they gave; refunding twice
/// answers the first refund.
#[utoipa::path(post, path = "/orders/{order_id}/refund", tag = "integration",
    params(("order_id" = String, Path, description = "the brand's order id")),
    security(("api_key" = [])),
    responses((status = 200, body = OrderResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn refund_order(
    State(state): State<AppState>,
    key: Integration,
    Path(order_id): Path<String>,
) -> Result<Json<OrderResult>, ApiError> {
    let ws = key.require(Scope::OrdersWrite)?;
    orders::refund(&state.db, ws, &order_id, now_ms())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("order"))
}

/// What is wrong with a reported order, each with its path.
fn order_problems(order: &OrderRequest) -> Vec<ValidationError> {
    let mut problems = Vec::new();
    let mut check = |ok: bool, path: &str, kind: Kind, message: &str| {
        if !ok {
            problems.push(ValidationError::in_english(path, kind, message));
        }
    };
    let id = order.order_id.trim();
    check(
        !id.is_empty() && id.len() <= MAX_NAME,
        "/order_id",
        Kind::Required,
        "the brand's order id, 1 to 100 characters",
    );
    check(
        !order.member.trim().is_empty(),
        "/member",
        Kind::Required,
        "the member's id in the brand's system",
    );
    check(
        order.amount_cents <= MAX_AMOUNT_CENTS,
        "/amount_cents",
        Kind::OutOfRange,
        "at most 10,000,000,000 cents",
    );
    let channel = &order.channel;
    check(
        channel == "online"
            || channel
                .strip_prefix("store:")
                .is_some_and(|s| !s.is_empty()),
        "/channel",
        Kind::Format,
        "online, or store:{store id}",
    );
    problems
}

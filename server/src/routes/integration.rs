//! The brand's systems: the owner's member-token secret, API keys and webhooks (session cookie),
//! and what a key does (`Authorization: Bearer`): members by the brand's own id, points
//! adjustments, purchases and refunds.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use cradle_model::url::is_web_address;
use cradle_model::validate::Kind;
use cradle_model::ValidationError;
use cradle_wire::integration::{
    ApiKeyView, CreatedApiKey, CreatedWebhook, Delivery, Event, MemberSecret, NewApiKey,
    NewWebhook, OrderRequest, OrderResult, Scope, WebhookView,
};
use cradle_wire::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::auth::api_key::Integration;
use crate::auth::CurrentUser;
use crate::club::ledger::{self, Line};
use crate::club::members::{self, Member};
use crate::club::{member_secret, orders, settings, tiers};
use crate::error::{ApiError, ErrorBody};
use crate::routes::club::{adjust_points, AdjustRequest, Adjusted};
use crate::store::{api_keys, now_ms};
use crate::webhooks;

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

/// A live campaign as the brand's system reads it.
#[derive(Debug, Serialize, ToSchema)]
pub struct BrandCampaign {
    /// The page members play it on (`/c/{page}`).
    pub page: String,
    /// The campaign's id on the page.
    pub campaign: String,
    /// Its name.
    pub name: String,
    /// When draws open and close (RFC 3339).
    pub starts_at: String,
    /// First instant draws are no longer accepted.
    pub ends_at: String,
    /// The order amount (cents) that earns a draw, for a spend-to-draw campaign.
    pub spend_over_cents: Option<u64>,
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
    let tier = tiers::info(&club, tiers::rank(&club, found.growth));
    Ok(Json(BrandMember {
        member: found.external_id.clone(),
        code: found.code.clone(),
        balance: ledger::balance(&state.db, &found.id).await?,
        growth: found.growth,
        tier: tier.id,
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
/// multiplier, as growth too, 0.25 per point to her sharer, the day of her last purchase, and a
/// draw on each live campaign whose rule is "spend over ¥X to earn a draw" (满额抽奖).
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
    // A member the brand names for the first time is created.
    let member = members::ensure(&state.db, ws, &order.member).await?;
    let earns: Vec<orders::Earnable> = state
        .versions
        .live_in(&state.db, ws)
        .await?
        .iter()
        .flat_map(|page| {
            page.doc
                .campaigns
                .iter()
                .filter(|c| {
                    c.spend_over_cents
                        .is_some_and(|min| order.amount_cents >= min)
                })
                .map(|c| {
                    (
                        page.document_id.clone(),
                        c.id.clone(),
                        page.doc.slug.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let (result, new) = orders::record(
        &state.db,
        (ws, zone),
        (&order, &earns),
        &member.id,
        now_ms(),
    )
    .await?;
    if new {
        tier_changed(&state, ws, &member).await?;
    }
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

/// Tells the webhooks when `member` (as read before her order) has reached a higher tier since.
async fn tier_changed(state: &AppState, ws: &str, member: &Member) -> Result<(), ApiError> {
    let Some(found) = members::get(&state.db, &member.id).await? else {
        return Ok(());
    };
    let club = settings::get(&state.db, ws).await?;
    let (from, to) = (
        tiers::info(&club, tiers::rank(&club, member.growth)),
        tiers::info(&club, tiers::rank(&club, found.growth)),
    );
    if to.rank > from.rank {
        let data = serde_json::json!({"member": member.external_id, "from": from.id, "to": to.id,
            "growth": found.growth});
        webhooks::emit(&state.db, ws, Event::TierChanged, data).await;
    }
    Ok(())
}

/// Sends the workspace's chosen events to `url`, signed with a secret shown only in this answer
/// (owners only). 422 `invalid_body` at `/url` (http(s) only) or `/events`.
#[utoipa::path(post, path = "/integration/webhooks", tag = "integration", request_body = NewWebhook,
    responses((status = 201, body = CreatedWebhook), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_webhook(
    State(state): State<AppState>,
    me: CurrentUser,
    Json(new): Json<NewWebhook>,
) -> Result<(StatusCode, Json<CreatedWebhook>), ApiError> {
    me.require_owner()?;
    let mut problems = Vec::new();
    let url = new.url.trim();
    if !is_web_address(url) || url.len() > 2_000 {
        problems.push(ValidationError::in_english(
            "/url",
            Kind::UnsafeLink,
            "an http(s) address of the brand's system",
        ));
    }
    if new.events.is_empty() {
        problems.push(ValidationError::in_english(
            "/events",
            Kind::Count,
            "choose at least one event",
        ));
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(ErrorCode::InvalidBody, problems));
    }
    let created = webhooks::create(&state.db, &me.user.workspace_id, &new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The workspace's webhooks (owners only).
#[utoipa::path(get, path = "/integration/webhooks", tag = "integration",
    responses((status = 200, body = Vec<WebhookView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_webhooks(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<WebhookView>>, ApiError> {
    me.require_owner()?;
    Ok(Json(
        webhooks::list(&state.db, &me.user.workspace_id).await?,
    ))
}

/// Stops a webhook: nothing more is sent to it (owners only).
#[utoipa::path(delete, path = "/integration/webhooks/{id}", tag = "integration", params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_webhook(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    me.require_owner()?;
    if webhooks::remove(&state.db, &me.user.workspace_id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("webhook"))
    }
}

/// A webhook's delivery log: the latest 50 deliveries, newest first, with their attempts and
/// answers (owners only).
#[utoipa::path(get, path = "/integration/webhooks/{id}/deliveries", tag = "integration", params(("id" = String, Path)),
    responses((status = 200, body = Vec<Delivery>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn webhook_deliveries(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<Delivery>>, ApiError> {
    me.require_owner()?;
    webhooks::deliveries(&state.db, &me.user.workspace_id, &id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("webhook"))
}

/// The workspace's live campaigns (scope `campaigns:read`): the page, window and the amount that
/// earns a draw for spend-to-draw campaigns, so the brand's shop can tell a buyer what she earns.
#[utoipa::path(get, path = "/brand-campaigns", tag = "integration", security(("api_key" = [])),
    responses((status = 200, body = Vec<BrandCampaign>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn brand_campaigns(
    State(state): State<AppState>,
    key: Integration,
) -> Result<Json<Vec<BrandCampaign>>, ApiError> {
    let ws = key.require(Scope::CampaignsRead)?;
    let live = state.versions.live_in(&state.db, ws).await?;
    Ok(Json(
        live.iter()
            .flat_map(|page| {
                page.doc.campaigns.iter().map(|c| BrandCampaign {
                    page: page.doc.slug.clone(),
                    campaign: c.id.clone(),
                    name: c.name.clone(),
                    starts_at: c.window.start.to_rfc3339(),
                    ends_at: c.window.end.to_rfc3339(),
                    spend_over_cents: c.spend_over_cents,
                })
            })
            .collect(),
    ))
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

//! Draw endpoints: members draw on a live page's campaign (server-decided, idempotent), anyone
//! reads the odds and, after the campaign ends, the verification of every draw.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use cradle_model::campaign::{PrizeKind, Stock};
use cradle_model::Campaign;
use cradle_wire::integration::Event;
use cradle_wire::ErrorCode;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::club::member::CurrentMember;
use crate::club::settings;
use crate::draws::code;
use crate::draws::engine::{DrawError, Job};
use crate::draws::published::PublishedVersion;
use crate::draws::record::{self, DrawRecord};
use crate::draws::verify::{self, Verification};
use crate::error::{ApiError, ErrorBody};
use crate::limits::client::ClientIp;
use crate::store::{now_ms, publishing};
use crate::webhooks;

/// Header carrying the client's idempotency key.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// A prize as members see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrizeView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `points`, `coupon`, `physical` or `thanks`, with its amount or value.
    #[schema(value_type = Object)]
    pub kind: PrizeKind,
    /// Picture URL.
    pub image: Option<String>,
}

/// The result of a draw.
#[derive(Debug, Serialize, ToSchema)]
pub struct DrawResponse {
    /// The logged draw (the code shown as `XXXX-XXXX-XXXX`).
    pub draw: DrawRecord,
    /// The prize awarded.
    pub prize: PrizeView,
    /// SHA-256 of the campaign seed, to check against the seed revealed after the end.
    pub seed_hash: String,
}

/// A prize's disclosed odds and stock policy.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrizeOddsView {
    /// The prize.
    #[serde(flatten)]
    pub prize: PrizeView,
    /// Integer weight the server samples with.
    pub weight: u32,
    /// weight / total weight.
    pub probability: f64,
    /// Issue limit; `None` = unlimited.
    pub stock: Option<i64>,
    /// Left to issue; `None` = unlimited.
    pub remaining: Option<i64>,
}

/// A campaign's odds, as published with its live version.
#[derive(Debug, Serialize, ToSchema)]
pub struct OddsResponse {
    /// Campaign.
    pub campaign_id: String,
    /// Version number these odds belong to.
    pub version: i64,
    /// Sum of the weights.
    pub total_weight: u64,
    /// Each prize in game order.
    pub prizes: Vec<PrizeOddsView>,
    /// Awarded instead of a prize that is out of stock or over the member's win limit.
    pub fallback_prize: String,
    /// How the fallback works, in words.
    pub stock_policy: String,
    /// SHA-256 of the campaign's secret seed (commit-reveal).
    pub seed_hash: String,
    /// The seed itself once the campaign has ended.
    pub seed: Option<String>,
}

fn view(prize: &cradle_model::campaign::Prize) -> PrizeView {
    PrizeView {
        id: prize.id.clone(),
        name: prize.name.clone(),
        kind: prize.kind.clone(),
        image: prize.image.clone(),
    }
}

/// The live page at `slug` and its campaign `id`, or 404.
pub async fn live_campaign(
    state: &AppState,
    slug: &str,
    id: &str,
) -> Result<std::sync::Arc<PublishedVersion>, ApiError> {
    let page = state
        .versions
        .live(&state.db, slug)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    page.campaign(id)
        .ok_or_else(|| ApiError::not_found("campaign"))?;
    Ok(page)
}

fn campaign<'a>(page: &'a PublishedVersion, id: &str) -> &'a Campaign {
    page.campaign(id).expect("checked by live_campaign")
}

fn rate_limited(wait: std::time::Duration) -> ApiError {
    let secs = wait.as_secs().max(1);
    ApiError::new(
        ErrorCode::RateLimited,
        format!("too many draws: try again in {secs} s"),
    )
    .with_details(json!({ "retry_after": secs }))
}

fn draw_error(e: DrawError) -> ApiError {
    match e {
        DrawError::Closed(closed) => ApiError::closed(closed),
        DrawError::NotEligible => {
            ApiError::new(ErrorCode::NotEligible, "this game is for other members")
        }
        DrawError::DailyLimit(n) => ApiError::new(
            ErrorCode::DailyLimit,
            format!("you have used today's {n} draws: come back tomorrow"),
        )
        .with_details(json!({ "limit": n })),
        DrawError::CampaignLimit(n) => ApiError::new(
            ErrorCode::CampaignLimit,
            format!("you have used all {n} draws of this game"),
        )
        .with_details(json!({ "limit": n })),
        DrawError::InsufficientPoints(cost) => ApiError::new(
            ErrorCode::InsufficientPoints,
            format!("a draw costs {cost} points and your balance is lower"),
        )
        .with_details(json!({ "cost": cost })),
        DrawError::NoGrant(cents) => ApiError::new(
            ErrorCode::SpendToDraw,
            format!(
                "this game is played with draws earned by spending: an order of ¥{}.{:02} or more earns one",
                cents / 100,
                cents % 100
            ),
        )
        .with_details(json!({ "spend_over_cents": cents })),
        DrawError::NoSeed => ApiError::new(
            ErrorCode::RepublishNeeded,
            "this game was published before draws were enabled: republish the page",
        ),
        DrawError::Db(e) => ApiError::internal(e),
    }
}

/// The request's `Idempotency-Key` (1-100 characters), or 400 `idempotency_key_required`.
pub fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 100)
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::IdempotencyKeyRequired,
                "send an Idempotency-Key header (1-100 characters) with each draw or redemption",
            )
        })
}

/// Draws once. The server picks the prize; the same `Idempotency-Key` always returns the same
/// result and charges once.
#[utoipa::path(post, path = "/published/{slug}/campaigns/{campaign}/draws", tag = "draws",
    params(("slug" = String, Path), ("campaign" = String, Path),
           ("Idempotency-Key" = String, Header, description = "client-made, unique per attempt (max 100 chars)")),
    responses((status = 201, body = DrawResponse), (status = 200, description = "replayed key", body = DrawResponse),
              (status = 400, description = "missing idempotency key", body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, description = "not started or not eligible", body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 409, description = "daily or campaign limit, too few points, or no draw earned by spending (spend_to_draw)", body = ErrorBody),
              (status = 410, description = "ended", body = ErrorBody),
              (status = 429, description = "rate limited; Retry-After", body = ErrorBody)))]
pub async fn draw(
    State(state): State<AppState>,
    member: CurrentMember,
    ClientIp(client): ClientIp,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    if let Err(wait) = state.draw_limits.take(&member.id, client, now_ms()).await? {
        return Ok(rate_limited(wait).retry_after(wait));
    }
    let page = live_campaign(&state, &slug, &id).await?;
    if page.workspace_id != member.workspace_id {
        return Err(ApiError::not_found("page"));
    }
    let campaign = campaign(&page, &id);
    let job = Job::new(
        &member.id,
        &member.profile,
        page.clone(),
        &id,
        &key,
        Utc::now(),
        settings::zone(&state.db, &page.workspace_id).await?,
    )
    .ok_or_else(|| ApiError::not_found("campaign"))?;
    let mut record = state.draws.draw(job).await.map_err(draw_error)?;
    if state.config.crash_after_draw_commit && !record.replayed {
        // The crash test's hook: die between the commit and the response.
        std::process::abort();
    }
    let prize = campaign
        .prize(&record.prize_id)
        .map(view)
        .ok_or_else(|| ApiError::internal("draw names a prize the version lacks"))?;
    record.code = record.code.as_deref().map(code::display);
    if !record.replayed && !matches!(prize.kind, PrizeKind::Thanks) {
        let won = json!({"member": member.external_id, "page": slug, "campaign": id,
            "draw_id": record.id, "prize": prize, "code": record.code});
        webhooks::emit(&state.db, &member.workspace_id, Event::PrizeWon, won).await;
    }
    let status = match record.replayed {
        true => StatusCode::OK,
        false => StatusCode::CREATED,
    };
    let seed_hash = page
        .seeds
        .get(&id)
        .map(|(_, hash)| hash.clone())
        .unwrap_or_default();
    Ok((
        status,
        Json(DrawResponse {
            draw: record,
            prize,
            seed_hash,
        }),
    )
        .into_response())
}

/// Whether the campaign (or its page) has closed, so its seed may be revealed.
fn ended(page: &PublishedVersion, campaign: &Campaign) -> bool {
    page.campaign_schedule(campaign).has_ended(Utc::now())
}

/// The odds of a live campaign, computed by the same function the sampler uses, with stock
/// and the seed commitment.
#[utoipa::path(get, path = "/published/{slug}/campaigns/{campaign}/odds", tag = "draws",
    params(("slug" = String, Path), ("campaign" = String, Path)),
    responses((status = 200, body = OddsResponse), (status = 404, body = ErrorBody)))]
pub async fn odds(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<OddsResponse>, ApiError> {
    let page = live_campaign(&state, &slug, &id).await?;
    Ok(Json(campaign_odds(&state, &page, &id).await?))
}

/// The odds of campaign `id` of `page` (checked to exist), for the API and the odds page alike.
pub async fn campaign_odds(
    state: &AppState,
    page: &PublishedVersion,
    id: &str,
) -> Result<OddsResponse, ApiError> {
    let campaign = campaign(page, id);
    let stock = publishing::stock(&state.db, &page.document_id, id).await?;
    let odds = campaign.odds();
    let prizes = campaign
        .prizes
        .iter()
        .zip(odds)
        .map(|(prize, odds)| {
            let row = stock.iter().find(|(p, ..)| *p == prize.id);
            let (total, remaining) = match prize.stock {
                Stock::Unlimited => (None, None),
                Stock::Limited(n) => (
                    Some(i64::from(n)),
                    row.and_then(|(_, _, _, r)| *r).or(Some(i64::from(n))),
                ),
            };
            PrizeOddsView {
                prize: view(prize),
                weight: odds.weight,
                probability: odds.probability,
                stock: total,
                remaining,
            }
        })
        .collect();
    let (seed, seed_hash) = page.seeds.get(id).cloned().unwrap_or_default();
    let fallback = campaign
        .prize(&campaign.fallback_prize)
        .map_or(campaign.fallback_prize.clone(), |p| p.name.clone());
    Ok(OddsResponse {
        campaign_id: id.to_owned(),
        version: page.number,
        total_weight: campaign.total_weight(),
        prizes,
        fallback_prize: campaign.fallback_prize.clone(),
        stock_policy: format!(
            "Each draw samples every prize by its weight, in stock or not. When the sampled \
             prize is out of stock, or you reached this game's win limit, you get \"{fallback}\" \
             instead; the chances above never change."
        ),
        seed: ended(page, campaign).then_some(seed),
        seed_hash,
    })
}

/// Verifies every draw of a campaign against its revealed seed. Only after the campaign ends
/// (409 `not_ended` before, while the seed is secret).
#[utoipa::path(get, path = "/published/{slug}/campaigns/{campaign}/verification", tag = "draws",
    params(("slug" = String, Path), ("campaign" = String, Path)),
    responses((status = 200, body = Verification), (status = 404, body = ErrorBody),
              (status = 409, description = "campaign still running", body = ErrorBody)))]
pub async fn verification(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<Verification>, ApiError> {
    let page = live_campaign(&state, &slug, &id).await?;
    if !ended(&page, campaign(&page, &id)) {
        return Err(ApiError::new(
            ErrorCode::NotEnded,
            "the seed is revealed, and draws can be verified, once the campaign has ended",
        ));
    }
    Ok(Json(verify_campaign(&state, &page, &id).await?))
}

/// Recomputes every logged draw of campaign `id` of `page`'s document, with its seeds and stock
/// history.
pub async fn verify_campaign(
    state: &AppState,
    page: &PublishedVersion,
    id: &str,
) -> Result<Verification, sqlx::Error> {
    let draws = record::for_campaign(&state.db, &page.document_id, id).await?;
    let mut versions = std::collections::HashMap::new();
    for number in draws.iter().map(|d| d.draw.version) {
        if let std::collections::hash_map::Entry::Vacant(slot) = versions.entry(number) {
            let version = state
                .versions
                .version(&state.db, &page.workspace_id, &page.document_id, number)
                .await?;
            slot.insert(version);
        }
    }
    let (seeds, last_seq) = publishing::seeds(&state.db, &page.document_id, id).await?;
    let stock = publishing::stock_history(&state.db, &page.document_id, id).await?;
    let audit = verify::Audit {
        seeds: &seeds,
        draws: &draws,
        stock: &stock,
        last_seq,
    };
    Ok(verify::verify(&audit, |number| {
        versions
            .get(&number)
            .and_then(Option::as_ref)
            .and_then(|v| v.campaign(id))
    }))
}

/// A prize a member won.
#[derive(Debug, Serialize, ToSchema)]
pub struct WonPrize {
    /// The draw.
    pub draw_id: String,
    /// Campaign.
    pub campaign_id: String,
    /// The prize.
    pub prize: PrizeView,
    /// `XXXX-XXXX-XXXX` to show in store, for coupon and physical prizes.
    pub code: Option<String>,
    /// Unix ms the code was redeemed, if it was.
    pub redeemed_at: Option<i64>,
    /// Unix ms the code stops working.
    pub expires_at: Option<i64>,
    /// Unix ms.
    pub won_at: i64,
}

/// The member's recent wins (no "thanks for taking part"), newest first.
#[utoipa::path(get, path = "/member/prizes", tag = "draws",
    responses((status = 200, body = Vec<WonPrize>), (status = 401, body = ErrorBody)))]
pub async fn my_prizes(
    State(state): State<AppState>,
    member: CurrentMember,
) -> Result<Json<Vec<WonPrize>>, ApiError> {
    Ok(Json(
        won_by(&state, &member.id, &member.workspace_id).await?,
    ))
}

/// A member's recent wins (no "thanks for taking part"), newest first, with their codes.
pub async fn won_by(
    state: &AppState,
    member_id: &str,
    workspace_id: &str,
) -> Result<Vec<WonPrize>, sqlx::Error> {
    let mut won = Vec::new();
    for row in record::recent_for_member(&state.db, member_id).await? {
        let version = state
            .versions
            .version(&state.db, workspace_id, &row.document_id, row.draw.version)
            .await?;
        let prize = version
            .as_ref()
            .and_then(|v| v.campaign(&row.draw.campaign_id))
            .and_then(|c| c.prize(&row.draw.prize_id))
            .filter(|p| !matches!(p.kind, PrizeKind::Thanks));
        if let Some(prize) = prize {
            won.push(WonPrize {
                draw_id: row.draw.id.clone(),
                campaign_id: row.draw.campaign_id.clone(),
                prize: view(prize),
                code: row.draw.code.as_deref().map(code::display),
                redeemed_at: row.redeemed_at,
                expires_at: row.expires_at,
                won_at: row.draw.created_at,
            });
        }
    }
    Ok(won)
}

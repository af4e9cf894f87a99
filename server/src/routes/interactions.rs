//! Member actions on a published page's blocks: daily sign-in, quiz answers, votes, points-mall
//! redemptions, and sharing the page. The member's workspace must be the page's (else 404), the page must be open (403
//! `not_started`, 410 `ended`) and the block must be of the right kind and for this member.

use cradle_model::validate::Kind;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::Utc;
use chrono_tz::Tz;
use cradle_model::facts::{Coupons, Facts, Mall, MallItem, Quiz, SignIn, Vote};
use cradle_model::{audience, BlockKind, ClubSettings, NodeId, ValidationError};
use cradle_wire::member::{
    QuizAnswers, QuizResult, RedeemRequest, Redeemed, SignInResult, VoteCounts, VoteRequest,
};
use cradle_wire::ErrorCode;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::club::ledger::{self, Entry};
use crate::club::mall::{self, OrderError, Shelf};
use crate::club::member::CurrentMember;
use crate::club::quiz;
use crate::club::sign_in;
use crate::club::{day, settings, votes};
use crate::draws::code;
use crate::draws::published::PublishedVersion;
use crate::error::{ApiError, ErrorBody};
use crate::routes::draws::idempotency_key;
use crate::store::now_ms;

/// The block's counts per option and the member's votes left on `today`.
async fn vote_tally(
    state: &AppState,
    member: &CurrentMember,
    page: &Page,
    block_id: &str,
    (options, per_day): (usize, i64),
    today: chrono::NaiveDate,
) -> Result<VoteCounts, sqlx::Error> {
    Ok(VoteCounts {
        counts: votes::counts(&state.db, &page.document_id, block_id, options).await?,
        votes_left_today: votes::left_today(
            &state.db,
            &member.id,
            &page.document_id,
            block_id,
            today,
            per_day,
        )
        .await?,
    })
}

/// Points for sharing a page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Shared {
    /// Points credited (after the daily interaction cap).
    pub points: i64,
    /// Balance now.
    pub balance: i64,
}

/// The live page at `slug` for `member` (decoded once per version, quiz answers included) and
/// its time zone.
struct Page {
    document_id: String,
    version: Arc<PublishedVersion>,
    zone: Tz,
}

async fn page(state: &AppState, slug: &str, member: &CurrentMember) -> Result<Page, ApiError> {
    let live = state
        .versions
        .live(&state.db, slug)
        .await?
        .filter(|p| p.workspace_id == member.workspace_id)
        .ok_or_else(|| ApiError::not_found("page"))?;
    live.schedule.check(Utc::now()).map_err(ApiError::closed)?;
    Ok(Page {
        document_id: live.document_id.clone(),
        zone: settings::zone(&state.db, &live.workspace_id).await?,
        version: live,
    })
}

impl Page {
    /// The block `id` of `kind`, if this member is in its audience.
    fn block(
        &self,
        id: &str,
        kind: BlockKind,
        member: &CurrentMember,
    ) -> Result<&cradle_model::Block, ApiError> {
        let block = self
            .version
            .doc
            .block(&NodeId::new(id))
            .filter(|b| b.kind == kind)
            .ok_or_else(|| ApiError::not_found("block"))?;
        let today = day::local_day(self.zone, now_ms());
        if !audience::admits(block.audience.as_ref(), &member.profile, today) {
            return Err(ApiError::new(
                ErrorCode::NotInAudience,
                "this block is for other members",
            ));
        }
        Ok(block)
    }
}

fn daily_cap(club: &ClubSettings) -> i64 {
    i64::from(club.points.daily_interaction_cap)
}

/// Signs the member in for today (workspace time zone) on a SignInCalendar block: once per day,
/// crediting the block's daily points plus streak rewards (capped by the daily interaction cap).
/// A second sign-in the same day answers 200 with `already_signed_in: true` and credits nothing.
#[utoipa::path(post, path = "/published/{slug}/blocks/{block_id}/sign-in", tag = "members",
    params(("slug" = String, Path), ("block_id" = String, Path)),
    responses((status = 200, body = SignInResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 410, body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    member: CurrentMember,
    Path((slug, block_id)): Path<(String, String)>,
) -> Result<Json<SignInResult>, ApiError> {
    let page = page(&state, &slug, &member).await?;
    let calendar = SignIn::of(page.block(&block_id, BlockKind::SignInCalendar, &member)?);
    let now = now_ms();
    let today = day::local_day(page.zone, now);
    let already = |streak: i64| SignInResult {
        already_signed_in: true,
        day: today.to_string(),
        streak,
        points: 0,
        balance: 0,
    };
    if let Some((streak, _)) = sign_in::on(&state.db, &member.id, today).await? {
        let balance = ledger::balance(&state.db, &member.id).await?;
        return Ok(Json(SignInResult {
            balance,
            ..already(streak)
        }));
    }
    let last = sign_in::last_before(&state.db, &member.id, today).await?;
    let streak = sign_in::next_streak(last, today);
    let club = settings::get(&state.db, &member.workspace_id).await?;
    let source = format!("page:{}/{block_id}", page.document_id);
    // The UNIQUE(member, day) insert comes first: of concurrent sign-ins exactly one gets past it.
    let mut tx = state.db.begin_write().await?;
    if !sign_in::record(&mut tx, &member.id, today, streak, &page.document_id).await? {
        drop(tx);
        let streak = sign_in::on(&state.db, &member.id, today)
            .await?
            .map_or(streak, |(s, _)| s);
        let balance = ledger::balance(&state.db, &member.id).await?;
        return Ok(Json(SignInResult {
            balance,
            ..already(streak)
        }));
    }
    let entry = Entry {
        workspace_id: &member.workspace_id,
        member_id: &member.id,
        amount: calendar.reward(streak),
        reason: "sign_in",
        source: &source,
        now_ms: now,
    };
    let points = ledger::earn_interaction(&mut tx, &entry, daily_cap(&club), today).await?;
    sign_in::set_points(&mut tx, &member.id, today, points).await?;
    tx.commit().await?;
    Ok(Json(SignInResult {
        already_signed_in: false,
        day: today.to_string(),
        streak,
        points,
        balance: ledger::balance(&state.db, &member.id).await?,
    }))
}

/// Checks quiz answers against the published page and shows the right ones (the quiz teaches);
/// all right rewards the block's
/// `reward_points` once per member (capped by the daily interaction cap; when the cap leaves
/// nothing today, the reward stays to be earned another day).
#[utoipa::path(post, path = "/published/{slug}/blocks/{block_id}/quiz", tag = "members",
    params(("slug" = String, Path), ("block_id" = String, Path)), request_body = QuizAnswers,
    responses((status = 200, body = QuizResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, description = "invalid_answers", body = ErrorBody)))]
pub async fn quiz(
    State(state): State<AppState>,
    member: CurrentMember,
    Path((slug, block_id)): Path<(String, String)>,
    Json(req): Json<QuizAnswers>,
) -> Result<Json<QuizResult>, ApiError> {
    let page = page(&state, &slug, &member).await?;
    let quiz = Quiz::of(page.block(&block_id, BlockKind::Quiz, &member)?);
    let correct = quiz.check(&req.answers).map_err(|problems| {
        ApiError::new(
            ErrorCode::InvalidAnswers,
            "the answers do not fit the questions",
        )
        .with_details(json!(problems))
    })?;
    let all_correct = correct.iter().all(|c| *c);
    let mut result = QuizResult {
        correct,
        all_correct,
        points: 0,
        already_rewarded: false,
        capped: false,
        answers: quiz.questions.iter().map(|q| q.answer).collect(),
    };
    if !all_correct {
        return Ok(Json(result));
    }
    let club = settings::get(&state.db, &member.workspace_id).await?;
    let now = now_ms();
    let source = format!("page:{}/{block_id}", page.document_id);
    let mut tx = state.db.begin_write().await?;
    let claimed = quiz::claim(
        &mut tx,
        &member.id,
        &page.document_id,
        &block_id,
        quiz.reward_points,
    )
    .await?;
    if !claimed {
        result.already_rewarded = true;
        return Ok(Json(result));
    }
    let entry = Entry {
        workspace_id: &member.workspace_id,
        member_id: &member.id,
        amount: quiz.reward_points,
        reason: "quiz",
        source: &source,
        now_ms: now,
    };
    let today = day::local_day(page.zone, now);
    result.points = ledger::earn_interaction(&mut tx, &entry, daily_cap(&club), today).await?;
    if result.points == 0 && quiz.reward_points > 0 {
        // Nothing credited: keep the reward for another day instead of spending it on nothing.
        tx.rollback().await?;
        result.capped = true;
        return Ok(Json(result));
    }
    tx.commit().await?;
    Ok(Json(result))
}

/// Casts a vote: at most the block's `votes_per_day` per member per local day (429 `vote_limit`
/// beyond); answers the counts.
#[utoipa::path(post, path = "/published/{slug}/blocks/{block_id}/vote", tag = "members",
    params(("slug" = String, Path), ("block_id" = String, Path)), request_body = VoteRequest,
    responses((status = 200, body = VoteCounts), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, description = "invalid_vote", body = ErrorBody),
              (status = 429, description = "vote_limit", body = ErrorBody)))]
pub async fn vote(
    State(state): State<AppState>,
    member: CurrentMember,
    Path((slug, block_id)): Path<(String, String)>,
    Json(req): Json<VoteRequest>,
) -> Result<Json<VoteCounts>, ApiError> {
    let page = page(&state, &slug, &member).await?;
    let vote = Vote::of(page.block(&block_id, BlockKind::Vote, &member)?);
    let (options, per_day) = (vote.options.len(), vote.votes_per_day);
    if !(1..=options as i64).contains(&req.option) {
        return Err(ApiError::new(
            ErrorCode::InvalidVote,
            format!("choose an option from 1 to {options}"),
        )
        .with_details(json!([ValidationError::in_english(
            "/option",
            Kind::UnknownReference,
            "no such option"
        )])));
    }
    let today = day::local_day(page.zone, now_ms());
    let mut tx = state.db.begin_write().await?;
    let cast = votes::cast(
        &mut tx,
        &member.id,
        &page.document_id,
        &block_id,
        today,
        req.option,
        per_day,
    )
    .await?;
    if !cast {
        return Err(ApiError::new(
            ErrorCode::VoteLimit,
            format!("you have used today's {per_day} vote(s): come back tomorrow"),
        ));
    }
    tx.commit().await?;
    Ok(Json(
        vote_tally(&state, &member, &page, &block_id, (options, per_day), today).await?,
    ))
}

/// Vote counts per option, and the member's votes left today.
#[utoipa::path(get, path = "/published/{slug}/blocks/{block_id}/votes", tag = "members",
    params(("slug" = String, Path), ("block_id" = String, Path)),
    responses((status = 200, body = VoteCounts), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn vote_counts(
    State(state): State<AppState>,
    member: CurrentMember,
    Path((slug, block_id)): Path<(String, String)>,
) -> Result<Json<VoteCounts>, ApiError> {
    let page = page(&state, &slug, &member).await?;
    let vote = Vote::of(page.block(&block_id, BlockKind::Vote, &member)?);
    let (options, per_day) = (vote.options.len(), vote.votes_per_day);
    let today = day::local_day(page.zone, now_ms());
    Ok(Json(
        vote_tally(&state, &member, &page, &block_id, (options, per_day), today).await?,
    ))
}

/// The member shared the page: credits the club's `share_points` (interaction points, capped per
/// day).
#[utoipa::path(post, path = "/published/{slug}/share", operation_id = "share_page", tag = "members", params(("slug" = String, Path)),
    responses((status = 200, body = Shared), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn share(
    State(state): State<AppState>,
    member: CurrentMember,
    Path(slug): Path<String>,
) -> Result<Json<Shared>, ApiError> {
    let page = page(&state, &slug, &member).await?;
    let club = settings::get(&state.db, &member.workspace_id).await?;
    let now = now_ms();
    let source = format!("page:{}", page.document_id);
    let entry = Entry {
        workspace_id: &member.workspace_id,
        member_id: &member.id,
        amount: i64::from(club.points.share_points),
        reason: "share",
        source: &source,
        now_ms: now,
    };
    let mut tx = state.db.begin_write().await?;
    let today = day::local_day(page.zone, now);
    let points = ledger::earn_interaction(&mut tx, &entry, daily_cap(&club), today).await?;
    tx.commit().await?;
    Ok(Json(Shared {
        points,
        balance: ledger::balance(&state.db, &member.id).await?,
    }))
}

/// Redeems an item of a points-redemption block: takes a unit of stock, debits its points and
/// issues a code for the store, all at once or not at all. The same `Idempotency-Key` answers
/// the first redemption again (200) and spends once. 409 `insufficient_points` with
/// `details.missing` (the points short), 409 `sold_out`.
#[utoipa::path(post, path = "/published/{slug}/blocks/{block_id}/redeem", operation_id = "redeem_mall_item", tag = "members",
    params(("slug" = String, Path), ("block_id" = String, Path),
           ("Idempotency-Key" = String, Header, description = "client-made, unique per attempt (max 100 chars)")),
    request_body = RedeemRequest,
    responses((status = 201, body = Redeemed), (status = 200, description = "replayed key", body = Redeemed),
              (status = 400, description = "missing idempotency key", body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "insufficient_points or sold_out", body = ErrorBody),
              (status = 410, body = ErrorBody), (status = 422, description = "invalid_body: no such item", body = ErrorBody)))]
pub async fn redeem(
    State(state): State<AppState>,
    member: CurrentMember,
    Path((slug, block_id)): Path<(String, String)>,
    headers: HeaderMap,
    Json(req): Json<RedeemRequest>,
) -> Result<(StatusCode, Json<Redeemed>), ApiError> {
    let key = idempotency_key(&headers)?;
    let page = page(&state, &slug, &member).await?;
    let mall = Mall::of(page.block(&block_id, BlockKind::RedemptionGrid, &member)?);
    let item = pick(&mall.items, req.item)?;
    order(&state, &member, &page, (&block_id, item), &key).await
}

/// Claims a coupon of a coupon list: a code, once per member (a second claim answers the first
/// code again, 200), while codes last (409 `sold_out`).
#[utoipa::path(post, path = "/published/{slug}/blocks/{block_id}/claim", operation_id = "claim_coupon", tag = "members",
    params(("slug" = String, Path), ("block_id" = String, Path)), request_body = RedeemRequest,
    responses((status = 201, body = Redeemed), (status = 200, description = "claimed before", body = Redeemed),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "sold_out", body = ErrorBody),
              (status = 410, body = ErrorBody), (status = 422, description = "invalid_body: no such coupon", body = ErrorBody)))]
pub async fn claim(
    State(state): State<AppState>,
    member: CurrentMember,
    Path((slug, block_id)): Path<(String, String)>,
    Json(req): Json<RedeemRequest>,
) -> Result<(StatusCode, Json<Redeemed>), ApiError> {
    let page = page(&state, &slug, &member).await?;
    let coupons = Coupons::of(page.block(&block_id, BlockKind::CouponList, &member)?);
    let items: Vec<MallItem> = coupons.coupons.iter().map(MallItem::from).collect();
    let item = pick(&items, req.item)?;
    // One key per coupon: her second claim is a replay of the first.
    let key = format!("coupon:{}/{block_id}/{}", page.document_id, item.name);
    order(&state, &member, &page, (&block_id, item), &key).await
}

/// Item `n` of a block's list, or 422 at `/item`.
fn pick(items: &[MallItem], n: u32) -> Result<&MallItem, ApiError> {
    items.get(n as usize).ok_or_else(|| {
        ApiError::invalid(
            ErrorCode::InvalidBody,
            vec![ValidationError::in_english(
                "/item",
                Kind::OutOfRange,
                format!("pick one of the {} items, from 0", items.len()),
            )],
        )
    })
}

/// Orders `item` of block `block_id` for `member` under `key`, answered as the client sees it.
async fn order(
    state: &AppState,
    member: &CurrentMember,
    page: &Page,
    (block_id, item): (&str, &MallItem),
    key: &str,
) -> Result<(StatusCode, Json<Redeemed>), ApiError> {
    let shelf = Shelf {
        workspace_id: &member.workspace_id,
        document_id: &page.document_id,
        block_id,
    };
    let now = now_ms();
    let order = mall::redeem(&state.db, shelf, &member.id, item, key, now)
        .await
        .map_err(|e| match e {
            OrderError::SoldOut => ApiError::new(ErrorCode::SoldOut, "this item is sold out"),
            OrderError::Short(missing) => ApiError::new(
                ErrorCode::InsufficientPoints,
                format!("{missing} more points are needed for this item"),
            )
            .with_details(json!({ "missing": missing })),
            OrderError::Db(e) => ApiError::internal(e),
        })?;
    let status = if order.issued_at == now {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(Redeemed {
            item: order.item,
            points: order.points,
            code: code::display(&order.code),
            expires_at: order.expires_at,
            balance: ledger::balance(&state.db, &member.id).await?,
        }),
    ))
}

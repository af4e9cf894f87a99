//! A member's standing in one campaign, for the game to show before she plays: whether she may
//! play now, what a draw costs her, the free draws and draws she has left today and in all, her
//! wins left and her points. Read from the same counters the draw engine limits with.

use axum::extract::{Path, State};
use axum::Json;
use chrono::Utc;
use cradle_model::audience::admits;
use cradle_wire::draws::{Playable, Standing};

use crate::app::AppState;
use crate::club::member::CurrentMember;
use crate::club::{ledger, settings};
use crate::draws::tally::Tallies;
use crate::error::{ApiError, ErrorBody};
use crate::routes::draws::live_campaign;

/// The member's standing in a live campaign of her brand's page.
#[utoipa::path(get, path = "/published/{slug}/campaigns/{campaign}/standing", tag = "draws",
    params(("slug" = String, Path), ("campaign" = String, Path)),
    responses((status = 200, body = Standing), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn standing(
    State(state): State<AppState>,
    member: CurrentMember,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<Standing>, ApiError> {
    let page = live_campaign(&state, &slug, &id).await?;
    if page.workspace_id != member.workspace_id {
        return Err(ApiError::not_found("page"));
    }
    let campaign = page
        .campaign(&id)
        .ok_or_else(|| ApiError::not_found("campaign"))?;
    let now = Utc::now();
    let zone = settings::zone(&state.db, &page.workspace_id).await?;
    let today = now.with_timezone(&zone).date_naive();
    let playable = match page.campaign_schedule(campaign).check(now) {
        Err(cradle_model::Closed::NotStarted(_)) => Playable::NotStarted,
        Err(cradle_model::Closed::Ended(_)) => Playable::Ended,
        Ok(()) if !admits(campaign.audience.as_ref(), &member.profile, today) => {
            Playable::NotEligible
        }
        Ok(()) => Playable::Open,
    };
    let tallies = Tallies {
        document_id: &page.document_id,
        campaign_id: &id,
        day: &today.to_string(),
    };
    let mut conn = state.db.pool.acquire().await?;
    let (draws_today, total, wins) = tallies.of(&mut conn, &member.id).await?;
    let free = i64::from(campaign.cost.free_draws_per_day);
    let per_draw = i64::from(campaign.cost.points_per_draw);
    let free_left = (free - draws_today).max(0);
    let limits = campaign.limits;
    Ok(Json(Standing {
        playable,
        next_draw_cost: if free_left > 0 { 0 } else { per_draw },
        points_per_draw: per_draw,
        free_draws_left_today: free_left,
        draws_today,
        draws_left_today: limits
            .per_member_per_day
            .map(|n| (i64::from(n) - draws_today).max(0)),
        draws_left_total: limits
            .per_member_total
            .map(|n| (i64::from(n) - total).max(0)),
        wins_left: limits
            .max_wins_per_member
            .map(|n| (i64::from(n) - wins).max(0)),
        balance: ledger::balance(&state.db, &member.id).await?,
    }))
}

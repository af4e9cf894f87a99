//! A member's standing in a campaign, read by the game before she plays.

use serde::{Deserialize, Serialize};

/// Whether the campaign can be played now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Playable {
    /// Open, and the member is in its audience.
    Open,
    /// Not open yet.
    NotStarted,
    /// Closed.
    Ended,
    /// The member is outside the campaign's audience.
    NotEligible,
}

/// A member's standing in a campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Standing {
    /// Whether she can play now.
    pub playable: Playable,
    /// Points the next draw costs (0 while free draws are left today).
    pub next_draw_cost: i64,
    /// Points per draw once the free draws are used.
    pub points_per_draw: i64,
    /// Free draws left today (workspace time zone).
    pub free_draws_left_today: i64,
    /// Draws made today.
    pub draws_today: i64,
    /// Draws left today; `None` = no daily limit.
    pub draws_left_today: Option<i64>,
    /// Draws left in the campaign; `None` = no limit.
    pub draws_left_total: Option<i64>,
    /// Prizes (other than "thanks") she may still win; `None` = no limit.
    pub wins_left: Option<i64>,
    /// Her spendable points.
    pub balance: i64,
}

/// A prize code as a clerk sees it (`GET /api/redemptions/{code}`, and the answer to redeeming it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeInfo {
    /// `XXXX-XXXX-XXXX`.
    pub code: String,
    /// The prize to hand over.
    pub prize_name: String,
    /// The brand's member id.
    pub member: String,
    /// Unix ms.
    pub issued_at: i64,
    /// Unix ms after which it cannot be redeemed.
    pub expires_at: i64,
    /// Unix ms, once redeemed.
    pub redeemed_at: Option<i64>,
}

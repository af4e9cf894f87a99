//! What a member's club blocks show her and what her taps on them send and get back: her standing,
//! drawn into her page by the server; sign-in, quiz and vote.

use serde::{Deserialize, Serialize};

/// How many days ahead "points expiring soon" looks.
pub const EXPIRING_WITHIN_DAYS: i64 = 30;

/// The signed-in member's standing in the club.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClubCard {
    /// Spendable points.
    pub points: i64,
    /// Lifetime growth value: her tier on the workspace's ladder.
    pub growth: u64,
    /// Points lapsing within [`EXPIRING_WITHIN_DAYS`] days, if any.
    pub expiring: Option<Expiring>,
    /// Whether she signed in today (the workspace's day).
    pub signed_in_today: bool,
    /// Her sign-in streak: today's, or yesterday's while it can go on; 0 otherwise.
    pub streak: i64,
    /// Points today's sign-in credited (0 before it).
    pub today_points: i64,
    /// The member who shares their tier's benefits with her, if any.
    pub shared_by: Option<SharedBy>,
    /// Her lifecycle stage today (`mid_pregnancy`, `newborn`…), when her profile tells.
    pub stage: Option<String>,
}

/// A member sharing rights with her.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedBy {
    /// Their member code.
    pub code: String,
    /// Their own lifetime growth (their tier; what they receive is never passed on).
    pub growth: u64,
}

/// Points about to lapse.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expiring {
    /// How many.
    pub points: i64,
    /// The workspace's day the first of them lapse (`YYYY-MM-DD`).
    pub on: String,
}

/// What a sign-in did (`POST /api/published/{slug}/blocks/{block}/sign-in`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResult {
    /// True when the member had already signed in today (nothing was credited now).
    pub already_signed_in: bool,
    /// The local day (workspace time zone), `YYYY-MM-DD`.
    pub day: String,
    /// Consecutive days signed in, today included.
    pub streak: i64,
    /// Points credited for today's sign-in (after the daily interaction cap).
    pub points: i64,
    /// Balance now.
    pub balance: i64,
}

/// Answers to a quiz.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuizAnswers {
    /// The chosen option per question, numbered from 1.
    pub answers: Vec<u32>,
}

/// How a quiz went.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizResult {
    /// Per question: answered right.
    pub correct: Vec<bool>,
    /// Every answer right.
    pub all_correct: bool,
    /// Points credited now (after the daily interaction cap).
    pub points: i64,
    /// True when this member had already been rewarded for this quiz.
    pub already_rewarded: bool,
    /// True when today's cap on interaction points left nothing to credit: the reward is not
    /// spent, so answering again on another day earns it.
    pub capped: bool,
    /// The right option per question, numbered from 1 (shown once she has answered).
    pub answers: Vec<u32>,
}

/// A vote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VoteRequest {
    /// The option, numbered from 1.
    pub option: i64,
}

/// Vote counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteCounts {
    /// Votes per option, in the block's order.
    pub counts: Vec<i64>,
    /// Votes this member has left today.
    pub votes_left_today: i64,
}

/// Redeem an invite or name a member to share rights with (`POST /api/member/invite`,
/// `/api/member/shares`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// The other member's code.
    pub code: String,
}

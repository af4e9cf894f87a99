//! What a member's club blocks show her and what her taps on them send and get back: her standing,
//! drawn into her page by the server; sign-in, quiz and vote.

use cradle_model::progress::{MedalRule, Tally};
use cradle_model::Stage;
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
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub stage: Option<Stage>,
    /// Her week today (of pregnancy, or her baby's age), when her profile tells.
    pub week: Option<u32>,
    /// What she has done, for task progress.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub tally: Tally,
    /// Medals she has earned and the workspace's day each was earned (`YYYY-MM-DD`).
    pub medals: Vec<Earned>,
    /// Codes of the members she shares her rights with.
    pub receivers: Vec<String>,
    /// An offer to share rights with her that the page's address carries, awaiting her answer.
    pub offer: Option<Offer>,
    /// Her prize and points-mall codes, newest first.
    pub codes: Vec<PrizeCode>,
}

/// A code she shows in store: a prize won in a draw, or a points-mall item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrizeCode {
    /// The points-redemption block of this page it came from, if it did.
    pub block: Option<String>,
    /// The prize or item.
    pub item: String,
    /// `XXXX-XXXX-XXXX`.
    pub code: String,
    /// The workspace's last day it works (`YYYY-MM-DD`).
    pub valid_until: String,
    /// Whether a clerk has redeemed it.
    pub redeemed: bool,
}

/// A medal earned.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Earned {
    /// What earned it.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub rule: MedalRule,
    /// The workspace's day it was earned (`YYYY-MM-DD`).
    pub on: String,
}

/// An offer to share rights, as its receiver sees it before answering.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Offer {
    /// The offer's token (the `?share=` of the link).
    pub token: String,
    /// The sharer's member code.
    pub sharer: String,
    /// The sharer's lifetime growth (their tier).
    pub growth: u64,
    /// Why she cannot accept, when she cannot.
    pub refused: Option<OfferRefused>,
}

/// Why an offer to share rights cannot be accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfferRefused {
    /// Her own offer.
    Own,
    /// Someone already shares rights with her.
    AlreadyShared,
    /// She shares her rights with the sharer.
    Loop,
    /// Used or past its time.
    Gone,
}

/// A new offer to share rights (`POST /api/member/share-offers`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferMade {
    /// The token a link carries as `?share=`.
    pub token: String,
    /// Unix ms after which it cannot be accepted.
    pub expires_at: i64,
}

/// Accepting an offer to share rights.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferAnswer {
    /// The offer's token.
    pub token: String,
}

/// Redeeming a points-mall item (`POST /api/published/{slug}/blocks/{block}/redeem`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RedeemRequest {
    /// The item's place in the block's list, from 0.
    pub item: u32,
}

/// A points-mall redemption: what she got and its code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Redeemed {
    /// The item.
    pub item: String,
    /// Points it cost.
    pub points: i64,
    /// `XXXX-XXXX-XXXX`, shown in store.
    pub code: String,
    /// Unix ms the code stops working.
    pub expires_at: i64,
    /// Her balance now.
    pub balance: i64,
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

//! `/api/member/*`: a member opens a session with a token their brand signed (or, in demo mode,
//! without one), reads their club profile, joins through an invite and shares rights.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Duration;
use cradle_model::Stage;
use cradle_wire::member::{CodeRequest, OfferAnswer, OfferMade};
use cradle_wire::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::club::invites::{self, InviteError};
use crate::club::ledger::{self, Line};
use crate::club::member::{CurrentMember, MEMBER_COOKIE};
use crate::club::members::{self, Member};
use crate::club::sessions::{self, MEMBER_SESSION_HOURS};
use crate::club::share_offers::{self, Receiver, ShareError};
use crate::club::sharing;
use crate::club::tiers::{self, TierInfo};
use crate::club::token::{self, ProfileClaims, TokenError};
use crate::club::{day, member_secret, settings};
use crate::error::{ApiError, ErrorBody};
use crate::routes::draws::{won_by, WonPrize};
use crate::store::{now_ms, workspaces};

/// Open a member session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionRequest {
    /// The token the brand's system signed: `hex(claims) + "." + hex(HMAC-SHA256(secret,
    /// "member:" + hex(claims)))`, `claims` a JSON object with `workspace_id`, `member` (the
    /// member's id in the brand's system) and `expires_at` (Unix ms), and optionally `due_date`,
    /// `baby_birth_date`, `last_purchase` (`YYYY-MM-DD`), `preparing`, `segments`, `tags`; the
    /// secret is the workspace's member-token secret (`GET /api/integration/member-secret`).
    /// `cradle-server member token` makes one locally.
    pub token: String,
    /// The page being opened: the token must come from that page's workspace.
    #[serde(default)]
    pub slug: Option<String>,
}

/// Open a demo member session on a page.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DemoRequest {
    /// The page being opened.
    pub slug: String,
}

/// A member as they see themselves.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberInfo {
    /// Internal id.
    pub id: String,
    /// Their workspace (brand).
    pub workspace_id: String,
    /// Their id in the brand's system.
    pub external_id: String,
    /// Their code, for invites and for being named when rights are shared.
    pub code: String,
    /// Whether this session created the member (a new member may redeem an invite).
    pub joined: bool,
}

/// An open member session.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberSessionInfo {
    /// The member.
    pub member: MemberInfo,
    /// Send this as `X-CSRF-Token` on every member POST.
    pub csrf: String,
}

/// The benefits a member enjoys.
#[derive(Debug, Serialize, ToSchema)]
pub struct Benefits {
    /// The tier whose benefits apply: the member's own, or their sharer's when higher.
    pub tier: TierInfo,
    /// The benefits.
    pub benefits: Vec<String>,
    /// Code of the member sharing rights with them, if any.
    pub shared_by: Option<String>,
}

/// Points balance and recent movements.
#[derive(Debug, Serialize, ToSchema)]
pub struct Points {
    /// Spendable points (lapsed points already expired).
    pub balance: i64,
    /// Lifetime growth value.
    pub growth: i64,
    /// The latest ledger entries, newest first.
    pub recent: Vec<Line>,
}

/// The member's club profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct Profile {
    /// Who.
    pub member: MemberInfo,
    /// Their own tier, from lifetime growth (never lowered by spending).
    pub tier: TierInfo,
    /// The benefits they enjoy, sharing included.
    pub benefits: Benefits,
    /// Points.
    pub points: Points,
    /// Lifecycle stage today (from due date / birth date), if known.
    #[schema(value_type = Option<String>)]
    pub stage: Option<Stage>,
    /// Profile facts from their latest token.
    pub profile: ProfileClaims,
    /// Prizes won, newest first, with redemption codes.
    pub prizes: Vec<WonPrize>,
}

/// An accepted invite.
#[derive(Debug, Serialize, ToSchema)]
pub struct InviteResult {
    /// Points the inviter earned.
    pub inviter_reward: i64,
}

/// An accepted rights share.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShareResult {
    /// Code of the member whose tier's benefits you now enjoy.
    pub sharer: String,
}

/// Entries the profile lists.
const RECENT_ENTRIES: i64 = 20;
/// External id of the demo member.
pub const DEMO_MEMBER: &str = "demo";

fn member_info(member: &Member, joined: bool) -> MemberInfo {
    MemberInfo {
        id: member.id.clone(),
        workspace_id: member.workspace_id.clone(),
        external_id: member.external_id.clone(),
        code: member.code.clone(),
        joined,
    }
}

fn token_error(e: TokenError) -> ApiError {
    match e {
        TokenError::Malformed => ApiError::new(
            ErrorCode::MemberTokenInvalid,
            "the member token is not a token: open the page from the brand's app again",
        ),
        TokenError::Forged => ApiError::new(
            ErrorCode::MemberTokenForged,
            "the member token's signature does not match its brand",
        ),
        TokenError::Expired => ApiError::new(
            ErrorCode::MemberTokenExpired,
            "the member token has expired: open the page from the brand's app again",
        ),
        TokenError::WrongWorkspace => ApiError::new(
            ErrorCode::MemberTokenWrongWorkspace,
            "the member token belongs to another brand than this page",
        ),
    }
}

/// Creates or refreshes the member and answers with the session cookie.
async fn open_session(
    state: &AppState,
    workspace: &str,
    external_id: &str,
    profile: &ProfileClaims,
) -> Result<Response, ApiError> {
    let (member, joined) = members::upsert(&state.db, workspace, external_id, profile).await?;
    let (token, csrf) = sessions::create(&state.db, &member.id, joined).await?;
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{MEMBER_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        MEMBER_SESSION_HOURS * 3600
    );
    let cookie = HeaderValue::from_str(&cookie).map_err(ApiError::internal)?;
    let info = MemberSessionInfo {
        member: member_info(&member, joined),
        csrf,
    };
    Ok(([(header::SET_COOKIE, cookie)], Json(info)).into_response())
}

/// Verifies a member token (signature, expiry, and the page's workspace when `slug` is given),
/// creates or refreshes the member from its claims and sets the `cradle_member` cookie.
#[utoipa::path(post, path = "/member/session", operation_id = "member_session", tag = "members", request_body = SessionRequest,
    responses((status = 200, body = MemberSessionInfo),
              (status = 401, description = "member_token_invalid, member_token_forged or member_token_expired", body = ErrorBody),
              (status = 403, description = "member_token_wrong_workspace", body = ErrorBody),
              (status = 404, description = "no live page at slug", body = ErrorBody)))]
pub async fn session(
    State(state): State<AppState>,
    Json(req): Json<SessionRequest>,
) -> Result<Response, ApiError> {
    let claimed = token::read(&req.token).map_err(token_error)?;
    let secrets = member_secret::of(&state.db, &claimed.workspace_id)
        .await?
        .ok_or_else(|| token_error(TokenError::Forged))?;
    let claims = secrets.verify(&req.token, now_ms()).map_err(token_error)?;
    if let Some(slug) = &req.slug {
        let page = state
            .versions
            .live(&state.db, slug)
            .await?
            .ok_or_else(|| ApiError::not_found("page"))?;
        if page.workspace_id != claims.workspace_id {
            return Err(token_error(TokenError::WrongWorkspace));
        }
    }
    open_session(
        &state,
        &claims.workspace_id,
        &claims.member,
        &claims.profile,
    )
    .await
}

/// Demo mode (`serve --demo-members`): opens a session for the demo member of the page's
/// workspace, 20 weeks pregnant. 404 `demo_members_off` unless the server runs in demo mode.
#[utoipa::path(post, path = "/member/demo", tag = "members", request_body = DemoRequest,
    responses((status = 200, body = MemberSessionInfo), (status = 404, body = ErrorBody)))]
pub async fn demo(
    State(state): State<AppState>,
    Json(req): Json<DemoRequest>,
) -> Result<Response, ApiError> {
    if !state.config.demo_members {
        return Err(ApiError::new(
            ErrorCode::DemoMembersOff,
            "demo members are off: start the server with `serve --demo-members`",
        ));
    }
    let page = state
        .versions
        .live(&state.db, &req.slug)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    let today = day::local_day(
        settings::zone(&state.db, &page.workspace_id).await?,
        now_ms(),
    );
    let profile = ProfileClaims {
        // Week 20 of 40: mid pregnancy.
        due_date: Some(today + Duration::weeks(20)),
        tags: vec!["demo".into()],
        ..ProfileClaims::default()
    };
    open_session(&state, &page.workspace_id, DEMO_MEMBER, &profile).await
}

/// The member's club profile: own tier, the benefits they enjoy (sharing included), points
/// balance and recent ledger, and lifecycle stage.
#[utoipa::path(get, path = "/member/me", operation_id = "member_me", tag = "members",
    responses((status = 200, body = Profile), (status = 401, body = ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    me: CurrentMember,
) -> Result<Json<Profile>, ApiError> {
    let balance = ledger::balance(&state.db, &me.id).await?;
    let member = members::get(&state.db, &me.id)
        .await?
        .ok_or_else(|| ApiError::not_found("member"))?;
    let club = settings::get(&state.db, &me.workspace_id).await?;
    let ws = workspaces::get(&state.db, &me.workspace_id)
        .await?
        .ok_or_else(|| ApiError::internal("member without workspace"))?;
    let own = tiers::rank(&club, member.growth);
    let sharer = sharing::sharer_of(&state.db, &me.id).await?;
    // "Rights sharing" rules 1-2: the sharer's own tier, never what they receive.
    let sharer_rank = sharer
        .as_ref()
        .map(|(_, _, growth)| tiers::rank(&club, *growth));
    let enjoyed = tiers::benefit_rank(own, sharer_rank);
    let today = day::local_day(day::zone(&ws.time_zone), now_ms());
    Ok(Json(Profile {
        member: member_info(&member, me.joined),
        tier: tiers::info(&club, own),
        benefits: Benefits {
            tier: tiers::info(&club, enjoyed),
            benefits: tiers::benefits(&club, enjoyed),
            shared_by: sharer.map(|(_, code, _)| code),
        },
        points: Points {
            balance,
            growth: member.growth,
            recent: ledger::recent(&state.db, &me.id, RECENT_ENTRIES).await?,
        },
        stage: cradle_model::stage_of(&me.profile, today),
        profile: member.profile,
        prizes: won_by(&state, &me.id, &me.workspace_id).await?,
    }))
}

/// A new member joins through another member's invite code; the inviter earns the club's
/// `invite_reward`.
#[utoipa::path(post, path = "/member/invite", tag = "members", request_body = CodeRequest,
    responses((status = 200, body = InviteResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "invite_not_found", body = ErrorBody),
              (status = 409, description = "invite_not_new, already_invited or invite_loop", body = ErrorBody),
              (status = 422, description = "self_invite", body = ErrorBody)))]
pub async fn invite(
    State(state): State<AppState>,
    me: CurrentMember,
    Json(req): Json<CodeRequest>,
) -> Result<Json<InviteResult>, ApiError> {
    let (_, inviter_reward) = invites::redeem(&state.db, &me, &req.code)
        .await
        .map_err(|e| {
            let code = match &e {
                InviteError::UnknownCode => ErrorCode::InviteNotFound,
                InviteError::SelfInvite => ErrorCode::SelfInvite,
                InviteError::NotNew => ErrorCode::InviteNotNew,
                InviteError::AlreadyInvited => ErrorCode::AlreadyInvited,
                InviteError::Loop => ErrorCode::InviteLoop,
                InviteError::Db(e) => return ApiError::internal(e),
            };
            ApiError::new(code, e.to_string())
        })?;
    Ok(Json(InviteResult { inviter_reward }))
}

/// Makes an offer to share the member's rights: a token for a link (`?share={token}`) she gives
/// a family member, who enjoys her tier's benefits (when higher than their own) once they accept
/// it; each point they earn then gives her 0.25 points. Valid 7 days, accepted once.
#[utoipa::path(post, path = "/member/share-offers", tag = "members",
    responses((status = 201, body = OfferMade), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "sharing_off (turned off in the club settings)", body = ErrorBody)))]
pub async fn offer_share(
    State(state): State<AppState>,
    me: CurrentMember,
) -> Result<(StatusCode, Json<OfferMade>), ApiError> {
    sharing_on(&state, &me).await?;
    Ok((
        StatusCode::CREATED,
        Json(share_offers::make(&state.db, &me.id).await?),
    ))
}

/// Accepts an offer to share rights: the sharer's code.
#[utoipa::path(post, path = "/member/shares", operation_id = "accept_share", tag = "members", request_body = OfferAnswer,
    responses((status = 201, body = ShareResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "already_shared, share_loop or sharing_off (turned off in the club settings)", body = ErrorBody),
              (status = 410, description = "offer_gone: used, expired or unknown", body = ErrorBody),
              (status = 422, description = "self_share", body = ErrorBody)))]
pub async fn accept_share(
    State(state): State<AppState>,
    me: CurrentMember,
    Json(req): Json<OfferAnswer>,
) -> Result<(StatusCode, Json<ShareResult>), ApiError> {
    sharing_on(&state, &me).await?;
    let receiver = Receiver {
        id: &me.id,
        workspace_id: &me.workspace_id,
    };
    let sharer = share_offers::accept(&state.db, &req.token, receiver)
        .await
        .map_err(|e| {
            let code = match &e {
                ShareError::SelfShare => ErrorCode::SelfShare,
                ShareError::AlreadyShared => ErrorCode::AlreadyShared,
                ShareError::Loop => ErrorCode::ShareLoop,
                ShareError::Gone => ErrorCode::OfferGone,
                ShareError::Db(e) => return ApiError::internal(e),
            };
            ApiError::new(code, e.to_string())
        })?;
    Ok((StatusCode::CREATED, Json(ShareResult { sharer })))
}

/// Ends the sharing between the member and the member with this code, whichever of them shares
/// with the other. 404 when they do not share.
#[utoipa::path(delete, path = "/member/shares/{code}", operation_id = "end_share", tag = "members",
    params(("code" = String, Path, description = "the other member's code")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn end_share(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(code): Path<String>,
) -> Result<StatusCode, ApiError> {
    let other = members::by_code(&state.db, &me.workspace_id, &code)
        .await?
        .ok_or_else(|| ApiError::not_found("share"))?;
    if !sharing::end(&state.db, &me.id, &other.id).await? {
        return Err(ApiError::not_found("share"));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// 409 `sharing_off` when the brand has turned rights sharing off.
async fn sharing_on(state: &AppState, me: &CurrentMember) -> Result<(), ApiError> {
    if settings::get(&state.db, &me.workspace_id)
        .await?
        .rights_sharing
    {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::SharingOff,
            "this club does not offer rights sharing",
        ))
    }
}

//! The `CurrentMember` extractor: the member of the `cradle_member` session cookie, with the
//! CSRF header checked on every state-changing request (the same double submit as staff, see
//! `crate::auth::current`).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use cradle_model::audience::MemberProfile;
use cradle_wire::ErrorCode;

use crate::app::AppState;
use crate::auth::current::{cookie, CSRF_HEADER};
use crate::club::{sessions, settings, tiers};
use crate::error::ApiError;

/// Name of the member session cookie.
pub const MEMBER_COOKIE: &str = "cradle_member";

/// A member with a live session.
#[derive(Clone, Debug)]
pub struct CurrentMember {
    /// Internal member id.
    pub id: String,
    /// The member's workspace.
    pub workspace_id: String,
    /// The member's id in the brand's system.
    pub external_id: String,
    /// What audience rules see; `tier` is the member's own rank from lifetime growth.
    pub profile: MemberProfile,
    /// The session's CSRF token.
    pub csrf: String,
    /// Whether this session created the member (only it may redeem an invite).
    pub joined: bool,
}

impl FromRequestParts<AppState> for CurrentMember {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<CurrentMember, ApiError> {
        let unauthorized = || {
            ApiError::new(
                ErrorCode::MemberUnauthorized,
                "open the page from the brand's app to sign in as a member",
            )
        };
        let member = CurrentMember::from_cookie(&parts.headers, state)
            .await?
            .ok_or_else(unauthorized)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(member.csrf.as_str()) {
                return Err(ApiError::new(
                    ErrorCode::Csrf,
                    "missing or wrong X-CSRF-Token header: reload the page and try again",
                ));
            }
        }
        Ok(member)
    }
}

impl CurrentMember {
    /// The member of the request's session cookie, if it names a live session (no CSRF check:
    /// for reads that change what is shown, not what is stored).
    pub async fn from_cookie(
        headers: &HeaderMap,
        state: &AppState,
    ) -> Result<Option<CurrentMember>, ApiError> {
        let Some(token) = cookie(headers, MEMBER_COOKIE) else {
            return Ok(None);
        };
        let Some((session, member)) = sessions::lookup(&state.db, token).await? else {
            return Ok(None);
        };
        let club = settings::get(&state.db, &member.workspace_id).await?;
        Ok(Some(CurrentMember {
            profile: member.profile.profile(tiers::rank(&club, member.growth)),
            id: member.id,
            workspace_id: member.workspace_id,
            external_id: member.external_id,
            csrf: session.csrf,
            joined: session.joined,
        }))
    }
}

//! The one JSON error shape, `{"error": {"code", "message", "details"}}`, and the table of every
//! error code with its HTTP status and meaning. The server answers only codes from this table;
//! the app matches on [`ErrorCode`], never on strings; the OpenAPI document lists the table.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Declares the table once: each row a variant, its wire code, its HTTP status and its meaning
/// (the variant's doc comment).
macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $code:literal, $status:literal; )+) => {
        /// A stable, machine-readable error code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum ErrorCode {
            $( $(#[doc = $doc])+ #[serde(rename = $code)] $variant, )+
            /// A code this build does not know (a newer server, or a proxy's answer).
            #[serde(other, rename = "unknown")]
            Unknown,
        }

        impl ErrorCode {
            /// Every code the server may answer.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The code as sent, e.g. `version_conflict`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                    ErrorCode::Unknown => "unknown",
                }
            }

            /// The HTTP status the server answers with this code.
            pub fn status(self) -> u16 {
                match self {
                    $(ErrorCode::$variant => $status,)+
                    ErrorCode::Unknown => 500,
                }
            }

            /// What the code means, in one sentence.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => concat!($($doc),+).trim_ascii(),)+
                    ErrorCode::Unknown => "a code this build does not know",
                }
            }
        }
    };
}

error_codes! {
    /// The request is malformed (e.g. a missing header or a bad query).
    BadRequest = "bad_request", 400;
    /// A draw was sent without an `Idempotency-Key` header (1-100 characters).
    IdempotencyKeyRequired = "idempotency_key_required", 400;
    /// Not logged in (no or expired session cookie).
    Unauthorized = "unauthorized", 401;
    /// Wrong email or password.
    InvalidCredentials = "invalid_credentials", 401;
    /// No member session: open the page through the brand's signed link.
    MemberUnauthorized = "member_unauthorized", 401;
    /// The member token is malformed.
    MemberTokenInvalid = "member_token_invalid", 401;
    /// The member token's signature does not match the workspace's secret.
    MemberTokenForged = "member_token_forged", 401;
    /// The member token has expired.
    MemberTokenExpired = "member_token_expired", 401;
    /// The user's role does not allow this.
    Forbidden = "forbidden", 403;
    /// The `X-CSRF-Token` header is missing or wrong.
    Csrf = "csrf", 403;
    /// The member token was signed for another workspace than the page's.
    MemberTokenWrongWorkspace = "member_token_wrong_workspace", 403;
    /// The page or game is not open yet; `details.starts_at` says when it opens.
    NotStarted = "not_started", 403;
    /// The member is outside the game's audience.
    NotEligible = "not_eligible", 403;
    /// The block is for another audience than this member.
    NotInAudience = "not_in_audience", 403;
    /// The thing asked for does not exist (or belongs to another workspace).
    NotFound = "not_found", 404;
    /// No such redemption code.
    UnknownCode = "unknown_code", 404;
    /// No member has this invite code.
    InviteNotFound = "invite_not_found", 404;
    /// Demo members are off on this server (`serve --demo-members` turns them on).
    DemoMembersOff = "demo_members_off", 404;
    /// The method is not allowed on this path.
    MethodNotAllowed = "method_not_allowed", 405;
    /// The request took too long to arrive.
    Timeout = "timeout", 408;
    /// The draft changed since the version the client started from; `details.current_version`.
    VersionConflict = "version_conflict", 409;
    /// The draft moved on while publishing: review it before publishing again.
    PublishConflict = "publish_conflict", 409;
    /// Another page is live at this address.
    SlugTaken = "slug_taken", 409;
    /// The member used today's draws; `details.limit`.
    DailyLimit = "daily_limit", 409;
    /// The member used all draws of the campaign; `details.limit`.
    CampaignLimit = "campaign_limit", 409;
    /// The points balance is below the cost; `details.cost` (a draw) or `details.missing` (the
    /// points short for a points-mall item).
    InsufficientPoints = "insufficient_points", 409;
    /// The game was published before draws existed: republish the page.
    RepublishNeeded = "republish_needed", 409;
    /// The campaign has not ended, so its seed is not revealed yet.
    NotEnded = "not_ended", 409;
    /// The prize code was already redeemed.
    AlreadyRedeemed = "already_redeemed", 409;
    /// Only a member new to the club can accept an invite.
    InviteNotNew = "invite_not_new", 409;
    /// The member has already accepted an invite.
    AlreadyInvited = "already_invited", 409;
    /// Accepting would make two members invite each other.
    InviteLoop = "invite_loop", 409;
    /// The member already shares rights with someone.
    AlreadyShared = "already_shared", 409;
    /// Sharing would make two members share with each other.
    ShareLoop = "share_loop", 409;
    /// The brand has turned rights sharing off in its club settings.
    SharingOff = "sharing_off", 409;
    /// No unit of the points-mall item is left.
    SoldOut = "sold_out", 409;
    /// The game is played with draws earned by spending and none is left;
    /// `details.spend_over_cents` is the order that earns one.
    SpendToDraw = "spend_to_draw", 409;
    /// The workspace keeps its maximum number of saved sections.
    TooManySections = "too_many_sections", 409;
    /// The page or game has closed; `details.ended_at` says when.
    Ended = "ended", 410;
    /// The preview link has expired.
    Expired = "expired", 410;
    /// The preview link was revoked.
    Revoked = "revoked", 410;
    /// The prize code's redemption period is over.
    ExpiredCode = "expired_code", 410;
    /// The offer to share rights was used or has expired.
    OfferGone = "offer_gone", 410;
    /// The body is larger than allowed.
    BodyTooLarge = "body_too_large", 413;
    /// The workspace's picture quota would be exceeded.
    QuotaExceeded = "quota_exceeded", 413;
    /// The body's content type is not accepted here.
    UnsupportedMediaType = "unsupported_media_type", 415;
    /// The body is not the expected JSON; `details` lists `{path, kind, message}`.
    InvalidBody = "invalid_body", 422;
    /// The page has problems; `details` lists `{path, kind, message}` for each.
    InvalidDocument = "invalid_document", 422;
    /// The section has problems; `details` lists them by path.
    InvalidSection = "invalid_section", 422;
    /// The club settings have problems; `details` lists them by path.
    InvalidSettings = "invalid_settings", 422;
    /// The points adjustment has problems; `details` lists them by path.
    InvalidAdjustment = "invalid_adjustment", 422;
    /// The quiz answers do not fit the quiz; `details` lists them by path.
    InvalidAnswers = "invalid_answers", 422;
    /// No such vote option; `details` lists it by path.
    InvalidVote = "invalid_vote", 422;
    /// The picture's width, height or pixel count is over the limit (`details` says which).
    PictureTooLarge = "picture_too_large", 422;
    /// A member cannot accept their own invite.
    SelfInvite = "self_invite", 422;
    /// A member cannot share rights with themselves.
    SelfShare = "self_share", 422;
    /// Too many requests; the `Retry-After` header says when to try again.
    RateLimited = "rate_limited", 429;
    /// The member used today's votes.
    VoteLimit = "vote_limit", 429;
    /// Something failed on the server (logged there; nothing internal is told).
    Internal = "internal", 500;
    /// The database does not answer.
    DbUnavailable = "db_unavailable", 503;
}

impl ErrorCode {
    /// The code for an answer the handlers did not phrase themselves (an extractor's rejection,
    /// a framework's 405 or 408), from its status.
    pub fn for_status(status: u16) -> ErrorCode {
        match status {
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            405 => ErrorCode::MethodNotAllowed,
            408 => ErrorCode::Timeout,
            413 => ErrorCode::BodyTooLarge,
            415 => ErrorCode::UnsupportedMediaType,
            422 => ErrorCode::InvalidBody,
            429 => ErrorCode::RateLimited,
            s if s >= 500 => ErrorCode::Internal,
            _ => ErrorCode::BadRequest,
        }
    }

    /// The table as Markdown (code, status, meaning), for the API document.
    pub fn table() -> String {
        let mut out = String::from("| code | status | meaning |\n|---|---|---|\n");
        for code in ErrorCode::ALL {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                code.as_str(),
                code.status(),
                code.meaning()
            ));
        }
        out
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON body of every error answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable machine-readable code: see the `ErrorCode` schema for the table.
    pub code: ErrorCode,
    /// A sentence a person understands.
    pub message: String,
    /// Structured data: validation errors (`[{path, kind, message}]`), `current_version`…; may
    /// be null.
    #[serde(default)]
    pub details: Value,
}

#[cfg(feature = "openapi")]
mod schema {
    use std::borrow::Cow;

    use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
    use utoipa::openapi::RefOr;

    use super::ErrorCode;

    impl utoipa::PartialSchema for ErrorCode {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .enum_values(Some(ErrorCode::ALL.iter().map(|c| c.as_str())))
                .description(Some(format!(
                    "Every error code the server answers, with its status:\n\n{}",
                    ErrorCode::table()
                )))
                .into()
        }
    }

    impl utoipa::ToSchema for ErrorCode {
        fn name() -> Cow<'static, str> {
            Cow::Borrowed("ErrorCode")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, code.as_str());
            assert_eq!(serde_json::from_value::<ErrorCode>(json).unwrap(), code);
            assert!((400..600).contains(&code.status()));
            assert!(!code.meaning().is_empty());
        }
    }

    #[test]
    fn an_unknown_code_still_decodes() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"error":{"code":"from_the_future","message":"m","details":null}}"#,
        )
        .unwrap();
        assert_eq!(body.error.code, ErrorCode::Unknown);
    }
}

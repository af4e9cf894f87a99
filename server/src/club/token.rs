//! Member tokens: a brand's own system vouches for a member. A token is
//! `{hex(claims JSON)}.{hex(HMAC-SHA256(member secret, "member:" + hex(claims JSON)))}`
//! (the secret: [`crate::club::member_secret`]; the format as integrators read it: README): the
//! claims name the workspace, the member's id in the brand's system, profile facts and an expiry,
//! and cannot be altered without the workspace's secret.

use chrono::NaiveDate;
use cradle_model::audience::{MemberProfile, Segment};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use utoipa::ToSchema;

use crate::db::Db;
use crate::store::{now_ms, workspaces};

/// Profile facts the brand's system vouches for; refreshed from every token.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProfileClaims {
    /// Expected due date, while pregnant.
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<NaiveDate>,
    /// Baby's birth date.
    #[schema(value_type = Option<String>, format = Date)]
    pub baby_birth_date: Option<NaiveDate>,
    /// Said they are preparing for pregnancy.
    pub preparing: bool,
    /// Day of the last purchase.
    #[schema(value_type = Option<String>, format = Date)]
    pub last_purchase: Option<NaiveDate>,
    /// Segments (`loyal`, `active`, `seed`, `sleeping`).
    #[schema(value_type = Vec<String>)]
    pub segments: Vec<Segment>,
    /// Tags.
    pub tags: Vec<String>,
}

impl ProfileClaims {
    /// What audience rules see: these facts plus the tier rank the club computed.
    pub fn profile(&self, tier: u32) -> MemberProfile {
        MemberProfile {
            due_date: self.due_date,
            baby_birth_date: self.baby_birth_date,
            preparing: self.preparing,
            tier,
            segments: self.segments.clone(),
            last_purchase: self.last_purchase,
            tags: self.tags.clone(),
        }
    }
}

/// What a token says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The workspace (brand) whose secret signed it.
    pub workspace_id: String,
    /// The member's id in the brand's system.
    pub member: String,
    /// Not valid from this time on (Unix ms).
    pub expires_at: i64,
    /// Profile facts.
    #[serde(flatten)]
    pub profile: ProfileClaims,
}

/// Why a token opens no session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token at all.
    Malformed,
    /// The signature does not match the named workspace's secret (altered, or signed elsewhere).
    Forged,
    /// Past its expiry.
    Expired,
    /// Signed by another workspace than the page's.
    WrongWorkspace,
}

fn mac(secret: &str, payload: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(b"member:");
    mac.update(payload.as_bytes());
    mac
}

/// Signs `claims` with the workspace's `secret`.
pub fn sign(secret: &str, claims: &Claims) -> String {
    let payload = hex::encode(serde_json::to_vec(claims).unwrap_or_default());
    let signature = hex::encode(mac(secret, &payload).finalize().into_bytes());
    format!("{payload}.{signature}")
}

/// The claims of `token`, unverified (to find the workspace whose secret must verify it).
pub fn read(token: &str) -> Result<Claims, TokenError> {
    let (payload, _) = token.split_once('.').ok_or(TokenError::Malformed)?;
    let json = hex::decode(payload).map_err(|_| TokenError::Malformed)?;
    serde_json::from_slice(&json).map_err(|_| TokenError::Malformed)
}

/// The claims of `token` if `secret` signed it and it has not expired at `now_ms`.
pub fn verify(secret: &str, token: &str, now_ms: i64) -> Result<Claims, TokenError> {
    let claims = read(token)?;
    let (payload, signature) = token.split_once('.').ok_or(TokenError::Malformed)?;
    let signature = hex::decode(signature).map_err(|_| TokenError::Forged)?;
    mac(secret, payload)
        .verify_slice(&signature)
        .map_err(|_| TokenError::Forged)?;
    if now_ms >= claims.expires_at {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

/// A token for member `member` of the workspace named `workspace`, valid for `hours` (the CLI's
/// `member token`, and tests).
pub async fn mint(
    db: &Db,
    workspace: &str,
    member: &str,
    profile: ProfileClaims,
    hours: i64,
) -> Result<String, String> {
    let ws = workspaces::by_name(db, workspace)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no workspace named \"{workspace}\""))?;
    let secret = crate::club::member_secret::of(db, &ws.id)
        .await
        .map_err(|e| e.to_string())?
        .map(|s| s.current)
        .unwrap_or_default();
    if member.trim().is_empty() {
        return Err("the member id is empty".into());
    }
    let claims = Claims {
        workspace_id: ws.id,
        member: member.to_owned(),
        expires_at: now_ms() + hours * 3600 * 1000,
        profile,
    };
    Ok(sign(&secret, &claims))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn claims(expires_at: i64) -> Claims {
        Claims {
            workspace_id: "ws-a".into(),
            member: "m-1".into(),
            expires_at,
            profile: ProfileClaims {
                due_date: NaiveDate::from_ymd_opt(2026, 9, 1),
                tags: vec!["vip".into()],
                segments: vec![Segment::Loyal],
                ..Default::default()
            },
        }
    }

    #[test]
    fn signed_tokens_verify_until_they_expire() {
        let token = sign("secret-a", &claims(2_000));
        assert_eq!(verify("secret-a", &token, 1_999), Ok(claims(2_000)));
        assert_eq!(verify("secret-a", &token, 2_000), Err(TokenError::Expired));
    }

    #[test]
    fn other_secrets_and_altered_claims_are_forgeries() {
        let token = sign("secret-a", &claims(2_000));
        assert_eq!(verify("secret-b", &token, 0), Err(TokenError::Forged));
        // Extending the expiry without the secret breaks the signature.
        let (_, signature) = token.split_once('.').unwrap();
        let longer = hex::encode(serde_json::to_vec(&claims(9_000)).unwrap());
        let altered = format!("{longer}.{signature}");
        assert_eq!(read(&altered).unwrap().expires_at, 9_000);
        assert_eq!(verify("secret-a", &altered, 0), Err(TokenError::Forged));
        assert_eq!(
            verify("secret-a", &format!("{longer}.zz"), 0),
            Err(TokenError::Forged)
        );
    }

    #[test]
    fn garbage_is_malformed() {
        for token in ["", "abc", "zz.00", "00.00", &hex::encode("{\"a\":1}")] {
            assert_eq!(verify("s", token, 0), Err(TokenError::Malformed), "{token}");
        }
    }

    #[test]
    fn claims_become_a_profile_with_the_computed_tier() {
        let profile = claims(0).profile.profile(3);
        assert_eq!(profile.tier, 3);
        assert_eq!(profile.tags, ["vip"]);
        assert_eq!(profile.due_date, NaiveDate::from_ymd_opt(2026, 9, 1));
    }

    proptest! {
        #[test]
        fn any_flipped_signature_digit_is_refused(index in 0usize..64, member in "[a-z0-9]{1,20}") {
            let mut c = claims(i64::MAX);
            c.member = member;
            let token = sign("secret-a", &c);
            let (payload, signature) = token.split_once('.').unwrap();
            let mut digits: Vec<char> = signature.chars().collect();
            digits[index] = if digits[index] == '0' { '1' } else { '0' };
            let flipped = format!("{payload}.{}", digits.into_iter().collect::<String>());
            prop_assert_eq!(verify("secret-a", &flipped, 0), Err(TokenError::Forged));
            prop_assert_eq!(verify("secret-a", &token, 0), Ok(c));
        }
    }
}

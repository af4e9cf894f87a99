//! The brand's systems and Cradle: the member-token signing secret, API keys with scopes, members
//! looked up by the brand's own id, and purchases.

use serde::{Deserialize, Serialize};

/// What an API key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scope {
    /// Look members up, with their profile and ledger.
    #[serde(rename = "members:read")]
    MembersRead,
    /// Adjust members' points.
    #[serde(rename = "members:write")]
    MembersWrite,
    /// Report purchases and refunds.
    #[serde(rename = "orders:write")]
    OrdersWrite,
    /// Read the published campaigns.
    #[serde(rename = "campaigns:read")]
    CampaignsRead,
}

impl Scope {
    /// Every scope, in the order the settings page lists them.
    pub const ALL: [Scope; 4] = [
        Scope::MembersRead,
        Scope::MembersWrite,
        Scope::OrdersWrite,
        Scope::CampaignsRead,
    ];

    /// The scope's name on the wire (`members:read`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::MembersRead => "members:read",
            Scope::MembersWrite => "members:write",
            Scope::OrdersWrite => "orders:write",
            Scope::CampaignsRead => "campaigns:read",
        }
    }

    /// The scope named `name`.
    pub fn parse(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// The secret a brand's system signs member tokens with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberSecret {
    /// The workspace id tokens name (`workspace_id` claim).
    pub workspace_id: String,
    /// The current secret (hex).
    pub secret: String,
    /// Unix ms until which tokens signed with the secret before the last rotation still open
    /// sessions, if that is still ahead.
    pub previous_valid_until: Option<i64>,
}

/// A new API key's name and scopes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    /// What it is for ("CRM", "shop").
    pub name: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
}

/// An API key as listed (never the key itself).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyView {
    /// Its id.
    pub id: String,
    /// What it is for.
    pub name: String,
    /// The key's first characters, to recognise it.
    pub prefix: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
    /// Unix ms.
    pub created_at: i64,
    /// Unix ms it was last used, if ever.
    pub last_used_at: Option<i64>,
    /// Unix ms it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// A key just created: the only time the key is shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    /// The key, to send as `Authorization: Bearer {key}`; not shown again.
    pub key: String,
    /// The key as listed.
    pub view: ApiKeyView,
}

/// One line of an order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderItem {
    /// The brand's product code.
    pub sku: String,
    /// How many.
    pub quantity: u32,
    /// Price of one, in cents.
    pub price_cents: u64,
}

/// A purchase reported by the brand's shop or store system (`POST /api/orders`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    /// The brand's order id: the same id twice counts once.
    pub order_id: String,
    /// The member's id in the brand's system.
    pub member: String,
    /// What was paid, in cents (1 point per whole yuan before the tier's multiplier).
    pub amount_cents: u64,
    /// What was bought.
    #[serde(default)]
    pub items: Vec<OrderItem>,
    /// `online`, or `store:{store id}`.
    pub channel: String,
    /// When it was bought (Unix ms; now when left out).
    #[serde(default)]
    pub ordered_at: Option<i64>,
}

/// What an order gave (or, refunded, took back).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderResult {
    /// The brand's order id.
    pub order_id: String,
    /// Points credited (the tier's multiplier applied).
    pub points: i64,
    /// Points taken back by a refund, if refunded.
    pub refunded_points: Option<i64>,
    /// The member's balance now.
    pub balance: i64,
}

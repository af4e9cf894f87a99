//! The brand's systems and Cradle: the member-token signing secret, API keys with scopes, members
//! looked up by the brand's own id, purchases, and webhooks.

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
    /// Draws the order earned on live spend-to-draw campaigns (满额抽奖).
    pub draws: Vec<EarnedDraw>,
}

/// A draw an order earned.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EarnedDraw {
    /// The page (`/c/{page}`).
    pub page: String,
    /// The campaign on it.
    pub campaign: String,
}

/// What a webhook is told about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Event {
    /// A member won a prize in a draw.
    #[serde(rename = "prize.won")]
    PrizeWon,
    /// A clerk redeemed a code.
    #[serde(rename = "code.redeemed")]
    CodeRedeemed,
    /// A member reached a higher tier.
    #[serde(rename = "tier.changed")]
    TierChanged,
}

impl Event {
    /// Every event.
    pub const ALL: [Event; 3] = [Event::PrizeWon, Event::CodeRedeemed, Event::TierChanged];

    /// The event's name on the wire (`prize.won`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Event::PrizeWon => "prize.won",
            Event::CodeRedeemed => "code.redeemed",
            Event::TierChanged => "tier.changed",
        }
    }

    /// The event named `name`.
    pub fn parse(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == name)
    }
}

/// A new webhook.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    /// Where to POST events (`https://…`; `http://` for a system on the same network).
    pub url: String,
    /// Which events.
    pub events: Vec<Event>,
}

/// A webhook as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookView {
    /// Its id.
    pub id: String,
    /// Where events go.
    pub url: String,
    /// Which events.
    pub events: Vec<Event>,
    /// Unix ms.
    pub created_at: i64,
}

/// A webhook just created, with the secret its deliveries are signed with (shown once).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedWebhook {
    /// The signing secret: `X-Cradle-Signature` is `sha256=` and the hex HMAC-SHA256 of
    /// `{X-Cradle-Timestamp}.{body}` with it.
    pub secret: String,
    /// The webhook as listed.
    pub view: WebhookView,
}

/// One delivery of an event to a webhook.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delivery {
    /// Its id (`X-Cradle-Delivery`).
    pub id: String,
    /// The event's name.
    pub event: String,
    /// Attempts so far.
    pub attempts: i64,
    /// Unix ms it was answered 2xx, if it was.
    pub delivered_at: Option<i64>,
    /// The last answer's status, if one came.
    pub last_status: Option<i64>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// Unix ms the next attempt is due, while it is not delivered and not given up.
    pub next_at: Option<i64>,
    /// Unix ms.
    pub created_at: i64,
}

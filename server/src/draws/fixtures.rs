//! Campaigns to test the draw rules with (tests only).

use cradle_model::campaign::{Cost, GameKind, Limits, Prize, PrizeKind, Stock, Window};
use cradle_model::Campaign;

/// An unlimited prize.
pub fn prize(id: &str, kind: PrizeKind, weight: u32) -> Prize {
    Prize {
        id: id.into(),
        name: id.into(),
        kind,
        image: None,
        weight,
        stock: Stock::Unlimited,
    }
}

/// A wheel campaign over 2026 with `prizes`, no cost and no limits.
pub fn campaign(prizes: Vec<Prize>, fallback: &str) -> Campaign {
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    Campaign {
        id: "c".into(),
        name: "c".into(),
        game: GameKind::Wheel,
        window: Window {
            start: at("2026-01-01T00:00:00Z"),
            end: at("2027-01-01T00:00:00Z"),
        },
        audience: None,
        cost: Cost::default(),
        limits: Limits::default(),
        spend_over_cents: None,
        prizes,
        fallback_prize: fallback.into(),
    }
}

//! Campaigns (ids, windows, prize counts, weights, limits, fallback) and the club's tier ladder.

use std::collections::{BTreeMap, HashSet};

use super::{is_valid_id, Kind, Validator, MAX_CAMPAIGNS, MAX_TIERS};
use crate::campaign::{
    Campaign, PrizeKind, Stock, MAX_DRAWS, MAX_POINTS, MAX_STOCK, MAX_VALUE_CENTS, MAX_WEIGHT,
};
use crate::club::ClubSettings;

impl Validator<'_> {
    pub(super) fn campaigns(&mut self) {
        let doc = self.doc;
        if doc.campaigns.len() > MAX_CAMPAIGNS {
            self.err(
                Kind::Count,
                "/campaigns",
                format!("a page may use at most {MAX_CAMPAIGNS} campaigns"),
            );
        }
        let mut ids = HashSet::new();
        for (i, c) in doc.campaigns.iter().enumerate() {
            let path = format!("/campaigns/{i}");
            if !is_valid_id(&c.id) {
                self.err(
                    Kind::Format,
                    format!("{path}/id"),
                    "campaign id must be 1-64 letters, digits, '-' or '_'",
                );
            } else if !ids.insert(c.id.as_str()) {
                self.err(
                    Kind::Duplicate,
                    format!("{path}/id"),
                    format!("campaign id '{}' is used twice", c.id),
                );
            }
            self.campaign(&path, c);
        }
    }

    pub(super) fn campaign(&mut self, path: &str, c: &Campaign) {
        self.text(&format!("{path}/name"), &c.name, "name", 40, true);
        if c.window.end <= c.window.start {
            self.err(
                Kind::Inconsistent,
                format!("{path}/window/end"),
                "the campaign must end after it starts",
            );
        }
        if let Some(rule) = &c.audience {
            self.rule(&format!("{path}/audience"), rule);
        }
        let (min, max) = c.game.prize_count();
        let n = c.prizes.len();
        if n < min || n > max {
            let need = if min == max {
                format!("exactly {min}")
            } else {
                format!("{min}-{max}")
            };
            self.err(
                Kind::Count,
                format!("{path}/prizes"),
                format!("this game needs {need} prizes; it has {n}"),
            );
        }
        if let (Some(per_day), Some(total)) =
            (c.limits.per_member_per_day, c.limits.per_member_total)
        {
            if per_day > total {
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/limits/per_member_per_day"),
                    "the daily limit cannot exceed the campaign limit",
                );
            }
        }
        self.at_most(
            &format!("{path}/cost/points_per_draw"),
            c.cost.points_per_draw,
            MAX_POINTS,
            "a draw's cost",
        );
        for (key, limit) in [
            ("cost/free_draws_per_day", Some(c.cost.free_draws_per_day)),
            ("limits/per_member_per_day", c.limits.per_member_per_day),
            ("limits/per_member_total", c.limits.per_member_total),
            ("limits/max_wins_per_member", c.limits.max_wins_per_member),
        ] {
            if let Some(n) = limit {
                self.at_most(&format!("{path}/{key}"), n, MAX_DRAWS, "this limit");
            }
        }
        let mut prize_ids = HashSet::new();
        for (j, p) in c.prizes.iter().enumerate() {
            let ppath = format!("{path}/prizes/{j}");
            if !is_valid_id(&p.id) {
                self.err(
                    Kind::Format,
                    format!("{ppath}/id"),
                    "prize id must be 1-64 letters, digits, '-' or '_'",
                );
            } else if !prize_ids.insert(p.id.as_str()) {
                self.err(
                    Kind::Duplicate,
                    format!("{ppath}/id"),
                    format!("prize id '{}' is used twice", p.id),
                );
            }
            self.text(&format!("{ppath}/name"), &p.name, "name", 30, true);
            if p.weight < 1 {
                self.err(
                    Kind::OutOfRange,
                    format!("{ppath}/weight"),
                    "weight must be at least 1",
                );
            }
            self.at_most(&format!("{ppath}/weight"), p.weight, MAX_WEIGHT, "weight");
            if let Stock::Limited(n) = p.stock {
                self.at_most(&format!("{ppath}/stock/limited"), n, MAX_STOCK, "stock");
            }
            match p.kind {
                PrizeKind::Points { amount } => self.at_most(
                    &format!("{ppath}/kind/amount"),
                    amount,
                    MAX_POINTS,
                    "points",
                ),
                PrizeKind::Coupon { value_cents } => self.at_most(
                    &format!("{ppath}/kind/value_cents"),
                    value_cents,
                    MAX_VALUE_CENTS,
                    "a coupon's value (cents)",
                ),
                PrizeKind::Physical | PrizeKind::Thanks => {}
            }
            if let Some(image) = &p.image {
                self.url(&format!("{ppath}/image"), image);
            }
            if let PrizeKind::Points { amount: 0 } = p.kind {
                self.err(
                    Kind::OutOfRange,
                    format!("{ppath}/kind/amount"),
                    "a points prize must give at least 1 point",
                );
            }
        }
        match c.prize(&c.fallback_prize) {
            None => self.err(
                Kind::UnknownReference,
                format!("{path}/fallback_prize"),
                format!(
                    "fallback prize '{}' is not one of this campaign's prizes",
                    c.fallback_prize
                ),
            ),
            Some(p) if p.stock != Stock::Unlimited => self.err(
                Kind::Inconsistent,
                format!("{path}/fallback_prize"),
                "the fallback prize is given when others run out, so it needs unlimited stock",
            ),
            Some(_) => {}
        }
    }

    /// An amount above its bound.
    fn at_most(&mut self, path: &str, value: u32, max: u32, name: &str) {
        if value > max {
            self.err(
                Kind::OutOfRange,
                path,
                format!("{name} must be at most {max}"),
            );
        }
    }

    pub(super) fn club(&mut self, club: &ClubSettings) {
        if club.tiers.is_empty() || club.tiers.len() > MAX_TIERS {
            self.err(
                Kind::Count,
                "/club/tiers",
                format!("the tier ladder needs 1-{MAX_TIERS} tiers"),
            );
        }
        let points = &club.points;
        for (key, value) in [
            ("share_points", points.share_points),
            ("game_points", points.game_points),
            ("daily_interaction_cap", points.daily_interaction_cap),
            ("invite_reward", points.invite_reward),
        ] {
            self.at_most(&format!("/club/points/{key}"), value, MAX_POINTS, "points");
        }
        let mut ids = BTreeMap::new();
        for (i, tier) in club.tiers.iter().enumerate() {
            let path = format!("/club/tiers/{i}");
            if !is_valid_id(&tier.id) {
                self.err(
                    Kind::Format,
                    format!("{path}/id"),
                    "tier id must be 1-64 letters, digits, '-' or '_'",
                );
            } else if ids.insert(tier.id.as_str(), i).is_some() {
                self.err(
                    Kind::Duplicate,
                    format!("{path}/id"),
                    format!("tier id '{}' is used twice", tier.id),
                );
            }
            self.text(&format!("{path}/name"), &tier.name, "name", 20, true);
            if i == 0 && tier.threshold != 0 {
                self.err(
                    Kind::OutOfRange,
                    format!("{path}/threshold"),
                    "the first tier starts at 0 growth",
                );
            }
            if i > 0 && tier.threshold <= club.tiers[i - 1].threshold {
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/threshold"),
                    "each tier needs more growth than the one below",
                );
            }
        }
    }
}

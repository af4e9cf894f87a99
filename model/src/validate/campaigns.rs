//! Campaigns (ids, windows, prize counts, weights, limits, fallback) and the club's settings.

use std::collections::{BTreeMap, HashSet};

use super::{is_valid_id, name, Reason, Validator, MAX_CAMPAIGNS, MAX_TIERS};
use crate::campaign::{
    Campaign, PrizeKind, Stock, MAX_DRAWS, MAX_POINTS, MAX_STOCK, MAX_VALUE_CENTS, MAX_WEIGHT,
};
use crate::club::ClubSettings;
use crate::fields::Label;

impl Validator<'_> {
    pub(super) fn campaigns(&mut self) {
        let doc = self.doc;
        if doc.campaigns.len() > MAX_CAMPAIGNS {
            self.err(
                "/campaigns",
                Reason::TooMany(name::CAMPAIGNS, MAX_CAMPAIGNS),
            );
        }
        let mut ids = HashSet::new();
        for (i, c) in doc.campaigns.iter().enumerate() {
            let path = format!("/campaigns/{i}");
            if !is_valid_id(&c.id) {
                self.err(format!("{path}/id"), Reason::BadId(name::CAMPAIGN));
            } else if !ids.insert(c.id.as_str()) {
                self.err(
                    format!("{path}/id"),
                    Reason::DuplicateId(name::CAMPAIGN, c.id.clone()),
                );
            }
            self.campaign(&path, c);
        }
    }

    pub(super) fn campaign(&mut self, path: &str, c: &Campaign) {
        self.text(&format!("{path}/name"), &c.name, name::NAME, 40, true);
        if c.window.end <= c.window.start {
            self.err(format!("{path}/window/end"), Reason::EndsBeforeStart);
        }
        if let Some(rule) = &c.audience {
            self.rule(&format!("{path}/audience"), rule);
        }
        let (min, max) = c.game.prize_count();
        let n = c.prizes.len();
        if n < min || n > max {
            self.err(
                format!("{path}/prizes"),
                Reason::PrizeCount { min, max, has: n },
            );
        }
        if let (Some(per_day), Some(total)) =
            (c.limits.per_member_per_day, c.limits.per_member_total)
        {
            if per_day > total {
                self.err(
                    format!("{path}/limits/per_member_per_day"),
                    Reason::DailyAboveTotal,
                );
            }
        }
        self.at_most(
            &format!("{path}/cost/points_per_draw"),
            c.cost.points_per_draw,
            MAX_POINTS,
            name::DRAW_COST,
        );
        for (key, limit) in [
            ("cost/free_draws_per_day", Some(c.cost.free_draws_per_day)),
            ("limits/per_member_per_day", c.limits.per_member_per_day),
            ("limits/per_member_total", c.limits.per_member_total),
            ("limits/max_wins_per_member", c.limits.max_wins_per_member),
        ] {
            if let Some(n) = limit {
                self.at_most(&format!("{path}/{key}"), n, MAX_DRAWS, name::LIMIT);
            }
        }
        let mut prize_ids = HashSet::new();
        for (j, p) in c.prizes.iter().enumerate() {
            let ppath = format!("{path}/prizes/{j}");
            if !is_valid_id(&p.id) {
                self.err(format!("{ppath}/id"), Reason::BadId(name::PRIZE));
            } else if !prize_ids.insert(p.id.as_str()) {
                self.err(
                    format!("{ppath}/id"),
                    Reason::DuplicateId(name::PRIZE, p.id.clone()),
                );
            }
            self.text(&format!("{ppath}/name"), &p.name, name::NAME, 30, true);
            if p.weight < 1 {
                self.err(format!("{ppath}/weight"), Reason::AtLeast(name::WEIGHT, 1));
            }
            self.at_most(
                &format!("{ppath}/weight"),
                p.weight,
                MAX_WEIGHT,
                name::WEIGHT,
            );
            if let Stock::Limited(n) = p.stock {
                self.at_most(&format!("{ppath}/stock/limited"), n, MAX_STOCK, name::STOCK);
            }
            match p.kind {
                PrizeKind::Points { amount } => self.at_most(
                    &format!("{ppath}/kind/amount"),
                    amount,
                    MAX_POINTS,
                    name::POINTS,
                ),
                PrizeKind::Coupon { value_cents } | PrizeKind::Physical { value_cents } => self
                    .at_most(
                        &format!("{ppath}/kind/value_cents"),
                        value_cents,
                        MAX_VALUE_CENTS,
                        name::PRIZE_VALUE,
                    ),
                PrizeKind::Thanks => {}
            }
            if let Some(image) = &p.image {
                self.url(&format!("{ppath}/image"), image);
            }
            if let PrizeKind::Points { amount: 0 } = p.kind {
                self.err(format!("{ppath}/kind/amount"), Reason::NoPoints);
            }
        }
        match c.prize(&c.fallback_prize) {
            None => self.err(
                format!("{path}/fallback_prize"),
                Reason::NoSuchFallback(c.fallback_prize.clone()),
            ),
            Some(p) if p.stock != Stock::Unlimited => {
                self.err(format!("{path}/fallback_prize"), Reason::FallbackLimited)
            }
            Some(_) => {}
        }
    }

    /// An amount above its bound.
    fn at_most(&mut self, path: &str, value: u32, max: u32, name: Label) {
        if value > max {
            self.err(path, Reason::AtMost(name, max.into()));
        }
    }

    /// The club settings' problems, with paths into the settings JSON (`/tiers/1/threshold`).
    pub(super) fn club(&mut self, club: &ClubSettings) {
        if club.tiers.is_empty() || club.tiers.len() > MAX_TIERS {
            self.err("/tiers", Reason::TierCount(MAX_TIERS));
        }
        let points = &club.points;
        for (key, value) in [
            ("share_points", points.share_points),
            ("game_points", points.game_points),
            ("daily_interaction_cap", points.daily_interaction_cap),
            ("invite_reward", points.invite_reward),
        ] {
            self.at_most(&format!("/points/{key}"), value, MAX_POINTS, name::POINTS);
        }
        let mut ids = BTreeMap::new();
        for (i, tier) in club.tiers.iter().enumerate() {
            let path = format!("/tiers/{i}");
            if !is_valid_id(&tier.id) {
                self.err(format!("{path}/id"), Reason::BadId(name::TIER));
            } else if ids.insert(tier.id.as_str(), i).is_some() {
                self.err(
                    format!("{path}/id"),
                    Reason::DuplicateId(name::TIER, tier.id.clone()),
                );
            }
            self.text(&format!("{path}/name"), &tier.name, name::NAME, 20, true);
            if i == 0 && tier.threshold != 0 {
                self.err(format!("{path}/threshold"), Reason::FirstTierNotZero);
            }
            if i > 0 && tier.threshold <= club.tiers[i - 1].threshold {
                self.err(format!("{path}/threshold"), Reason::TierNotHigher);
            }
        }
    }
}

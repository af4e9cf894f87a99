//! The template gallery: finished pages a marketer starts from (plus the blank page).

use crate::document::Document;
use crate::fields::Label;
use crate::parse::decode_document;
use crate::validate::{Kind, ValidationError};

/// A template in the gallery.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Stable id, used by `POST /api/documents {"template": …}`.
    pub id: &'static str,
    /// Gallery name.
    pub name: Label,
    /// One-line description.
    pub description: Label,
    json: &'static str,
}

/// Every template, blank first.
pub const ALL: [Template; 8] = [
    Template {
        id: "blank",
        name: Label {
            en: "Blank page",
            zh: "空白页",
        },
        description: Label {
            en: "Start from nothing",
            zh: "从零开始",
        },
        json: "",
    },
    Template {
        id: "club-home",
        name: Label {
            en: "Member club home",
            zh: "会员中心首页",
        },
        description: Label {
            en: "Member card, daily sign-in, tips by stage, tasks and rewards",
            zh: "会员卡、每日签到、孕育知识、任务与积分兑换",
        },
        json: include_str!("../templates/club-home.json"),
    },
    Template {
        id: "wheel-campaign",
        name: Label {
            en: "Lucky wheel campaign",
            zh: "大转盘抽奖活动",
        },
        description: Label {
            en: "A wheel with prizes, stock, a countdown and coupons",
            zh: "带奖品库存、倒计时和优惠券的大转盘",
        },
        json: include_str!("../templates/wheel-campaign.json"),
    },
    Template {
        id: "nine-grid-party",
        name: Label {
            en: "Nine-grid party",
            zh: "九宫格派对",
        },
        description: Label {
            en: "Banner, nine-grid lottery, sign-in and share buttons, a vote",
            zh: "轮播图、九宫格抽奖、签到分享按钮与投票",
        },
        json: include_str!("../templates/nine-grid-party.json"),
    },
    Template {
        id: "double-11-lottery",
        name: Label {
            en: "Double 11 lucky draw",
            zh: "双十一抽奖",
        },
        description: Label {
            en: "A full-amount lottery wheel with 8 prizes, stock, a points cost and a countdown",
            zh: "满额抽奖大转盘：8 个奖品、库存、积分消耗与倒计时",
        },
        json: include_str!("../templates/double-11-lottery.json"),
    },
    Template {
        id: "daily-sign-in",
        name: Label {
            en: "Daily sign-in",
            zh: "每日签到",
        },
        description: Label {
            en: "A 7-day streak calendar with day rewards, tasks and points redemption",
            zh: "7 天连续签到日历、每日奖励、任务与积分兑换",
        },
        json: include_str!("../templates/daily-sign-in.json"),
    },
    Template {
        id: "invite-friends",
        name: Label {
            en: "Invite a friend",
            zh: "邀请好友",
        },
        description: Label {
            en: "Invite card and rights sharing: friends enjoy your tier, you earn 0.25 per point",
            zh: "邀请卡与权益共享：好友享受你的等级权益，你获得 0.25 积分/分",
        },
        json: include_str!("../templates/invite-friends.json"),
    },
    Template {
        id: "stage-guide",
        name: Label {
            en: "Pregnancy and baby guide",
            zh: "孕育阶段指南",
        },
        description: Label {
            en: "Sections shown only to members in each stage, from preparing to newborn",
            zh: "按孕育阶段定向展示的内容：从备孕到新生儿",
        },
        json: include_str!("../templates/stage-guide.json"),
    },
];

/// The template with `id`.
pub fn find(id: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.id == id)
}

impl Template {
    /// A new document from this template with the given id, title and slug.
    pub fn instantiate(
        &self,
        id: &str,
        title: &str,
        slug: &str,
    ) -> Result<Document, Vec<ValidationError>> {
        if self.json.is_empty() {
            return Ok(Document::blank(id, title, slug));
        }
        let json: serde_json::Value = serde_json::from_str(self.json).map_err(|e| {
            vec![ValidationError::new(
                "",
                Kind::WrongType,
                format!("template '{}' is not JSON: {e}", self.id),
            )]
        })?;
        let mut doc = decode_document(&json)?;
        doc.id = id.into();
        doc.title = title.into();
        doc.slug = slug.into();
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    #[test]
    fn every_template_is_valid() {
        for t in ALL {
            let doc = t
                .instantiate("d1", "My page", "my-page")
                .unwrap_or_else(|e| panic!("{}: {e:?}", t.id));
            assert_eq!(validate(&doc), vec![], "{}", t.id);
            assert_eq!(doc.slug, "my-page");
        }
        assert!(ALL.len() >= 6, "blank plus at least five starters");
        assert!(find("club-home").is_some());
        let lottery = find("double-11-lottery")
            .unwrap()
            .instantiate("d2", "Lottery", "lottery")
            .unwrap();
        assert_eq!(lottery.campaigns[0].prizes.len(), 8);
        assert!(lottery.campaigns[0]
            .prizes
            .iter()
            .any(|p| p.kind == crate::campaign::PrizeKind::Thanks));
        assert!(find("nope").is_none());
    }
}

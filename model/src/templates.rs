//! The template gallery: finished pages a marketer starts from (plus the blank page).

use crate::document::Document;
use crate::fields::Label;
use crate::parse::decode_document;
use crate::validate::ValidationError;

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
pub const ALL: [Template; 4] = [
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
        assert!(find("club-home").is_some());
        assert!(find("nope").is_none());
    }
}

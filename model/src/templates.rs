//! The template gallery: finished pages a marketer starts from (plus the blank page).
//!
//! Each template is written twice, `{id}.zh-CN.json` and `{id}.en.json`: two plain pages (each
//! valid against the page schema) with the same blocks, ids and campaigns and only the words
//! translated, which this module's tests check. A page is created in one language and its members
//! read that one.
//!
//! Dates in a template are written as if the page were created on [`DAY_ONE`]; a page created on
//! another day has every campaign window and countdown moved by as many days, so a template is
//! playable the day it is created (a Double 11 draw opens that day and runs its 11 days).

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use serde_json::Value;

use crate::campaign::{Campaign, GameKind};
use crate::document::Document;
use crate::fields::{FieldKind, Label};
use crate::language::Language;
use crate::parse::{decode, decode_document};
use crate::validate::{Kind, ValidationError};

/// The creation day templates are dated for: midnight starting 1 January 2027, China time.
pub const DAY_ONE: &str = "2027-01-01T00:00:00+08:00";

/// China time, which templates and new blocks' dates are written in.
pub(crate) fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// A template in the gallery.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Stable id, used by `POST /api/documents {"template": …}`.
    pub id: &'static str,
    /// Gallery name.
    pub name: Label,
    /// One-line description.
    pub description: Label,
}

/// Every template, blank first.
pub const ALL: [Template; 11] = [
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
    },
    Template {
        id: "scratch-card",
        name: Label {
            en: "Members' scratch card",
            zh: "会员刮刮卡",
        },
        description: Label {
            en: "A daily free scratch card with points, coupons, a baby gift and a countdown",
            zh: "每天免费刮一次：积分、优惠券、母婴好礼与倒计时",
        },
    },
    Template {
        id: "smash-egg",
        name: Label {
            en: "Smash the golden egg",
            zh: "砸金蛋",
        },
        description: Label {
            en: "Smash a golden egg: banner, countdown, limited gifts, share button and rules",
            zh: "砸金蛋赢好礼：轮播图、倒计时、限量好礼、分享按钮与活动规则",
        },
    },
    Template {
        id: "slot-machine",
        name: Label {
            en: "Lucky slot machine",
            zh: "幸运老虎机",
        },
        description: Label {
            en: "A slot machine with a free daily spin, points cost, win limit and a countdown",
            zh: "老虎机抽奖：每天免费 1 次、积分消耗、中奖上限与倒计时",
        },
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
    },
];

/// The gallery's two tables of files, in gallery order after the blank page: `PAGES`, each page
/// as JSON (`templates/`), and `CAMPAIGNS`, its campaigns alone (build.rs's output). Apart from
/// [`ALL`] and from each other, so the names come without the pages, and new games' campaigns
/// (read from `CAMPAIGNS`) too: the editor never links the pages.
macro_rules! gallery_files {
    ($($id:literal),* $(,)?) => {
        const PAGES: [(&str, Label); [$($id),*].len()] = [$((
            $id,
            Label {
                en: include_str!(concat!("../templates/", $id, ".en.json")),
                zh: include_str!(concat!("../templates/", $id, ".zh-CN.json")),
            },
        )),*];
        const CAMPAIGNS: [(&str, Label); [$($id),*].len()] = [$((
            $id,
            Label {
                en: include_str!(concat!(env!("OUT_DIR"), "/", $id, ".en.campaigns.json")),
                zh: include_str!(concat!(env!("OUT_DIR"), "/", $id, ".zh-CN.campaigns.json")),
            },
        )),*];
    };
}

gallery_files!(
    "club-home",
    "wheel-campaign",
    "nine-grid-party",
    "scratch-card",
    "smash-egg",
    "slot-machine",
    "double-11-lottery",
    "daily-sign-in",
    "invite-friends",
    "stage-guide",
);

/// The template with `id`.
pub fn find(id: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.id == id)
}

impl Template {
    /// A new document from this template in `language`, with the given id, title and slug,
    /// created at `now`: its dates move from [`DAY_ONE`] to the day of `now` in China.
    pub fn instantiate(
        &self,
        id: &str,
        title: &str,
        slug: &str,
        language: Language,
        now: DateTime<Utc>,
    ) -> Result<Document, Vec<ValidationError>> {
        let page = PAGES.iter().find(|(page, _)| *page == self.id);
        let Some(json) = page.map(|(_, page)| page.get(language)) else {
            let mut doc = Document::blank(id, title, slug);
            doc.language = language;
            return Ok(doc);
        };
        let json: serde_json::Value = serde_json::from_str(json).map_err(|e| {
            vec![ValidationError::in_english(
                "",
                Kind::WrongType,
                format!("template '{}' is not JSON: {e}", self.id),
            )]
        })?;
        let mut doc = decode_document(&json)?;
        doc.id = id.into();
        doc.title = title.into();
        doc.slug = slug.into();
        move_dates(&mut doc, now);
        Ok(doc)
    }
}

/// A complete campaign for a new `game` (placed from the palette, or pasted without its own): the
/// gallery's campaign for that game in `language`, its window starting on the day of `now`.
pub fn starter_campaign(game: GameKind, language: Language, now: DateTime<Utc>) -> Campaign {
    let shift = day_shift(now);
    let mut campaign = CAMPAIGNS
        .iter()
        .flat_map(|(_, campaigns)| {
            let json = serde_json::from_str(campaigns.get(language))
                .expect("build.rs writes every template's campaigns as JSON");
            decode::<Vec<Campaign>>(json).expect("every template is a valid page")
        })
        .find(|c| c.game == game)
        .expect("the gallery has a campaign for every game");
    campaign.window.start = shift(campaign.window.start);
    campaign.window.end = shift(campaign.window.end);
    campaign
}

/// Moves a date from [`DAY_ONE`] to the day of `now` in China, keeping its time of day.
fn day_shift(now: DateTime<Utc>) -> impl Fn(DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let day_one = DateTime::parse_from_rfc3339(DAY_ONE).expect("DAY_ONE is RFC 3339");
    let today = now.with_timezone(&china()).date_naive();
    let days = (today - day_one.date_naive()).num_days();
    // A fixed offset has no daylight saving: a day is always 24 hours.
    move |at| at + TimeDelta::days(days)
}

/// Moves every campaign window and date prop of `doc` from [`DAY_ONE`] to the day of `now` in
/// China, keeping the times of day and the lengths.
fn move_dates(doc: &mut Document, now: DateTime<Utc>) {
    let shift = day_shift(now);
    for campaign in &mut doc.campaigns {
        campaign.window.start = shift(campaign.window.start);
        campaign.window.end = shift(campaign.window.end);
    }
    for block in doc.blocks.values_mut() {
        let dates = block
            .kind
            .spec()
            .fields
            .iter()
            .filter(|f| f.kind == FieldKind::DateTime);
        for field in dates {
            let props = std::iter::once(&mut block.props)
                .chain(block.overrides.values_mut().map(|o| &mut o.props));
            for value in props.filter_map(|p| p.get_mut(field.key)) {
                if let Some(at) = value
                    .as_str()
                    .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                {
                    *value = Value::String(shift(at).to_rfc3339());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Field;
    use crate::language::check;
    use crate::validate::validate;

    const BOTH: [Language; 2] = [Language::ZhCn, Language::En];

    fn page(t: &Template, language: Language) -> Document {
        page_at(t, language, Utc::now())
    }

    fn page_at(t: &Template, language: Language, now: DateTime<Utc>) -> Document {
        t.instantiate("d1", "My page", "my-page", language, now)
            .unwrap_or_else(|e| panic!("{} ({language:?}): {e:?}", t.id))
    }

    #[test]
    fn every_template_is_valid_in_both_languages() {
        for t in ALL {
            for language in BOTH {
                let doc = page(&t, language);
                assert_eq!(validate(&doc), vec![], "{} ({language:?})", t.id);
                assert_eq!(doc.slug, "my-page");
                assert_eq!(doc.language, language, "{}", t.id);
            }
        }
        assert_eq!(ALL.len(), 11, "blank plus ten starters");
        assert!(find("club-home").is_some());
        let lottery = find("double-11-lottery")
            .unwrap()
            .instantiate("d2", "Lottery", "lottery", Language::ZhCn, Utc::now())
            .unwrap();
        assert_eq!(lottery.campaigns[0].prizes.len(), 8);
        assert!(lottery.campaigns[0]
            .prizes
            .iter()
            .any(|p| p.kind == crate::campaign::PrizeKind::Thanks));
        assert!(find("nope").is_none());
    }

    /// Every mini-game has a starter: a template whose game block of that kind plays a campaign
    /// of that game, which falls back to a "thanks" prize.
    #[test]
    fn every_game_has_a_template() {
        use crate::campaign::PrizeKind;
        let games = crate::catalogue::SPECS.iter().filter_map(|s| s.kind.game());
        for game in games {
            let starter = ALL.iter().find_map(|t| {
                let doc = page(t, Language::ZhCn);
                let block = doc.blocks.values().find(|b| b.kind.game() == Some(game))?;
                let campaign = block.props.get("campaign")?.as_str()?;
                let campaign = doc.campaigns.iter().find(|c| c.id == campaign)?;
                Some((t.id, campaign.clone()))
            });
            let Some((id, campaign)) = starter else {
                panic!("no template plays {game:?}");
            };
            assert_eq!(campaign.game, game, "{id}");
            let fallback = campaign.prize(&campaign.fallback_prize).unwrap();
            assert_eq!(fallback.kind, PrizeKind::Thanks, "{id}");
        }
        let slots = page(find("slot-machine").unwrap(), Language::En);
        let prizes = &slots.campaigns[0].prizes;
        assert!((3..=6).contains(&prizes.len()));
        let thanks = prizes.iter().find(|p| p.kind == PrizeKind::Thanks).unwrap();
        assert_eq!(thanks.name, "Thanks for taking part");
        assert_eq!(slots.campaigns[0].fallback_prize, thanks.id);
    }

    /// A new game's campaign, read from build.rs's campaigns files, is the first campaign of its
    /// game in the gallery's pages, dated as the page would be on the same day.
    #[test]
    fn starter_campaigns_are_the_gallerys() {
        let pages: Vec<_> = ALL.iter().skip(1).map(|t| t.id).collect();
        let campaigns: Vec<_> = CAMPAIGNS.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            campaigns, pages,
            "CAMPAIGNS lists the pages after blank, in order"
        );
        let now = DateTime::parse_from_rfc3339("2027-03-10T23:30:00+08:00")
            .unwrap()
            .to_utc();
        let games = crate::catalogue::SPECS.iter().filter_map(|s| s.kind.game());
        for game in games {
            for language in BOTH {
                let from_pages = ALL
                    .iter()
                    .flat_map(|t| page_at(t, language, now).campaigns)
                    .find(|c| c.game == game)
                    .unwrap();
                let starter = starter_campaign(game, language, now);
                assert_eq!(starter, from_pages, "{game:?} ({language:?})");
                assert_eq!(
                    starter.window.start.date_naive().to_string(),
                    "2027-03-10",
                    "{game:?}"
                );
            }
        }
    }

    /// The two versions of a template differ in words only: same blocks with the same ids,
    /// kinds, places, audiences, styles and non-text props, and the same campaigns.
    #[test]
    fn both_versions_of_a_template_differ_in_words_only() {
        /// The document with every member-facing text blanked out.
        fn skeleton(doc: &Document) -> serde_json::Value {
            let mut doc = doc.clone();
            doc.title.clear();
            doc.language = Language::default();
            for block in doc.blocks.values_mut() {
                blank_texts(&mut block.props, block.kind.spec().fields);
            }
            for campaign in &mut doc.campaigns {
                campaign.name.clear();
                campaign.prizes.iter_mut().for_each(|p| p.name.clear());
            }
            serde_json::to_value(doc).unwrap()
        }
        fn blank_texts(props: &mut serde_json::Map<String, serde_json::Value>, fields: &[Field]) {
            for field in fields {
                let Some(value) = props.get_mut(field.key) else {
                    continue;
                };
                match field.kind {
                    FieldKind::Text { .. }
                    | FieldKind::Multiline { .. }
                    | FieldKind::RichText { .. } => {
                        *value = serde_json::Value::Null;
                    }
                    FieldKind::List { item, .. } => {
                        for row in value.as_array_mut().into_iter().flatten() {
                            if let Some(row) = row.as_object_mut() {
                                blank_texts(row, item);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        for t in ALL {
            let zh = page(&t, Language::ZhCn);
            let en = page(&t, Language::En);
            assert_eq!(skeleton(&zh), skeleton(&en), "{}", t.id);
        }
    }

    /// Every word members read is in the page's language: the Chinese version holds no English
    /// word (values such as "¥20" aside), the English one no Chinese.
    #[test]
    fn every_text_of_a_template_reads_in_its_language() {
        for t in ALL {
            for language in BOTH {
                let doc = page(&t, language);
                let mut texts = Vec::new(); // the title is the marketer's
                for block in doc.blocks.values() {
                    let props = serde_json::Value::Object(block.props.clone());
                    texts.extend(check::texts(&props, block.kind.spec().fields));
                }
                for campaign in &doc.campaigns {
                    texts.push(campaign.name.clone());
                    texts.extend(campaign.prizes.iter().map(|p| p.name.clone()));
                }
                for text in texts {
                    let wrong = match language {
                        Language::ZhCn => check::has_english_word(&text),
                        Language::En => text.chars().any(check::is_cjk),
                    };
                    assert!(!wrong, "{} ({language:?}): {text}", t.id);
                }
            }
        }
    }

    /// A page is playable the day it is created: every campaign opens at midnight of that day in
    /// China (late evening in UTC is already the next day there) and keeps its length, and the
    /// countdowns move with it.
    #[test]
    fn campaigns_open_the_day_a_page_is_created() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        for (now, day) in [
            ("2026-12-03T10:00:00Z", "2026-12-03"),
            ("2026-12-03T16:00:00Z", "2026-12-04"),
            ("2026-12-31T15:59:59Z", "2026-12-31"),
            ("2031-06-30T23:00:00Z", "2031-07-01"),
        ] {
            let now = at(now);
            let midnight = format!("{day}T00:00:00+08:00");
            for (t, language) in ALL.iter().flat_map(|t| BOTH.map(|l| (t, l))) {
                for c in &page_at(t, language, now).campaigns {
                    assert_eq!(c.window.start.to_rfc3339(), midnight, "{}", t.id);
                    assert!(
                        c.window.start <= now && now < c.window.end,
                        "{} at {now}",
                        t.id
                    );
                }
            }
            let lottery = page_at(find("double-11-lottery").unwrap(), Language::ZhCn, now);
            let window = &lottery.campaigns[0].window;
            assert_eq!(window.end - window.start, TimeDelta::days(11));
            let countdown = &lottery.blocks[&crate::NodeId::new("countdown")].props["target"];
            assert_eq!(countdown.as_str(), Some(window.end.to_rfc3339().as_str()));
        }
    }
}

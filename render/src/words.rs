//! What member pages say around the blocks (states, the member bar), in each page language. The
//! server draws these into the HTML and the member runtime redraws the same words, so one table
//! serves both. A missing translation is a compile error.

use cradle_model::Language;

/// Every member-facing string outside the blocks, in one language.
#[allow(missing_docs)] // the field names say what each string is
pub struct Words {
    pub not_started: &'static str,
    pub opens_at: &'static str,
    pub opens_in: &'static str,
    pub ended: &'static str,
    pub closed_at: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub visitor: &'static str,
    pub way_in: &'static str,
    pub try_demo: &'static str,
    pub signing_in: &'static str,
    pub signed_in_as: &'static str,
    pub link_expired: &'static str,
    pub link_other_brand: &'static str,
    pub demo_off: &'static str,
    pub offline: &'static str,
    pub offline_text: &'static str,
    pub retry: &'static str,
    pub went_wrong: &'static str,
    pub draft_preview: &'static str,
    pub preview_gone: &'static str,
    pub preview_size: &'static str,
    pub phone: &'static str,
    pub tablet: &'static str,
    pub desktop: &'static str,
    pub days_suffix: &'static str,
    pub points_unit: &'static str,
    pub sharing_off: &'static str,
    pub sign_in_button: &'static str,
    pub banners: &'static str,
    pub choose_campaign: &'static str,
    pub odds_title: &'static str,
    pub odds_prize: &'static str,
    pub odds_chance: &'static str,
    pub odds_left: &'static str,
    pub unlimited: &'static str,
    pub seed_commitment: &'static str,
    pub seed_pending: &'static str,
    pub seed_revealed: &'static str,
    pub back_to_page: &'static str,
}

/// 简体中文.
pub const ZH_CN: Words = Words {
    not_started: "活动尚未开始",
    opens_at: "开始时间",
    opens_in: "距开始还有",
    ended: "活动已结束",
    closed_at: "结束时间",
    not_found: "页面不存在",
    not_found_text: "没有找到这个页面：链接可能有误，或活动已下线。",
    visitor: "您正在以访客身份浏览",
    way_in: "从品牌的会员中心打开此页，即可参与活动、领取奖励。",
    try_demo: "以演示会员身份体验",
    signing_in: "正在登录…",
    signed_in_as: "已登录会员",
    link_expired: "登录链接无效或已过期，请从品牌的会员中心重新打开此页。",
    link_other_brand: "这个登录链接属于其他品牌，请从本品牌的会员中心打开。",
    demo_off: "演示会员未开启。",
    offline: "网络已断开",
    offline_text: "请检查网络，恢复后点击重试。",
    retry: "重试",
    went_wrong: "出了点问题，请稍后重试。",
    draft_preview: "草稿预览：会员看不到这个版本",
    preview_gone: "这个预览链接已过期或已关闭，请向同事索取新的链接。",
    preview_size: "预览尺寸",
    phone: "手机",
    tablet: "平板",
    desktop: "桌面",
    days_suffix: "天",
    points_unit: "积分",
    sharing_off: "本俱乐部暂未开放权益共享。",
    sign_in_button: "签到",
    banners: "轮播图",
    choose_campaign: "请为这个游戏选择一个活动。",
    odds_title: "概率公示",
    odds_prize: "奖品",
    odds_chance: "中奖概率",
    odds_left: "剩余数量",
    unlimited: "不限",
    seed_commitment: "随机种子承诺（SHA-256）",
    seed_pending: "活动结束后将公开随机种子，任何人都可以据此核验每一次抽奖。",
    seed_revealed: "已公开的随机种子",
    back_to_page: "返回活动页",
};

/// English.
pub const EN: Words = Words {
    not_started: "Not open yet",
    opens_at: "Opens",
    opens_in: "Opens in",
    ended: "This page has closed",
    closed_at: "Closed",
    not_found: "Page not found",
    not_found_text: "There is no page here: the link may be wrong, or the campaign was taken down.",
    visitor: "You are browsing as a visitor",
    way_in: "Open this page from the brand's member centre to play and collect rewards.",
    try_demo: "Try as a demo member",
    signing_in: "Signing in…",
    signed_in_as: "Signed in as member",
    link_expired: "This sign-in link is invalid or has expired: open the page again from the brand's member centre.",
    link_other_brand: "This sign-in link belongs to another brand: open the page from this brand's member centre.",
    demo_off: "Demo members are off.",
    offline: "You are offline",
    offline_text: "Check your connection, then try again.",
    retry: "Try again",
    went_wrong: "Something went wrong: please try again shortly.",
    draft_preview: "Draft preview: members do not see this version",
    preview_gone: "This preview link has expired or was turned off: ask a colleague for a new one.",
    preview_size: "Preview size",
    phone: "Phone",
    tablet: "Tablet",
    desktop: "Desktop",
    days_suffix: "d",
    points_unit: "pts",
    sharing_off: "This club does not offer rights sharing.",
    sign_in_button: "Sign in",
    banners: "Banners",
    choose_campaign: "Choose a campaign for this game.",
    odds_title: "Odds",
    odds_prize: "Prize",
    odds_chance: "Chance",
    odds_left: "Left",
    unlimited: "Unlimited",
    seed_commitment: "Seed commitment (SHA-256)",
    seed_pending: "The seed is revealed when the campaign ends, so anyone can check every draw.",
    seed_revealed: "Revealed seed",
    back_to_page: "Back to the page",
};

/// The words of `lang`.
pub fn words(lang: Language) -> &'static Words {
    match lang {
        Language::ZhCn => &ZH_CN,
        Language::En => &EN,
    }
}

/// `1天 02:03:04` / `1d 02:03:04`: what is left of a countdown of `seconds`.
pub fn countdown(seconds: i64, lang: Language) -> String {
    let seconds = seconds.max(0);
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let clock = format!(
        "{:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    );
    match days {
        0 => clock,
        d => format!("{d}{} {clock}", words(lang).days_suffix),
    }
}

/// The accessible name of a wheel of `n` prizes.
pub fn wheel_label(lang: Language, n: usize) -> String {
    match lang {
        Language::ZhCn => format!("抽奖转盘，共 {n} 个奖品"),
        Language::En => format!("Wheel with {n} prizes"),
    }
}

/// The accessible name of the growth bar towards tier `next`.
pub fn growth_to(lang: Language, next: &str) -> String {
    match lang {
        Language::ZhCn => format!("升级到{next}的成长进度"),
        Language::En => format!("Growth to {next}"),
    }
}

/// Day `d` of a sign-in calendar.
pub fn calendar_day(lang: Language, d: i64) -> String {
    match lang {
        Language::ZhCn => format!("第{d}天"),
        Language::En => format!("D{d}"),
    }
}

/// How the fallback prize works, naming it.
pub fn fallback_rule(lang: Language, fallback: &str) -> String {
    match lang {
        Language::ZhCn => format!(
            "每次抽奖都按上表的概率抽取全部奖品（无论是否还有库存）。抽中的奖品已发完，\
             或您已达到本游戏的中奖次数上限时，将获得“{fallback}”；上表的概率不会因此改变。"
        ),
        Language::En => format!(
            "Every draw picks among all the prizes by the chances above, in stock or not. When \
             the prize drawn has run out, or you reached this game's win limit, you get \
             \"{fallback}\" instead; the chances above never change."
        ),
    }
}

/// What checking every draw against the revealed seed found.
pub fn verified(lang: Language, checked: usize, mismatches: usize) -> String {
    match (lang, mismatches) {
        (Language::ZhCn, 0) => format!("已用公开的种子核验全部 {checked} 次抽奖：结果全部一致。"),
        (Language::ZhCn, m) => {
            format!("已核验 {checked} 次抽奖：其中 {m} 次与公开的种子不一致。")
        }
        (Language::En, 0) => {
            format!(
                "All {checked} draws were checked against the revealed seed: every one matches."
            )
        }
        (Language::En, m) => {
            format!("{checked} draws were checked against the revealed seed: {m} do not match.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_read_in_the_page_language() {
        assert_eq!(countdown(59, Language::ZhCn), "00:00:59");
        assert_eq!(countdown(86_400 + 3_723, Language::ZhCn), "1天 01:02:03");
        assert_eq!(countdown(86_400 + 3_723, Language::En), "1d 01:02:03");
        assert_eq!(countdown(-5, Language::En), "00:00:00");
    }
}

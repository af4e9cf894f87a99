//! The club settings page's words in zh-CN and en: one struct per language, so a missing
//! translation does not compile.

use crate::i18n::Lang;

#[allow(missing_docs)] // the field names say what each string is
pub struct Words {
    pub title: &'static str,
    pub lead: &'static str,
    pub back: &'static str,
    pub tiers: &'static str,
    pub tiers_hint: &'static str,
    pub tier_name: &'static str,
    pub threshold: &'static str,
    pub multiplier: &'static str,
    pub benefits: &'static str,
    pub benefits_hint: &'static str,
    pub add_tier: &'static str,
    pub remove_tier: &'static str,
    pub points: &'static str,
    pub points_hint: &'static str,
    pub share_points: &'static str,
    pub game_points: &'static str,
    pub daily_cap: &'static str,
    pub invite_reward: &'static str,
    pub expiry: &'static str,
    pub sharing: &'static str,
    pub time_zone: &'static str,
    pub time_zone_hint: &'static str,
    pub save_time_zone: &'static str,
    pub time_zone_saved: &'static str,
    pub sharing_hint: &'static str,
    pub never: &'static str,
    pub end_of_next_year: &'static str,
    pub after_days: &'static str,
    pub days: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub unsaved: &'static str,
    pub problems: &'static str,
    pub versions: &'static str,
    pub no_versions: &'static str,
    pub loading: &'static str,
    pub cannot_edit: &'static str,
    pub settings_link: &'static str,
    saved: [&'static str; 2],
    version: [&'static str; 2],
}

impl Words {
    /// "Saved as version N".
    pub fn saved(&self, version: u32) -> String {
        let [a, b] = self.saved;
        format!("{a}{version}{b}")
    }

    /// "Version N".
    pub fn version(&self, version: u32) -> String {
        let [a, b] = self.version;
        format!("{a}{version}{b}")
    }
}

const ZH: Words = Words {
    title: "会员俱乐部设置",
    lead: "整个品牌共用一套等级和积分规则：所有页面的等级模块、人群规则和会员等级都以这里为准。修改只影响之后发生的积分事件，每次保存都会留下一个版本。",
    back: "← 返回项目",
    tiers: "等级体系",
    tiers_hint: "会员按累计成长值升级，终身有效，消费积分不会降级。第一个等级的门槛必须是 0，之后逐级升高。",
    tier_name: "等级名称",
    threshold: "成长值门槛",
    multiplier: "购物积分倍数（%）",
    benefits: "等级权益",
    benefits_hint: "每行一项",
    add_tier: "添加等级",
    remove_tier: "删除等级",
    points: "积分规则",
    points_hint: "互动积分（签到、游戏、分享）每人每天最多发放到上限为止。",
    share_points: "分享页面得积分",
    game_points: "参与游戏得积分",
    daily_cap: "每天互动积分上限",
    invite_reward: "邀请新会员奖励积分",
    expiry: "积分有效期",
    sharing: "开放权益共享",
    time_zone: "时区",
    time_zone_hint: "决定签到、每日积分上限和每日抽奖次数按哪一天计算。更改后从下一次操作起按新时区的日期计算，已有记录不变。",
    save_time_zone: "保存时区",
    time_zone_saved: "时区已更新",
    sharing_hint: "会员可把自己等级的权益共享给另一位会员（只传一级），并获得对方所得积分的四分之一。关闭后不能再新建共享。",
    never: "永久有效",
    end_of_next_year: "次年年底过期",
    after_days: "获得后若干天过期",
    days: "天数",
    save: "保存设置",
    saving: "正在保存…",
    unsaved: "有未保存的修改",
    problems: "请先修改标红的字段",
    versions: "历史版本",
    no_versions: "还没有保存过：当前使用默认设置。",
    loading: "正在加载…",
    cannot_edit: "你的角色只能查看俱乐部设置。",
    settings_link: "会员俱乐部设置",
    saved: ["已保存为第 ", " 版"],
    version: ["第 ", " 版"],
};

const EN: Words = Words {
    title: "Club settings",
    lead: "One tier ladder and one set of points rules for the whole brand: every page's tier blocks, audience rules and members' tiers follow these. Changes apply to points events from now on; every save is kept as a version.",
    back: "← Back to projects",
    tiers: "Tier ladder",
    tiers_hint: "Members climb by lifetime growth value and keep their tier for life: spending points never lowers it. The first tier starts at 0; each next one needs more.",
    tier_name: "Tier name",
    threshold: "Growth value needed",
    multiplier: "Purchase points multiplier (%)",
    benefits: "Benefits",
    benefits_hint: "One per line",
    add_tier: "Add tier",
    remove_tier: "Remove tier",
    points: "Points rules",
    points_hint: "Interaction points (sign-in, games, sharing) are credited up to the daily cap per member.",
    share_points: "Points for sharing a page",
    game_points: "Points for playing a game",
    daily_cap: "Daily cap on interaction points",
    invite_reward: "Points for inviting a new member",
    expiry: "Points expire",
    sharing: "Members may share their benefits",
    time_zone: "Time zone",
    time_zone_hint: "Decides where each day starts for sign-in, the daily points cap and daily draws. A change applies from the next action on; what is recorded stays as it is.",
    save_time_zone: "Save time zone",
    time_zone_saved: "Time zone saved",
    sharing_hint: "A member can let one other member enjoy her tier's benefits (one level only) and earns a quarter of the points that member earns. Off: no new shares.",
    never: "Never",
    end_of_next_year: "At the end of the following year",
    after_days: "A number of days after being earned",
    days: "Days",
    save: "Save settings",
    saving: "Saving…",
    unsaved: "Unsaved changes",
    problems: "Fix the fields marked in red first",
    versions: "Versions",
    no_versions: "Never saved: the default settings apply.",
    loading: "Loading…",
    cannot_edit: "Your role can view the club settings but not change them.",
    settings_link: "Club settings",
    saved: ["Saved as version ", ""],
    version: ["Version ", ""],
};

/// The page's words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

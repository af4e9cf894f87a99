//! What the games say to a member (before, during and after a play, and why she cannot play), in
//! each page language. The server's refusal codes never reach her as they are: each has its
//! sentence here.

use cradle_model::Language;
use cradle_wire::draws::{Playable, Standing};

/// Every fixed sentence a game says, in one language.
#[allow(missing_docs)] // the field names say what each string is
pub struct GameWords {
    pub playing: &'static str,
    pub you_won: &'static str,
    pub thanks_title: &'static str,
    pub thanks_text: &'static str,
    pub coupon_hint: &'static str,
    pub gift_hint: &'static str,
    pub code_label: &'static str,
    pub qr_label: &'static str,
    pub close: &'static str,
    pub lost_answer: &'static str,
    pub sign_in_first: &'static str,
    pub session_gone: &'static str,
    pub not_started: &'static str,
    pub ended: &'static str,
    pub not_eligible: &'static str,
    pub daily_limit: &'static str,
    pub campaign_limit: &'static str,
    pub scratch_here: &'static str,
    pub scratch_hint: &'static str,
    pub reveal_all: &'static str,
    pub image_missing: &'static str,
}

/// 简体中文.
pub const ZH_CN: GameWords = GameWords {
    playing: "正在抽奖…",
    you_won: "恭喜您获得",
    thanks_title: "谢谢参与",
    thanks_text: "这次没有中奖，明天再来试试手气吧！",
    coupon_hint: "下单时出示二维码或输入兑换码即可使用。",
    gift_hint: "到店出示二维码，店员扫码核销后即可领取。",
    code_label: "兑换码",
    qr_label: "兑换码二维码",
    close: "好的",
    lost_answer: "网络不稳定，没能拿到抽奖结果。点击重试，不会重复扣除积分。",
    sign_in_first: "请先登录会员后再参与。",
    session_gone: "登录已过期，请从品牌的会员中心重新打开此页。",
    not_started: "活动还没开始，敬请期待。",
    ended: "活动已结束，感谢您的关注。",
    not_eligible: "这个活动仅限部分会员参与。",
    daily_limit: "今天的抽奖次数已用完，明天再来吧。",
    campaign_limit: "您在本活动的抽奖次数已用完。",
    scratch_here: "刮开涂层",
    scratch_hint: "用手指刮开银色涂层，查看结果",
    reveal_all: "一键刮开",
    image_missing: "奖品图片",
};

/// English.
pub const EN: GameWords = GameWords {
    playing: "Drawing…",
    you_won: "You won",
    thanks_title: "Not this time",
    thanks_text: "No prize this time: try your luck again tomorrow!",
    coupon_hint: "Show the QR code or enter the code at checkout.",
    gift_hint: "Show this QR code in store: staff scan it and hand over your gift.",
    code_label: "Code",
    qr_label: "QR code of your code",
    close: "OK",
    lost_answer: "The network is slow and the result did not arrive. Try again: you will not be charged twice.",
    sign_in_first: "Sign in as a member to play.",
    session_gone: "Your sign-in has expired: open this page again from the brand's member centre.",
    not_started: "This game has not started yet.",
    ended: "This game has ended. Thank you for taking part.",
    not_eligible: "This game is for other members.",
    daily_limit: "You have used today's draws: come back tomorrow.",
    campaign_limit: "You have used all your draws in this game.",
    scratch_here: "Scratch here",
    scratch_hint: "Scratch the silver layer with your finger",
    reveal_all: "Reveal all",
    image_missing: "Prize picture",
};

/// The game words of `lang`.
pub fn game_words(lang: Language) -> &'static GameWords {
    match lang {
        Language::ZhCn => &ZH_CN,
        Language::En => &EN,
    }
}

/// Why a draw was refused for want of points.
pub fn too_few_points(lang: Language, cost: i64) -> String {
    match lang {
        Language::ZhCn => format!("积分不足：每次抽奖需要 {cost} 积分。"),
        Language::En => format!("Not enough points: a draw costs {cost} points."),
    }
}

/// The game is played with draws earned by spending over `cents` in one order.
pub fn spend_to_draw(lang: Language, cents: i64) -> String {
    let yuan = cents / 100;
    match lang {
        Language::ZhCn => format!("单笔消费满 {yuan} 元即可获得一次抽奖机会。"),
        Language::En => format!("An order over ¥{yuan} earns a draw."),
    }
}

/// Asked to slow down for `secs` seconds.
pub fn slow_down(lang: Language, secs: u64) -> String {
    match lang {
        Language::ZhCn => format!("操作太频繁，请 {secs} 秒后再试。"),
        Language::En => format!("Too many tries: wait {secs} s, then try again."),
    }
}

/// Points credited by a prize.
pub fn points_credited(lang: Language, amount: u32) -> String {
    match lang {
        Language::ZhCn => format!("{amount} 积分已存入您的账户。"),
        Language::En => format!("{amount} points are in your account."),
    }
}

/// What a draw cost, when it cost points.
pub fn draw_cost(lang: Language, cost: i64) -> String {
    match lang {
        Language::ZhCn => format!("本次消耗 {cost} 积分。"),
        Language::En => format!("This draw cost {cost} points."),
    }
}

/// The accessible name of egg `i` (from 1).
pub fn egg_label(lang: Language, button: &str, i: usize) -> String {
    match lang {
        Language::ZhCn => format!("{button}：第 {i} 个金蛋"),
        Language::En => format!("{button}: egg {i}"),
    }
}

/// What the game says before a play: why she cannot play, or what a play costs her and what
/// she has left.
pub fn standing_line(lang: Language, s: &Standing) -> String {
    let w = game_words(lang);
    match s.playable {
        Playable::NotStarted => return w.not_started.into(),
        Playable::Ended => return w.ended.into(),
        Playable::NotEligible => return w.not_eligible.into(),
        Playable::Open => {}
    }
    if s.draws_left_total == Some(0) {
        return w.campaign_limit.into();
    }
    if s.draws_left_today == Some(0) {
        return w.daily_limit.into();
    }
    let zh = lang == Language::ZhCn;
    let mut parts = Vec::new();
    if s.free_draws_left_today > 0 {
        parts.push(match zh {
            true => format!("今日免费 {} 次", s.free_draws_left_today),
            false => format!("{} free today", s.free_draws_left_today),
        });
    }
    if s.points_per_draw > 0 {
        parts.push(match (zh, s.free_draws_left_today > 0) {
            (true, true) => format!("之后每次 {} 积分", s.points_per_draw),
            (true, false) => format!("每次 {} 积分", s.points_per_draw),
            (false, true) => format!("then {} points a draw", s.points_per_draw),
            (false, false) => format!("{} points a draw", s.points_per_draw),
        });
    }
    if let Some(left) = s.draws_left_today {
        parts.push(match zh {
            true => format!("今日还可抽 {left} 次"),
            false => format!("{left} draws left today"),
        });
    }
    if s.points_per_draw > 0 {
        parts.push(match zh {
            true => format!("我的积分 {}", s.balance),
            false => format!("your points: {}", s.balance),
        });
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> Standing {
        Standing {
            playable: Playable::Open,
            next_draw_cost: 0,
            points_per_draw: 20,
            free_draws_left_today: 1,
            draws_today: 0,
            draws_left_today: Some(3),
            draws_left_total: None,
            wins_left: None,
            balance: 120,
        }
    }

    #[test]
    fn the_standing_line_says_what_a_play_costs_and_what_is_left() {
        assert_eq!(
            standing_line(Language::ZhCn, &open()),
            "今日免费 1 次 · 之后每次 20 积分 · 今日还可抽 3 次 · 我的积分 120"
        );
        let paid = Standing {
            free_draws_left_today: 0,
            ..open()
        };
        assert_eq!(
            standing_line(Language::En, &paid),
            "20 points a draw · 3 draws left today · your points: 120"
        );
    }

    #[test]
    fn a_member_who_cannot_play_is_told_why() {
        let spent = Standing {
            draws_left_today: Some(0),
            ..open()
        };
        assert_eq!(standing_line(Language::ZhCn, &spent), ZH_CN.daily_limit);
        let all_spent = Standing {
            draws_left_total: Some(0),
            ..spent.clone()
        };
        assert_eq!(standing_line(Language::En, &all_spent), EN.campaign_limit);
        let outside = Standing {
            playable: Playable::NotEligible,
            ..open()
        };
        assert_eq!(standing_line(Language::ZhCn, &outside), ZH_CN.not_eligible);
    }
}

//! What the club blocks say to a member (her points, growth, streak, a sign-in, a quiz, a vote),
//! in each page language.

use cradle_model::Language;
use cradle_wire::member::QuizResult;

/// The club blocks' words in one language.
#[allow(missing_docs)] // the field names say what each string is
pub struct ClubWords {
    pub sign_in_to_see: &'static str,
    pub top_tier: &'static str,
    pub signed_today: &'static str,
    pub done_for_today: &'static str,
    pub signing: &'static str,
    pub today: &'static str,
    pub done: &'static str,
    pub session_gone: &'static str,
    pub went_wrong: &'static str,
    pub sign_in_first: &'static str,
    pub submit_answers: &'static str,
    pub answer_all: &'static str,
    pub right_answer: &'static str,
    pub votes: &'static str,
    pub vote_limit: &'static str,
    pub your_benefits: &'static str,
    pub no_benefits: &'static str,
    pub my_tier: &'static str,
    pub invite_copied: &'static str,
}

/// 简体中文.
pub const ZH_CN: ClubWords = ClubWords {
    sign_in_to_see: "登录后查看您的等级和积分",
    top_tier: "您已是最高等级",
    signed_today: "今日已签到",
    done_for_today: "今天已经签到过了，明天再来吧！",
    signing: "正在签到…",
    today: "今天",
    done: "已签",
    session_gone: "登录已过期，请重新打开品牌发给您的链接。",
    went_wrong: "没有成功，请稍后再试。",
    sign_in_first: "登录会员后即可参与。",
    submit_answers: "提交答案",
    answer_all: "请先回答每一道题。",
    right_answer: "✓ 正确答案",
    votes: "票",
    vote_limit: "今天的票已经投完了，明天再来吧！",
    your_benefits: "您享有的权益",
    no_benefits: "这个等级暂无专属权益。",
    my_tier: "（我的等级）",
    invite_copied: "邀请链接已复制，发给好友吧！好友加入后您将获得奖励积分。",
};

/// English.
pub const EN: ClubWords = ClubWords {
    sign_in_to_see: "Sign in to see your tier and points",
    top_tier: "You are at the top tier",
    signed_today: "Signed in today",
    done_for_today: "You have signed in today. Come back tomorrow!",
    signing: "Signing in…",
    today: "Today",
    done: "Done",
    session_gone: "Your session has ended: open the link your brand sent you again.",
    went_wrong: "That did not go through. Please try again in a moment.",
    sign_in_first: "Sign in as a member to take part.",
    submit_answers: "Submit answers",
    answer_all: "Answer every question first.",
    right_answer: "✓ right answer",
    votes: "votes",
    vote_limit: "You have used today's votes. Come back tomorrow!",
    your_benefits: "Your benefits",
    no_benefits: "This tier has no benefits of its own yet.",
    my_tier: " (your tier)",
    invite_copied: "Invite link copied: send it to a friend. You earn points when she joins.",
};

/// The words for `lang`.
pub fn club_words(lang: Language) -> &'static ClubWords {
    match lang {
        Language::ZhCn => &ZH_CN,
        Language::En => &EN,
    }
}

/// "N more growth to reach {tier}".
pub fn growth_left(lang: Language, left: u64, tier: &str) -> String {
    match lang {
        Language::ZhCn => format!("再获得 {left} 成长值即可升级为{tier}"),
        Language::En => format!("{left} more growth to reach {tier}"),
    }
}

/// "N points expire on {day}".
pub fn expiring(lang: Language, points: i64, on: &str) -> String {
    match lang {
        Language::ZhCn => format!("{points} 积分将于 {on} 过期"),
        Language::En => format!("{points} pts expire on {on}"),
    }
}

/// "An N-day streak".
pub fn streak(lang: Language, days: i64) -> String {
    match lang {
        Language::ZhCn => format!("已连续签到 {days} 天"),
        Language::En if days == 1 => "1-day streak".to_owned(),
        Language::En => format!("{days}-day streak"),
    }
}

/// What today's sign-in credited, and the streak it made.
pub fn signed_in(lang: Language, points: i64, days: i64) -> String {
    match lang {
        Language::ZhCn => format!("今日签到获得 {points} 积分，已连续签到 {days} 天"),
        Language::En => format!("Today's sign-in: +{points} pts, {}", streak(lang, days)),
    }
}

/// How a quiz went, in words.
pub fn quiz_outcome(lang: Language, r: &QuizResult) -> String {
    let right = r.correct.iter().filter(|c| **c).count();
    let of = r.correct.len();
    match (lang, r.all_correct) {
        (Language::ZhCn, false) => format!("答对 {right}/{of} 题，看看正确答案，再试一次吧！"),
        (Language::En, false) => {
            format!("{right} of {of} right: see the right answers and try again!")
        }
        (Language::ZhCn, true) if r.already_rewarded => "全部答对！奖励已经领过了。".to_owned(),
        (Language::En, true) if r.already_rewarded => {
            "All right! You already had this quiz's reward.".to_owned()
        }
        (Language::ZhCn, true) if r.capped => {
            "全部答对！今天的积分已达上限，奖励明天答题还可领取。".to_owned()
        }
        (Language::En, true) if r.capped => {
            "All right! Today's points cap is reached: answer again tomorrow for the reward."
                .to_owned()
        }
        (Language::ZhCn, true) => format!("全部答对！获得 {} 积分。", r.points),
        (Language::En, true) => format!("All right! +{} pts.", r.points),
    }
}

/// "N votes left today".
pub fn votes_left(lang: Language, n: i64) -> String {
    match lang {
        Language::ZhCn => format!("今天还可以投 {n} 票"),
        Language::En if n == 1 => "1 vote left today".to_owned(),
        Language::En => format!("{n} votes left today"),
    }
}

/// Benefits shared with her by another member.
pub fn shared_from(lang: Language, code: &str, tier: &str) -> String {
    match lang {
        Language::ZhCn => format!("会员 {code} 与您共享的{tier}权益"),
        Language::En => format!("{tier} benefits shared with you by member {code}"),
    }
}

/// Her invite link, to copy by hand when the browser cannot copy it.
pub fn invite_link(lang: Language, url: &str) -> String {
    match lang {
        Language::ZhCn => format!("复制这个链接发给好友：{url}"),
        Language::En => format!("Copy this link and send it to a friend: {url}"),
    }
}

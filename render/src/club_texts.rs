//! What the points mall, coupons, tasks, medals and rights-sharing blocks say, in each page
//! language.
//! Only the server draws these (the member runtime copies any text it shows from the page), so
//! none of it weighs on the member's download.

use cradle_model::Language;

/// The words in one language.
#[allow(missing_docs)] // the field names say what each string is
pub struct ClubTexts {
    pub redeem: &'static str,
    pub sold_out: &'static str,
    pub claim: &'static str,
    pub claimed: &'static str,
    pub confirm: &'static str,
    pub not_now: &'static str,
    pub my_codes: &'static str,
    pub my_prizes: &'static str,
    pub used: &'static str,
    pub show_in_store: &'static str,
    pub done: &'static str,
    pub go: &'static str,
    pub not_earned: &'static str,
    pub accept: &'static str,
    pub decline: &'static str,
    pub dismiss: &'static str,
    pub end: &'static str,
    pub bonus: &'static str,
    pub share_copied: &'static str,
    pub copy_by_hand: &'static str,
    pub refused_own: &'static str,
    pub refused_taken: &'static str,
    pub refused_loop: &'static str,
    pub refused_gone: &'static str,
}

/// 简体中文.
pub const ZH_CN: ClubTexts = ClubTexts {
    redeem: "兑换",
    sold_out: "已兑完",
    claim: "领取",
    claimed: "已领取",
    confirm: "确认兑换",
    not_now: "再想想",
    my_codes: "我的兑换码",
    my_prizes: "我的奖品",
    used: "已使用",
    show_in_store: "到店出示兑换码或二维码即可领取",
    done: "已完成",
    go: "去看看",
    not_earned: "未获得",
    accept: "接受共享",
    decline: "不用了",
    dismiss: "知道了",
    end: "结束共享",
    bonus: "家人每获得 1 积分，您额外获得 0.25 积分",
    share_copied: "共享邀请链接已复制，发给家人，对方接受后即可共享您的权益。",
    copy_by_hand: "复制这个链接发给家人：",
    refused_own: "这是您自己发出的共享邀请，请发给家人打开。",
    refused_taken: "已有会员与您共享权益，一位会员只能接受一份共享。",
    refused_loop: "您正与这位会员共享权益，不能互相共享。",
    refused_gone: "这个共享邀请已被使用或已过期，请让对方重新发送。",
};

/// English.
pub const EN: ClubTexts = ClubTexts {
    redeem: "Redeem",
    sold_out: "Sold out",
    claim: "Claim",
    claimed: "Claimed",
    confirm: "Redeem",
    not_now: "Not now",
    my_codes: "My codes",
    my_prizes: "My prizes",
    used: "Used",
    show_in_store: "Show the code or its QR in store to collect",
    done: "Done",
    go: "Go",
    not_earned: "Not yet earned",
    accept: "Accept",
    decline: "No, thanks",
    dismiss: "OK",
    end: "Stop sharing",
    bonus: "Each point your family earns gives you 0.25 pts more",
    share_copied: "Invitation link copied: send it to a family member; they share your benefits once they accept.",
    copy_by_hand: "Copy this link and send it to a family member: ",
    refused_own: "This is your own invitation: send it to a family member to open.",
    refused_taken: "Someone already shares rights with you; you can accept only one.",
    refused_loop: "You share your rights with this member, so you cannot share back.",
    refused_gone: "This invitation was used or has expired: ask for a new one.",
};

/// The words for `lang`.
pub fn club_texts(lang: Language) -> &'static ClubTexts {
    match lang {
        Language::ZhCn => &ZH_CN,
        Language::En => &EN,
    }
}

/// "N points".
pub fn points(lang: Language, n: i64) -> String {
    match lang {
        Language::ZhCn => format!("{n} 积分"),
        Language::En => format!("{n} pts"),
    }
}

/// Units left.
pub fn left(lang: Language, n: i64) -> String {
    match lang {
        Language::ZhCn => format!("剩余 {n} 件"),
        Language::En => format!("{n} left"),
    }
}

/// Points she still needs.
pub fn short(lang: Language, n: i64) -> String {
    match lang {
        Language::ZhCn => format!("还差 {n} 积分"),
        Language::En => format!("{n} more pts needed"),
    }
}

/// The question before a redemption.
pub fn ask(lang: Language, points: i64, item: &str) -> String {
    match lang {
        Language::ZhCn => format!("确定用 {points} 积分兑换「{item}」吗？"),
        Language::En => format!("Spend {points} pts on {item}?"),
    }
}

/// A code's item, before its last day.
pub fn valid_until(lang: Language, item: &str) -> String {
    match lang {
        Language::ZhCn => format!("{item} · 有效期至 "),
        Language::En => format!("{item} · valid until "),
    }
}

/// The day a medal was earned.
pub fn earned_on(lang: Language, day: &str) -> String {
    match lang {
        Language::ZhCn => format!("{day} 获得"),
        Language::En => format!("Earned {day}"),
    }
}

/// An offer to share rights, as its receiver reads it.
pub fn offered(lang: Language, code: &str, tier: &str) -> String {
    match lang {
        Language::ZhCn => format!("会员 {code} 邀请您共享TA的{tier}权益。"),
        Language::En => format!("Member {code} invites you to share their {tier} benefits."),
    }
}

/// Whose rights she enjoys.
pub fn enjoying(lang: Language, code: &str) -> String {
    match lang {
        Language::ZhCn => format!("您正在享受会员 {code} 共享的权益"),
        Language::En => format!("You enjoy benefits shared by member {code}"),
    }
}

/// Whom she shares with.
pub fn sharing_with(lang: Language, code: &str) -> String {
    match lang {
        Language::ZhCn => format!("与会员 {code} 共享中"),
        Language::En => format!("Shared with member {code}"),
    }
}

/// What her sharing earned her.
pub fn shared_points(lang: Language, n: i64) -> String {
    match lang {
        Language::ZhCn => format!("共享已为您带来 {n} 积分"),
        Language::En => format!("Sharing has earned you {n} pts"),
    }
}

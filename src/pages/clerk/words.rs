//! The clerk screen's words in zh-CN and en: one struct per language, so a missing translation
//! does not compile.

use crate::i18n::Lang;

#[allow(missing_docs)] // the field names say what each string is
pub struct Words {
    pub title: &'static str,
    pub lead: &'static str,
    pub back: &'static str,
    pub code: &'static str,
    pub code_hint: &'static str,
    pub look_up: &'static str,
    pub prize: &'static str,
    pub member: &'static str,
    pub issued: &'static str,
    pub expires: &'static str,
    pub redeem: &'static str,
    pub ready: &'static str,
    pub redeemed_now: &'static str,
    pub unknown: &'static str,
    pub not_a_code: &'static str,
    pub forbidden: &'static str,
    pub link: &'static str,
    pub scan: &'static str,
    pub aim: &'static str,
    pub no_camera: &'static str,
    pub cancel: &'static str,
    already: [&'static str; 2],
    expired: [&'static str; 2],
}

impl Words {
    /// "Already redeemed at …".
    pub fn already(&self, at: &str) -> String {
        let [a, b] = self.already;
        format!("{a}{at}{b}")
    }

    /// "Expired at …".
    pub fn expired(&self, at: &str) -> String {
        let [a, b] = self.expired;
        format!("{a}{at}{b}")
    }
}

const ZH: Words = Words {
    title: "核销奖品码",
    lead: "输入或扫描会员出示的奖品码（大小写、短横线均可），核对奖品后核销。每个码只能核销一次。",
    back: "← 返回项目",
    code: "奖品码",
    code_hint: "例如 ABCD-EFGH-JKMN",
    look_up: "查询",
    prize: "奖品",
    member: "会员",
    issued: "发放时间",
    expires: "有效期至",
    redeem: "确认核销",
    ready: "可以核销：请把奖品交给会员。",
    redeemed_now: "核销成功。",
    unknown: "没有这个奖品码：请核对字母后重试。",
    not_a_code: "奖品码是 12 位字母和数字，例如 ABCD-EFGH-JKMN。",
    forbidden: "只有店员和品牌所有者可以核销奖品码。",
    link: "核销奖品码",
    scan: "扫码",
    aim: "把摄像头对准会员出示的二维码",
    no_camera: "无法打开摄像头，请直接输入奖品码。",
    cancel: "取消扫码",
    already: ["这个码已于 ", " 核销过，不能再次核销。"],
    expired: ["这个码已于 ", " 过期，不能核销。"],
};

const EN: Words = Words {
    title: "Redeem a prize code",
    lead: "Type or scan the code the member shows (any case, dashes optional), check the prize, then redeem it. Each code redeems once.",
    back: "← Projects",
    code: "Prize code",
    code_hint: "e.g. ABCD-EFGH-JKMN",
    look_up: "Look up",
    prize: "Prize",
    member: "Member",
    issued: "Issued",
    expires: "Valid until",
    redeem: "Redeem",
    ready: "Ready to redeem: hand the prize over.",
    redeemed_now: "Redeemed.",
    unknown: "No prize has this code: check the letters and try again.",
    not_a_code: "A prize code is 12 letters and digits, e.g. ABCD-EFGH-JKMN.",
    forbidden: "Only store clerks and the brand's owner redeem prize codes.",
    link: "Redeem prize codes",
    scan: "Scan",
    aim: "Point the camera at the QR code the member shows",
    no_camera: "The camera cannot be opened: type the code instead.",
    cancel: "Stop scanning",
    already: ["This code was already redeemed at ", "; it cannot be redeemed again."],
    expired: ["This code expired at ", "; it cannot be redeemed."],
};

/// The words for `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

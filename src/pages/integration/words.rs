//! The integration page's words in zh-CN and en: one struct per language, so a missing
//! translation does not compile.

use cradle_wire::integration::{Event, Scope};

use crate::i18n::Lang;

#[allow(missing_docs)] // the field names say what each string is
pub struct Words {
    pub title: &'static str,
    pub lead: &'static str,
    pub back: &'static str,
    pub link: &'static str,
    pub secret_title: &'static str,
    pub secret_lead: &'static str,
    pub workspace_id: &'static str,
    pub secret: &'static str,
    pub show: &'static str,
    pub hide: &'static str,
    pub rotate: &'static str,
    pub rotate_ask: &'static str,
    pub confirm_rotate: &'static str,
    pub cancel: &'static str,
    pub previous_until: &'static str,
    pub keys_title: &'static str,
    pub keys_lead: &'static str,
    pub key_name: &'static str,
    pub key_name_hint: &'static str,
    pub scopes: &'static str,
    pub create: &'static str,
    pub name_needed: &'static str,
    pub scope_needed: &'static str,
    pub shown_once: &'static str,
    pub no_keys: &'static str,
    pub created: &'static str,
    pub last_used: &'static str,
    pub never_used: &'static str,
    pub revoked: &'static str,
    pub revoke: &'static str,
    pub revoke_ask: &'static str,
    pub owners_only: &'static str,
    pub hooks_title: &'static str,
    pub hooks_lead: &'static str,
    pub hook_url: &'static str,
    pub events: &'static str,
    pub add_hook: &'static str,
    pub url_needed: &'static str,
    pub event_needed: &'static str,
    pub hook_secret: &'static str,
    pub no_hooks: &'static str,
    pub remove: &'static str,
    pub log: &'static str,
    pub no_deliveries: &'static str,
    pub delivered: &'static str,
    pub retrying: &'static str,
    pub gave_up: &'static str,
    scope_names: [&'static str; 4],
    event_names: [&'static str; 3],
}

impl Words {
    /// What event `event` tells.
    pub fn event(&self, event: Event) -> &'static str {
        let at = Event::ALL.iter().position(|e| *e == event).unwrap_or(0);
        self.event_names[at]
    }

    /// What scope `scope` lets a key do.
    pub fn scope(&self, scope: Scope) -> &'static str {
        let at = Scope::ALL.iter().position(|s| *s == scope).unwrap_or(0);
        self.scope_names[at]
    }
}

const ZH: Words = Words {
    title: "系统对接",
    lead: "让品牌的 CRM、商城和门店系统连接 Cradle：签发会员登录凭证，用 API 密钥查询会员、上报订单。",
    back: "← 返回项目",
    link: "系统对接",
    secret_title: "会员登录签名密钥",
    secret_lead: "品牌系统用这个密钥签发会员登录凭证（格式和 Python、Node 示例见 README）。",
    workspace_id: "工作区 ID（workspace_id）",
    secret: "签名密钥",
    show: "显示",
    hide: "隐藏",
    rotate: "更换密钥",
    rotate_ask: "更换后，旧密钥签发的凭证在 24 小时内仍然有效，请在此之前把新密钥部署到品牌系统。确定更换吗？",
    confirm_rotate: "确认更换",
    cancel: "取消",
    previous_until: "旧密钥有效至",
    keys_title: "API 密钥",
    keys_lead: "品牌服务器调用时发送 Authorization: Bearer {密钥}，每个密钥只能做勾选的事。",
    key_name: "用途",
    key_name_hint: "例如：CRM、天猫旗舰店",
    scopes: "权限",
    create: "创建密钥",
    name_needed: "请填写密钥的用途。",
    scope_needed: "请至少勾选一项权限。",
    shown_once: "请立即复制保存：这个密钥只显示这一次。",
    no_keys: "还没有 API 密钥。",
    created: "创建于",
    last_used: "最近使用",
    never_used: "从未使用",
    revoked: "已撤销",
    revoke: "撤销",
    revoke_ask: "撤销后，使用这个密钥的系统将立即无法调用。确定撤销吗？",
    owners_only: "只有品牌所有者可以管理签名密钥和 API 密钥。",
    hooks_title: "Webhook 通知",
    hooks_lead: "有会员中奖、奖品码被核销或会员升级时，Cradle 会向这个地址发送签名的 POST 请求，失败会自动重试。",
    hook_url: "接收地址",
    events: "通知事件",
    add_hook: "添加 Webhook",
    url_needed: "请填写以 https:// 或 http:// 开头的接收地址。",
    event_needed: "请至少勾选一个事件。",
    hook_secret: "请立即复制签名密钥：用它校验 X-Cradle-Signature，只显示这一次。",
    no_hooks: "还没有 Webhook。",
    remove: "删除",
    log: "发送记录",
    no_deliveries: "还没有发送记录。",
    delivered: "已送达",
    retrying: "等待重试",
    gave_up: "已放弃",
    scope_names: [
        "查询会员（members:read）",
        "调整会员积分（members:write）",
        "上报订单和退款（orders:write）",
        "查询活动（campaigns:read）",
    ],
    event_names: [
        "会员中奖（prize.won）",
        "奖品码核销（code.redeemed）",
        "会员升级（tier.changed）",
    ],
};

const EN: Words = Words {
    title: "Integration",
    lead: "Connect the brand's CRM, shop and store systems: sign member tokens, and look members up and report orders with API keys.",
    back: "← Projects",
    link: "Integration",
    secret_title: "Member token secret",
    secret_lead: "The brand's system signs member tokens with this secret (format and Python and Node examples in the README).",
    workspace_id: "Workspace id (workspace_id)",
    secret: "Secret",
    show: "Show",
    hide: "Hide",
    rotate: "Rotate",
    rotate_ask: "Tokens signed with the old secret keep working for 24 hours: deploy the new one to the brand's system before then. Rotate now?",
    confirm_rotate: "Rotate",
    cancel: "Cancel",
    previous_until: "The old secret works until",
    keys_title: "API keys",
    keys_lead: "The brand's servers send Authorization: Bearer {key}; each key does only what is ticked.",
    key_name: "Used by",
    key_name_hint: "e.g. CRM, Tmall store",
    scopes: "Scopes",
    create: "Create key",
    name_needed: "Say what uses the key.",
    scope_needed: "Tick at least one scope.",
    shown_once: "Copy it now: this key is shown only once.",
    no_keys: "No API keys yet.",
    created: "Created",
    last_used: "Last used",
    never_used: "Never used",
    revoked: "Revoked",
    revoke: "Revoke",
    revoke_ask: "Systems using this key stop working at once. Revoke it?",
    owners_only: "Only the brand's owner manages the signing secret and API keys.",
    hooks_title: "Webhooks",
    hooks_lead: "When a member wins, a code is redeemed or a member reaches a tier, Cradle posts a signed request to this address, retrying on failure.",
    hook_url: "Address",
    events: "Events",
    add_hook: "Add webhook",
    url_needed: "Give an address starting with https:// or http://.",
    event_needed: "Tick at least one event.",
    hook_secret: "Copy the signing secret now: it checks X-Cradle-Signature and is shown only once.",
    no_hooks: "No webhooks yet.",
    remove: "Remove",
    log: "Deliveries",
    no_deliveries: "Nothing sent yet.",
    delivered: "Delivered",
    retrying: "Retrying",
    gave_up: "Given up",
    scope_names: [
        "Look members up (members:read)",
        "Adjust members' points (members:write)",
        "Report orders and refunds (orders:write)",
        "Read campaigns (campaigns:read)",
    ],
    event_names: [
        "A member wins (prize.won)",
        "A code is redeemed (code.redeemed)",
        "A member reaches a tier (tier.changed)",
    ],
};

/// The words for `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

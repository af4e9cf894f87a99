//! The block catalogue: every kind a marketer can place, with its typed props, defaults, labels
//! in zh-CN and en, palette category, icon name, version, child slots and where it may go.

use chrono::{DateTime, Days, FixedOffset, NaiveTime, TimeZone, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::fields::{choice, field, Choice, Field, FieldKind, Label};

/// Every block kind.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The page itself (the root; not in the palette).
    Page,
    /// A full-width band holding other blocks.
    Section,
    /// 2-4 side-by-side columns.
    Columns,
    /// Empty vertical space.
    Spacer,
    /// A horizontal rule.
    Divider,
    /// A title.
    Heading,
    /// Paragraphs with bold, italic and links.
    RichText,
    /// A picture with alt text.
    Image,
    /// A button: link, sign-in, draw or share.
    Button,
    /// Rotating banners.
    Carousel,
    /// Time left until an instant.
    Countdown,
    /// A one-line announcement.
    NoticeBar,
    /// The member's tier, points and growth bar.
    MemberCard,
    /// What each tier enjoys.
    TierBenefits,
    /// Daily sign-in with per-day rewards and a streak bonus.
    SignInCalendar,
    /// Tasks that earn points.
    Tasks,
    /// Rewards bought with points.
    RedemptionGrid,
    /// Medals and badges.
    MedalsWall,
    /// Invite friends (fission).
    InviteCard,
    /// Share tier rights with a family member.
    RightsShareCard,
    /// Tips for the member's lifecycle stage.
    LifecycleTips,
    /// Wheel of fortune.
    Wheel,
    /// Nine-grid lottery.
    NineGrid,
    /// Scratch card.
    ScratchCard,
    /// Smash the golden egg.
    SmashEgg,
    /// Slot machine.
    SlotMachine,
    /// Quiz with server-checked answers.
    Quiz,
    /// Vote with per-day limits.
    Vote,
    /// Coupons to claim.
    CouponList,
    /// Products to buy.
    ProductGrid,
}

/// Palette category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// Structure.
    Layout,
    /// Text, pictures, buttons.
    Content,
    /// Member club.
    Club,
    /// Mini-games.
    Games,
    /// Coupons and products.
    Commerce,
}

impl Category {
    /// Categories in palette order.
    pub const ALL: [Category; 5] = [
        Category::Layout,
        Category::Content,
        Category::Club,
        Category::Games,
        Category::Commerce,
    ];

    /// The category's label.
    pub fn label(self) -> Label {
        match self {
            Category::Layout => Label {
                en: "Layout",
                zh: "布局",
            },
            Category::Content => Label {
                en: "Content",
                zh: "内容",
            },
            Category::Club => Label {
                en: "Member club",
                zh: "会员俱乐部",
            },
            Category::Games => Label {
                en: "Games",
                zh: "互动游戏",
            },
            Category::Commerce => Label {
                en: "Commerce",
                zh: "商品与优惠",
            },
        }
    }
}

/// A new block's first date (a countdown's target): seven days after `now`, at 20:00 China
/// time — an evening launch a week ahead, time enough to set the campaign up, never past.
pub fn first_date(now: DateTime<Utc>) -> DateTime<FixedOffset> {
    let china = crate::templates::china();
    let day = now.with_timezone(&china).date_naive() + Days::new(7);
    let evening = NaiveTime::from_hms_opt(20, 0, 0).expect("20:00 is a time");
    china
        .from_local_datetime(&day.and_time(evening))
        .single()
        .expect("a fixed offset maps every local time once")
}

/// Everything the editor and validation know about a kind.
#[derive(Debug)]
pub struct KindSpec {
    /// The kind.
    pub kind: BlockKind,
    /// Palette label.
    pub label: Label,
    /// Palette category.
    pub category: Category,
    /// Icon name (the app maps it to an SVG).
    pub icon: &'static str,
    /// Current version of this kind's props (see [`crate::migrate`]).
    pub version: u32,
    /// Named child slots; empty for leaves.
    pub slots: &'static [&'static str],
    /// Typed props.
    pub fields: &'static [Field],
}

impl KindSpec {
    /// The field with `key`.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

const fn text(max: usize) -> FieldKind {
    FieldKind::Text {
        max,
        required: false,
    }
}
const fn required_text(max: usize) -> FieldKind {
    FieldKind::Text {
        max,
        required: true,
    }
}
const fn number(min: i64, max: i64) -> FieldKind {
    FieldKind::Number { min, max }
}
const IMAGE: FieldKind = FieldKind::Image {
    required: true,
    alt: "alt",
};
const OPTIONAL_IMAGE: FieldKind = FieldKind::Image {
    required: false,
    alt: "alt",
};
const ALT: Field = field!(
    "alt",
    "Alt text (describes the picture)",
    "替代文字（描述图片）",
    text(120),
    "\"\""
);
const TITLE: Field = field!("title", "Title", "标题", text(40), "\"\"");

const LEVELS: &[Choice] = &[
    choice!("h1", "Large", "大"),
    choice!("h2", "Medium", "中"),
    choice!("h3", "Small", "小"),
];
const BUTTON_ACTIONS: &[Choice] = &[
    choice!("link", "Open a link", "打开链接"),
    choice!("sign_in", "Sign in", "签到"),
    choice!("draw", "Play a campaign", "参与抽奖"),
    choice!("share", "Share this page", "分享本页"),
];
const BUTTON_VARIANTS: &[Choice] = &[
    choice!("primary", "Primary", "主要"),
    choice!("secondary", "Secondary", "次要"),
];
const TASK_ACTIONS: &[Choice] = &[
    choice!("sign_in", "Sign in", "签到"),
    choice!("share", "Share", "分享"),
    choice!("purchase", "Purchase", "购买"),
    choice!("quiz", "Answer a quiz", "答题"),
    choice!("invite", "Invite a friend", "邀请好友"),
    choice!("visit", "Visit a page", "浏览页面"),
    choice!("profile", "Complete the profile", "完善资料"),
];
const MEDAL_RULES: &[Choice] = &[
    choice!("first_sign_in", "First sign-in", "首次签到"),
    choice!("streak_7", "7 days in a row", "连续签到 7 天"),
    choice!("first_invite", "First friend invited", "首次邀请好友"),
    choice!("first_win", "First prize won", "首次中奖"),
    choice!("first_redeem", "First points redemption", "首次积分兑换"),
    choice!("quiz", "A quiz all right", "答题全对"),
];
const STAGES: &[Choice] = &[
    choice!("preparing", "Preparing for pregnancy", "备孕"),
    choice!("early_pregnancy", "Early pregnancy", "孕早期"),
    choice!("mid_pregnancy", "Mid pregnancy", "孕中期"),
    choice!("late_pregnancy", "Late pregnancy", "孕晚期"),
    choice!("newborn", "Newborn", "新生儿"),
    choice!("infant", "Infant", "婴儿"),
    choice!("toddler", "Toddler", "幼儿"),
    choice!("preschool", "Preschool", "学龄前"),
];

const SLIDE: &[Field] = &[
    field!("image", "Picture", "图片", IMAGE, "\"/placeholder.svg\""),
    field!(
        "alt",
        "Alt text",
        "替代文字",
        text(120),
        "\"Banner\"",
        "\"横幅\""
    ),
    field!("link", "Link", "链接", FieldKind::Url, "\"\""),
];
const DAY_REWARD: &[Field] = &[
    field!("day", "Day of streak", "连续第几天", number(1, 31), "1"),
    field!("points", "Points", "积分", number(0, 10_000), "5"),
];
const TASK: &[Field] = &[
    field!(
        "name",
        "Task",
        "任务",
        required_text(30),
        "\"Task\"",
        "\"任务\""
    ),
    field!("points", "Points", "积分", number(0, 10_000), "10"),
    field!(
        "action",
        "Action",
        "动作",
        FieldKind::Select(TASK_ACTIONS),
        "\"sign_in\""
    ),
    field!("target", "Times to do it", "需完成次数", number(1, 31), "1"),
    field!("url", "Link", "链接", FieldKind::Url, "\"\""),
];
const REWARD_ITEM: &[Field] = &[
    field!(
        "name",
        "Reward",
        "奖品",
        required_text(30),
        "\"Reward\"",
        "\"奖品\""
    ),
    field!("image", "Picture", "图片", OPTIONAL_IMAGE, "\"\""),
    ALT,
    field!(
        "points",
        "Points needed",
        "所需积分",
        number(1, 1_000_000),
        "100"
    ),
    field!("stock", "Stock", "库存", number(0, 1_000_000), "100"),
    field!(
        "valid_days",
        "Code valid for (days)",
        "兑换码有效天数",
        number(1, 365),
        "30"
    ),
];
const MEDAL: &[Field] = &[
    field!(
        "name",
        "Medal",
        "勋章",
        required_text(20),
        "\"Medal\"",
        "\"勋章\""
    ),
    field!("image", "Picture", "图片", OPTIONAL_IMAGE, "\"\""),
    ALT,
    field!(
        "description",
        "How to earn it",
        "获得方式",
        text(80),
        "\"\""
    ),
    field!(
        "rule",
        "Awarded for",
        "获得条件",
        FieldKind::Select(MEDAL_RULES),
        "\"first_sign_in\""
    ),
];
const TIP: &[Field] = &[
    field!(
        "stage",
        "Stage",
        "阶段",
        FieldKind::Select(STAGES),
        "\"mid_pregnancy\""
    ),
    field!(
        "title",
        "Title",
        "标题",
        required_text(40),
        "\"Tip\"",
        "\"孕育小知识\""
    ),
    field!(
        "body",
        "Text",
        "正文",
        FieldKind::Multiline { max: 300 },
        "\"\""
    ),
    field!("link", "Read more link", "更多链接", FieldKind::Url, "\"\""),
    field!(
        "from_week",
        "From week (0: the whole stage)",
        "从第几周（0 为整个阶段）",
        number(0, 320),
        "0"
    ),
    field!(
        "to_week",
        "To week (0: to the stage's end)",
        "到第几周（0 为阶段结束）",
        number(0, 320),
        "0"
    ),
];
const QUIZ_OPTION: &[Field] = &[field!(
    "text",
    "Answer",
    "选项",
    required_text(40),
    "\"Answer\"",
    "\"答案\""
)];
const QUESTION: &[Field] = &[
    field!(
        "question",
        "Question",
        "问题",
        required_text(80),
        "\"Question\"",
        "\"问题\""
    ),
    field!(
        "options",
        "Answers",
        "选项",
        FieldKind::List {
            item: QUIZ_OPTION,
            min: 2,
            max: 6
        },
        r#"[{"text":"A"},{"text":"B"}]"#
    ),
    field!(
        "answer",
        "Correct answer (number)",
        "正确答案（序号）",
        number(1, 6),
        "1"
    ),
];
const VOTE_OPTION: &[Field] = &[
    field!(
        "label",
        "Option",
        "选项",
        required_text(30),
        "\"Option\"",
        "\"选项\""
    ),
    field!("image", "Picture", "图片", OPTIONAL_IMAGE, "\"\""),
    ALT,
];
const COUPON: &[Field] = &[
    field!(
        "name",
        "Coupon",
        "优惠券",
        required_text(30),
        "\"Coupon\"",
        "\"优惠券\""
    ),
    field!("value", "Value shown", "面额", text(12), "\"¥10\""),
    field!("condition", "Condition", "使用条件", text(40), "\"\""),
    field!("stock", "Stock", "库存", number(0, 1_000_000), "1000"),
    field!(
        "valid_days",
        "Code valid for (days)",
        "券码有效天数",
        number(1, 365),
        "30"
    ),
];
const PRODUCT: &[Field] = &[
    field!(
        "name",
        "Product",
        "商品",
        required_text(40),
        "\"Product\"",
        "\"商品\""
    ),
    field!("image", "Picture", "图片", OPTIONAL_IMAGE, "\"\""),
    ALT,
    field!(
        "price_cents",
        "Price (cents)",
        "价格（分）",
        number(0, 100_000_000),
        "9900"
    ),
    field!("url", "Link", "链接", FieldKind::Url, "\"\""),
];

/// Fields every game block has.
macro_rules! game_fields {
    ($button:literal, $button_zh:literal) => {
        &[
            TITLE,
            field!(
                "campaign",
                "Campaign",
                "活动",
                FieldKind::Campaign { required: true },
                "null"
            ),
            field!(
                "button_label",
                "Button text",
                "按钮文字",
                required_text(12),
                $button,
                $button_zh
            ),
            field!(
                "play_seconds",
                "Play time (seconds)",
                "游戏时长（秒）",
                number(1, 10),
                "3"
            ),
        ]
    };
}

/// Every kind's spec, in palette order.
pub static SPECS: &[KindSpec] = &[
    KindSpec {
        kind: BlockKind::Page,
        label: Label {
            en: "Page",
            zh: "页面",
        },
        category: Category::Layout,
        icon: "page",
        version: 1,
        slots: &["main"],
        fields: &[],
    },
    KindSpec {
        kind: BlockKind::Section,
        label: Label {
            en: "Section",
            zh: "区块",
        },
        category: Category::Layout,
        icon: "section",
        version: 1,
        slots: &["children"],
        fields: &[field!(
            "name",
            "Name (for the layers list)",
            "名称（图层中显示）",
            text(40),
            "\"\""
        )],
    },
    KindSpec {
        kind: BlockKind::Columns,
        label: Label {
            en: "Columns",
            zh: "分栏",
        },
        category: Category::Layout,
        icon: "columns",
        version: 1,
        slots: &["col1", "col2", "col3", "col4"],
        fields: &[
            field!("count", "Columns", "栏数", number(2, 4), "2"),
            field!("gap", "Gap (px)", "间距（像素）", number(0, 48), "12"),
        ],
    },
    KindSpec {
        kind: BlockKind::Spacer,
        label: Label {
            en: "Spacer",
            zh: "留白",
        },
        category: Category::Layout,
        icon: "spacer",
        version: 1,
        slots: &[],
        fields: &[field!(
            "height",
            "Height (px)",
            "高度（像素）",
            number(4, 400),
            "24"
        )],
    },
    KindSpec {
        kind: BlockKind::Divider,
        label: Label {
            en: "Divider",
            zh: "分割线",
        },
        category: Category::Layout,
        icon: "divider",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "thickness",
                "Thickness (px)",
                "粗细（像素）",
                number(1, 8),
                "1"
            ),
            field!("colour", "Colour", "颜色", FieldKind::Colour, "\"#e8e2dc\""),
        ],
    },
    KindSpec {
        kind: BlockKind::Heading,
        label: Label {
            en: "Heading",
            zh: "标题",
        },
        category: Category::Content,
        icon: "heading",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "text",
                "Text",
                "文字",
                required_text(80),
                "\"Heading\"",
                "\"标题\""
            ),
            field!("level", "Size", "大小", FieldKind::Select(LEVELS), "\"h2\""),
        ],
    },
    KindSpec {
        kind: BlockKind::RichText,
        label: Label {
            en: "Text",
            zh: "文本",
        },
        category: Category::Content,
        icon: "text",
        version: 1,
        slots: &[],
        fields: &[field!(
            "text",
            "Text",
            "文字",
            FieldKind::RichText { max: 2000 },
            r#"[[{"text":"Write something for your members."}]]"#,
            r#"[[{"text":"写点什么给你的会员吧。"}]]"#
        )],
    },
    KindSpec {
        kind: BlockKind::Image,
        label: Label {
            en: "Image",
            zh: "图片",
        },
        category: Category::Content,
        icon: "image",
        version: 1,
        slots: &[],
        fields: &[
            field!("src", "Picture", "图片", IMAGE, "\"/placeholder.svg\""),
            field!(
                "alt",
                "Alt text (describes the picture)",
                "替代文字（描述图片）",
                text(120),
                "\"Placeholder picture\"",
                "\"示例图片\""
            ),
            field!("link", "Link", "链接", FieldKind::Url, "\"\""),
        ],
    },
    KindSpec {
        kind: BlockKind::Button,
        label: Label {
            en: "Button",
            zh: "按钮",
        },
        category: Category::Content,
        icon: "button",
        version: 2,
        slots: &[],
        fields: &[
            field!(
                "label",
                "Text",
                "文字",
                required_text(30),
                "\"Join now\"",
                "\"立即加入\""
            ),
            field!(
                "action",
                "Action",
                "动作",
                FieldKind::Select(BUTTON_ACTIONS),
                "\"link\""
            ),
            field!("url", "Link", "链接", FieldKind::Url, "\"/\""),
            field!(
                "campaign",
                "Campaign (for Play)",
                "活动（参与抽奖时）",
                FieldKind::Campaign { required: false },
                "null"
            ),
            field!(
                "variant",
                "Style",
                "样式",
                FieldKind::Select(BUTTON_VARIANTS),
                "\"primary\""
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::Carousel,
        label: Label {
            en: "Banner carousel",
            zh: "轮播图",
        },
        category: Category::Content,
        icon: "carousel",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "slides",
                "Slides",
                "轮播项",
                FieldKind::List {
                    item: SLIDE,
                    min: 1,
                    max: 8
                },
                r#"[{"image":"/placeholder.svg","alt":"Banner","link":""}]"#,
                r#"[{"image":"/placeholder.svg","alt":"横幅","link":""}]"#
            ),
            field!(
                "autoplay_seconds",
                "Seconds per slide (0 = manual)",
                "每张秒数（0 为手动）",
                number(0, 30),
                "4"
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::Countdown,
        label: Label {
            en: "Countdown",
            zh: "倒计时",
        },
        category: Category::Content,
        icon: "countdown",
        version: 1,
        slots: &[],
        fields: &[
            TITLE,
            field!(
                "target",
                "Counts down to",
                "截止时间",
                FieldKind::DateTime,
                "\"2026-12-31T20:00:00+08:00\""
            ),
            field!(
                "ended_text",
                "Text after the end",
                "结束后文字",
                text(80),
                "\"The event has ended\"",
                "\"活动已结束\""
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::NoticeBar,
        label: Label {
            en: "Notice bar",
            zh: "公告栏",
        },
        category: Category::Content,
        icon: "notice",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "text",
                "Text",
                "文字",
                required_text(120),
                "\"New members get 100 points\"",
                "\"新会员注册即送 100 积分\""
            ),
            field!("link", "Link", "链接", FieldKind::Url, "\"\""),
        ],
    },
    KindSpec {
        kind: BlockKind::MemberCard,
        label: Label {
            en: "Member card",
            zh: "会员卡",
        },
        category: Category::Club,
        icon: "member-card",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"My membership\"",
                "\"我的会员\""
            ),
            field!(
                "show_points",
                "Show points",
                "显示积分",
                FieldKind::Toggle,
                "true"
            ),
            field!(
                "show_growth",
                "Show growth bar",
                "显示成长值进度",
                FieldKind::Toggle,
                "true"
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::TierBenefits,
        label: Label {
            en: "Tier benefits",
            zh: "等级权益",
        },
        category: Category::Club,
        icon: "benefits",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Benefits by tier\"",
                "\"会员等级权益\""
            ),
            field!(
                "show_locked",
                "Show benefits of higher tiers",
                "显示更高等级权益",
                FieldKind::Toggle,
                "true"
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::SignInCalendar,
        label: Label {
            en: "Sign-in calendar",
            zh: "签到日历",
        },
        category: Category::Club,
        icon: "calendar",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Daily sign-in\"",
                "\"每日签到\""
            ),
            field!(
                "daily_points",
                "Points per sign-in",
                "每日签到积分",
                number(0, 1_000),
                "5"
            ),
            field!(
                "rewards",
                "Rewards on streak days",
                "连续签到奖励",
                FieldKind::List {
                    item: DAY_REWARD,
                    min: 0,
                    max: 31
                },
                r#"[{"day":3,"points":10}]"#
            ),
            field!(
                "streak_days",
                "Streak length",
                "连续天数",
                number(2, 31),
                "7"
            ),
            field!(
                "streak_bonus",
                "Streak bonus points",
                "连续签到额外积分",
                number(0, 10_000),
                "50"
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::Tasks,
        label: Label {
            en: "Tasks",
            zh: "任务",
        },
        category: Category::Club,
        icon: "tasks",
        version: 2,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Earn points\"",
                "\"做任务赚积分\""
            ),
            field!(
                "tasks",
                "Tasks",
                "任务列表",
                FieldKind::List {
                    item: TASK,
                    min: 1,
                    max: 20
                },
                r#"[{"name":"Sign in 7 days in a row","points":5,"action":"sign_in","target":7,"url":""},{"name":"Complete your profile","points":20,"action":"profile","target":1,"url":""},{"name":"Invite a friend","points":100,"action":"invite","target":1,"url":""}]"#,
                r#"[{"name":"连续签到 7 天","points":5,"action":"sign_in","target":7,"url":""},{"name":"完善宝宝资料","points":20,"action":"profile","target":1,"url":""},{"name":"邀请一位好友","points":100,"action":"invite","target":1,"url":""}]"#
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::RedemptionGrid,
        label: Label {
            en: "Points redemption",
            zh: "积分兑换",
        },
        category: Category::Club,
        icon: "gift",
        version: 2,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Redeem your points\"",
                "\"积分兑好礼\""
            ),
            field!(
                "items",
                "Rewards",
                "兑换品",
                FieldKind::List {
                    item: REWARD_ITEM,
                    min: 1,
                    max: 24
                },
                r#"[{"name":"Wet wipes","image":"","alt":"","points":200,"stock":100,"valid_days":30}]"#,
                r#"[{"name":"婴儿湿巾","image":"","alt":"","points":200,"stock":100,"valid_days":30}]"#
            ),
            field!("columns", "Columns", "列数", number(2, 3), "2"),
        ],
    },
    KindSpec {
        kind: BlockKind::MedalsWall,
        label: Label {
            en: "Medals wall",
            zh: "勋章墙",
        },
        category: Category::Club,
        icon: "medal",
        version: 2,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"My medals\"",
                "\"我的勋章\""
            ),
            field!(
                "medals",
                "Medals",
                "勋章",
                FieldKind::List {
                    item: MEDAL,
                    min: 1,
                    max: 24
                },
                r#"[{"name":"Hello!","image":"","alt":"","description":"Sign in for the first time","rule":"first_sign_in"},{"name":"Keeps at it","image":"","alt":"","description":"Sign in 7 days in a row","rule":"streak_7"}]"#,
                r#"[{"name":"初来乍到","image":"","alt":"","description":"第一次签到","rule":"first_sign_in"},{"name":"坚持不懈","image":"","alt":"","description":"连续签到 7 天","rule":"streak_7"}]"#
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::InviteCard,
        label: Label {
            en: "Invite card",
            zh: "邀请卡",
        },
        category: Category::Club,
        icon: "invite",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Invite a friend\"",
                "\"邀请好友\""
            ),
            field!(
                "reward_text",
                "Reward text",
                "奖励说明",
                text(80),
                "\"You both get 100 points\"",
                "\"好友入会，你们各得 100 积分\""
            ),
            field!(
                "button_label",
                "Button text",
                "按钮文字",
                required_text(12),
                "\"Invite\"",
                "\"去邀请\""
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::RightsShareCard,
        label: Label {
            en: "Rights sharing",
            zh: "权益共享",
        },
        category: Category::Club,
        icon: "share-rights",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Share your rights\"",
                "\"权益共享\""
            ),
            field!(
                "description",
                "Description",
                "说明",
                FieldKind::Multiline { max: 200 },
                "\"Family members enjoy your tier's benefits.\"",
                "\"家人也能享受你的会员等级权益。\""
            ),
            field!(
                "button_label",
                "Button text",
                "按钮文字",
                required_text(12),
                "\"Share rights\"",
                "\"邀请家人共享\""
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::LifecycleTips,
        label: Label {
            en: "Lifecycle tips",
            zh: "孕育知识",
        },
        category: Category::Club,
        icon: "tips",
        version: 2,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"For you this week\"",
                "\"本周为你推荐\""
            ),
            field!(
                "tips",
                "Tips",
                "知识卡片",
                FieldKind::List {
                    item: TIP,
                    min: 1,
                    max: 20
                },
                r#"[{"stage":"mid_pregnancy","title":"Week 17: feel the first kicks","body":"","link":"","from_week":17,"to_week":20}]"#,
                r#"[{"stage":"mid_pregnancy","title":"孕 17 周：感受第一次胎动","body":"","link":"","from_week":17,"to_week":20}]"#
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::Wheel,
        label: Label {
            en: "Wheel of fortune",
            zh: "大转盘",
        },
        category: Category::Games,
        icon: "wheel",
        version: 1,
        slots: &[],
        fields: game_fields!("\"Spin\"", "\"转一转\""),
    },
    KindSpec {
        kind: BlockKind::NineGrid,
        label: Label {
            en: "Nine-grid",
            zh: "九宫格",
        },
        category: Category::Games,
        icon: "grid",
        version: 1,
        slots: &[],
        fields: game_fields!("\"Draw\"", "\"立即抽奖\""),
    },
    KindSpec {
        kind: BlockKind::ScratchCard,
        label: Label {
            en: "Scratch card",
            zh: "刮刮卡",
        },
        category: Category::Games,
        icon: "scratch",
        version: 1,
        slots: &[],
        fields: game_fields!("\"Scratch\"", "\"刮一刮\""),
    },
    KindSpec {
        kind: BlockKind::SmashEgg,
        label: Label {
            en: "Smash the egg",
            zh: "砸金蛋",
        },
        category: Category::Games,
        icon: "egg",
        version: 1,
        slots: &[],
        fields: game_fields!("\"Smash\"", "\"砸金蛋\""),
    },
    KindSpec {
        kind: BlockKind::SlotMachine,
        label: Label {
            en: "Slot machine",
            zh: "老虎机",
        },
        category: Category::Games,
        icon: "slots",
        version: 1,
        slots: &[],
        fields: game_fields!("\"Spin\"", "\"开始抽奖\""),
    },
    KindSpec {
        kind: BlockKind::Quiz,
        label: Label {
            en: "Quiz",
            zh: "答题",
        },
        category: Category::Games,
        icon: "quiz",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Quiz\"",
                "\"育儿知识问答\""
            ),
            field!(
                "questions",
                "Questions",
                "题目",
                FieldKind::List {
                    item: QUESTION,
                    min: 1,
                    max: 10
                },
                r#"[{"question":"When do most babies first smile?","options":[{"text":"6 weeks"},{"text":"6 months"}],"answer":1}]"#,
                r#"[{"question":"大多数宝宝第一次微笑是在什么时候？","options":[{"text":"6 周左右"},{"text":"6 个月左右"}],"answer":1}]"#
            ),
            field!(
                "reward_points",
                "Points for all correct",
                "全部答对奖励积分",
                number(0, 10_000),
                "20"
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::Vote,
        label: Label {
            en: "Vote",
            zh: "投票",
        },
        category: Category::Games,
        icon: "vote",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Question",
                "投票主题",
                required_text(60),
                "\"Which gift box do you like?\"",
                "\"你最喜欢哪款礼盒？\""
            ),
            field!(
                "options",
                "Options",
                "选项",
                FieldKind::List {
                    item: VOTE_OPTION,
                    min: 2,
                    max: 12
                },
                r#"[{"label":"Option A","image":"","alt":""},{"label":"Option B","image":"","alt":""}]"#,
                r#"[{"label":"选项 A","image":"","alt":""},{"label":"选项 B","image":"","alt":""}]"#
            ),
            field!(
                "votes_per_day",
                "Votes per member per day",
                "每人每天票数",
                number(1, 10),
                "1"
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::CouponList,
        label: Label {
            en: "Coupons",
            zh: "优惠券",
        },
        category: Category::Commerce,
        icon: "coupon",
        version: 2,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Coupons for you\"",
                "\"专属优惠券\""
            ),
            field!(
                "coupons",
                "Coupons",
                "优惠券",
                FieldKind::List {
                    item: COUPON,
                    min: 1,
                    max: 12
                },
                r#"[{"name":"New member coupon","value":"¥20","condition":"Orders over ¥99","stock":1000,"valid_days":30}]"#,
                r#"[{"name":"新人专享券","value":"¥20","condition":"满 99 元可用","stock":1000,"valid_days":30}]"#
            ),
        ],
    },
    KindSpec {
        kind: BlockKind::ProductGrid,
        label: Label {
            en: "Products",
            zh: "商品",
        },
        category: Category::Commerce,
        icon: "products",
        version: 1,
        slots: &[],
        fields: &[
            field!(
                "title",
                "Title",
                "标题",
                text(40),
                "\"Picked for you\"",
                "\"为你精选\""
            ),
            field!(
                "products",
                "Products",
                "商品",
                FieldKind::List {
                    item: PRODUCT,
                    min: 1,
                    max: 24
                },
                r#"[{"name":"Stage 1 formula","image":"","alt":"","price_cents":25800,"url":""}]"#,
                r#"[{"name":"1 段婴儿配方奶粉","image":"","alt":"","price_cents":25800,"url":""}]"#
            ),
            field!("columns", "Columns", "列数", number(2, 3), "2"),
        ],
    },
];

impl BlockKind {
    /// This kind's spec.
    pub fn spec(self) -> &'static KindSpec {
        // SPECS lists every kind exactly once (tested), so the search always succeeds.
        SPECS.iter().find(|s| s.kind == self).unwrap_or(&SPECS[0])
    }

    /// Whether this kind holds children.
    pub fn is_container(self) -> bool {
        !self.spec().slots.is_empty()
    }

    /// The game a campaign block plays, for the five lottery games.
    pub fn game(self) -> Option<crate::campaign::GameKind> {
        use crate::campaign::GameKind;
        match self {
            BlockKind::Wheel => Some(GameKind::Wheel),
            BlockKind::NineGrid => Some(GameKind::NineGrid),
            BlockKind::ScratchCard => Some(GameKind::ScratchCard),
            BlockKind::SmashEgg => Some(GameKind::SmashEgg),
            BlockKind::SlotMachine => Some(GameKind::SlotMachine),
            _ => None,
        }
    }

    /// Why a block of kind `child` may not go into this container, in both languages, or `None`
    /// when it may.
    pub fn refuses(self, child: BlockKind) -> Option<Label> {
        let (en, zh) = match (self, child) {
            (_, BlockKind::Page) => (
                "the page cannot be placed inside anything",
                "页面本身不能放进任何组件",
            ),
            (BlockKind::Page, _) => return None,
            (BlockKind::Section, BlockKind::Section) => (
                "a section cannot go inside another section",
                "区块不能放进另一个区块",
            ),
            (BlockKind::Section, _) => return None,
            (BlockKind::Columns, BlockKind::Section | BlockKind::Columns) => (
                "columns hold content blocks, not sections or other columns",
                "分栏只能放内容组件，不能放区块或分栏",
            ),
            (BlockKind::Columns, kind) if kind.game().is_some() => (
                "games need the full width: place them outside columns",
                "互动游戏需要整行宽度，请放在分栏之外",
            ),
            (BlockKind::Columns, _) => return None,
            _ => (
                "this block does not hold other blocks",
                "此组件不能容纳其他组件",
            ),
        };
        Some(Label { en, zh })
    }

    /// Kinds shown in the palette (all but the page).
    pub fn palette() -> impl Iterator<Item = &'static KindSpec> {
        SPECS.iter().filter(|s| s.kind != BlockKind::Page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_kind_is_listed_once_with_unique_keys() {
        let kinds: HashSet<_> = SPECS.iter().map(|s| s.kind).collect();
        assert_eq!(kinds.len(), SPECS.len());
        assert_eq!(SPECS.len(), 30);
        for spec in SPECS {
            assert_eq!(spec.kind.spec().kind, spec.kind);
            let keys: HashSet<_> = spec.fields.iter().map(|f| f.key).collect();
            assert_eq!(keys.len(), spec.fields.len(), "{:?}", spec.kind);
            assert!(!spec.label.en.is_empty() && !spec.label.zh.is_empty());
        }
    }

    #[test]
    fn every_default_parses() {
        fn check(fields: &[Field]) {
            for f in fields {
                for default in [f.default.en, f.default.zh] {
                    assert!(
                        serde_json::from_str::<serde_json::Value>(default).is_ok(),
                        "{}",
                        f.key
                    );
                }
                if let FieldKind::List { item, .. } = f.kind {
                    check(item);
                }
            }
        }
        for spec in SPECS {
            check(spec.fields);
        }
    }

    #[test]
    fn nesting_rules_explain_refusals() {
        assert!(BlockKind::Page.refuses(BlockKind::Section).is_none());
        assert!(BlockKind::Section.refuses(BlockKind::Columns).is_none());
        assert!(BlockKind::Columns
            .refuses(BlockKind::Wheel)
            .unwrap()
            .en
            .contains("full width"));
        assert!(BlockKind::Heading.refuses(BlockKind::Image).is_some());
        assert!(BlockKind::Section.refuses(BlockKind::Page).is_some());
    }
}

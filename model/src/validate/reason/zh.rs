//! The reasons in Simplified Chinese, for the builder.

use super::{Reason, Shape};
use crate::language::Language;

pub(super) fn message(reason: &Reason) -> String {
    use Reason::*;
    match reason {
        BadId(what) => format!("{}编号须为 1-64 个字母、数字、“-”或“_”", what.zh),
        DuplicateId(what, id) => format!("{}编号“{id}”重复使用了", what.zh),
        IdMismatch { id, key } => format!("组件编号“{id}”与其存放位置“{key}”不一致"),
        BadSlug => "页面地址须为 1-64 个小写字母、数字或“-”（不能以“-”开头或结尾）".into(),
        Empty(name) => format!("请填写{}", name.zh),
        TextTooLong(name, max) => format!("{}最多 {max} 个字", name.zh),
        AtLeast(name, min) => format!("{}不能小于 {min}", name.zh),
        AtMost(name, max) => format!("{}不能大于 {max}", name.zh),
        SpacingTooWide(name, max) => format!("{}每边最多 {max} 像素", name.zh),
        NotAColour(s) => format!("“{s}”不是颜色：请用 #rgb 或 #rrggbb，例如 #e85d75"),
        UnsafeLink => {
            "链接须以 http://、https:// 或 / 开头（不能用 javascript:、data: 等其他协议）".into()
        }
        WrongType(name, shape) => format!("{}须为{}", name.zh, shape_zh(*shape)),
        NotOneOf(name, choices) => {
            let allowed: Vec<_> = choices.iter().map(|c| c.label.zh).collect();
            format!("{}只能是：{}", name.zh, allowed.join("、"))
        }
        UnknownSetting(key) => format!("未知的设置“{key}”"),
        Missing(name) => format!("缺少{}", name.zh),
        PictureRequired(name) => format!("{}为必填：请上传图片或粘贴图片链接", name.zh),
        NoAltText => "请为图片写一句描述（替代文字），方便看不到图片的用户".into(),
        NoCampaign => "请选择这个组件使用的活动".into(),
        NoSuchCampaign(id) => format!("本页面没有活动“{id}”"),
        WrongGame { campaign, game } => format!(
            "活动“{campaign}”是为其他玩法设置的，请选择{}活动",
            game.spec().label.zh
        ),
        TooFewRows(name, min) => format!("{}至少需要 {min} 行", name.zh),
        TooManyRows(name, max) => format!("{}最多 {max} 行", name.zh),
        NoSuchAnswer(options) => format!("正确答案须是这 {options} 个选项之一"),
        TooMany(what, max) => format!("一个页面最多 {max} 个{}", what.zh),
        NoPageBlock(id) => format!("缺少页面组件“{id}”"),
        RootNotPage => "最外层组件必须是页面".into(),
        PageNotRoot => "只有最外层可以是页面".into(),
        NoSuchBlock(id) => format!("组件“{id}”不存在"),
        PlacedTwice { id, also_in } => format!("组件“{id}”被放了两次（另一处在“{also_in}”）"),
        Placement(refusal) => refusal.message(Language::ZhCn),
        HiddenColumnHoldsBlocks { column, showing } => {
            format!("第 {column} 栏已隐藏（当前显示 {showing} 栏），但里面还有组件：请先移走")
        }
        Unreachable { id, looped: true } => format!("组件“{id}”与其他组件互相嵌套，形成了循环"),
        Unreachable { id, looped: false } => format!("组件“{id}”没有放在页面上"),
        BlockTooNew {
            kind,
            version,
            reads,
        } => format!(
            "这个{}由更新版本的 Cradle 制作（版本 {version}），当前版本最多读取到 {reads}",
            kind.spec().label.zh
        ),
        SchemaTooNew { schema, reads } => format!(
            "这个页面由更新版本的 Cradle 保存（格式 {schema}），当前版本最多读取到格式 {reads}"
        ),
        NoSchemaVersion => "缺少格式版本（schema_version）".into(),
        BadSchemaVersion => "格式版本（schema_version）须为从 1 开始的整数".into(),
        NotAnObject => "页面数据须为 JSON 对象".into(),
        Unreadable(detail) => format!("内容格式不正确：{detail}"),
        TooLarge { what, size, limit } => {
            format!("{}太大了（{size} 字节，上限 {limit} 字节）", what.zh)
        }
        EndsBeforeStart => "结束时间须晚于开始时间".into(),
        PrizeCount { min, max, has } if min == max => {
            format!("这个玩法需要正好 {min} 个奖品，现在有 {has} 个")
        }
        PrizeCount { min, max, has } => {
            format!("这个玩法需要 {min}-{max} 个奖品，现在有 {has} 个")
        }
        DailyAboveTotal => "每日次数上限不能超过活动总次数上限".into(),
        NoPoints => "积分奖品至少要送 1 积分".into(),
        NoSuchFallback(id) => format!("保底奖品“{id}”不在本活动的奖品中"),
        FallbackLimited => "保底奖品在其他奖品发完后发放，库存须为不限量".into(),
        TierCount(max) => format!("会员等级须有 1-{max} 级"),
        FirstTierNotZero => "第一个等级的成长值须从 0 开始".into(),
        TierNotHigher => "每个等级所需的成长值须高于前一个等级".into(),
        NoStage => "请至少选择一个阶段".into(),
        PregnancyWeeks => "孕周须在 1-42 周之间，且起始不大于结束".into(),
        RangeReversed => "范围的最小值不能大于最大值".into(),
        NoSuchTier(rank) => format!("会员等级中没有第 {rank} 级"),
        BadTag => "标签须为 1-40 个字".into(),
        DaysReversed => "结束日期不能早于开始日期".into(),
    }
}

fn shape_zh(shape: Shape) -> &'static str {
    match shape {
        Shape::Text => "文字",
        Shape::RichText => "由文字片段组成的段落",
        Shape::WholeNumber => "整数",
        Shape::Toggle => "开或关",
        Shape::Colour => "颜色，例如 #e85d75",
        Shape::Link => "链接",
        Shape::PictureLink => "图片链接",
        Shape::DateTime => "带时区的日期时间，例如 2026-06-18T20:00:00+08:00",
        Shape::CampaignId => "活动编号",
        Shape::List => "列表",
        Shape::Row => "对象",
    }
}

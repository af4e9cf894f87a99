use std::collections::BTreeSet;

use super::*;
use crate::language::check::{has_english_word, is_cjk};

/// One of each reason (both branches where the words differ), so every sentence is checked.
fn samples() -> Vec<Reason> {
    use Reason::*;
    let title = name::TITLE;
    let choices = match BlockKind::Button
        .spec()
        .fields
        .iter()
        .find(|f| f.key == "action")
    {
        Some(f) => match f.kind {
            crate::fields::FieldKind::Select(choices) => choices,
            _ => unreachable!("a button's action is a select"),
        },
        None => unreachable!("a button has an action"),
    };
    let mut all = vec![
        BadId(name::CAMPAIGN),
        DuplicateId(name::PRIZE, "p1".into()),
        IdMismatch {
            id: "a".into(),
            key: "b".into(),
        },
        BadSlug,
        Empty(title),
        TextTooLong(title, 80),
        AtLeast(name::WEIGHT, 1),
        AtMost(name::POINTS, 9),
        SpacingTooWide(name::PADDING, 200),
        NotAColour("red".into()),
        UnsafeLink,
        NotOneOf(title, choices),
        UnknownSetting("x".into()),
        Missing(title),
        PictureRequired(title),
        NoAltText,
        NoCampaign,
        NoSuchCampaign("c".into()),
        WrongGame {
            campaign: "c".into(),
            game: BlockKind::Wheel,
        },
        TooFewRows(title, 2),
        TooManyRows(title, 9),
        NoSuchAnswer(3),
        TooMany(name::BLOCKS, 2000),
        NoPageBlock("root".into()),
        RootNotPage,
        PageNotRoot,
        NoSuchBlock("b".into()),
        PlacedTwice {
            id: "a".into(),
            also_in: "b".into(),
        },
        HiddenColumnHoldsBlocks {
            column: 3,
            showing: 2,
        },
        Unreachable {
            id: "a".into(),
            looped: true,
        },
        Unreachable {
            id: "a".into(),
            looped: false,
        },
        BlockTooNew {
            kind: BlockKind::Heading,
            version: 9,
            reads: 1,
        },
        SchemaTooNew {
            schema: 9,
            reads: 2,
        },
        NoSchemaVersion,
        BadSchemaVersion,
        NotAnObject,
        Unreadable("invalid type: integer `5`, expected a string".into()),
        TooLarge {
            what: name::BLOCKS_ARE,
            size: 3,
            limit: 2,
        },
        EndsBeforeStart,
        PrizeCount {
            min: 8,
            max: 8,
            has: 7,
        },
        PrizeCount {
            min: 2,
            max: 12,
            has: 1,
        },
        DailyAboveTotal,
        NoPoints,
        NoSuchFallback("p".into()),
        FallbackLimited,
        TierCount(10),
        FirstTierNotZero,
        TierNotHigher,
        NoStage,
        PregnancyWeeks,
        RangeReversed,
        NoSuchTier(4),
        BadTag,
        DaysReversed,
    ];
    all.extend(
        [
            Shape::Text,
            Shape::RichText,
            Shape::WholeNumber,
            Shape::Toggle,
            Shape::Colour,
            Shape::Link,
            Shape::PictureLink,
            Shape::DateTime,
            Shape::CampaignId,
            Shape::List,
            Shape::Row,
        ]
        .map(|shape| WrongType(title, shape)),
    );
    all.extend(
        [
            Refusal::IntoItself,
            Refusal::HoldsNothing(BlockKind::Heading),
            Refusal::NoSuchSlot(BlockKind::Section, "side".into()),
            Refusal::Refused(
                BlockKind::Wheel,
                BlockKind::Columns.refuses(BlockKind::Wheel).unwrap(),
            ),
            Refusal::HiddenColumn("c3".into(), 2),
            Refusal::TooDeep,
        ]
        .map(Placement),
    );
    all
}

/// Which variant `reason` is; listing every variant here makes a new one fail to compile until
/// it has a sample above.
fn variant(reason: &Reason) -> usize {
    use Reason::*;
    match reason {
        BadId(_) => 0,
        DuplicateId(..) => 1,
        IdMismatch { .. } => 2,
        BadSlug => 3,
        Empty(_) => 4,
        TextTooLong(..) => 5,
        AtLeast(..) => 6,
        AtMost(..) => 7,
        SpacingTooWide(..) => 8,
        NotAColour(_) => 9,
        UnsafeLink => 10,
        WrongType(..) => 11,
        NotOneOf(..) => 12,
        UnknownSetting(_) => 13,
        Missing(_) => 14,
        PictureRequired(_) => 15,
        NoAltText => 16,
        NoCampaign => 17,
        NoSuchCampaign(_) => 18,
        WrongGame { .. } => 19,
        TooFewRows(..) => 20,
        TooManyRows(..) => 21,
        NoSuchAnswer(_) => 22,
        TooMany(..) => 23,
        NoPageBlock(_) => 24,
        RootNotPage => 25,
        PageNotRoot => 26,
        NoSuchBlock(_) => 27,
        PlacedTwice { .. } => 28,
        Placement(_) => 29,
        HiddenColumnHoldsBlocks { .. } => 30,
        Unreachable { .. } => 31,
        BlockTooNew { .. } => 32,
        SchemaTooNew { .. } => 33,
        NoSchemaVersion => 34,
        BadSchemaVersion => 35,
        NotAnObject => 36,
        Unreadable(_) => 37,
        TooLarge { .. } => 38,
        EndsBeforeStart => 39,
        PrizeCount { .. } => 40,
        DailyAboveTotal => 41,
        NoPoints => 42,
        NoSuchFallback(_) => 43,
        FallbackLimited => 44,
        TierCount(_) => 45,
        FirstTierNotZero => 46,
        TierNotHigher => 47,
        NoStage => 48,
        PregnancyWeeks => 49,
        RangeReversed => 50,
        NoSuchTier(_) => 51,
        BadTag => 52,
        DaysReversed => 53,
    }
}

#[test]
fn every_reason_has_a_chinese_and_an_english_sentence() {
    let samples = samples();
    let covered: BTreeSet<usize> = samples.iter().map(variant).collect();
    assert_eq!(covered, (0..=53).collect(), "a reason has no sample");
    for reason in &samples {
        let zh = reason.message(Language::ZhCn);
        let en = reason.message(Language::En);
        assert!(zh.chars().any(is_cjk), "{reason:?} in zh-CN: {zh}");
        assert!(has_english_word(&en), "{reason:?} in en: {en}");
        assert!(!en.chars().any(is_cjk), "{reason:?} in en: {en}");
        assert_ne!(zh, en);
    }
}

#[test]
fn parameters_reach_both_sentences() {
    let reason = Reason::TextTooLong(name::TITLE, 80);
    assert_eq!(
        reason.message(Language::En),
        "title must be at most 80 characters"
    );
    assert_eq!(reason.message(Language::ZhCn), "标题最多 80 个字");
    assert_eq!(reason.kind(), Kind::TooLong);
    let choices = Reason::WrongGame {
        campaign: "春季转盘".into(),
        game: BlockKind::Wheel,
    };
    assert!(choices.message(Language::ZhCn).contains("春季转盘"));
}

/// Every kind has words in both languages (Chinese in zh-CN), for problems only the server checks.
#[test]
fn every_kind_is_described_in_both_languages() {
    use crate::validate::Kind::*;
    for kind in [
        Required,
        WrongType,
        TooLong,
        Count,
        OutOfRange,
        Format,
        UnsafeLink,
        UnknownReference,
        Duplicate,
        Placement,
        Inconsistent,
        TooNew,
    ] {
        let zh = kind.describe(Language::ZhCn);
        assert!(zh.chars().any(is_cjk), "{kind:?}: {zh}");
        assert!(!kind.describe(Language::En).is_empty());
    }
}

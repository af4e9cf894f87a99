//! Why a value is invalid, typed with what the sentence needs (limits, names, ids), so one problem
//! is written in zh-CN or English from the same data and the two can never say different things.
//! Adding a reason without its sentences in both languages does not compile.

mod en;
mod zh;

use super::Kind;
use crate::catalogue::BlockKind;
use crate::commands::Refusal;
use crate::fields::{Choice, Label};
use crate::language::Language;

/// One problem's reason, with its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// An id (of the page, a block, campaign, prize or tier) in the wrong shape.
    BadId(Label),
    /// The same id given to two campaigns, prizes or tiers.
    DuplicateId(Label, String),
    /// A block filed under another key than its id.
    IdMismatch {
        /// The block's own id.
        id: String,
        /// The key it is stored under.
        key: String,
    },
    /// The page address in the wrong shape.
    BadSlug,
    /// Required text left empty.
    Empty(Label),
    /// Text longer than its limit, in characters.
    TextTooLong(Label, usize),
    /// A number below its minimum.
    AtLeast(Label, i64),
    /// A number above its maximum.
    AtMost(Label, i64),
    /// Padding or margin wider than the limit on some side (px).
    SpacingTooWide(Label, u16),
    /// Text that is not a `#rgb` / `#rrggbb` colour.
    NotAColour(String),
    /// A link with an unsafe scheme.
    UnsafeLink,
    /// A value of the wrong JSON type; the label names the field, the shape what it must be.
    WrongType(Label, Shape),
    /// A select value outside its choices.
    NotOneOf(Label, &'static [Choice]),
    /// A prop the block kind does not have.
    UnknownSetting(String),
    /// A prop the block kind needs is absent.
    Missing(Label),
    /// A required picture is absent.
    PictureRequired(Label),
    /// A picture without alt text.
    NoAltText,
    /// A game (or draw button) without its campaign.
    NoCampaign,
    /// A block names a campaign the page does not have.
    NoSuchCampaign(String),
    /// A game names a campaign set up for another game.
    WrongGame {
        /// The campaign's name.
        campaign: String,
        /// The game block.
        game: BlockKind,
    },
    /// A list with too few rows.
    TooFewRows(Label, usize),
    /// A list with too many rows.
    TooManyRows(Label, usize),
    /// A quiz answer past its options.
    NoSuchAnswer(usize),
    /// The page holds too many of something (blocks, campaigns).
    TooMany(Label, usize),
    /// The page's root block is missing.
    NoPageBlock(String),
    /// The root block is not a page.
    RootNotPage,
    /// A page block below the root.
    PageNotRoot,
    /// A slot names a block that does not exist.
    NoSuchBlock(String),
    /// A block in two places.
    PlacedTwice {
        /// The block.
        id: String,
        /// Its other parent.
        also_in: String,
    },
    /// A placement the editor would also refuse on a drop.
    Placement(Refusal),
    /// A column the block hides still holds blocks.
    HiddenColumnHoldsBlocks {
        /// The column, from 1.
        column: usize,
        /// How many columns show.
        showing: usize,
    },
    /// A block that is not on the page (`looped` when it is in a loop of blocks).
    Unreachable {
        /// The block.
        id: String,
        /// Whether it is inside a loop rather than just unplaced.
        looped: bool,
    },
    /// A block written by a newer Cradle.
    BlockTooNew {
        /// The block's kind.
        kind: BlockKind,
        /// Its version.
        version: u32,
        /// The newest this build reads.
        reads: u32,
    },
    /// A page written by a newer Cradle.
    SchemaTooNew {
        /// The page's schema.
        schema: u64,
        /// The newest this build reads.
        reads: u32,
    },
    /// The page has no `schema_version`.
    NoSchemaVersion,
    /// `schema_version` is not a whole number from 1.
    BadSchemaVersion,
    /// The page is not a JSON object.
    NotAnObject,
    /// JSON that does not decode; the decoder's own words (English) as detail.
    Unreadable(String),
    /// Input over the size limit.
    TooLarge {
        /// What was too large (the page, the blocks).
        what: Label,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A campaign (or rule window) that ends before it starts.
    EndsBeforeStart,
    /// A game with the wrong number of prizes.
    PrizeCount {
        /// Fewest allowed.
        min: usize,
        /// Most allowed.
        max: usize,
        /// How many it has.
        has: usize,
    },
    /// A daily draw limit above the campaign's total.
    DailyAboveTotal,
    /// A points prize of 0 points.
    NoPoints,
    /// The fallback prize is not one of the campaign's prizes.
    NoSuchFallback(String),
    /// The fallback prize has limited stock.
    FallbackLimited,
    /// The club's ladder has too few or too many tiers.
    TierCount(usize),
    /// The first tier does not start at 0.
    FirstTierNotZero,
    /// A tier needs no more growth than the one below.
    TierNotHigher,
    /// An audience rule with no stage chosen.
    NoStage,
    /// Pregnancy weeks outside 1-42 or reversed.
    PregnancyWeeks,
    /// A range whose minimum exceeds its maximum.
    RangeReversed,
    /// An audience rule naming a tier the ladder lacks.
    NoSuchTier(u32),
    /// A tag that is empty or longer than 40 characters.
    BadTag,
    /// A date window whose last day is before its first.
    DaysReversed,
}

/// What a value must be, for [`Reason::WrongType`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Text.
    Text,
    /// Paragraphs of text spans.
    RichText,
    /// A whole number.
    WholeNumber,
    /// On or off.
    Toggle,
    /// A colour like `#e85d75`.
    Colour,
    /// A link.
    Link,
    /// A picture link.
    PictureLink,
    /// A date and time with its offset.
    DateTime,
    /// A campaign id.
    CampaignId,
    /// A list.
    List,
    /// An object (a list's row).
    Row,
}

/// Names of things that are not catalogue fields, in both languages.
pub mod name {
    use crate::fields::Label;

    macro_rules! names {
        ($($id:ident = $en:literal, $zh:literal;)+) => {
            $(#[doc = $en] pub const $id: Label = Label { en: $en, zh: $zh };)+
        };
    }

    names! {
        PAGE = "page", "页面";
        PAGE_IS = "the page is", "页面";
        BLOCKS_ARE = "the blocks are", "这些组件";
        BLOCK = "block", "组件";
        BLOCKS = "blocks", "组件";
        CAMPAIGN = "campaign", "活动";
        CAMPAIGNS = "campaigns", "活动";
        PRIZE = "prize", "奖品";
        TIER = "tier", "会员等级";
        TITLE = "title", "标题";
        NAME = "name", "名称";
        CORNER_RADIUS = "corner radius (px)", "圆角（像素）";
        PADDING = "padding", "内边距";
        MARGIN = "margin", "外边距";
        DRAW_COST = "a draw's cost", "每次抽奖消耗的积分";
        LIMIT = "this limit", "此限制";
        WEIGHT = "weight", "权重";
        STOCK = "stock", "库存";
        POINTS = "points", "积分";
        PRIZE_VALUE = "a prize's value (cents)", "奖品价值（分）";
        ROW = "each row", "每一行";
    }
}

impl Reason {
    /// The kind of problem, for code that must not read the words.
    pub fn kind(&self) -> Kind {
        use Reason::*;
        match self {
            Empty(_) | Missing(_) | PictureRequired(_) | NoAltText | NoCampaign | NoStage
            | NoSchemaVersion => Kind::Required,
            WrongType(..) | NotAnObject | Unreadable(_) | BadSchemaVersion => Kind::WrongType,
            TextTooLong(..) | TooManyRows(..) | TooLarge { .. } | BadTag => Kind::TooLong,
            TooFewRows(..) | TooMany(..) | PrizeCount { .. } | TierCount(_) => Kind::Count,
            AtLeast(..) | AtMost(..) | SpacingTooWide(..) | NoPoints | FirstTierNotZero
            | PregnancyWeeks => Kind::OutOfRange,
            BadId(_) | BadSlug | NotAColour(_) | NotOneOf(..) => Kind::Format,
            UnsafeLink => Kind::UnsafeLink,
            UnknownSetting(_) | NoSuchCampaign(_) | NoPageBlock(_) | NoSuchBlock(_)
            | NoSuchFallback(_) | NoSuchTier(_) => Kind::UnknownReference,
            DuplicateId(..) | PlacedTwice { .. } => Kind::Duplicate,
            RootNotPage | PageNotRoot | HiddenColumnHoldsBlocks { .. } | Unreachable { .. } => {
                Kind::Placement
            }
            Placement(Refusal::NoSuchSlot(..)) => Kind::UnknownReference,
            Placement(Refusal::TooDeep) => Kind::Count,
            Placement(_) => Kind::Placement,
            IdMismatch { .. }
            | WrongGame { .. }
            | NoSuchAnswer(_)
            | EndsBeforeStart
            | DailyAboveTotal
            | FallbackLimited
            | TierNotHigher
            | RangeReversed
            | DaysReversed => Kind::Inconsistent,
            BlockTooNew { .. } | SchemaTooNew { .. } => Kind::TooNew,
        }
    }

    /// The problem in words, in `language`.
    pub fn message(&self, language: Language) -> String {
        match language {
            Language::ZhCn => zh::message(self),
            Language::En => en::message(self),
        }
    }
}

#[cfg(test)]
mod tests;

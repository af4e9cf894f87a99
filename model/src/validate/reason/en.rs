//! The reasons in English: the words the API sends in `message`.

use super::{Reason, Shape};
use crate::language::Language;

pub(super) fn message(reason: &Reason) -> String {
    use Reason::*;
    match reason {
        BadId(what) => format!("{} id must be 1-64 letters, digits, '-' or '_'", what.en),
        DuplicateId(what, id) => format!("{} id '{id}' is used twice", what.en),
        IdMismatch { id, key } => format!("block id '{id}' differs from its key '{key}'"),
        BadSlug => {
            "address must be 1-64 lowercase letters, digits or '-' (not at either end)".into()
        }
        Empty(name) => format!("{} must not be empty", name.en),
        TextTooLong(name, max) => format!("{} must be at most {max} characters", name.en),
        AtLeast(name, min) => format!("{} must be at least {min}", name.en.to_ascii_lowercase()),
        AtMost(name, max) => format!("{} must be at most {max}", name.en.to_ascii_lowercase()),
        SpacingTooWide(name, max) => format!("{} must be at most {max} px per side", name.en),
        NotAColour(s) => format!("'{s}' is not a colour: use #rgb or #rrggbb, e.g. #e85d75"),
        UnsafeLink => "links must start with http://, https:// or / (no javascript:, data: or \
                       other schemes)"
            .into(),
        WrongType(name, shape) => format!("{} must be {}", name.en, shape_en(*shape)),
        NotOneOf(name, choices) => {
            let allowed: Vec<_> = choices.iter().map(|c| c.value).collect();
            format!("{} must be one of: {}", name.en, allowed.join(", "))
        }
        UnknownSetting(key) => format!("unknown setting '{key}'"),
        Missing(name) => format!("{} is missing", name.en),
        PictureRequired(name) => {
            format!(
                "{} is required: upload a picture or paste its link",
                name.en
            )
        }
        NoAltText => "describe the picture for people who cannot see it (alt text)".into(),
        NoCampaign => "choose the campaign this block plays".into(),
        NoSuchCampaign(id) => format!("campaign '{id}' does not exist in this page"),
        WrongGame { campaign, game } => format!(
            "campaign '{campaign}' is set up for another game; choose a {} campaign",
            game.spec().label.en
        ),
        TooFewRows(name, min) => format!("{} needs at least {min} rows", name.en),
        TooManyRows(name, max) => format!("{} may have at most {max} rows", name.en),
        NoSuchAnswer(options) => {
            format!("correct answer must be one of the {options} answers")
        }
        TooMany(what, max) => format!("a page may hold at most {max} {}", what.en),
        NoPageBlock(id) => format!("the page block '{id}' is missing"),
        RootNotPage => "the root block must be a page".into(),
        PageNotRoot => "only the root may be a page".into(),
        NoSuchBlock(id) => format!("block '{id}' does not exist"),
        PlacedTwice { id, also_in } => {
            format!("block '{id}' is placed twice (also in '{also_in}')")
        }
        Placement(refusal) => refusal.message(Language::En),
        HiddenColumnHoldsBlocks { column, showing } => format!(
            "column {column} is hidden (columns: {showing}) but holds blocks: move them first"
        ),
        Unreachable { id, looped: true } => {
            format!("block '{id}' is inside a loop of blocks containing each other")
        }
        Unreachable { id, looped: false } => format!("block '{id}' is not placed on the page"),
        BlockTooNew {
            kind,
            version,
            reads,
        } => format!(
            "this {} was made by a newer Cradle (version {version}); this one reads up to {reads}",
            kind.spec().label.en
        ),
        SchemaTooNew { schema, reads } => format!(
            "this page was saved by a newer Cradle (schema {schema}); this one reads up to \
             schema {reads}"
        ),
        NoSchemaVersion => "schema_version is missing".into(),
        BadSchemaVersion => "schema_version must be a whole number from 1".into(),
        NotAnObject => "a page must be a JSON object".into(),
        Unreadable(detail) => detail.clone(),
        TooLarge { what, size, limit } => {
            format!("{} too large ({size} bytes; the limit is {limit})", what.en)
        }
        EndsBeforeStart => "the end must come after the start".into(),
        PrizeCount { min, max, has } if min == max => {
            format!("this game needs exactly {min} prizes; it has {has}")
        }
        PrizeCount { min, max, has } => {
            format!("this game needs {min}-{max} prizes; it has {has}")
        }
        DailyAboveTotal => "the daily limit cannot exceed the campaign limit".into(),
        NoPoints => "a points prize must give at least 1 point".into(),
        NoSuchFallback(id) => {
            format!("fallback prize '{id}' is not one of this campaign's prizes")
        }
        FallbackLimited => {
            "the fallback prize is given when others run out, so it needs unlimited stock".into()
        }
        TierCount(max) => format!("the tier ladder needs 1-{max} tiers"),
        FirstTierNotZero => "the first tier starts at 0 growth".into(),
        TierNotHigher => "each tier needs more growth than the one below".into(),
        NoStage => "choose at least one stage".into(),
        PregnancyWeeks => "pregnancy weeks must be a range within 1-42".into(),
        RangeReversed => "the range's minimum must not exceed its maximum".into(),
        NoSuchTier(rank) => format!("tier {rank} does not exist in this club's ladder"),
        BadTag => "a tag must be 1-40 characters".into(),
        DaysReversed => "the last day must not be before the first".into(),
    }
}

fn shape_en(shape: Shape) -> &'static str {
    match shape {
        Shape::Text => "text",
        Shape::RichText => "paragraphs of text spans",
        Shape::WholeNumber => "a whole number",
        Shape::Toggle => "on or off (true/false)",
        Shape::Colour => "a colour like #e85d75",
        Shape::Link => "a link",
        Shape::PictureLink => "a picture link",
        Shape::DateTime => "a date and time with its offset, e.g. 2026-06-18T20:00:00+08:00",
        Shape::CampaignId => "a campaign id",
        Shape::List => "a list",
        Shape::Row => "an object",
    }
}

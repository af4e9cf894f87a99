//! Typed block facts: the props that code outside the inspector acts on (the server's sign-in,
//! quiz and vote rules, the renderer's columns and numbers), read in one place with the
//! catalogue's own bounds and defaults. A renamed catalogue key fails this module's tests instead
//! of silently reading a default.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalogue::BlockKind;
use crate::document::{Block, Device};
use crate::fields::FieldKind;
use crate::language::Language;
use crate::lifecycle::Stage;
use crate::progress::{MedalRule, TaskAction};
use crate::validate::{Kind, ValidationError};

/// A typed view of one block kind's props.
pub trait Facts: DeserializeOwned + JsonSchema + Default {
    /// The kind whose props these are.
    const KIND: BlockKind;

    /// The facts of `block` (its defaults where a prop is missing or malformed: a published page
    /// was validated, so that happens only to pages older than a catalogue change). Facts are
    /// numbers and choices, the same in every language, so any language's defaults do.
    fn of(block: &Block) -> Self {
        let mut props = block.props.clone();
        for field in Self::KIND.spec().fields {
            props
                .entry(field.key)
                .or_insert_with(|| field.default_value(Language::default()));
        }
        serde_json::from_value(Value::Object(props)).unwrap_or_default()
    }
}

/// Extra points on one day of a sign-in streak.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct DayReward {
    /// Day of the streak, from 1.
    pub day: i64,
    /// Points.
    pub points: i64,
}

/// A sign-in calendar's rewards: `daily_points` every day, `rewards` on given days of the
/// streak, `streak_bonus` on completing `streak_days` in a row; then the calendar starts over
/// (streak day 8 of a 7-day calendar is calendar day 1 again).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct SignIn {
    /// Points for every sign-in.
    pub daily_points: i64,
    /// Extra points on given streak days.
    pub rewards: Vec<DayReward>,
    /// Days in one streak calendar.
    pub streak_days: i64,
    /// Extra points on completing the calendar.
    pub streak_bonus: i64,
}

impl Facts for SignIn {
    const KIND: BlockKind = BlockKind::SignInCalendar;
}

impl SignIn {
    /// The day of the calendar a streak of `streak` days (from 1) falls on.
    pub fn calendar_day(&self, streak: i64) -> i64 {
        (streak - 1).rem_euclid(self.streak_days.max(1)) + 1
    }

    /// The calendar as a member sees it today: how many of its days are done (from day 1) and
    /// which day today's sign-in is, or would be. `streak` is her current streak (today's when
    /// `signed_today`, else yesterday's if it goes on, else 0).
    pub fn progress(&self, streak: i64, signed_today: bool) -> (i64, i64) {
        let next = if signed_today { streak } else { streak + 1 };
        let today = self.calendar_day(next.max(1));
        (if signed_today { today } else { today - 1 }, today)
    }

    /// Points for signing in on day `streak` of a streak.
    pub fn reward(&self, streak: i64) -> i64 {
        let day = self.calendar_day(streak);
        let extra: i64 = self
            .rewards
            .iter()
            .filter(|r| r.day == day)
            .map(|r| r.points)
            .sum();
        let bonus = if day == self.streak_days.max(1) {
            self.streak_bonus
        } else {
            0
        };
        self.daily_points + extra + bonus
    }
}

/// One quiz question: its options and the right option's number (from 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Question {
    /// The options.
    pub options: Vec<Value>,
    /// The right option, numbered from 1.
    pub answer: u32,
}

/// A quiz's questions and reward.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Quiz {
    /// Questions in order.
    pub questions: Vec<Question>,
    /// Points for answering every question right.
    pub reward_points: i64,
}

impl Facts for Quiz {
    const KIND: BlockKind = BlockKind::Quiz;
}

impl Quiz {
    /// Which answers (option numbers from 1, one per question) are right; the problems when the
    /// answers do not fit the questions.
    pub fn check(&self, answers: &[u32]) -> Result<Vec<bool>, Vec<ValidationError>> {
        if answers.len() != self.questions.len() {
            return Err(vec![ValidationError::in_english(
                "/answers",
                Kind::Count,
                format!("answer each of the {} questions", self.questions.len()),
            )]);
        }
        let problems: Vec<ValidationError> = answers
            .iter()
            .zip(&self.questions)
            .enumerate()
            .filter(|(_, (a, q))| **a == 0 || **a as usize > q.options.len())
            .map(|(i, (_, q))| {
                ValidationError::in_english(
                    format!("/answers/{i}"),
                    Kind::OutOfRange,
                    format!("choose an option from 1 to {}", q.options.len()),
                )
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(answers
            .iter()
            .zip(&self.questions)
            .map(|(a, q)| *a == q.answer)
            .collect())
    }
}

/// A vote's options and how often a member may vote a day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Vote {
    /// The options, in order.
    pub options: Vec<Value>,
    /// Votes per member per local day.
    pub votes_per_day: i64,
}

impl Facts for Vote {
    const KIND: BlockKind = BlockKind::Vote;
}

/// One item of a points mall: the name is its key (stock is counted per name, so a republish
/// that reorders or reprices items keeps what was taken).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct MallItem {
    /// What she gets (and what the clerk hands over).
    pub name: String,
    /// Points it costs.
    pub points: i64,
    /// Units on offer in all.
    pub stock: i64,
    /// Days the code stays valid in store.
    pub valid_days: i64,
}

impl Default for MallItem {
    /// An item missing a prop reads the catalogue's defaults (an older page has no stock).
    fn default() -> MallItem {
        MallItem {
            name: String::new(),
            points: 100,
            stock: 100,
            valid_days: 30,
        }
    }
}

/// A points mall ("points redemption" block).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Mall {
    /// The items, in order.
    pub items: Vec<MallItem>,
}

impl Facts for Mall {
    const KIND: BlockKind = BlockKind::RedemptionGrid;
}

/// One coupon to claim: free, once per member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Coupon {
    /// What it is (its key, as a mall item's name).
    pub name: String,
    /// Codes on offer in all.
    pub stock: i64,
    /// Days the code stays valid.
    pub valid_days: i64,
}

impl Default for Coupon {
    fn default() -> Coupon {
        Coupon {
            name: String::new(),
            stock: 1000,
            valid_days: 30,
        }
    }
}

impl From<&Coupon> for MallItem {
    /// A coupon is claimed as a mall item that costs nothing.
    fn from(c: &Coupon) -> MallItem {
        MallItem {
            name: c.name.clone(),
            points: 0,
            stock: c.stock,
            valid_days: c.valid_days,
        }
    }
}

/// A coupon list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Coupons {
    /// The coupons, in order.
    pub coupons: Vec<Coupon>,
}

impl Facts for Coupons {
    const KIND: BlockKind = BlockKind::CouponList;
}

/// One lifecycle tip: for a stage, and within it for some weeks (of pregnancy, or of the
/// baby's age; 0 leaves that end open, 0 and 0 the whole stage).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Tip {
    /// The stage it is for.
    pub stage: Option<Stage>,
    /// The first week it is for.
    pub from_week: u32,
    /// The last week it is for.
    pub to_week: u32,
}

impl Tip {
    /// Whether the tip is for a member in `stage`, in `week` of it when known.
    pub fn fits(&self, stage: Stage, week: Option<u32>) -> bool {
        let within = match week {
            Some(w) => w >= self.from_week && (self.to_week == 0 || w <= self.to_week),
            None => self.from_week == 0 && self.to_week == 0,
        };
        self.stage == Some(stage) && within
    }
}

/// Lifecycle tips.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Tips {
    /// The tips, in order.
    pub tips: Vec<Tip>,
}

impl Facts for Tips {
    const KIND: BlockKind = BlockKind::LifecycleTips;
}

/// One task: what it asks and how often.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Task {
    /// What it asks.
    pub action: TaskAction,
    /// How many times (days in a row for a sign-in).
    pub target: i64,
}

impl Default for Task {
    fn default() -> Task {
        Task {
            action: TaskAction::default(),
            target: 1,
        }
    }
}

/// A task list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Tasks {
    /// The tasks, in order.
    pub tasks: Vec<Task>,
}

impl Facts for Tasks {
    const KIND: BlockKind = BlockKind::Tasks;
}

/// One medal's rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Medal {
    /// What earns it.
    pub rule: MedalRule,
}

/// A medals wall.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Medals {
    /// The medals, in order.
    pub medals: Vec<Medal>,
}

impl Facts for Medals {
    const KIND: BlockKind = BlockKind::MedalsWall;
}

/// A whole-number prop on `device`, within the catalogue's bounds for it; the catalogue's
/// default when missing or not a number. `None` when the kind has no such number field, so a
/// caller reading a renamed key finds out in its tests.
pub fn number(block: &Block, key: &str, device: Option<Device>) -> Option<i64> {
    let field = block.kind.spec().field(key)?;
    let FieldKind::Number { min, max } = field.kind else {
        return None;
    };
    let value = block
        .prop_on(key, device)
        .and_then(Value::as_i64)
        .or_else(|| field.default_value(Language::default()).as_i64())
        .unwrap_or(min);
    Some(value.clamp(min, max))
}

/// How many columns a Columns block shows: its `count` within bounds. Slots past it are hidden
/// (and must be empty to validate).
pub fn visible_columns(block: &Block) -> usize {
    number(block, "count", None).map_or(0, |n| n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::NodeId;
    use serde_json::json;

    /// Every prop a typed view reads is a field of its kind in the catalogue.
    fn keys_exist<F: Facts>() {
        let schema = serde_json::to_value(schemars::schema_for!(F)).unwrap();
        let properties = schema["properties"].as_object().expect("a struct");
        for key in properties.keys() {
            assert!(
                F::KIND.spec().field(key).is_some(),
                "{:?} has no field '{key}'",
                F::KIND
            );
        }
    }

    #[test]
    fn every_typed_view_reads_catalogue_keys() {
        keys_exist::<SignIn>();
        keys_exist::<Quiz>();
        keys_exist::<Vote>();
        keys_exist::<Mall>();
        keys_exist::<Tasks>();
        keys_exist::<Medals>();
        keys_exist::<Coupons>();
        keys_exist::<Tips>();
        let columns = Block::new(NodeId::new("c"), BlockKind::Columns, Language::En);
        assert!(number(&columns, "count", None).is_some());
        assert!(number(&columns, "gap", None).is_some());
        assert_eq!(number(&columns, "no_such_key", None), None);
    }

    /// List items read their own catalogue defaults when a prop is missing (pages older than the
    /// prop).
    #[test]
    fn item_defaults_are_the_catalogues() {
        let default = |kind: BlockKind, list: &str, key: &str| {
            let FieldKind::List { item, .. } = kind.spec().field(list).unwrap().kind else {
                panic!("{list} is a list");
            };
            let field = item.iter().find(|f| f.key == key).unwrap();
            field.default_value(Language::En)
        };
        let item = MallItem::default();
        for (key, value) in [
            ("points", item.points),
            ("stock", item.stock),
            ("valid_days", item.valid_days),
        ] {
            assert_eq!(
                default(BlockKind::RedemptionGrid, "items", key),
                json!(value)
            );
        }
        assert_eq!(
            default(BlockKind::Tasks, "tasks", "target"),
            json!(Task::default().target)
        );
        let coupon = Coupon::default();
        assert_eq!(
            default(BlockKind::CouponList, "coupons", "stock"),
            json!(coupon.stock)
        );
        assert_eq!(
            default(BlockKind::CouponList, "coupons", "valid_days"),
            json!(coupon.valid_days)
        );
        let mut old = Block::new(NodeId::new("m"), BlockKind::RedemptionGrid, Language::ZhCn);
        old.props
            .insert("items".into(), json!([{"name": "湿巾", "points": 50}]));
        let mall = Mall::of(&old);
        assert_eq!(mall.items[0].stock, 100);
        assert_eq!(mall.items[0].points, 50);
    }

    #[test]
    fn a_tip_fits_its_stage_and_weeks() {
        let week_17_to_20 = Tip {
            stage: Some(Stage::MidPregnancy),
            from_week: 17,
            to_week: 20,
        };
        assert!(week_17_to_20.fits(Stage::MidPregnancy, Some(17)));
        assert!(week_17_to_20.fits(Stage::MidPregnancy, Some(20)));
        assert!(!week_17_to_20.fits(Stage::MidPregnancy, Some(21)));
        assert!(
            !week_17_to_20.fits(Stage::MidPregnancy, None),
            "her week unknown"
        );
        assert!(!week_17_to_20.fits(Stage::LatePregnancy, Some(18)));
        let whole_stage = Tip {
            stage: Some(Stage::Newborn),
            ..Tip::default()
        };
        assert!(
            whole_stage.fits(Stage::Newborn, Some(3)) && whole_stage.fits(Stage::Newborn, None)
        );
        let from_30 = Tip {
            stage: Some(Stage::LatePregnancy),
            from_week: 30,
            to_week: 0,
        };
        assert!(
            from_30.fits(Stage::LatePregnancy, Some(39))
                && !from_30.fits(Stage::LatePregnancy, Some(29))
        );
    }

    #[test]
    fn numbers_keep_to_the_catalogue_bounds_and_default() {
        let mut columns = Block::new(NodeId::new("c"), BlockKind::Columns, Language::En);
        columns.props.remove("count");
        assert_eq!(visible_columns(&columns), 2, "the catalogue's default");
        columns.props.insert("count".into(), json!(9));
        assert_eq!(visible_columns(&columns), 4);
        columns.props.insert("count".into(), json!("three"));
        assert_eq!(visible_columns(&columns), 2);
    }

    #[test]
    fn missing_props_read_their_catalogue_defaults() {
        let mut block = Block::new(NodeId::new("s"), BlockKind::SignInCalendar, Language::En);
        block.props.clear();
        let facts = SignIn::of(&block);
        assert_eq!(facts.daily_points, 5);
        assert_eq!(facts.rewards, vec![DayReward { day: 3, points: 10 }]);
    }

    #[test]
    fn progress_marks_the_days_done_and_today() {
        let calendar = SignIn {
            daily_points: 5,
            rewards: Vec::new(),
            streak_days: 7,
            streak_bonus: 0,
        };
        assert_eq!(calendar.progress(0, false), (0, 1));
        assert_eq!(calendar.progress(1, true), (1, 1));
        assert_eq!(calendar.progress(3, false), (3, 4));
        assert_eq!(calendar.progress(7, true), (7, 7));
        // A full calendar starts over.
        assert_eq!(calendar.progress(7, false), (0, 1));
        assert_eq!(calendar.progress(9, true), (2, 2));
    }

    #[test]
    fn sign_in_rewards_follow_the_calendar() {
        let calendar = SignIn {
            daily_points: 5,
            rewards: vec![DayReward { day: 3, points: 10 }],
            streak_days: 7,
            streak_bonus: 50,
        };
        assert_eq!(calendar.reward(1), 5);
        assert_eq!(calendar.reward(3), 15);
        assert_eq!(calendar.reward(7), 55);
        assert_eq!(calendar.calendar_day(8), 1);
    }
}

//! Tasks and medals: what the server counts of a member's club life ([`Tally`]) and the rules
//! that turn those counts into task progress and medals. The server counts and dates; the
//! renderer draws progress from the same rules, so a task and a medal never disagree.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a member has done, as the server counts it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Tally {
    /// Her sign-in streak (today's, or yesterday's while it can go on).
    pub streak: i64,
    /// Friends who joined through her invite.
    pub invited: i64,
    /// Quizzes she answered all right.
    pub quizzes: i64,
    /// Times she shared a page.
    pub shares: i64,
    /// Purchases reported by the brand.
    pub purchases: i64,
    /// Points-mall redemptions.
    pub redeemed: i64,
    /// Prizes won (not "thanks for taking part").
    pub wins: i64,
    /// Points her rights sharing earned her (0.25 per point her receivers earned).
    pub shared_points: i64,
    /// Whether her profile tells her stage (a due date, a baby's birth date or preparing).
    pub profile: bool,
}

/// What a task asks of her (the catalogue's task actions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskAction {
    /// Sign in, `target` days in a row.
    #[default]
    SignIn,
    /// Share a page.
    Share,
    /// Buy something.
    Purchase,
    /// Answer a quiz all right.
    Quiz,
    /// Invite a friend who joins.
    Invite,
    /// Visit a page (followed by its link; nothing to count).
    Visit,
    /// Complete the profile.
    Profile,
}

impl TaskAction {
    /// How far she is towards `target`: `(done, target)`, `done` never past `target`; `None`
    /// for a task nobody counts (a visit).
    pub fn progress(self, target: i64, tally: &Tally) -> Option<(i64, i64)> {
        let count = match self {
            TaskAction::SignIn => tally.streak,
            TaskAction::Share => tally.shares,
            TaskAction::Purchase => tally.purchases,
            TaskAction::Quiz => tally.quizzes,
            TaskAction::Invite => tally.invited,
            TaskAction::Profile => i64::from(tally.profile),
            TaskAction::Visit => return None,
        };
        let target = target.max(1);
        Some((count.clamp(0, target), target))
    }
}

/// What earns a medal (the catalogue's medal rules); the server dates the first time each held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MedalRule {
    /// Her first sign-in.
    #[default]
    FirstSignIn,
    /// The first day her streak reached 7.
    #[serde(rename = "streak_7")]
    Streak7,
    /// The first friend who joined through her invite.
    FirstInvite,
    /// Her first prize.
    FirstWin,
    /// Her first points-mall redemption.
    FirstRedeem,
    /// Her first quiz all right.
    Quiz,
}

impl MedalRule {
    /// Every rule, in the catalogue's order.
    pub const ALL: [MedalRule; 6] = [
        MedalRule::FirstSignIn,
        MedalRule::Streak7,
        MedalRule::FirstInvite,
        MedalRule::FirstWin,
        MedalRule::FirstRedeem,
        MedalRule::Quiz,
    ];

    /// The streak a day must reach to earn [`MedalRule::Streak7`].
    pub const STREAK: i64 = 7;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::BlockKind;
    use crate::fields::FieldKind;

    #[test]
    fn progress_counts_towards_the_target_and_stops_there() {
        let tally = Tally {
            streak: 3,
            invited: 2,
            profile: true,
            ..Tally::default()
        };
        assert_eq!(TaskAction::SignIn.progress(7, &tally), Some((3, 7)));
        assert_eq!(TaskAction::Invite.progress(1, &tally), Some((1, 1)));
        assert_eq!(TaskAction::Profile.progress(1, &tally), Some((1, 1)));
        assert_eq!(
            TaskAction::Quiz.progress(0, &tally),
            Some((0, 1)),
            "at least once"
        );
        assert_eq!(TaskAction::Visit.progress(1, &tally), None);
    }

    /// The catalogue offers exactly the actions and rules these enums read.
    #[test]
    fn the_catalogue_choices_are_these_enums() {
        let choices = |kind: BlockKind, list: &str, key: &str| -> Vec<String> {
            let FieldKind::List { item, .. } = kind.spec().field(list).unwrap().kind else {
                panic!("{list} is a list");
            };
            let field = item.iter().find(|f| f.key == key).unwrap();
            let FieldKind::Select(choices) = field.kind else {
                panic!("{key} is a choice");
            };
            choices.iter().map(|c| c.value.to_owned()).collect()
        };
        for action in choices(BlockKind::Tasks, "tasks", "action") {
            let read: TaskAction = serde_json::from_value(serde_json::json!(action)).unwrap();
            assert_eq!(serde_json::to_value(read).unwrap(), action);
        }
        let rules = choices(BlockKind::MedalsWall, "medals", "rule");
        let ours: Vec<String> = MedalRule::ALL
            .iter()
            .map(|r| {
                serde_json::to_value(r)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(rules, ours);
    }
}

//! What the club's own rewards pay: a sign-in calendar and a quiz, after the club's daily cap on
//! interaction points, which the server applies when it credits them (the cap is shared with
//! sharing and game points, so these are the most a member can get, not what she always gets).

use crate::facts::{Quiz, SignIn};

/// One day of a sign-in calendar for a member who signs in every day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayPay {
    /// Day of the calendar, from 1.
    pub day: i64,
    /// Points credited, after the cap.
    pub points: i64,
    /// Whether the cap took some away.
    pub capped: bool,
}

/// `points` under a daily cap of `cap`.
fn under_cap(points: i64, cap: u32) -> (i64, bool) {
    let cap = i64::from(cap);
    (points.min(cap).max(0), points > cap)
}

impl SignIn {
    /// Each day of one calendar, in order, under a daily cap of `cap`.
    pub fn pay_by_day(&self, cap: u32) -> Vec<DayPay> {
        (1..=self.streak_days.max(1))
            .map(|day| {
                let (points, capped) = under_cap(self.reward(day), cap);
                DayPay {
                    day,
                    points,
                    capped,
                }
            })
            .collect()
    }
}

impl Quiz {
    /// What answering every question right pays, under a daily cap of `cap`, and whether the cap
    /// takes some away.
    pub fn pay(&self, cap: u32) -> (i64, bool) {
        under_cap(self.reward_points, cap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::DayReward;

    #[test]
    fn a_calendar_pays_each_day_up_to_the_cap() {
        let calendar = SignIn {
            daily_points: 5,
            rewards: vec![DayReward { day: 3, points: 10 }],
            streak_days: 4,
            streak_bonus: 50,
        };
        let days = calendar.pay_by_day(30);
        let paid: Vec<(i64, i64, bool)> =
            days.iter().map(|d| (d.day, d.points, d.capped)).collect();
        assert_eq!(
            paid,
            vec![(1, 5, false), (2, 5, false), (3, 15, false), (4, 30, true)]
        );
        assert_eq!(calendar.pay_by_day(100)[3].points, 55);
        assert!(calendar.pay_by_day(0).iter().all(|d| d.points == 0));
    }

    #[test]
    fn a_quiz_pays_its_reward_up_to_the_cap() {
        let quiz = Quiz {
            questions: Vec::new(),
            reward_points: 20,
        };
        assert_eq!(quiz.pay(50), (20, false));
        assert_eq!(quiz.pay(20), (20, false));
        assert_eq!(quiz.pay(10), (10, true));
    }
}

//! Quizzes ("answer to upgrade and learn brand selling points", domain.md "Interactions"): answers
//! are checked on the server against the *stored* published page (members get it without answers,
//! see `Document::for_members`), and a fully correct quiz rewards each member once
//! (`UNIQUE(member, document, block)`).

use cradle_model::document::Props;
use cradle_model::validate::Kind;
use cradle_model::ValidationError;
use serde::Deserialize;
use sqlx::AnyConnection;

use crate::store::{inserted_once, now_ms};

/// One question: its options and the correct option's number (from 1).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Question {
    /// The options.
    pub options: Vec<serde_json::Value>,
    /// The correct option, numbered from 1.
    pub answer: u32,
}

/// A Quiz block's questions and reward.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Quiz {
    /// Questions in order.
    pub questions: Vec<Question>,
    /// Points for answering every question right.
    pub reward_points: i64,
}

impl Quiz {
    /// The settings of a Quiz block.
    pub fn from_props(props: &Props) -> Quiz {
        serde_json::from_value(serde_json::Value::Object(props.clone())).unwrap_or_default()
    }

    /// Which answers (option numbers from 1, one per question) are right; the problems when the
    /// answers do not fit the questions.
    pub fn check(&self, answers: &[u32]) -> Result<Vec<bool>, Vec<ValidationError>> {
        if answers.len() != self.questions.len() {
            return Err(vec![ValidationError::new(
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
                ValidationError::new(
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

/// Records the member's reward for a quiz: false when they were already rewarded.
pub async fn claim(
    conn: &mut AnyConnection,
    member: &str,
    document: &str,
    block: &str,
    points: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO quiz_rewards (member_id, document_id, block_id, points, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(member)
    .bind(document)
    .bind(block)
    .bind(points)
    .bind(now_ms())
    .execute(&mut *conn)
    .await;
    inserted_once(inserted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn quiz() -> Quiz {
        let props = json!({"title": "Quiz", "reward_points": 20, "questions": [
            {"question": "Q1", "options": [{"text": "a"}, {"text": "b"}], "answer": 1},
            {"question": "Q2", "options": [{"text": "a"}, {"text": "b"}, {"text": "c"}], "answer": 3}]});
        Quiz::from_props(props.as_object().unwrap())
    }

    #[test]
    fn answers_are_option_numbers_from_one() {
        let q = quiz();
        assert_eq!(q.reward_points, 20);
        assert_eq!(q.check(&[1, 3]), Ok(vec![true, true]));
        assert_eq!(q.check(&[2, 3]), Ok(vec![false, true]));
        let paths = |r: Result<Vec<bool>, Vec<ValidationError>>| -> Vec<String> {
            r.unwrap_err().into_iter().map(|e| e.path).collect()
        };
        assert_eq!(paths(q.check(&[1])), ["/answers"]);
        assert_eq!(paths(q.check(&[0, 4])), ["/answers/0", "/answers/1"]);
    }
}

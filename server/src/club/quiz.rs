//! Quizzes ("answer to upgrade and learn brand selling points"): answers
//! are checked on the server against the *stored* published page (members get it without answers,
//! see `Document::for_members`), and a fully correct quiz rewards each member once
//! (`UNIQUE(member, document, block)`).

use sqlx::AnyConnection;

use crate::store::{inserted_once, now_ms};

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
    use cradle_model::facts::{Facts, Quiz};
    use cradle_model::{Block, BlockKind, NodeId, ValidationError};
    use serde_json::json;

    fn quiz() -> Quiz {
        let props = json!({"title": "Quiz", "reward_points": 20, "questions": [
            {"question": "Q1", "options": [{"text": "a"}, {"text": "b"}], "answer": 1},
            {"question": "Q2", "options": [{"text": "a"}, {"text": "b"}, {"text": "c"}], "answer": 3}]});
        let mut block = Block::new(
            NodeId::new("q"),
            BlockKind::Quiz,
            cradle_model::Language::En,
        );
        block.props = props.as_object().unwrap().clone();
        Quiz::of(&block)
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

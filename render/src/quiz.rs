//! A quiz as a member takes it: one option chosen per question, her answers sent together, then
//! each question marked right or wrong with the right option shown (the quiz teaches), and the
//! reward said. Drawn by the server; the member runtime (`member/src/quiz.rs`) handles the taps.

use cradle_model::Language;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::club_words::club_words;

/// One question as members see it (the right answer stays on the server).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// The question.
    pub question: String,
    /// Its options, in order.
    pub options: Vec<String>,
}

/// The quiz's body: each option a toggle button carrying its question and option number
/// (`data-q`, `data-n` from 1) for the runtime.
#[component]
pub fn QuizBody(
    /// The page language.
    lang: Language,
    /// The block's id (names the question groups).
    id: String,
    /// The questions.
    questions: Vec<Question>,
) -> impl IntoView {
    let w = club_words(lang);
    let items = questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let heading = format!("{id}-q{i}");
            let options = q
                .options
                .into_iter()
                .enumerate()
                .map(|(j, text)| {
                    view! {
                        <button
                            type="button"
                            class="cradle-option"
                            aria-pressed="false"
                            data-q=i
                            data-n=j + 1
                        >
                            {text}
                        </button>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <p id=heading.clone()>{q.question}</p>
                    <div class="cradle-options" role="group" aria-labelledby=heading>
                        {options}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="cradle-quiz">{items}</ol>
        <button type="button" class="cradle-btn cradle-btn--primary cradle-quiz__submit">
            {w.submit_answers}
        </button>
        <p class="cradle-quiz__note" role="status"></p>
    }
}

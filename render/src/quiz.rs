//! A quiz as a member takes it: one option chosen per question, her answers sent together, then
//! each question marked right or wrong with the right option shown (the quiz teaches), and the
//! reward said. Drawn by the server, made live by the member runtime (`data-quiz`).

use cradle_model::Language;
use cradle_wire::member::QuizResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::club_words::{club_words, quiz_outcome};

/// One question as members see it (the right answer stays on the server).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// The question.
    pub question: String,
    /// Its options, in order.
    pub options: Vec<String>,
}

/// What taps on a quiz do (the runtime's; none where the page is only drawn).
#[derive(Clone, Copy)]
pub struct QuizControls {
    /// Option `.1` (from 1) chosen for question `.0`.
    pub choose: Callback<(usize, u32)>,
    /// Send the answers.
    pub submit: Callback<()>,
}

/// The quiz's body.
#[component]
pub fn QuizBody(
    /// The page language.
    lang: Language,
    /// The block's id (names the question groups).
    id: String,
    /// The questions.
    questions: Vec<Question>,
    /// The option chosen per question, from 1.
    chosen: Signal<Vec<Option<u32>>>,
    /// The server's verdict, once answered.
    result: Signal<Option<QuizResult>>,
    /// What the last submit came to.
    note: Signal<String>,
    /// The runtime's handlers.
    #[prop(optional)]
    controls: Option<QuizControls>,
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
                    let n = j as u32 + 1;
                    let picked = move || chosen.with(|c| c.get(i).copied().flatten() == Some(n));
                    let right = move || {
                        result
                            .with(|r| r.as_ref().and_then(|r| r.answers.get(i).copied()) == Some(n))
                    };
                    let wrong = move || result.with(Option::is_some) && picked() && !right();
                    view! {
                        <button
                            type="button"
                            class="cradle-option"
                            class:cradle-option--picked=picked
                            class:cradle-option--right=right
                            class:cradle-option--wrong=wrong
                            aria-pressed=move || picked().to_string()
                            on:click=move |_| {
                                if let Some(c) = controls {
                                    c.choose.run((i, n));
                                }
                            }
                        >
                            {text}
                            {move || right().then_some(w.right_answer)}
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
        <button
            type="button"
            class="cradle-btn cradle-btn--primary"
            on:click=move |_| {
                if let Some(c) = controls {
                    c.submit.run(());
                }
            }
        >
            {w.submit_answers}
        </button>
        <p class="cradle-quiz__note" role="status">
            {move || {
                let said = note.get();
                if said.is_empty() {
                    result.get().map(|r| quiz_outcome(lang, &r)).unwrap_or_default()
                } else {
                    said
                }
            }}
        </p>
    }
}

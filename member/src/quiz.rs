//! Quizzes made live: she picks one option per question and sends them together; the server
//! marks each (and shows the right option) and credits the reward once. Picking again after a
//! verdict starts a new try.

use cradle_model::Language;
use cradle_render::club_words::club_words;
use cradle_render::quiz::{Question, QuizBody, QuizControls};
use cradle_wire::member::{QuizAnswers, QuizResult};
use leptos::prelude::*;

use crate::mount::{hosts, post, remount};

/// Makes every quiz on the page live.
pub fn start(lang: Language, slug: &str, member: bool) {
    for host in hosts("[data-quiz]") {
        let Some(questions) = host
            .get_attribute("data-quiz")
            .and_then(|json| serde_json::from_str::<Vec<Question>>(&json).ok())
        else {
            continue;
        };
        let id = host.get_attribute("data-block").unwrap_or_default();
        let quiz = Quiz {
            chosen: RwSignal::new(vec![None; questions.len()]),
            result: RwSignal::new(None),
            note: RwSignal::new(String::new()),
            busy: StoredValue::new(false),
            path: StoredValue::new(format!("/api/published/{slug}/blocks/{id}/quiz")),
            lang,
            member,
        };
        let controls = QuizControls {
            choose: Callback::new(move |(i, n)| quiz.choose(i, n)),
            submit: Callback::new(move |()| quiz.submit()),
        };
        let Quiz {
            chosen,
            result,
            note,
            ..
        } = quiz;
        remount(host, move || {
            view! {
                <QuizBody
                    lang
                    id
                    questions
                    chosen=chosen.into()
                    result=result.into()
                    note=note.into()
                    controls
                />
            }
        });
    }
}

/// One quiz's live state.
#[derive(Clone, Copy)]
struct Quiz {
    chosen: RwSignal<Vec<Option<u32>>>,
    result: RwSignal<Option<QuizResult>>,
    note: RwSignal<String>,
    busy: StoredValue<bool>,
    path: StoredValue<String>,
    lang: Language,
    member: bool,
}

impl Quiz {
    fn choose(self, question: usize, option: u32) {
        if self.result.with_untracked(Option::is_some) {
            self.result.set(None);
        }
        self.note.set(String::new());
        self.chosen.update(|c| {
            if let Some(slot) = c.get_mut(question) {
                *slot = Some(option);
            }
        });
    }

    fn submit(self) {
        let w = club_words(self.lang);
        if !self.member {
            self.note.set(w.sign_in_first.to_owned());
            return;
        }
        let Some(answers) = self
            .chosen
            .get_untracked()
            .into_iter()
            .collect::<Option<Vec<u32>>>()
        else {
            self.note.set(w.answer_all.to_owned());
            return;
        };
        if self.busy.get_value() {
            return;
        }
        self.busy.set_value(true);
        leptos::task::spawn_local(async move {
            let body = serde_json::to_value(QuizAnswers { answers }).ok();
            let note = match post(&self.path.get_value(), body).await {
                Ok(r) if r.ok() => match r.json::<QuizResult>().await {
                    Ok(verdict) => {
                        self.result.set(Some(verdict));
                        String::new()
                    }
                    Err(_) => w.went_wrong.to_owned(),
                },
                Ok(r) if r.status() == 401 => w.session_gone.to_owned(),
                _ => w.went_wrong.to_owned(),
            };
            self.note.set(note);
            self.busy.set_value(false);
        });
    }
}

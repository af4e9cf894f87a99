//! Quizzes made live on the server's drawing: a tap picks one option per question (picking again
//! after a verdict starts a new try); the answers go together, and the server's verdict marks each
//! question (the right option shown) and says what was credited.

use cradle_model::Language;
use cradle_render::club_words::{club_words, quiz_outcome};
use cradle_wire::member::{QuizAnswers, QuizResult};
use leptos::prelude::*;

use crate::mount::{child, hosts, on_tap, post, say};

/// Makes every quiz on the page live.
pub fn start(lang: Language, slug: &str, member: bool) {
    for host in hosts(None, "[data-quiz]") {
        let path = format!(
            "/api/published/{slug}/blocks/{}/quiz",
            host.get_attribute("data-quiz").unwrap_or_default()
        );
        let root = host.clone();
        on_tap(&host, move |button| {
            let note = child(&root, ".cradle-quiz__note");
            match button.get_attribute("data-q") {
                Some(q) => pick(&root, &q, &button, &note),
                None => submit(&root, &path, lang, member, note),
            }
        });
    }
}

/// Takes the last verdict's marks off the options.
fn clear_verdict(root: &web_sys::Element) {
    for mark in hosts(Some(root), ".cradle-quiz__mark") {
        mark.remove();
    }
    for option in hosts(Some(root), ".cradle-option") {
        let _ = option
            .class_list()
            .remove_2("cradle-option--right", "cradle-option--wrong");
    }
}

/// Picks `button` for question `q`, clearing the last verdict.
fn pick(
    root: &web_sys::Element,
    q: &str,
    button: &web_sys::HtmlElement,
    note: &Option<web_sys::HtmlElement>,
) {
    clear_verdict(root);
    for option in hosts(Some(root), ".cradle-option") {
        if option.get_attribute("data-q").as_deref() == Some(q) {
            let picked = option == *button;
            let _ = option.set_attribute("aria-pressed", if picked { "true" } else { "false" });
            let _ = option
                .class_list()
                .toggle_with_force("cradle-option--picked", picked);
        }
    }
    say(note, "");
}

/// Sends the picked answers and shows the verdict.
fn submit(
    root: &web_sys::Element,
    path: &str,
    lang: Language,
    member: bool,
    note: Option<web_sys::HtmlElement>,
) {
    let w = club_words(lang);
    if !member {
        return say(&note, w.sign_in_first);
    }
    let questions = hosts(Some(root), "[role=group]").len();
    let answers: Option<Vec<u32>> = (0..questions)
        .map(|q| {
            child(root, &format!("[data-q=\"{q}\"][aria-pressed=\"true\"]"))
                .and_then(|b| b.get_attribute("data-n")?.parse().ok())
        })
        .collect();
    let Some(answers) = answers else {
        return say(&note, w.answer_all);
    };
    let body = serde_json::to_string(&QuizAnswers { answers }).ok();
    let (root, path) = (root.clone(), path.to_owned());
    wasm_bindgen_futures::spawn_local(async move {
        let verdict = match post(&path, body).await {
            Ok(r) if r.ok() => r.json::<QuizResult>().await.ok(),
            Ok(r) if r.status() == 401 => return say(&note, w.session_gone),
            _ => None,
        };
        let Some(verdict) = verdict else {
            return say(&note, w.went_wrong);
        };
        clear_verdict(&root);
        for (q, right) in verdict.answers.iter().enumerate() {
            for option in hosts(Some(&root), &format!("[data-q=\"{q}\"]")) {
                let n = option
                    .get_attribute("data-n")
                    .and_then(|n| n.parse::<u32>().ok());
                let picked = option.get_attribute("aria-pressed").as_deref() == Some("true");
                if n == Some(*right) {
                    let _ = option.class_list().add_1("cradle-option--right");
                    if let Ok(mark) = document().create_element("span") {
                        mark.set_class_name("cradle-quiz__mark");
                        mark.set_text_content(Some(w.right_answer));
                        let _ = option.append_child(&mark);
                    }
                } else if picked {
                    let _ = option.class_list().add_1("cradle-option--wrong");
                }
            }
        }
        say(&note, &quiz_outcome(lang, &verdict));
    });
}

//! The tasks block: each task with its reward and, for a signed-in member, how far she is
//! (`cradle_model::progress`: the server counts, the same rule measures).

use cradle_model::facts::Tasks;
use cradle_model::Language;
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

use super::club::Row;
use super::club_texts::club_texts;
use super::props::{cell, safe};

/// The block's body.
pub fn tasks_body(
    lang: Language,
    (tasks, rows): (Tasks, Vec<Row>),
    card: Option<ClubCard>,
) -> AnyView {
    let t = club_texts(lang);
    let tally = card.map(|c| c.tally);
    view! {
        <ul class="cradle-list">
            {tasks
                .tasks
                .into_iter()
                .zip(rows)
                .map(|(task, row)| {
                    let progress = tally
                        .as_ref()
                        .and_then(|tally| task.action.progress(task.target, tally));
                    let done = progress.is_some_and(|(d, of)| d >= of);
                    let status = match (progress, safe(&row, "url")) {
                        (Some(_), _) if done => {
                            view! { <span class="cradle-task__done">{t.done}</span> }.into_any()
                        }
                        (Some((d, of)), _) => {
                            let pct = d * 100 / of;
                            view! {
                                <span class="cradle-task__progress">
                                    <span
                                        class="cradle-task__bar"
                                        role="progressbar"
                                        aria-valuemin="0"
                                        aria-valuemax=of.to_string()
                                        aria-valuenow=d.to_string()
                                        aria-label=cell(&row, "name")
                                    >
                                        <span style=format!("width:{pct}%")></span>
                                    </span>
                                    {format!("{d}/{of}")}
                                </span>
                            }
                                .into_any()
                        }
                        (None, Some(href)) => {
                            view! {
                                <a class="cradle-task__go" href=href>
                                    {t.go}
                                </a>
                            }
                                .into_any()
                        }
                        (None, None) => ().into_any(),
                    };
                    view! {
                        <li class="cradle-row cradle-task" class:cradle-task--done=done>
                            <span class="cradle-task__name">{cell(&row, "name")}</span>
                            <span class="cradle-pts">{format!("+{}", cell(&row, "points"))}</span>
                            {status}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

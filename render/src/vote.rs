//! A vote as a member casts it: one tap on an option, then the live counts of every option and
//! the votes she has left today. Drawn by the server, made live by the member runtime
//! (`data-vote`).

use cradle_model::Language;
use cradle_wire::member::VoteCounts;
use leptos::prelude::*;

use super::club_words::{club_words, votes_left};

/// The vote's body.
#[component]
pub fn VoteBody(
    /// The page language.
    lang: Language,
    /// The options' labels, in order.
    options: Vec<String>,
    /// The counts and her votes left, once known (members only).
    counts: Signal<Option<VoteCounts>>,
    /// What the last tap came to.
    note: Signal<String>,
    /// Casts a vote for option `n` (from 1): the runtime's; none where the page is only drawn.
    #[prop(optional)]
    on_vote: Option<Callback<i64>>,
) -> impl IntoView {
    let w = club_words(lang);
    let buttons = options
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let count = move || counts.with(|c| c.as_ref().and_then(|c| c.counts.get(i).copied()));
            let share = move || {
                counts.with(|c| {
                    let c = c.as_ref()?;
                    let total: i64 = c.counts.iter().sum();
                    (total > 0).then(|| c.counts.get(i).copied().unwrap_or(0) * 100 / total)
                })
            };
            view! {
                <button
                    type="button"
                    class="cradle-option cradle-vote__option"
                    on:click=move |_| {
                        if let Some(vote) = on_vote {
                            vote.run(i as i64 + 1);
                        }
                    }
                >
                    <span>{label}</span>
                    {move || {
                        count()
                            .map(|n| {
                                view! {
                                    <span class="cradle-vote__count">
                                        {format!("{n} {}", w.votes)}
                                    </span>
                                }
                            })
                    }}
                    {move || {
                        share()
                            .map(|p| {
                                view! {
                                    <span
                                        class="cradle-vote__bar"
                                        style=format!("width:{p}%")
                                    ></span>
                                }
                            })
                    }}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="cradle-options cradle-vote">{buttons}</div>
        <p class="cradle-vote__note" role="status">
            {move || {
                let said = note.get();
                if said.is_empty() {
                    counts.get().map(|c| votes_left(lang, c.votes_left_today)).unwrap_or_default()
                } else {
                    said
                }
            }}
        </p>
    }
}

//! A vote as a member casts it: one tap on an option, then every option's count and the votes she
//! has left today. Drawn by the server; the member runtime (`member/src/vote.rs`) reads the counts,
//! casts votes and writes the counts into the places drawn here.

use leptos::prelude::*;

/// The vote's body: each option a button carrying its number (`data-n`, from 1), with an empty
/// count and share bar the runtime fills.
#[component]
pub fn VoteBody(
    /// The options' labels, in order.
    options: Vec<String>,
) -> impl IntoView {
    let buttons = options
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            view! {
                <button type="button" class="cradle-option cradle-vote__option" data-n=i + 1>
                    <span>{label}</span>
                    <span class="cradle-vote__count"></span>
                    <span class="cradle-vote__bar"></span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="cradle-options cradle-vote">{buttons}</div>
        <p class="cradle-vote__note" role="status"></p>
    }
}

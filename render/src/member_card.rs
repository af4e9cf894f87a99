//! The member card: her tier on the workspace's ladder, points, growth to the next tier and the
//! points lapsing soon; before she signs in, the ladder's first tier and what signing in shows.
//! Drawn by the server for her (a sign-in reloads the page, so it is drawn again).

use cradle_model::{ClubSettings, Language};
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

use super::club_words::{club_words, expiring, growth_left};
use super::words::{growth_to, words};

/// The card's body.
#[component]
pub fn MemberCardBody(
    /// The page language.
    lang: Language,
    /// The workspace's ladder.
    club: ClubSettings,
    /// The member's standing; `None` for a visitor.
    card: Option<ClubCard>,
    /// Whether the block shows the balance.
    show_points: bool,
) -> impl IntoView {
    let w = club_words(lang);
    let Some(c) = card else {
        let first = club.tiers.first().map(|t| t.name.clone());
        return view! {
            <p class="cradle-member__tier">{first}</p>
            <p class="cradle-member__next">{w.sign_in_to_see}</p>
        }
        .into_any();
    };
    let rank = club.rank_for_growth(c.growth) as usize;
    let tier = club.tiers.get(rank);
    let from = tier.map_or(0, |t| t.threshold);
    let progress = match club.tiers.get(rank + 1) {
        Some(next) => {
            let span = next.threshold.saturating_sub(from).max(1);
            let done = c.growth.saturating_sub(from).min(span);
            let width = format!("width:{}%", done * 100 / span);
            view! {
                <div
                    class="cradle-growth"
                    role="progressbar"
                    aria-valuemin=from
                    aria-valuemax=next.threshold
                    aria-valuenow=c.growth
                    aria-label=growth_to(lang, &next.name)
                >
                    <div class="cradle-growth__bar" style=width></div>
                </div>
                <p class="cradle-member__next">
                    {growth_left(lang, next.threshold - c.growth.min(next.threshold), &next.name)}
                </p>
            }
            .into_any()
        }
        None => view! { <p class="cradle-member__next">{w.top_tier}</p> }.into_any(),
    };
    let points = format!("{} {}", c.points, words(lang).points_unit);
    view! {
        <p class="cradle-member__tier">{tier.map(|t| t.name.clone())}</p>
        {show_points.then(|| view! { <p class="cradle-member__points">{points}</p> })}
        {progress}
        {c
            .expiring
            .map(|e| {
                view! { <p class="cradle-member__expiring">{expiring(lang, e.points, &e.on)}</p> }
            })}
    }
    .into_any()
}

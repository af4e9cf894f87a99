//! The tier benefits block: the workspace's ladder, each tier with its threshold and benefits;
//! for a signed-in member, her own tier marked and the benefits she enjoys, shared ones marked
//! with the member who shares them (rights sharing: the higher of the two tiers, one level only).

use cradle_model::club::benefit_rank;
use cradle_model::{ClubSettings, Language};
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

use super::club_words::{club_words, shared_from};

/// The block's body.
#[component]
pub fn TierBenefitsBody(
    /// The page language.
    lang: Language,
    /// The workspace's ladder.
    club: ClubSettings,
    /// The member's standing; `None` for a visitor.
    card: Option<ClubCard>,
) -> impl IntoView {
    let w = club_words(lang);
    {
        let c = card;
        let own = c.as_ref().map(|c| club.rank_for_growth(c.growth) as usize);
        let sharer = c
            .as_ref()
            .and_then(|c| c.shared_by.as_ref())
            .map(|s| (s.code.clone(), club.rank_for_growth(s.growth)));
        let enjoyed = own.and_then(|own| {
            let rank = benefit_rank(own as u32, sharer.as_ref().map(|s| s.1)) as usize;
            club.tiers.get(rank).map(|t| (rank, t.clone()))
        });
        let mine = enjoyed.map(|(rank, tier)| {
            let shared = sharer
                .as_ref()
                .filter(|_| own.is_some_and(|own| rank > own))
                .map(|(code, _)| shared_from(lang, code, &tier.name));
            let list = if tier.benefits.is_empty() {
                view! { <p>{w.no_benefits}</p> }.into_any()
            } else {
                view! {
                    <ul class="cradle-benefits__list">
                        {tier.benefits.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! {
                <div class="cradle-benefits__mine">
                    <p class="cradle-benefits__title">{w.your_benefits}</p>
                    {shared.map(|s| view! { <p class="cradle-benefits__shared">{s}</p> })}
                    {list}
                </div>
            }
        });
        let ladder = club
            .tiers
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let is_own = own == Some(i);
                view! {
                    <li class:cradle-tiers__own=is_own aria-current=is_own.then_some("true")>
                        <strong>{t.name.clone()}</strong>
                        " · "
                        {t.threshold}
                        " ⭑ "
                        {t.benefits.join(", ")}
                        {is_own.then_some(w.my_tier)}
                    </li>
                }
            })
            .collect_view();
        view! {
            {mine}
            <ol class="cradle-tiers">{ladder}</ol>
        }
    }
}

//! The rights-sharing card. A member invites a family member with a link carrying an offer
//! (`data-share-offer`: the runtime makes the offer and shares the link); the family member sees
//! the offer here and accepts or declines it; either side can end a share. The sharer sees the
//! 0.25-point bonus and what it has earned her.

use cradle_model::{ClubSettings, Language};
use cradle_wire::member::{ClubCard, OfferRefused};
use leptos::prelude::*;

use super::club_texts::{club_texts, enjoying, offered, shared_points, sharing_with};

/// The card's body: `description` and `button` are the marketer's words.
pub fn rights_share_body(
    lang: Language,
    club: &ClubSettings,
    (description, button): (String, String),
    card: Option<ClubCard>,
) -> AnyView {
    let t = club_texts(lang);
    let offer = card.as_ref().and_then(|c| c.offer.clone()).map(|offer| {
        let tier = club
            .tiers
            .get(club.rank_for_growth(offer.growth) as usize)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        let answer = match offer.refused {
            None => view! {
                <button
                    type="button"
                    class="cradle-btn cradle-btn--primary"
                    data-post="/api/member/shares"
                    data-body=format!(r#"{{"token":"{}"}}"#, offer.token)
                >
                    {t.accept}
                </button>
                <button type="button" class="cradle-btn cradle-btn--secondary" data-decline="">
                    {t.decline}
                </button>
            }
            .into_any(),
            Some(why) => {
                let why = match why {
                    OfferRefused::Own => t.refused_own,
                    OfferRefused::AlreadyShared => t.refused_taken,
                    OfferRefused::Loop => t.refused_loop,
                    OfferRefused::Gone => t.refused_gone,
                };
                view! {
                    <p>{why}</p>
                    <button type="button" class="cradle-btn cradle-btn--secondary" data-decline="">
                        {t.dismiss}
                    </button>
                }
                .into_any()
            }
        };
        view! {
            <div class="cradle-share__offer" role="group" aria-label=t.accept>
                <p>
                    <strong>{offered(lang, &offer.sharer, &tier)}</strong>
                </p>
                {answer}
            </div>
        }
    });
    let end = |code: &str, text: String| {
        view! {
            <li class="cradle-row">
                <span>{text}</span>
                <button
                    type="button"
                    class="cradle-btn cradle-btn--secondary"
                    data-delete=format!("/api/member/shares/{code}")
                >
                    {t.end}
                </button>
            </li>
        }
    };
    let links = card.as_ref().map(|c| {
        let mut rows: Vec<_> = c
            .shared_by
            .iter()
            .map(|s| end(&s.code, enjoying(lang, &s.code)))
            .collect();
        rows.extend(
            c.receivers
                .iter()
                .map(|code| end(code, sharing_with(lang, code))),
        );
        let earned =
            (c.tally.shared_points > 0).then(|| shared_points(lang, c.tally.shared_points));
        view! {
            <ul class="cradle-list">{rows}</ul>
            {earned.map(|e| view! { <p class="cradle-share__earned">{e}</p> })}
        }
    });
    view! {
        <div
            class="cradle-share"
            data-rights-share=""
            data-copied=t.share_copied
            data-by-hand=t.copy_by_hand
        >
            {offer}
            <p>{description}</p>
            <p class="cradle-share__bonus">{t.bonus}</p>
            {links}
            <button type="button" class="cradle-btn cradle-btn--primary" data-share-offer="">
                {button}
            </button>
            <p class="cradle-share__note" role="status"></p>
        </div>
    }
    .into_any()
}

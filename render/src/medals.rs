//! The medals wall: every medal the page offers, with how to earn it; for a signed-in member,
//! those she has earned lit with the day (the server dates them from her records), the others
//! dimmed.

use cradle_model::facts::Medals;
use cradle_model::Language;
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

use super::club::{picture, Row};
use super::club_texts::{club_texts, earned_on};
use super::props::cell;

/// The block's body.
pub fn medals_body(
    lang: Language,
    (medals, rows): (Medals, Vec<Row>),
    card: Option<ClubCard>,
) -> AnyView {
    let t = club_texts(lang);
    let earned = card.map(|c| c.medals);
    view! {
        <ul class="cradle-medals">
            {medals
                .medals
                .into_iter()
                .zip(rows)
                .map(|(medal, row)| {
                    let on = earned
                        .as_ref()
                        .map(|e| e.iter().find(|e| e.rule == medal.rule).map(|e| e.on.clone()));
                    let status = match &on {
                        Some(Some(day)) => earned_on(lang, day),
                        Some(None) => t.not_earned.to_owned(),
                        None => String::new(),
                    };
                    let (lit, dim) = (matches!(on, Some(Some(_))), matches!(on, Some(None)));
                    view! {
                        <li class="cradle-medal" class:cradle-medal--earned=lit class:cradle-medal--dim=dim>
                            {picture(&row)}
                            <strong>{cell(&row, "name")}</strong>
                            <span>{cell(&row, "description")}</span>
                            <span class="cradle-medal__when">{status}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

//! The points mall ("points redemption" block): each item with its price and what is left; for a
//! signed-in member, whether she has enough points (how many she lacks when not), a confirmation
//! before anything is spent, and her codes from this block with their QR symbols. The member
//! runtime redeems from here (`data-mall`); the server takes the stock, the points and issues the
//! code at once.

use std::collections::HashMap;

use cradle_model::facts::Mall;
use cradle_model::Language;
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

use super::club::{picture, Row};
use super::club_texts::{ask, club_texts, left, points, short};
use super::codes::{from_block, my_codes, taken_of};

/// The block's body.
pub fn mall_body(
    lang: Language,
    block: String,
    (mall, rows): (Mall, Vec<Row>),
    columns: i64,
    taken: &HashMap<(String, String), i64>,
    card: Option<ClubCard>,
) -> AnyView {
    let t = club_texts(lang);
    let balance = card.as_ref().map(|c| c.points);
    let tiles = mall
        .items
        .iter()
        .zip(rows)
        .enumerate()
        .map(|(i, (item, row))| {
            let gone = taken_of(taken, &block, &item.name);
            let remaining = (item.stock - gone).max(0);
            let lacking = balance
                .map(|b| item.points - b)
                .filter(|n| *n > 0 && remaining > 0)
                .map(|n| short(lang, n));
            let (label, sold_out) = if remaining == 0 {
                (t.sold_out, Some(t.sold_out))
            } else {
                (t.redeem, None)
            };
            view! {
                <li class="cradle-tile">
                    {picture(&row)} <span>{item.name.clone()}</span>
                    <span class="cradle-pts">{points(lang, item.points)}</span>
                    <span class="cradle-mall__left">
                        {lacking.clone().unwrap_or_else(|| left(lang, remaining))}
                    </span>
                    <button
                        type="button"
                        class="cradle-btn cradle-btn--primary"
                        data-item=i.to_string()
                        data-ask=ask(lang, item.points, &item.name)
                        data-refuse=sold_out.map(str::to_owned).or(lacking)
                    >
                        {label}
                    </button>
                </li>
            }
        })
        .collect_view();
    let codes = from_block(card, &block);
    view! {
        <div class="cradle-mall" data-mall=block.clone() data-act="redeem">
            <ul class="cradle-grid" style=format!("--cols:{columns}")>
                {tiles}
            </ul>
            <div class="cradle-mall__confirm" role="group" aria-label=t.confirm hidden=true>
                <p class="cradle-mall__ask"></p>
                <button type="button" class="cradle-btn cradle-btn--primary" data-yes="">
                    {t.confirm}
                </button>
                <button type="button" class="cradle-btn cradle-btn--secondary" data-no="">
                    {t.not_now}
                </button>
            </div>
            <p class="cradle-mall__note" role="status"></p>
            {(!codes.is_empty()).then(|| my_codes(lang, t.my_codes, codes))}
        </div>
    }
    .into_any()
}

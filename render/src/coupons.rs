//! The coupon list: each coupon with its value and condition, and a button to claim it (free,
//! once per member, while codes last); a claimed coupon shows her code with its QR under the
//! list. The member runtime claims from here (`data-mall` with `data-act="claim"`).

use std::collections::HashMap;

use cradle_model::facts::Coupons;
use cradle_model::Language;
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

use super::club::Row;
use super::club_texts::club_texts;
use super::codes::{from_block, my_codes, taken_of};
use super::props::cell;

/// The block's body.
pub fn coupons_body(
    lang: Language,
    block: String,
    (coupons, rows): (Coupons, Vec<Row>),
    taken: &HashMap<(String, String), i64>,
    card: Option<ClubCard>,
) -> AnyView {
    let t = club_texts(lang);
    let codes = from_block(card, &block);
    let list = coupons
        .coupons
        .iter()
        .zip(rows)
        .enumerate()
        .map(|(i, (coupon, row))| {
            let gone = taken_of(taken, &block, &coupon.name);
            let mine = codes.iter().any(|c| c.item == coupon.name);
            let (label, refuse) = match (mine, gone >= coupon.stock) {
                (true, _) => (t.claimed, Some(t.claimed)),
                (false, true) => (t.sold_out, Some(t.sold_out)),
                (false, false) => (t.claim, None),
            };
            view! {
                <li class="cradle-coupon">
                    <span class="cradle-coupon__value">{cell(&row, "value")}</span>
                    <span class="cradle-coupon__what">
                        <strong>{cell(&row, "name")}</strong>
                        <br />
                        {cell(&row, "condition")}
                    </span>
                    <button
                        type="button"
                        class="cradle-btn cradle-btn--primary"
                        data-item=i.to_string()
                        data-refuse=refuse
                    >
                        {label}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="cradle-mall" data-mall=block.clone() data-act="claim">
            <ul class="cradle-coupons">{list}</ul>
            <p class="cradle-mall__note" role="status"></p>
            {(!codes.is_empty()).then(|| my_codes(lang, t.my_codes, codes))}
        </div>
    }
    .into_any()
}

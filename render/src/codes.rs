//! Her codes as she shows them in store (prizes won and points-mall items), each with its QR
//! symbol for the clerk's scanner and its last day; used codes struck through.

use std::collections::HashMap;

use cradle_model::Language;
use cradle_wire::member::{ClubCard, PrizeCode};
use leptos::prelude::*;

use super::club_texts::{club_texts, valid_until};
use super::result_dialog::qr_svg;

/// Her codes from block `block` of this page (none for a visitor).
pub fn from_block(card: Option<ClubCard>, block: &str) -> Vec<PrizeCode> {
    let ours = |c: &PrizeCode| c.block.as_deref() == Some(block);
    card.map(|c| c.codes.into_iter().filter(ours).collect())
        .unwrap_or_default()
}

/// Units taken of item `name` of block `block`.
pub fn taken_of(taken: &HashMap<(String, String), i64>, block: &str, name: &str) -> i64 {
    taken
        .get(&(block.to_owned(), name.to_owned()))
        .copied()
        .unwrap_or(0)
}

/// Her codes under `title`, each with its QR symbol.
pub fn my_codes(lang: Language, title: &'static str, codes: Vec<PrizeCode>) -> impl IntoView {
    let t = club_texts(lang);
    view! {
        <div class="cradle-codes">
            <p class="cradle-codes__title">{title}</p>
            <p class="cradle-codes__hint">{t.show_in_store}</p>
            <ul class="cradle-list">
                {codes
                    .into_iter()
                    .map(|c| {
                        let qr = qr_svg(&c.code).unwrap_or_default();
                        view! {
                            <li class="cradle-code" class:cradle-code--used=c.redeemed>
                                <span
                                    class="cradle-code__qr"
                                    role="img"
                                    aria-label=format!("QR {}", c.code)
                                    inner_html=qr
                                ></span>
                                <span>
                                    <strong class="cradle-code__text">{c.code}</strong>
                                    <br />
                                    {valid_until(lang, &c.item)}
                                    <span class="cradle-nowrap">{c.valid_until}</span>
                                    {c.redeemed.then(|| format!(" · {}", t.used))}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

//! The dialog that shows what a play won: the prize, the points credited, or the redemption code
//! as a QR code a store clerk can scan, with the code in text beside it.

use cradle_model::campaign::PrizeKind;
use cradle_model::Language;
use leptos::prelude::*;
use qrcode::render::svg;
use qrcode::QrCode;

use crate::game_words::{draw_cost, game_words, points_credited};
use crate::play::Outcome;

/// `code` as an SVG QR code (sharp at any pixel ratio), or `None` if it cannot be encoded.
pub fn qr_svg(code: &str) -> Option<String> {
    let qr = QrCode::new(code.as_bytes()).ok()?;
    let svg = qr
        .render::<svg::Color>()
        .min_dimensions(168, 168)
        .quiet_zone(true)
        .build();
    // The XML declaration means nothing inside HTML.
    Some(match svg.find("<svg") {
        Some(at) => svg[at..].to_owned(),
        None => svg,
    })
}

/// The result of a play, as a modal dialog; `on_close` dismisses it.
#[component]
pub fn ResultDialog(
    /// The page language.
    lang: Language,
    /// What was won.
    outcome: Outcome,
    /// Dismisses the dialog.
    on_close: Callback<()>,
    /// Element id prefix (the game block's id), so several games' dialogs never share ids.
    id: String,
) -> impl IntoView {
    let w = game_words(lang);
    let title_id = format!("{id}-result");
    let labelled_by = title_id.clone();
    let (title, line) = match &outcome.kind {
        PrizeKind::Thanks => (w.thanks_title.to_owned(), w.thanks_text.to_owned()),
        PrizeKind::Points { amount } => (w.you_won.to_owned(), points_credited(lang, *amount)),
        PrizeKind::Coupon { .. } => (w.you_won.to_owned(), w.coupon_hint.to_owned()),
        PrizeKind::Physical { .. } => (w.you_won.to_owned(), w.gift_hint.to_owned()),
    };
    let prize = outcome.won().then(|| outcome.name.clone());
    let cost = outcome.cost;
    let image = outcome.image.clone().filter(|_| outcome.won());
    let code = outcome.code.clone().map(|code| {
        let qr = qr_svg(&code).unwrap_or_default();
        view! {
            <figure class="cradle-result__code">
                <span
                    class="cradle-result__qr"
                    role="img"
                    aria-label=w.qr_label
                    inner_html=qr
                ></span>
                <figcaption>
                    {w.code_label} " " <strong class="cradle-result__text-code">{code}</strong>
                </figcaption>
            </figure>
        }
    });
    view! {
        <div
            class="cradle-result"
            role="dialog"
            aria-modal="true"
            aria-labelledby=labelled_by
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            <div class="cradle-result__card">
                <h3 id=title_id class="cradle-result__title">
                    {title}
                </h3>
                {image
                    .map(|src| {
                        view! {
                            <img
                                class="cradle-result__image"
                                src=src
                                alt=w.image_missing
                                width="96"
                                height="96"
                                // A picture that fails to load leaves the prize's name.
                                on:error=|ev| {
                                    event_target::<web_sys::HtmlElement>(&ev).set_hidden(true)
                                }
                            />
                        }
                    })}
                {prize.map(|name| view! { <p class="cradle-result__prize">{name}</p> })}
                {code}
                <p class="cradle-result__line">{line}</p>
                {(cost > 0)
                    .then(|| view! { <p class="cradle-result__line">{draw_cost(lang, cost)}</p> })}
                <button
                    type="button"
                    class="cradle-btn cradle-btn--primary cradle-result__close"
                    on:click=move |_| on_close.run(())
                >
                    {w.close}
                </button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_becomes_a_scalable_qr_svg() {
        let svg = qr_svg("ABCD-EFGH-JKLM").unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("viewBox"));
        assert!(svg.contains("crispEdges"));
    }
}

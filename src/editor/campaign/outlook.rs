//! The economics beside the prizes, live as the marketer edits: each prize's chance and expected
//! count per 1,000 draws, when a limited stock runs out at the expected daily volume, the points
//! and yuan given per 1,000 draws, and a warning when the top prize is worth more than the legal
//! cap. All of it is the model's [`Campaign::outlook`](cradle_model::Campaign).

use cradle_model::economics::{format_yuan, LEGAL_PRIZE_CAP_CENTS};
use leptos::prelude::*;

use super::inputs::{MoneyInput, NumberInput};
use super::prizes::percent;
use super::words::words;
use super::Edit;
use crate::i18n::use_i18n;

/// Draws a day the figures start from, until the marketer types her own estimate.
const DEFAULT_DRAWS_PER_DAY: u32 = 1_000;

/// A count or amount with thousands separators and at most one decimal (`1,234.5`).
pub(crate) fn figure(x: f64) -> String {
    let tenths = (x * 10.0).round() as u64;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if tenth == 0 {
        grouped
    } else {
        format!("{grouped}.{tenth}")
    }
}

/// What the economics are worked out from (the marketer's estimate of daily draws and the cap,
/// which are not part of the page) and the figures, shared by the panel and the bar.
#[derive(Clone, Copy)]
pub(super) struct Figures {
    per_day: RwSignal<Option<u32>>,
    cap: RwSignal<u32>,
    outlook: Memo<Option<(cradle_model::economics::Outlook, Vec<cradle_model::Prize>)>>,
}

impl Figures {
    pub(super) fn new(edit: Edit) -> Figures {
        let per_day = RwSignal::new(Some(DEFAULT_DRAWS_PER_DAY));
        let cap = RwSignal::new(LEGAL_PRIZE_CAP_CENTS as u32);
        let outlook = Memo::new(move |_| {
            let (per_day, cap) = (per_day.get().unwrap_or(0), u64::from(cap.get()));
            edit.get(|c| (c.outlook(per_day, cap), c.prizes.clone()))
        });
        Figures {
            per_day,
            cap,
            outlook,
        }
    }
}

/// The totals, kept in view at the foot of the campaign editor while the prizes scroll by (the
/// panel above says the same to screen readers).
#[component]
pub(super) fn OutlookBar(figures: Figures) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    move || {
        figures.outlook.get().map(|(o, _)| {
            view! {
                <div class="outlook__bar" aria-hidden="true">
                    <span>
                        {w().points_per_thousand} " " <b>{figure(o.points_per_thousand)}</b>
                    </span>
                    <span>
                        {w().yuan_per_thousand} " "
                        <b>{format!("¥{}", figure(o.yuan_per_thousand))}</b>
                    </span>
                    {o
                        .over_cap
                        .then(|| view! { <span class="outlook__flag">{w().over_cap_short}</span> })}
                </div>
            }
        })
    }
}

/// The economics panel.
#[component]
pub(super) fn Outlook(figures: Figures) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let Figures {
        per_day,
        cap,
        outlook,
    } = figures;
    let no_errors = Signal::derive(Vec::new);
    view! {
        <section class="outlook" aria-labelledby="outlook-heading">
            <h3 id="outlook-heading" class="outlook__title">
                {move || w().outlook}
            </h3>
            <p class="hint">{move || w().outlook_hint}</p>
            <div class="campaign-editor__row">
                <NumberInput
                    label=Signal::derive(move || w().draws_per_day)
                    value=per_day.into()
                    on_input=Callback::new(move |n: Option<u32>| per_day.set(n))
                    errors=no_errors
                    max=100_000_000
                    dom_id="outlook-per-day"
                />
                <MoneyInput
                    label=Signal::derive(move || w().cap)
                    cents=cap.into()
                    on_input=Callback::new(move |c: u32| cap.set(c))
                    errors=no_errors
                    dom_id="outlook-cap"
                />
            </div>
            {move || {
                let Some((o, prizes)) = outlook.get() else {
                    return ().into_any();
                };
                if o.prizes.iter().all(|p| p.probability == 0.0) {
                    return view! { <p class="hint">{w().no_odds}</p> }.into_any();
                }
                let warning = o
                    .top_prize
                    .as_ref()
                    .filter(|_| o.over_cap)
                    .map(|(id, value)| {
                        let name = prizes
                            .iter()
                            .find(|p| &p.id == id)
                            .map(|p| p.name.clone())
                            .unwrap_or_default();
                        w().over_cap(&name, &format_yuan(*value), &format_yuan(cap.get_untracked()))
                    });
                let rows = o
                    .prizes
                    .iter()
                    .zip(&prizes)
                    .map(|(p, prize)| {
                        let runs_out = p
                            .runs_out
                            .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
                            .unwrap_or_else(|| {
                                if prize.stock == cradle_model::Stock::Unlimited {
                                    "—".to_owned()
                                } else {
                                    w().lasts.to_owned()
                                }
                            });
                        view! {
                            <tr>
                                <th scope="row">{prize.name.clone()}</th>
                                <td>{percent(p.probability)}</td>
                                <td>{figure(p.per_thousand)}</td>
                                <td>{runs_out}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    {warning
                        .map(|text| {
                            view! {
                                <p class="outlook__warning" role="alert">
                                    {text}
                                </p>
                            }
                        })}
                    <table class="outlook__table">
                        <thead>
                            <tr>
                                <th scope="col">{w().prize}</th>
                                <th scope="col">{w().chance}</th>
                                <th scope="col">{w().per_thousand}</th>
                                <th scope="col">{w().runs_out}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <dl class="outlook__totals">
                        <dt>{w().points_per_thousand}</dt>
                        <dd data-figure="points">{figure(o.points_per_thousand)}</dd>
                        <dt>{w().yuan_per_thousand}</dt>
                        <dd data-figure="yuan">{format!("¥{}", figure(o.yuan_per_thousand))}</dd>
                    </dl>
                }
                    .into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn figures_are_grouped_by_thousands() {
        assert_eq!(figure(0.0), "0");
        assert_eq!(figure(999.96), "1,000");
        assert_eq!(figure(1_234_567.25), "1,234,567.3");
        assert_eq!(figure(12.5), "12.5");
    }
}

//! The prizes table: one card per prize (name, kind, amount or value, weight, stock, picture) with
//! its chance from the model's odds, and the fallback prize.

use cradle_model::campaign::{Prize, PrizeKind, Stock, MAX_STOCK, MAX_WEIGHT};
use leptos::prelude::*;

use super::inputs::{Errors, MoneyInput, NumberInput, TextInput};
use super::words::{words, Words};
use super::Edit;
use crate::i18n::{use_i18n, Lang};

/// A chance as marketers read it: `12.5%`, small ones with more places (`0.012%`).
pub(super) fn percent(p: f64) -> String {
    let pct = p * 100.0;
    if pct == 0.0 || pct >= 1.0 {
        format!("{pct:.1}%")
    } else {
        format!("{pct:.3}%")
    }
}

/// A new prize's first free id, `prize-{n}`.
fn fresh_prize_id(prizes: &[Prize]) -> String {
    (1u32..)
        .map(|n| format!("prize-{n}"))
        .find(|id| prizes.iter().all(|p| &p.id != id))
        .expect("an unbounded range has a free id")
}

/// What a prize of kind `tag` is once the marketer picks that kind (amounts carried over).
fn kind_of(tag: &str, old: &PrizeKind) -> PrizeKind {
    let value = cradle_model::economics::value_cents(old);
    match tag {
        "points" => PrizeKind::Points {
            amount: match old {
                PrizeKind::Points { amount } => *amount,
                _ => 10,
            },
        },
        "coupon" => PrizeKind::Coupon { value_cents: value },
        "physical" => PrizeKind::Physical { value_cents: value },
        _ => PrizeKind::Thanks,
    }
}

fn tag_of(kind: &PrizeKind) -> &'static str {
    match kind {
        PrizeKind::Points { .. } => "points",
        PrizeKind::Coupon { .. } => "coupon",
        PrizeKind::Physical { .. } => "physical",
        PrizeKind::Thanks => "thanks",
    }
}

/// The prizes and the fallback prize.
#[component]
pub(super) fn Prizes(edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let count = Memo::new(move |_| edit.get(|c| c.prizes.len()).unwrap_or(0));
    let max = Memo::new(move |_| edit.get(|c| c.game.prize_count().1).unwrap_or(0));
    let add = move |_: leptos::ev::MouseEvent| {
        let lang = i18n.lang();
        edit.set("add-prize", |c| {
            let id = fresh_prize_id(&c.prizes);
            c.prizes.push(Prize {
                id,
                name: if lang == Lang::ZhCn {
                    "10 积分"
                } else {
                    "10 points"
                }
                .into(),
                kind: PrizeKind::Points { amount: 10 },
                image: None,
                weight: 10,
                stock: Stock::Unlimited,
            })
        });
        edit.seal();
    };
    let fallback_errors = edit.errors("/fallback_prize");
    view! {
        <fieldset class="campaign-editor__group">
            <legend>{move || w().prizes}</legend>
            <Errors errors=edit.errors("/prizes") id="campaign-prizes-err".to_owned() />
            <ol class="prizes">
                {move || (0..count.get()).map(|j| view! { <PrizeCard edit j /> }).collect_view()}
            </ol>
            <button
                type="button"
                class="prizes__add"
                disabled={move || count.get() >= max.get()}
                on:click=add
            >
                {move || w().add_prize}
            </button>
            <div class="field">
                <label for="campaign-fallback">{move || w().fallback}</label>
                <select
                    id="campaign-fallback"
                    prop:value=move || edit.get(|c| c.fallback_prize.clone()).unwrap_or_default()
                    aria-invalid=move || (!fallback_errors.get().is_empty()).to_string()
                    aria-describedby="campaign-fallback-hint campaign-fallback-err"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        edit.set("fallback", |c| c.fallback_prize = id);
                        edit.seal();
                    }
                >
                    {move || {
                        edit.get(|c| c.prizes.clone())
                            .unwrap_or_default()
                            .into_iter()
                            .map(|p| view! { <option value=p.id.clone()>{p.name}</option> })
                            .collect_view()
                    }}
                </select>
                <small class="hint" id="campaign-fallback-hint">
                    {move || w().fallback_hint}
                </small>
                <Errors errors=fallback_errors id="campaign-fallback-err".to_owned() />
            </div>
        </fieldset>
    }
}

/// The `j`th prize.
#[component]
fn PrizeCard(edit: Edit, j: usize) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let prize = Memo::new(move |_| edit.get(|c| c.prizes.get(j).cloned()).flatten());
    let chance = Memo::new(move |_| {
        edit.get(|c| c.odds().get(j).map(|o| o.probability))
            .flatten()
            .unwrap_or(0.0)
    });
    let min = Memo::new(move |_| edit.get(|c| c.game.prize_count().0).unwrap_or(0));
    let count = Memo::new(move |_| edit.get(|c| c.prizes.len()).unwrap_or(0));
    let put = move |field: &str, f: Box<dyn FnOnce(&mut Prize)>| {
        edit.set(&format!("prize:{j}:{field}"), |c| {
            if let Some(p) = c.prizes.get_mut(j) {
                f(p)
            }
        })
    };
    let at = move |suffix: &str| edit.errors(format!("/prizes/{j}{suffix}"));
    let label = move |pick: fn(&'static Words) -> &'static str| Signal::derive(move || pick(w()));
    let tag = move || prize.with(|p| p.as_ref().map(|p| tag_of(&p.kind)).unwrap_or("thanks"));
    let name = move || prize.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let remove = move |_: leptos::ev::MouseEvent| {
        edit.set("remove-prize", |c| {
            if j < c.prizes.len() {
                c.prizes.remove(j);
            }
        });
        edit.seal();
    };
    let kind_id = format!("prize-{j}-kind");
    view! {
        <li class="prize">
            <div class="prize__head">
                <span class="prize__chance" aria-live="polite">
                    {move || format!("{} {}", w().chance, percent(chance.get()))}
                </span>
                <button
                    type="button"
                    class="danger prize__remove"
                    disabled={move || count.get() <= min.get()}
                    aria-label=move || format!("{} {}", w().remove_prize, name())
                    on:click=remove
                >
                    "✕"
                </button>
            </div>
            <div class="campaign-editor__row">
                <TextInput
                    label=label(|w| w.prize)
                    value=Signal::derive(name)
                    on_input=Callback::new(move |v: String| put(
                        "name",
                        Box::new(move |p| p.name = v),
                    ))
                    on_blur=Callback::new(move |()| edit.seal())
                    errors=at("/name")
                    dom_id=format!("prize-{j}-name")
                />
                <div class="field">
                    <label for=kind_id.clone()>{move || w().kind}</label>
                    <select
                        id=kind_id.clone()
                        prop:value=tag
                        on:change=move |ev| {
                            let t = event_target_value(&ev);
                            put("kind", Box::new(move |p| p.kind = kind_of(&t, &p.kind)));
                            edit.seal();
                        }
                    >
                        <option value="points">{move || w().points}</option>
                        <option value="coupon">{move || w().coupon}</option>
                        <option value="physical">{move || w().physical}</option>
                        <option value="thanks">{move || w().thanks}</option>
                    </select>
                </div>
            </div>
            <div class="campaign-editor__row campaign-editor__row--three">
                {move || match tag() {
                    "points" => {
                        view! {
                            <NumberInput
                                label=label(|w| w.amount)
                                value=Signal::derive(move || {
                                    prize
                                        .with(|p| match p.as_ref().map(|p| &p.kind) {
                                            Some(PrizeKind::Points { amount }) => Some(*amount),
                                            _ => None,
                                        })
                                })
                                on_input=Callback::new(move |n: Option<u32>| {
                                    put(
                                        "amount",
                                        Box::new(move |p| {
                                            p.kind = PrizeKind::Points {
                                                amount: n.unwrap_or(0),
                                            };
                                        }),
                                    )
                                })
                                errors=at("/kind/amount")
                                max=cradle_model::campaign::MAX_POINTS
                                dom_id=format!("prize-{j}-amount")
                                on_blur=Callback::new(move |()| edit.seal())
                            />
                        }
                            .into_any()
                    }
                    "coupon" | "physical" => {
                        view! {
                            <MoneyInput
                                label=label(|w| w.value)
                                cents=Signal::derive(move || {
                                    prize
                                        .with(|p| {
                                            p.as_ref()
                                                .map(|p| cradle_model::economics::value_cents(&p.kind))
                                                .unwrap_or(0)
                                        })
                                })
                                on_input=Callback::new(move |cents: u32| {
                                    put(
                                        "value",
                                        Box::new(move |p| match &mut p.kind {
                                            PrizeKind::Coupon { value_cents }
                                            | PrizeKind::Physical { value_cents } => {
                                                *value_cents = cents;
                                            }
                                            _ => {}
                                        }),
                                    )
                                })
                                errors=at("/kind/value_cents")
                                dom_id=format!("prize-{j}-value")
                                on_blur=Callback::new(move |()| edit.seal())
                            />
                        }
                            .into_any()
                    }
                    _ => ().into_any(),
                }}
                <NumberInput
                    label=label(|w| w.weight)
                    value=Signal::derive(move || prize.with(|p| p.as_ref().map(|p| p.weight)))
                    on_input=Callback::new(move |n: Option<u32>| put(
                        "weight",
                        Box::new(move |p| p.weight = n.unwrap_or(0)),
                    ))
                    errors=at("/weight")
                    max=MAX_WEIGHT
                    dom_id=format!("prize-{j}-weight")
                    on_blur=Callback::new(move |()| edit.seal())
                />
                <NumberInput
                    label=label(|w| w.stock)
                    value=Signal::derive(move || {
                        prize
                            .with(|p| match p.as_ref().map(|p| p.stock) {
                                Some(Stock::Limited(n)) => Some(n),
                                _ => None,
                            })
                    })
                    on_input=Callback::new(move |n: Option<u32>| {
                        put(
                            "stock",
                            Box::new(move |p| p.stock = n.map_or(Stock::Unlimited, Stock::Limited)),
                        )
                    })
                    errors=at("/stock/limited")
                    max=MAX_STOCK
                    placeholder=Signal::derive(move || w().unlimited)
                    dom_id=format!("prize-{j}-stock")
                    on_blur=Callback::new(move |()| edit.seal())
                />
            </div>
            <TextInput
                label=label(|w| w.image)
                value=Signal::derive(move || {
                    prize.with(|p| p.as_ref().and_then(|p| p.image.clone()).unwrap_or_default())
                })
                on_input=Callback::new(move |v: String| {
                    put(
                        "image",
                        Box::new(move |p| {
                            p.image = Some(v.trim().to_owned()).filter(|v| !v.is_empty());
                        }),
                    )
                })
                on_blur=Callback::new(move |()| edit.seal())
                errors=at("/image")
                dom_id=format!("prize-{j}-image")
                placeholder="https://… /api/assets/…"
            />
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn chances_read_like_percentages() {
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(0.00012), "0.012%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(1.0), "100.0%");
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn changing_a_kind_keeps_what_carries_over() {
        let coupon = PrizeKind::Coupon { value_cents: 2_000 };
        assert_eq!(
            kind_of("physical", &coupon),
            PrizeKind::Physical { value_cents: 2_000 }
        );
        assert_eq!(kind_of("points", &coupon), PrizeKind::Points { amount: 10 });
        assert_eq!(kind_of("thanks", &coupon), PrizeKind::Thanks);
        assert_eq!(tag_of(&kind_of("coupon", &PrizeKind::Thanks)), "coupon");
    }
}

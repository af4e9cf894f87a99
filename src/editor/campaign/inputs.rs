//! The campaign editor's inputs: a label, the control and the field's errors, tied together for
//! screen readers (`aria-describedby`, `aria-invalid`).

use cradle_model::economics::{format_yuan, parse_yuan};
use leptos::prelude::*;

/// The errors under a field, announced as they appear.
#[component]
pub(super) fn Errors(errors: Signal<Vec<String>>, id: String) -> impl IntoView {
    view! {
        <ul class="field__errors" id=id role="alert">
            {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
        </ul>
    }
}

/// On leaving a field: shows what the campaign holds again (a half-typed value that never reached
/// it goes) and ends the typing run.
fn left(ev: &leptos::ev::FocusEvent, shown: &str, on_blur: Option<Callback<()>>) {
    use wasm_bindgen::JsCast;
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value(shown);
    }
    if let Some(f) = on_blur {
        f.run(())
    }
}

/// A line of text.
#[component]
pub(super) fn TextInput(
    label: Signal<&'static str>,
    value: Signal<String>,
    on_input: Callback<String>,
    on_blur: Callback<()>,
    errors: Signal<Vec<String>>,
    #[prop(into)] dom_id: String,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let err_id = format!("{dom_id}-err");
    view! {
        <div class="field">
            <label for=dom_id.clone()>{label}</label>
            <input
                id=dom_id
                type="text"
                placeholder=placeholder
                prop:value=value
                aria-invalid=move || (!errors.get().is_empty()).to_string()
                aria-describedby=err_id.clone()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| on_blur.run(())
            />
            <Errors errors id=err_id />
        </div>
    }
}

/// A whole number from 0 to `max`; empty is `None` (no limit), for fields that allow it.
///
/// Only numbers reach the campaign: while the field is cleared to type another, the campaign
/// keeps its value, and leaving the field shows it again.
#[component]
pub(super) fn NumberInput(
    label: Signal<&'static str>,
    value: Signal<Option<u32>>,
    on_input: Callback<Option<u32>>,
    errors: Signal<Vec<String>>,
    max: u32,
    #[prop(into)] dom_id: String,
    #[prop(optional, into)] placeholder: Option<Signal<&'static str>>,
    /// Ends the typing run (one undo step per visit to the field).
    #[prop(optional)]
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let optional = placeholder.is_some();
    let err_id = format!("{dom_id}-err");
    let shown = move || value.get().map(|n| n.to_string()).unwrap_or_default();
    view! {
        <div class="field">
            <label for=dom_id.clone()>{label}</label>
            <input
                id=dom_id
                type="number"
                inputmode="numeric"
                min="0"
                max=max
                step="1"
                placeholder=move || placeholder.map(|p| p.get()).unwrap_or_default()
                prop:value=shown
                aria-invalid=move || (!errors.get().is_empty()).to_string()
                aria-describedby=err_id.clone()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    match typed.trim() {
                        "" if optional => on_input.run(None),
                        "" => {}
                        t => {
                            if let Ok(n) = t.parse::<u32>() {
                                on_input.run(Some(n))
                            }
                        }
                    }
                }
                on:blur=move |ev| left(&ev, &shown(), on_blur)
            />
            <Errors errors id=err_id />
        </div>
    }
}

/// An amount of money typed in yuan (`12.5`), kept in cents.
#[component]
pub(super) fn MoneyInput(
    label: Signal<&'static str>,
    cents: Signal<u32>,
    on_input: Callback<u32>,
    errors: Signal<Vec<String>>,
    #[prop(into)] dom_id: String,
    /// Ends the typing run (one undo step per visit to the field).
    #[prop(optional)]
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let err_id = format!("{dom_id}-err");
    let shown = move || format_yuan(cents.get());
    view! {
        <div class="field">
            <label for=dom_id.clone()>{label}</label>
            <input
                id=dom_id
                type="text"
                inputmode="decimal"
                prop:value=shown
                aria-invalid=move || (!errors.get().is_empty()).to_string()
                aria-describedby=err_id.clone()
                on:input=move |ev| {
                    if let Some(c) = parse_yuan(&event_target_value(&ev)) {
                        on_input.run(c)
                    }
                }
                on:blur=move |ev| left(&ev, &shown(), on_blur)
            />
            <Errors errors id=err_id />
        </div>
    }
}

//! Pieces the integration page's sections share: a fieldset of choices ticked on and off, and the
//! box that shows a new secret the one time it is shown.

use leptos::prelude::*;

/// Checkboxes for `options`, ticking them in and out of `chosen`.
#[component]
pub fn Choices<T>(
    /// The fieldset's legend.
    legend: Signal<&'static str>,
    /// What can be chosen, in order.
    options: Vec<T>,
    /// Each option's label.
    label: Callback<T, &'static str>,
    /// What is ticked.
    chosen: RwSignal<Vec<T>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let toggle = move |option: T| {
        chosen.update(|c| match c.iter().position(|x| *x == option) {
            Some(at) => {
                c.remove(at);
            }
            None => c.push(option),
        })
    };
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|option| {
                    view! {
                        <label class="integration-scope">
                            <input
                                type="checkbox"
                                prop:checked=move || chosen.get().contains(&option)
                                on:change=move |_| toggle(option)
                            />
                            {move || label.run(option)}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A secret just made, with what to do with it; nothing when there is none.
#[component]
pub fn ShownOnce(
    /// The secret.
    secret: RwSignal<Option<String>>,
    /// What to do with it.
    note: Signal<&'static str>,
) -> impl IntoView {
    move || {
        secret.get().map(|s| {
            view! {
                <div class="integration-fresh" role="status">
                    <p>{note}</p>
                    <code class="integration-key">{s}</code>
                </div>
            }
        })
    }
}

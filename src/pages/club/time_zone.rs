//! The workspace's time zone on the club page: where its days start for sign-ins, daily caps and
//! daily draws. Saved on its own (it is the workspace's, not a version of the club settings).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::words;
use crate::api::club;
use crate::i18n::{use_i18n, Lang};

/// The zones offered: the brands' home markets first. A workspace set to another zone (through
/// the API) sees its own listed too.
const ZONES: &[(&str, &str, &str)] = &[
    (
        "Asia/Shanghai",
        "中国（北京时间，UTC+8）",
        "China (Beijing time, UTC+8)",
    ),
    ("Asia/Hong_Kong", "中国香港（UTC+8）", "Hong Kong (UTC+8)"),
    ("Asia/Taipei", "中国台北（UTC+8）", "Taipei (UTC+8)"),
    ("Asia/Singapore", "新加坡（UTC+8）", "Singapore (UTC+8)"),
    ("Asia/Bangkok", "泰国曼谷（UTC+7）", "Bangkok (UTC+7)"),
    ("Asia/Tokyo", "日本东京（UTC+9）", "Tokyo (UTC+9)"),
    ("Asia/Seoul", "韩国首尔（UTC+9）", "Seoul (UTC+9)"),
    (
        "Australia/Sydney",
        "澳大利亚悉尼（UTC+10/+11）",
        "Sydney (UTC+10/+11)",
    ),
    ("Europe/London", "英国伦敦（UTC+0/+1）", "London (UTC+0/+1)"),
    ("Europe/Berlin", "德国柏林（UTC+1/+2）", "Berlin (UTC+1/+2)"),
    (
        "America/New_York",
        "美国纽约（UTC−5/−4）",
        "New York (UTC−5/−4)",
    ),
    (
        "America/Los_Angeles",
        "美国洛杉矶（UTC−8/−7）",
        "Los Angeles (UTC−8/−7)",
    ),
    (
        "UTC",
        "协调世界时（UTC）",
        "Coordinated Universal Time (UTC)",
    ),
];

/// The offered zones as `(name, label)` in `lang`, with `current` first if it is not among them.
fn options(lang: Lang, current: &str) -> Vec<(String, String)> {
    let listed = ZONES.iter().any(|(name, ..)| *name == current);
    let own = (!listed && !current.is_empty()).then(|| (current.to_owned(), current.to_owned()));
    own.into_iter()
        .chain(ZONES.iter().map(|(name, zh, en)| {
            let label = if lang == Lang::ZhCn { zh } else { en };
            ((*name).to_owned(), (*label).to_owned())
        }))
        .collect()
}

/// A select of zones and its own save button.
#[component]
pub fn TimeZoneField(
    /// The zone the workspace has now.
    initial: Signal<String>,
    /// Whether this user may change it.
    editable: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let saved = RwSignal::new(None::<String>);
    let current = move || saved.get().unwrap_or_else(|| initial.get());
    let chosen = RwSignal::new(None::<String>);
    let picked = move || chosen.get().unwrap_or_else(current);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let save = move |_| {
        let zone = picked();
        busy.set(true);
        spawn_local(async move {
            match club::set_time_zone(&zone).await {
                Ok(zone) => {
                    saved.set(Some(zone));
                    chosen.set(None);
                    status.set(w().time_zone_saved.to_owned());
                }
                Err(e) => status.set(e.to_string()),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="club-form__zone">
            <label for="time-zone">
                <strong>{move || w().time_zone}</strong>
            </label>
            <select
                id="time-zone"
                disabled=move || !editable.get()
                on:change=move |ev| {
                    chosen.set(Some(event_target_value(&ev)));
                    status.set(String::new());
                }
                prop:value=picked
            >
                {move || {
                    options(i18n.lang(), &current())
                        .into_iter()
                        .map(|(name, label)| {
                            let selected = name == picked();
                            view! {
                                <option value=name selected=selected>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <button
                type="button"
                disabled=move || !editable.get() || busy.get() || picked() == current()
                on:click=save
            >
                {move || w().save_time_zone}
            </button>
            <span role="status">{move || status.get()}</span>
            <small class="hint">{move || w().time_zone_hint}</small>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_zone_set_elsewhere_stays_offered() {
        let listed = options(Lang::ZhCn, "Asia/Shanghai");
        assert_eq!(listed.len(), ZONES.len());
        assert_eq!(listed[0].1, "中国（北京时间，UTC+8）");
        let own = options(Lang::En, "Africa/Nairobi");
        assert_eq!(own[0], ("Africa/Nairobi".into(), "Africa/Nairobi".into()));
        assert_eq!(own.len(), ZONES.len() + 1);
    }
}

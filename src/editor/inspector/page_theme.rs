//! The page's theme in the page panel: brand, accent, text and background colours, font and
//! corner radius. Each change is a `SetTheme` command (merged while one field is being typed in),
//! so the canvas follows at once and undo takes it back; the model flags colours that are not
//! colours or text that would be hard to read.

use cradle_model::document::Font;
use cradle_model::{Command, Theme};
use leptos::prelude::*;

use super::{errors_at, Editor};
use crate::i18n::{use_i18n, Strings};

/// Changes the theme as one undo step, merged with the previous change of `field`.
fn set(editor: Editor, field: &str, f: impl FnOnce(&mut Theme)) {
    let mut theme = editor.render.theme.get_untracked();
    f(&mut theme);
    editor.apply_grouped(Command::SetTheme { theme }, &format!("theme:{field}"));
}

type Pick = fn(&mut Theme) -> &mut String;

/// One colour: a picker and the hex text beside it.
fn colour(
    editor: Editor,
    key: &'static str,
    label: fn(&'static Strings) -> &'static str,
    pick: Pick,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = move || pick(&mut editor.render.theme.get()).clone();
    let errors = Signal::derive(errors_at(editor, format!("/theme/{key}"), false));
    let invalid = move || (!errors.get().is_empty()).to_string();
    let dom_id = format!("theme-{key}");
    let err_id = format!("{dom_id}-err");
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        set(editor, key, |t| *pick(t) = typed);
    };
    view! {
        <div class="field">
            <label for=dom_id.clone()>{move || label(i18n.t())}</label>
            <span class="colour">
                <input
                    type="color"
                    aria-label=move || format!("{} {}", label(i18n.t()), i18n.t().picker)
                    prop:value=value
                    on:input=on_input
                    on:change=move |_| editor.seal()
                />
                <input
                    id=dom_id
                    type="text"
                    prop:value=value
                    aria-invalid=invalid
                    aria-describedby=err_id.clone()
                    on:input=on_input
                    on:blur=move |_| editor.seal()
                />
            </span>
            <ul class="field__errors" id=err_id role="alert">
                {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The theme fields.
#[component]
pub(super) fn PageTheme(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    let font_tag = move || match editor.render.theme.get().font {
        Font::System => "system",
        Font::Rounded => "rounded",
        Font::Serif => "serif",
    };
    view! {
        <fieldset class="page-panel__theme">
            <legend>{move || i18n.t().theme}</legend>
            {colour(editor, "primary", |t| t.theme_primary, |t| &mut t.primary)}
            {colour(editor, "accent", |t| t.theme_accent, |t| &mut t.accent)}
            {colour(editor, "text", |t| t.theme_text, |t| &mut t.text)}
            {colour(editor, "background", |t| t.background, |t| &mut t.background)}
            <div class="field">
                <label for="theme-font">{move || i18n.t().theme_font}</label>
                <select
                    id="theme-font"
                    prop:value=font_tag
                    on:change=move |ev| {
                        let font = match event_target_value(&ev).as_str() {
                            "system" => Font::System,
                            "serif" => Font::Serif,
                            _ => Font::Rounded,
                        };
                        set(editor, "font", |t| t.font = font);
                        editor.seal();
                    }
                >
                    <option value="rounded">{move || i18n.t().font_rounded}</option>
                    <option value="system">{move || i18n.t().font_system}</option>
                    <option value="serif">{move || i18n.t().font_serif}</option>
                </select>
            </div>
            <div class="field">
                <label for="theme-radius">{move || i18n.t().theme_radius}</label>
                <input
                    id="theme-radius"
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max="32"
                    prop:value=move || editor.render.theme.get().radius.to_string()
                    on:input=move |ev| {
                        if let Ok(r) = event_target_value(&ev).trim().parse::<u8>() {
                            set(editor, "radius", |t| t.radius = r.min(32));
                        }
                    }
                    on:blur=move |_| editor.seal()
                />
            </div>
        </fieldset>
    }
}

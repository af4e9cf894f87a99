//! The block style: spacing, alignment and colours, on every device or as a device override.

use cradle_model::commands::Command;
use cradle_model::style::{Align, Spacing, Style};
use cradle_model::NodeId;
use leptos::prelude::*;

use super::*;
use crate::editor::Editor;
use crate::i18n::use_i18n;

#[component]
pub(super) fn StyleFields(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let style = Signal::derive(move || block.with(|b| b.style.clone()));
    let style_errors = errors_at(editor, format!("/blocks/{id}/style"), true);
    let update = move |f: &dyn Fn(&mut Style)| {
        let mut s = style.get_untracked();
        f(&mut s);
        editor.apply_grouped(
            Command::UpdateStyle {
                id: id.clone(),
                device: None,
                style: s,
            },
            &format!("style:{id}"),
        );
    };
    let update = StoredValue::new_local(update);
    let px = |s: Option<Spacing>| s.map(|s| s.top.to_string()).unwrap_or_default();
    let parse = |v: String| v.trim().parse::<u16>().ok().map(Spacing::all);
    view! {
        <div class="field">
            <label for="style-padding">{move || i18n.t().padding}</label>
            <input
                id="style-padding"
                type="number"
                min="0"
                max="200"
                prop:value=move || px(style.get().padding)
                on:input=move |ev| {
                    let v = parse(event_target_value(&ev));
                    update.with_value(|u| u(&|s: &mut Style| s.padding = v))
                }
            />
        </div>
        <div class="field">
            <label for="style-margin">{move || i18n.t().margin}</label>
            <input
                id="style-margin"
                type="number"
                min="0"
                max="200"
                prop:value=move || px(style.get().margin)
                on:input=move |ev| {
                    let v = parse(event_target_value(&ev));
                    update.with_value(|u| u(&|s: &mut Style| s.margin = v))
                }
            />
        </div>
        <div class="field">
            <label for="style-bg">{move || i18n.t().background}</label>
            <input
                id="style-bg"
                type="text"
                placeholder="#fff8f3"
                prop:value=move || style.get().background.unwrap_or_default()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    update
                        .with_value(|u| u(
                            &|s: &mut Style| {
                                s.background = Some(v.clone()).filter(|c| !c.is_empty());
                            },
                        ))
                }
            />
        </div>
        <div class="field">
            <label for="style-align">{move || i18n.t().align}</label>
            <select
                id="style-align"
                prop:value=move || match style.get().align {
                    Some(Align::Left) => "left",
                    Some(Align::Center) => "center",
                    Some(Align::Right) => "right",
                    None => "",
                }
                on:change=move |ev| {
                    let a = match event_target_value(&ev).as_str() {
                        "left" => Some(Align::Left),
                        "center" => Some(Align::Center),
                        "right" => Some(Align::Right),
                        _ => None,
                    };
                    update.with_value(|u| u(&|s: &mut Style| s.align = a))
                }
            >
                <option value="">"—"</option>
                <option value="left">"⟸"</option>
                <option value="center">"⟺"</option>
                <option value="right">"⟹"</option>
            </select>
        </div>
        <ul class="field__errors" role="alert">
            {move || style_errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

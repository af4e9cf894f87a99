//! The top bar: title, device switcher, undo/redo, save as section, save status, layers toggle,
//! preview and publish.

use cradle_model::document::Device;
use leptos::prelude::*;

use super::later::Later;
use super::persist::{Persist, SaveState};
use super::publish;
use super::sections::{Sections, SAVE_SECTION_BUTTON};
use super::Editor;
use crate::i18n::use_i18n;

/// The editor's top bar.
#[component]
pub fn Toolbar(
    editor: Editor,
    persist: Persist,
    sections: Sections,
    show_layers: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let device = editor.render.device;
    let device_button =
        move |d: Device, text: fn(&'static crate::i18n::Strings) -> &'static str| {
            view! {
                <button
                    type="button"
                    aria-pressed=move || (device.get() == d).to_string()
                    on:click=move |_| device.set(d)
                >
                    {move || text(i18n.t())}
                </button>
            }
        };
    let status = move || {
        let t = i18n.t();
        match persist.state.get() {
            SaveState::Saved => t.saved.to_owned(),
            SaveState::Pending | SaveState::Saving => t.saving.to_owned(),
            SaveState::Offline => t.offline_saved_locally.to_owned(),
            SaveState::Conflict(_) => t.conflict.to_owned(),
            SaveState::Refused(why) => format!("{}: {why}", t.not_saved),
        }
    };
    let error_count = move || editor.errors.with(Vec::len);
    view! {
        <header class="toolbar">
            <a class="toolbar__back" href="/" aria-label=move || i18n.t().back_to_projects>
                "←"
            </a>
            <h1 class="toolbar__title">{move || editor.title.get()}</h1>
            <div class="toolbar__group" role="group" aria-label=move || i18n.t().device>
                {device_button(Device::Phone, |t| t.phone)}
                {device_button(Device::Tablet, |t| t.tablet)}
                {device_button(Device::Desktop, |t| t.desktop)}
            </div>
            <div class="toolbar__group">
                <button
                    type="button"
                    aria-keyshortcuts="Control+Z"
                    disabled=move || !editor.can_undo.get()
                    on:click=move |_| editor.undo()
                >
                    {move || i18n.t().undo}
                </button>
                <button
                    type="button"
                    aria-keyshortcuts="Control+Shift+Z"
                    disabled=move || !editor.can_redo.get()
                    on:click=move |_| editor.redo()
                >
                    {move || i18n.t().redo}
                </button>
            </div>
            <button
                type="button"
                id=SAVE_SECTION_BUTTON
                aria-haspopup="dialog"
                disabled=move || editor.selection.with(Vec::is_empty)
                on:click=move |_| sections.ask_name()
            >
                {move || i18n.t().save_as_section}
            </button>
            <button
                type="button"
                aria-pressed=move || show_layers.get().to_string()
                on:click=move |_| show_layers.update(|s| *s = !*s)
            >
                {move || i18n.t().layers}
            </button>
            <Show when=move || { error_count() > 0 }>
                <span class="toolbar__errors">
                    {move || format!("{} {}", error_count(), i18n.t().problems)}
                </span>
            </Show>
            <p class="toolbar__status" role="status" aria-live="polite">
                {status}
            </p>
            <Later load=move || publish::buttons(editor, persist) />
        </header>
    }
}

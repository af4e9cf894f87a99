//! UI language: zh-CN and en, switchable and remembered.
//!
//! Strings are fields of one struct per language, so a missing translation is a compile error.
//! The choice is kept in `localStorage`; without one, zh-CN is used when the browser prefers
//! Chinese and en otherwise.

mod en;
mod zh_cn;

use leptos::prelude::*;

pub use en::EN;
pub use zh_cn::ZH_CN;

/// A language the UI speaks: the model's, so pages and the builder name languages alike.
pub use cradle_model::Language as Lang;

/// The strings of `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::ZhCn => &ZH_CN,
        Lang::En => &EN,
    }
}

/// Every piece of UI text, in one language.
#[allow(missing_docs)] // the field names say what each string is
pub struct Strings {
    pub add: &'static str,
    pub add_row: &'static str,
    pub align: &'static str,
    pub app_tagline: &'static str,
    pub audience_hint: &'static str,
    pub audience_tab: &'static str,
    pub back_to_projects: &'static str,
    pub background: &'static str,
    pub blocks: &'static str,
    pub cancel: &'static str,
    pub canvas: &'static str,
    pub checking_server: &'static str,
    pub choose_template: &'static str,
    pub confirm_overwrite: &'static str,
    pub conflict: &'static str,
    pub conflict_text: &'static str,
    pub conflict_title: &'static str,
    pub content_tab: &'static str,
    pub create: &'static str,
    pub custom_audience: &'static str,
    pub delete: &'static str,
    pub deleted: &'static str,
    pub desktop: &'static str,
    pub device: &'static str,
    pub dismiss: &'static str,
    pub duplicate: &'static str,
    pub edited: &'static str,
    pub email: &'static str,
    pub go_to_projects: &'static str,
    pub inspector: &'static str,
    pub keep_mine_as_copy: &'static str,
    pub language: &'static str,
    pub layers: &'static str,
    pub upload_picture: &'static str,
    pub upload_too_large: &'static str,
    pub uploading: &'static str,
    pub load_theirs: &'static str,
    pub loading: &'static str,
    pub part_missing: &'static str,
    pub try_again: &'static str,
    pub log_in: &'static str,
    pub log_out: &'static str,
    pub margin: &'static str,
    pub move_down: &'static str,
    pub move_here: &'static str,
    pub move_to: &'static str,
    pub move_up: &'static str,
    pub new_page: &'static str,
    pub no_matches: &'static str,
    pub no_projects: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub not_saved: &'static str,
    pub offline_saved_locally: &'static str,
    pub overwrite: &'static str,
    pub padding: &'static str,
    pub password: &'static str,
    pub phone: &'static str,
    pub problems: &'static str,
    pub page_has_problems: fn(usize) -> String,
    pub projects: &'static str,
    pub redo: &'static str,
    pub remove_row: &'static str,
    pub saved: &'static str,
    pub saving: &'static str,
    pub search_blocks: &'static str,
    pub search_projects: &'static str,
    pub segment: &'static str,
    pub select_a_block: &'static str,
    pub address_available: &'static str,
    pub address_checking: &'static str,
    pub address_invalid: &'static str,
    pub address_label: &'static str,
    pub address_offline: &'static str,
    pub address_taken: &'static str,
    pub address_use: &'static str,
    pub page_settings: &'static str,
    pub page_language: &'static str,
    pub server_status: &'static str,
    pub stages: &'static str,
    pub style_tab: &'static str,
    pub tablet: &'static str,
    pub tag: &'static str,
    pub page_title: &'static str,
    pub schedule: &'static str,
    pub schedule_start: &'static str,
    pub schedule_end: &'static str,
    pub schedule_hint: &'static str,
    pub theme: &'static str,
    pub theme_primary: &'static str,
    pub theme_accent: &'static str,
    pub theme_text: &'static str,
    pub theme_font: &'static str,
    pub theme_radius: &'static str,
    pub font_rounded: &'static str,
    pub font_system: &'static str,
    pub font_serif: &'static str,
    pub picker: &'static str,
    pub pregnancy_weeks: &'static str,
    pub baby_age_months: &'static str,
    pub range_from: &'static str,
    pub range_to: &'static str,
    pub last_purchase: &'static str,
    pub within_days: (&'static str, &'static str),
    pub over_days: (&'static str, &'static str),
    pub days: &'static str,
    pub tier_at_least: &'static str,
    pub title: &'static str,
    pub undo: &'static str,
    pub untitled: &'static str,
    pub insert_section: &'static str,
    pub delete_section: &'static str,
    pub confirm_delete_section: &'static str,
    pub keep: &'static str,
    pub no_saved_sections: &'static str,
    pub save: &'static str,
    pub save_as_section: &'static str,
    pub saved_sections: &'static str,
    pub section_name: &'static str,
    pub preview: &'static str,
    pub publish: &'static str,
    pub working: &'static str,
    pub published_version: &'static str,
    pub open_live_page: &'static str,
    pub preview_blocked: &'static str,
    pub open_preview: &'static str,
    pub wait_until_saved: &'static str,
    pub added: fn(&str) -> String,
    pub undone: &'static str,
    pub redone: &'static str,
    pub drag_cancelled: &'static str,
    pub drop_on_the_page: &'static str,
    pub cannot_drop: fn(&str) -> String,
    pub selected_cannot_go: &'static str,
    pub dropped_at: fn(usize) -> String,
    pub dropped_blocks: fn(usize) -> String,
    pub pasted_blocks: fn(usize) -> String,
    pub inserted_blocks: fn(usize) -> String,
    pub copied_blocks: fn(usize) -> String,
    pub deleted_blocks: fn(usize) -> String,
    pub duplicated_blocks: fn(usize) -> String,
    pub already_first: &'static str,
    pub already_last: &'static str,
    pub moved_to_position: fn(&str, usize, usize) -> String,
    pub moved_to_place: fn(&str) -> String,
    pub select_blocks_for_section: &'static str,
    pub saved_section_named: fn(&str) -> String,
    pub section_deleted: &'static str,
    pub nothing_to_paste: &'static str,
    pub cannot_paste: fn(&str) -> String,
    pub clipboard_not_json: &'static str,
    pub clipboard_empty: &'static str,
    pub clipboard_invalid: fn(&str) -> String,
    pub column: &'static str,
    pub my_copy: fn(&str) -> String,
}

const STORAGE_KEY: &str = "cradle.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn initial_lang() -> Lang {
    if let Some(lang) = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag))
    {
        return lang;
    }
    let languages: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    Lang::preferred(languages.iter().map(String::as_str))
}

/// The app-wide language signal, provided once at the root.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Lang>);

impl I18n {
    /// The current language.
    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// The current language without tracking (for event handlers).
    pub fn lang_now(self) -> Lang {
        self.0.get_untracked()
    }

    /// The current language's strings (tracks the language signal).
    pub fn t(self) -> &'static Strings {
        strings(self.0.get())
    }

    /// The current strings without tracking (for event handlers).
    pub fn t_now(self) -> &'static Strings {
        strings(self.0.get_untracked())
    }

    /// Switches the language, remembers it and updates `<html lang>`.
    pub fn set(self, lang: Lang) {
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, lang.tag());
        }
        self.0.set(lang);
    }
}

/// Creates the language signal and provides it to the app.
pub fn provide_i18n() -> I18n {
    let i18n = I18n(RwSignal::new(initial_lang()));
    Effect::new(move |_| {
        let tag = i18n.lang().tag();
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", tag);
        }
    });
    provide_context(i18n);
    i18n
}

/// The language provided by [`provide_i18n`].
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A select that switches the UI language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="lang-switch">
            <span>{move || i18n.t().language}</span>
            <select
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        i18n.set(lang);
                    }
                }
                prop:value=move || i18n.lang().tag()
            >
                <option value="zh-CN">"简体中文"</option>
                <option value="en">"English"</option>
            </select>
        </label>
    }
}

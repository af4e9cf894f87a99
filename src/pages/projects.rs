//! `/`: the marketer's projects: search, create from the template gallery or blank, duplicate,
//! delete with undo, last-edited times, and an empty state for a new workspace.

use cradle_model::templates;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{auth, documents};
use crate::i18n::{use_i18n, Lang, LanguageSwitch};
use crate::pages::alert::Alert;
use crate::pages::login::{use_session, RequireLogin};
use crate::pages::server_status::ServerStatus;

/// The projects page.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Projects />
        </RequireLogin>
    }
}

/// A last-edited time in the browser's time zone.
pub(crate) fn edited(ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let offset = -(date.get_timezone_offset() as i32) * 60;
    let zone = chrono::FixedOffset::east_opt(offset)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"));
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

#[component]
fn Projects() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        let q = query.get();
        async move { documents::list(&q).await }
    });
    let creating = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let template = RwSignal::new("club-home".to_owned());
    // Members read Chinese first: pages start in zh-CN whatever the builder speaks.
    let language = RwSignal::new(Lang::ZhCn);
    let error = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<(String, String)>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = title.get_untracked();
        let t = if t.trim().is_empty() {
            i18n.t_now().untitled.to_owned()
        } else {
            t
        };
        spawn_local(async move {
            let (template, language) = (template.get_untracked(), language.get_untracked());
            match documents::create(&t, None, &template, language).await {
                // The editor is the other app: a page load, not a route change.
                Ok(draft) => {
                    let _ = window().location().assign(&format!("/edit/{}", draft.id));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let workspace = move || {
        session
            .0
            .get()
            .and_then(|s| s.ok())
            .map(|s| format!("{} · {}", s.workspace.name, s.user.email))
    };
    let logout = move |_| {
        spawn_local(async move {
            let _ = auth::logout().await;
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
    };
    view! {
        <main class="page">
            <header class="page__header">
                <h1>"Cradle"</h1>
                <p class="page__lead">{workspace}</p>
                <div class="page__tools">
                    <LanguageSwitch />
                    <a href="/club" class="button">
                        {move || crate::pages::club::words(i18n.lang()).settings_link}
                    </a>
                    <a href="/clerk" class="button">
                        {move || crate::pages::clerk::words(i18n.lang()).link}
                    </a>
                    <a href="/integration" class="button">
                        {move || crate::pages::integration::words(i18n.lang()).link}
                    </a>
                    <button type="button" on:click=logout>
                        {move || i18n.t().log_out}
                    </button>
                </div>
            </header>
            <section aria-labelledby="projects-heading">
                <div class="projects__bar">
                    <h2 id="projects-heading">{move || i18n.t().projects}</h2>
                    <input
                        type="search"
                        aria-label=move || i18n.t().search_projects
                        placeholder=move || i18n.t().search_projects
                        prop:value=query
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                    <button type="button" class="primary" on:click=move |_| creating.set(true)>
                        {move || i18n.t().new_page}
                    </button>
                </div>
                <Show when=move || creating.get()>
                    <form class="gallery" on:submit=create aria-labelledby="gallery-heading">
                        <h3 id="gallery-heading">{move || i18n.t().choose_template}</h3>
                        <label for="new-title">{move || i18n.t().title}</label>
                        <input
                            id="new-title"
                            type="text"
                            prop:value=title
                            on:input=move |ev| title.set(event_target_value(&ev))
                        />
                        <label for="new-language">{move || i18n.t().page_language}</label>
                        <select
                            id="new-language"
                            prop:value=move || language.get().tag()
                            on:change=move |ev| {
                                if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                                    language.set(lang);
                                }
                            }
                        >
                            <option value="zh-CN">"简体中文"</option>
                            <option value="en">"English"</option>
                        </select>
                        <div
                            class="gallery__grid"
                            role="radiogroup"
                            aria-label=move || i18n.t().choose_template
                        >
                            {templates::ALL
                                .iter()
                                .map(|t| {
                                    let id = t.id;
                                    let name = move || t.name.get(i18n.lang());
                                    let desc = move || t.description.get(i18n.lang());
                                    view! {
                                        <label class="gallery__card" class:gallery__card--chosen=move || template.get() == id>
                                        <input type="radio" name="template" value=id prop:checked=move || template.get() == id on:change=move |_| template.set(id.to_owned()) />
                                        <strong>{name}</strong>
                                        <span>{desc}</span>
                                    </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <div class="dialog__actions">
                            <button type="submit" class="primary">
                                {move || i18n.t().create}
                            </button>
                            <button type="button" on:click=move |_| creating.set(false)>
                                {move || i18n.t().cancel}
                            </button>
                        </div>
                    </form>
                </Show>
                <Alert message=error />
                {move || {
                    undo.get()
                        .map(|(id, name)| {
                            view! {
                                <p class="toast" role="status">
                                    {move || format!("{} “{name}”", i18n.t().deleted)}
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            let id = id.clone();
                                            spawn_local(async move {
                                                if documents::restore(&id).await.is_ok() {
                                                    undo.set(None);
                                                    reload.update(|r| *r += 1);
                                                }
                                            });
                                        }
                                    >
                                        {move || i18n.t().undo}
                                    </button>
                                </p>
                            }
                        })
                }}
                <Suspense fallback=move || {
                    view! { <p role="status">{move || i18n.t().loading}</p> }
                }>
                    {move || {
                        list.get()
                            .map(|result| match result {
                                Err(e) => {
                                    view! {
                                        <p class="error" role="alert">
                                            {e.to_string()}
                                        </p>
                                    }
                                        .into_any()
                                }
                                Ok(list) if list.items.is_empty() => {
                                    view! {
                                        <p class="empty">
                                            {move || {
                                                if query.get().is_empty() {
                                                    i18n.t().no_projects
                                                } else {
                                                    i18n.t().no_matches
                                                }
                                            }}
                                        </p>
                                    }
                                        .into_any()
                                }
                                Ok(list) => {
                                    view! {
                                        <ul class="projects">
                                            {list
                                                .items
                                                .into_iter()
                                                .map(|doc| {
                                                    let (dup_id, del_id, del_title) = (
                                                        doc.id.clone(),
                                                        doc.id.clone(),
                                                        doc.title.clone(),
                                                    );
                                                    let (t1, t2) = (doc.title.clone(), doc.title.clone());
                                                    let meta = format!("/c/{}", doc.slug);
                                                    let when = edited(doc.updated_at);
                                                    view! {
                                                        <li class="project">
                                                            <a
                                                                class="project__title"
                                                                href=format!("/edit/{}", doc.id)
                                                                rel="external"
                                                            >
                                                                {doc.title.clone()}
                                                            </a>
                                                            <span class="project__meta">
                                                                {move || format!("{meta} · {} {when}", i18n.t().edited)}
                                                            </span>
                                                            <button
                                                                type="button"
                                                                aria-label=move || format!("{} {t1}", i18n.t().duplicate)
                                                                on:click=move |_| {
                                                                    let id = dup_id.clone();
                                                                    spawn_local(async move {
                                                                        if documents::duplicate(&id).await.is_ok() {
                                                                            reload.update(|r| *r += 1)
                                                                        }
                                                                    });
                                                                }
                                                            >
                                                                {move || i18n.t().duplicate}
                                                            </button>
                                                            <button
                                                                type="button"
                                                                class="danger"
                                                                aria-label=move || format!("{} {t2}", i18n.t().delete)
                                                                on:click=move |_| {
                                                                    let (id, title) = (del_id.clone(), del_title.clone());
                                                                    spawn_local(async move {
                                                                        if documents::delete(&id).await.is_ok() {
                                                                            undo.set(Some((id, title)));
                                                                            reload.update(|r| *r += 1)
                                                                        }
                                                                    });
                                                                }
                                                            >
                                                                {move || i18n.t().delete}
                                                            </button>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }
                            })
                    }}
                </Suspense>
            </section>
            <ServerStatus />
        </main>
    }
}

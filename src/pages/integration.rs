//! `/integration`: what the brand's systems need to connect, for the workspace's owner. The
//! member-token secret (shown on request, rotated after a confirmation, the old one's grace period
//! stated), the API keys (created with scopes and shown once, listed with when they were last
//! used, revoked after a confirmation) and the webhooks (`webhooks.rs`).

mod parts;
mod webhooks;
mod words;

use cradle_wire::integration::{ApiKeyView, MemberSecret, NewApiKey, Scope};
use cradle_wire::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::client::ApiError;
use crate::api::integration;
use crate::i18n::use_i18n;
use crate::pages::alert::Alert;
use crate::pages::header::PageHeader;
use crate::pages::login::RequireLogin;
use crate::pages::projects::edited;
use parts::{Choices, ShownOnce};
use webhooks::WebhooksSection;
pub use words::words;

/// The integration page.
#[component]
pub fn IntegrationPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Integration />
        </RequireLogin>
    }
}

/// What went wrong, in the owner's words where the server's code says it.
fn trouble(e: &ApiError, lang: crate::i18n::Lang) -> String {
    match e {
        ApiError::Http {
            code: ErrorCode::Forbidden,
            ..
        } => words(lang).owners_only.to_owned(),
        _ => e.to_string(),
    }
}

#[component]
fn Integration() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    view! {
        <main class="page integration-page">
            <PageHeader
                back=Signal::derive(move || w().back)
                title=Signal::derive(move || w().title)
                lead=Signal::derive(move || w().lead)
            />
            <SecretSection />
            <KeysSection />
            <WebhooksSection />
        </main>
    }
}

#[component]
fn SecretSection() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let secret = RwSignal::new(None::<Result<MemberSecret, String>>);
    let shown = RwSignal::new(false);
    let asking = RwSignal::new(false);
    spawn_local(async move {
        let got = integration::member_secret().await;
        secret.set(Some(got.map_err(|e| trouble(&e, i18n.lang_now()))));
    });
    let rotate = move |_| {
        asking.set(false);
        spawn_local(async move {
            let got = integration::rotate().await;
            secret.set(Some(got.map_err(|e| trouble(&e, i18n.lang_now()))));
        });
    };
    view! {
        <section class="integration-section" aria-labelledby="secret-heading">
            <h2 id="secret-heading">{move || w().secret_title}</h2>
            <p>{move || w().secret_lead}</p>
            {move || match secret.get() {
                None => ().into_any(),
                Some(Err(why)) => {
                    view! {
                        <p class="error" role="alert">
                            {why}
                        </p>
                    }
                        .into_any()
                }
                Some(Ok(s)) => {
                    let hidden = "•".repeat(24);
                    let until = s.previous_valid_until.map(edited);
                    view! {
                        <dl class="integration-facts">
                            <dt>{w().workspace_id}</dt>
                            <dd>
                                <code>{s.workspace_id}</code>
                            </dd>
                            <dt>{w().secret}</dt>
                            <dd>
                                <code class="integration-secret">
                                    {if shown.get() { s.secret } else { hidden }}
                                </code>
                                " "
                                <button
                                    type="button"
                                    aria-pressed=move || shown.get().to_string()
                                    on:click=move |_| shown.update(|v| *v = !*v)
                                >
                                    {if shown.get() { w().hide } else { w().show }}
                                </button>
                            </dd>
                        </dl>
                        {until
                            .map(|u| {
                                view! {
                                    <p role="status">{format!("{} {u}", w().previous_until)}</p>
                                }
                            })}
                    }
                        .into_any()
                }
            }}
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button type="button" on:click=move |_| asking.set(true)>
                            {move || w().rotate}
                        </button>
                    }
                }
            >
                <div class="integration-confirm" role="group" aria-label=move || w().rotate>
                    <p>{move || w().rotate_ask}</p>
                    <button type="button" class="primary" on:click=rotate>
                        {move || w().confirm_rotate}
                    </button>
                    <button type="button" on:click=move |_| asking.set(false)>
                        {move || w().cancel}
                    </button>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn KeysSection() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let keys = RwSignal::new(Vec::<ApiKeyView>::new());
    let failed = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let scopes = RwSignal::new(Vec::<Scope>::new());
    let fresh = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            match integration::keys().await {
                Ok(list) => keys.set(list),
                Err(e) => failed.set(Some(trouble(&e, i18n.lang_now()))),
            }
        });
    };
    reload();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let w = words(i18n.lang_now());
        let new = NewApiKey {
            name: name.get_untracked().trim().to_owned(),
            scopes: scopes.get_untracked(),
        };
        if new.name.is_empty() {
            return failed.set(Some(w.name_needed.to_owned()));
        }
        if new.scopes.is_empty() {
            return failed.set(Some(w.scope_needed.to_owned()));
        }
        failed.set(None);
        spawn_local(async move {
            match integration::create(&new).await {
                Ok(created) => {
                    fresh.set(Some(created.key));
                    name.set(String::new());
                    scopes.set(Vec::new());
                    reload();
                }
                Err(e) => failed.set(Some(trouble(&e, i18n.lang_now()))),
            }
        });
    };
    view! {
        <section class="integration-section" aria-labelledby="keys-heading">
            <h2 id="keys-heading">{move || w().keys_title}</h2>
            <p>{move || w().keys_lead}</p>
            <form class="integration-form" on:submit=create>
                <label for="key-name">{move || w().key_name}</label>
                <input
                    id="key-name"
                    type="text"
                    maxlength="100"
                    placeholder=move || w().key_name_hint
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <Choices
                    legend=Signal::derive(move || w().scopes)
                    options=Scope::ALL.to_vec()
                    label=Callback::new(move |scope| words(i18n.lang()).scope(scope))
                    chosen=scopes
                />
                <button type="submit" class="primary">
                    {move || w().create}
                </button>
            </form>
            <Alert message=failed />
            <ShownOnce secret=fresh note=Signal::derive(move || w().shown_once) />
            <KeyList keys reload=Callback::new(move |_| reload()) />
        </section>
    }
}

#[component]
fn KeyList(keys: RwSignal<Vec<ApiKeyView>>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let asking = RwSignal::new(None::<String>);
    let revoke = move |id: String| {
        asking.set(None);
        spawn_local(async move {
            let _ = integration::revoke(&id).await;
            reload.run(());
        });
    };
    view! {
        <Show when=move || !keys.get().is_empty() fallback=move || view! { <p>{w().no_keys}</p> }>
            <ul class="integration-keys">
                <For each=move || keys.get() key=|k| (k.id.clone(), k.revoked_at) let:k>
                    {
                        let id = k.id.clone();
                        let ask_id = k.id.clone();
                        let live = k.revoked_at.is_none();
                        let scopes = k
                            .scopes
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(" ");
                        let used = k.last_used_at.map(edited);
                        view! {
                            <li class="integration-key-row" class:integration-key-row--revoked=!live>
                                <strong>{k.name.clone()}</strong>
                                <code>{format!("{}…", k.prefix)}</code>
                                <span>{scopes}</span>
                                <span>{move || format!("{} {}", w().created, edited(k.created_at))}</span>
                                <span>
                                    {move || match &used {
                                        Some(at) => format!("{} {at}", w().last_used),
                                        None => w().never_used.to_owned(),
                                    }}
                                </span>
                                {if live {
                                    view! {
                                        <Show
                                            when={
                                                let id = id.clone();
                                                move || asking.get().as_deref() == Some(id.as_str())
                                            }
                                            fallback=move || {
                                                let ask_id = ask_id.clone();
                                                view! {
                                                    <button
                                                        type="button"
                                                        on:click=move |_| asking.set(Some(ask_id.clone()))
                                                    >
                                                        {move || w().revoke}
                                                    </button>
                                                }
                                            }
                                        >
                                            <span role="group" aria-label=move || w().revoke>
                                                {move || w().revoke_ask}
                                                " "
                                                <button
                                                    type="button"
                                                    class="danger"
                                                    on:click={
                                                        let id = id.clone();
                                                        move |_| revoke(id.clone())
                                                    }
                                                >
                                                    {move || w().revoke}
                                                </button>
                                                <button type="button" on:click=move |_| asking.set(None)>
                                                    {move || w().cancel}
                                                </button>
                                            </span>
                                        </Show>
                                    }
                                        .into_any()
                                } else {
                                    view! { <span class="integration-revoked">{move || w().revoked}</span> }
                                        .into_any()
                                }}
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
    }
}

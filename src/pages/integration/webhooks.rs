//! The webhooks section of the integration page: add an address with the events it wants (its
//! signing secret shown once), see each webhook's latest deliveries, remove one.

use cradle_model::url::is_web_address;
use cradle_wire::integration::{Delivery, Event, NewWebhook, WebhookView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::parts::{Choices, ShownOnce};
use super::{trouble, words};
use crate::api::integration;
use crate::i18n::use_i18n;
use crate::pages::alert::Alert;
use crate::pages::projects::edited;

#[component]
pub fn WebhooksSection() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let hooks = RwSignal::new(Vec::<WebhookView>::new());
    let failed = RwSignal::new(None::<String>);
    let url = RwSignal::new(String::new());
    let events = RwSignal::new(Vec::<Event>::new());
    let secret = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            match integration::webhooks().await {
                Ok(list) => hooks.set(list),
                Err(e) => failed.set(Some(trouble(&e, i18n.lang_now()))),
            }
        });
    };
    reload();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let w = words(i18n.lang_now());
        let new = NewWebhook {
            url: url.get_untracked().trim().to_owned(),
            events: events.get_untracked(),
        };
        if !is_web_address(&new.url) {
            return failed.set(Some(w.url_needed.to_owned()));
        }
        if new.events.is_empty() {
            return failed.set(Some(w.event_needed.to_owned()));
        }
        failed.set(None);
        spawn_local(async move {
            match integration::create_webhook(&new).await {
                Ok(created) => {
                    secret.set(Some(created.secret));
                    url.set(String::new());
                    events.set(Vec::new());
                    reload();
                }
                Err(e) => failed.set(Some(trouble(&e, i18n.lang_now()))),
            }
        });
    };
    let remove = move |id: String| {
        spawn_local(async move {
            let _ = integration::remove_webhook(&id).await;
            reload();
        });
    };
    view! {
        <section class="integration-section" aria-labelledby="hooks-heading">
            <h2 id="hooks-heading">{move || w().hooks_title}</h2>
            <p>{move || w().hooks_lead}</p>
            <form class="integration-form" on:submit=add>
                <label for="hook-url">{move || w().hook_url}</label>
                <input
                    id="hook-url"
                    type="url"
                    placeholder="https://crm.example.com/cradle"
                    prop:value=move || url.get()
                    on:input=move |ev| url.set(event_target_value(&ev))
                />
                <Choices
                    legend=Signal::derive(move || w().events)
                    options=Event::ALL.to_vec()
                    label=Callback::new(move |event| words(i18n.lang()).event(event))
                    chosen=events
                />
                <button type="submit" class="primary">
                    {move || w().add_hook}
                </button>
            </form>
            <Alert message=failed />
            <ShownOnce secret note=Signal::derive(move || w().hook_secret) />
            <Show
                when=move || !hooks.get().is_empty()
                fallback=move || view! { <p>{w().no_hooks}</p> }
            >
                <ul class="integration-keys">
                    <For each=move || hooks.get() key=|h| h.id.clone() let:hook>
                        <Hook hook remove=Callback::new(remove) />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// One webhook with its delivery log.
#[component]
fn Hook(hook: WebhookView, remove: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let log = RwSignal::new(Vec::<Delivery>::new());
    let id = hook.id.clone();
    spawn_local({
        let id = id.clone();
        async move {
            if let Ok(list) = integration::deliveries(&id).await {
                log.set(list);
            }
        }
    });
    let names = hook
        .events
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <li class="integration-key-row">
            <code>{hook.url.clone()}</code>
            <span>{names}</span>
            <button type="button" on:click=move |_| remove.run(id.clone())>
                {move || w().remove}
            </button>
            <details class="integration-log">
                <summary>{move || w().log}</summary>
                <Show
                    when=move || !log.get().is_empty()
                    fallback=move || view! { <p>{w().no_deliveries}</p> }
                >
                    <ul>
                        {move || {
                            log.get()
                                .into_iter()
                                .map(|d| {
                                    let state = match (d.delivered_at, d.next_at) {
                                        (Some(_), _) => w().delivered,
                                        (None, Some(_)) => w().retrying,
                                        (None, None) => w().gave_up,
                                    };
                                    let answer = d
                                        .last_status
                                        .map(|s| s.to_string())
                                        .or(d.last_error.clone())
                                        .unwrap_or_default();
                                    view! {
                                        <li>
                                            {format!(
                                                "{} · {} · {} × {} · {}",
                                                edited(d.created_at),
                                                d.event,
                                                state,
                                                d.attempts,
                                                answer,
                                            )}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
            </details>
        </li>
    }
}

//! The page's member address (`/c/{slug}`), shown when no block is selected: checked with the
//! server as the marketer types (free, taken by another page, not an address) and applied as one
//! undo step only once it is free, so a saved page never holds an address it cannot publish at.

use cradle_model::Command;
use leptos::prelude::*;

use super::Editor;
use crate::api::documents;
use crate::i18n::use_i18n;

/// What the server said about the address typed.
#[derive(Clone, PartialEq)]
enum Status {
    /// The page's own address, nothing typed.
    Current,
    Checking,
    Available,
    /// Taken; a free one close to it.
    Taken(String),
    /// Not an address; the one it would become.
    Invalid(String),
    Offline,
}

/// The address field with its live check.
#[component]
pub(super) fn PageAddress(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(editor.slug.get_untracked());
    let status = RwSignal::new(Status::Current);
    // Undo and redo change the address too: show what the page holds (an address this field
    // just applied is already shown, with its status).
    Effect::new(move |_| {
        let slug = editor.slug.get();
        if typed.get_untracked() != slug {
            typed.set(slug);
            status.set(Status::Current);
        }
    });
    // Answers can arrive out of order: only the latest question's answer counts.
    let asked = StoredValue::new(0u32);
    let check = move |slug: String| {
        typed.set(slug.clone());
        if slug == editor.slug.get_untracked() {
            status.set(Status::Current);
            return;
        }
        asked.update_value(|n| *n += 1);
        let question = asked.get_value();
        status.set(Status::Checking);
        let id = editor.with_doc(|d| d.id.clone());
        leptos::task::spawn_local(async move {
            let answer = documents::check_address(&slug, &id).await;
            if asked.get_value() != question {
                return;
            }
            status.set(match answer {
                Ok(a) if a.available => {
                    editor.apply_grouped(Command::SetSlug { slug }, "address");
                    Status::Available
                }
                Ok(a) if !a.valid => Status::Invalid(a.suggestion),
                Ok(a) => Status::Taken(a.suggestion),
                Err(_) => Status::Offline,
            });
        });
    };
    let message = move || {
        let t = i18n.t();
        match status.get() {
            Status::Current => String::new(),
            Status::Checking => t.address_checking.to_owned(),
            Status::Available => t.address_available.to_owned(),
            Status::Taken(_) => t.address_taken.to_owned(),
            Status::Invalid(_) => t.address_invalid.to_owned(),
            Status::Offline => t.address_offline.to_owned(),
        }
    };
    let suggestion = move || match status.get() {
        Status::Taken(s) | Status::Invalid(s) => Some(s),
        _ => None,
    };
    let refused = move || matches!(status.get(), Status::Taken(_) | Status::Invalid(_));
    view! {
        <label for="page-address" class="field__label">{move || i18n.t().address_label}</label>
            <div class="address">
                <span class="address__prefix" aria-hidden="true">"/c/"</span>
                <input
                    id="page-address"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input=move |ev| check(event_target_value(&ev))
                    on:blur=move |_| editor.seal()
                    aria-invalid=move || refused().to_string()
                    aria-describedby="page-address-status"
                />
            </div>
            <p id="page-address-status" class="address__status" class:address__status--refused=refused role="status">
                {message}
            </p>
            {move || {
                suggestion()
                    .map(|s| {
                        let label = format!("{} {s}", i18n.t().address_use);
                        view! {
                            <button type="button" class="button address__suggestion" on:click=move |_| check(s.clone())>
                                {label}
                            </button>
                        }
                    })
            }}
    }
}

//! The club blocks, kept live for the signed-in member: her card and every sign-in calendar on
//! the page read one standing, written into the page by the server (`#member-bar[data-card]`). A
//! tap on a calendar signs her in (once a day: a second tap says she is done for today) and moves
//! the calendar, the points and the tier together.

use cradle_model::facts::SignIn;
use cradle_model::{ClubSettings, Language};
use cradle_render::club_words::{club_words, signed_in};
use cradle_render::member_card::MemberCardBody;
use cradle_render::sign_in::SignInBody;
use cradle_wire::member::{ClubCard, SignInResult};
use leptos::prelude::*;

use crate::mount::{hosts, post, remount};

/// Makes the club blocks live, when a member is signed in.
pub fn start(lang: Language, slug: &str) {
    let Some(bar) = document().get_element_by_id("member-bar") else {
        return;
    };
    let Some(card) = bar
        .get_attribute("data-card")
        .and_then(|json| serde_json::from_str::<ClubCard>(&json).ok())
    else {
        return;
    };
    let card = RwSignal::new(Some(card));
    for host in hosts("[data-member-card]") {
        let club: ClubSettings = host
            .get_attribute("data-member-card")
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        let show_points = host.has_attribute("data-show-points");
        remount(host, move || {
            view! { <MemberCardBody lang club card=card.into() show_points /> }
        });
    }
    for host in hosts("[data-sign-in]") {
        let Some(calendar) = host
            .get_attribute("data-sign-in")
            .and_then(|json| serde_json::from_str::<SignIn>(&json).ok())
        else {
            continue;
        };
        let path = format!(
            "/api/published/{slug}/blocks/{}/sign-in",
            host.get_attribute("data-block").unwrap_or_default()
        );
        let calendar_ui = Calendar {
            card,
            busy: RwSignal::new(false),
            note: RwSignal::new(String::new()),
            path: StoredValue::new(path),
            lang,
        };
        let Calendar { busy, note, .. } = calendar_ui;
        let tap = Callback::new(move |()| calendar_ui.tap());
        remount(host, move || {
            view! {
                <SignInBody
                    lang
                    calendar
                    card=card.into()
                    busy=busy.into()
                    note=note.into()
                    on_sign_in=tap
                />
            }
        });
    }
}

/// One calendar's live state.
#[derive(Clone, Copy)]
struct Calendar {
    card: RwSignal<Option<ClubCard>>,
    busy: RwSignal<bool>,
    note: RwSignal<String>,
    path: StoredValue<String>,
    lang: Language,
}

impl Calendar {
    /// Signs her in, unless a sign-in is under way or today's is done.
    fn tap(self) {
        let w = club_words(self.lang);
        if self.busy.get_untracked() {
            return;
        }
        if self
            .card
            .with_untracked(|c| c.as_ref().is_some_and(|c| c.signed_in_today))
        {
            self.note.set(w.done_for_today.to_owned());
            return;
        }
        self.busy.set(true);
        self.note.set(String::new());
        leptos::task::spawn_local(async move {
            let answer = post(&self.path.get_value(), None).await;
            let note = match answer {
                Ok(r) if r.ok() => match r.json::<SignInResult>().await {
                    Ok(done) => {
                        self.card.update(|c| {
                            if let Some(c) = c {
                                c.points = done.balance;
                                c.growth += done.points.max(0) as u64;
                                c.signed_in_today = true;
                                c.streak = done.streak;
                            }
                        });
                        if done.already_signed_in {
                            w.done_for_today.to_owned()
                        } else {
                            signed_in(self.lang, done.points, done.streak)
                        }
                    }
                    Err(_) => w.went_wrong.to_owned(),
                },
                Ok(r) if r.status() == 401 => w.session_gone.to_owned(),
                _ => w.went_wrong.to_owned(),
            };
            self.note.set(note);
            self.busy.set(false);
        });
    }
}

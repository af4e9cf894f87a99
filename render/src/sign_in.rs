//! The sign-in calendar: each day's points, the days of her streak done and today's, and one
//! button. Drawn by the server for the member, then made live by the member runtime (a tap signs
//! her in once a day; a second says she is done for today).

use cradle_model::facts::SignIn;
use cradle_model::Language;
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

use super::club_words::{club_words, streak};
use super::words::{calendar_day, words};

/// The calendar's body.
#[component]
pub fn SignInBody(
    /// The page language.
    lang: Language,
    /// The block's rewards.
    calendar: SignIn,
    /// The member's standing; `None` for a visitor (no day is marked).
    card: Signal<Option<ClubCard>>,
    /// A sign-in is under way.
    busy: Signal<bool>,
    /// What the last tap came to.
    note: Signal<String>,
    /// Signs in (the runtime's; none where the page is only drawn).
    #[prop(optional)]
    on_sign_in: Option<Callback<()>>,
) -> impl IntoView {
    let w = club_words(lang);
    let days = calendar.streak_days.max(1);
    let calendar = StoredValue::new(calendar);
    let state = move || {
        card.get().map(|c| {
            (
                calendar.with_value(|k| k.progress(c.streak, c.signed_in_today)),
                c,
            )
        })
    };
    let label = move || match card.get() {
        _ if busy.get() => w.signing,
        Some(c) if c.signed_in_today => w.signed_today,
        _ => words(lang).sign_in_button,
    };
    view! {
        <ol class="cradle-calendar">
            {move || {
                let ((done, today), _) = state().unwrap_or(((0, 0), ClubCard::default()));
                (1..=days)
                    .map(|d| {
                        let points = calendar.with_value(|k| k.reward(d));
                        view! {
                            <li
                                class="cradle-calendar__day"
                                class:cradle-calendar__day--done=d <= done
                                class:cradle-calendar__day--today=d == today
                                aria-current=(d == today).then_some("date")
                            >
                                <span>{if d == today { w.today.to_owned() } else { calendar_day(lang, d) }}</span>
                                <span>{format!("+{points}")}</span>
                                {(d <= done).then(|| view! { <span class="cradle-calendar__done">{w.done}</span> })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
        {move || {
            state()
                .filter(|(_, c)| c.streak > 0)
                .map(|(_, c)| {
                    view! { <p class="cradle-calendar__streak">{streak(lang, c.streak)}</p> }
                })
        }}
        <button
            type="button"
            class="cradle-btn cradle-btn--primary"
            aria-disabled=move || busy.get().then_some("true")
            on:click=move |_| {
                if let Some(sign_in) = on_sign_in {
                    sign_in.run(());
                }
            }
        >
            {label}
        </button>
        <p class="cradle-calendar__note" role="status">
            {note}
        </p>
    }
}

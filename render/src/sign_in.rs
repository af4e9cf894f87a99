//! The sign-in calendar: each day's points, the days of her streak done and today's, and one
//! button. Drawn by the server for the member; the member runtime signs her in on a tap and has
//! the page drawn again (her card, benefits and this calendar move together), and a tap once she
//! has signed in today says she is done for today.

use cradle_model::facts::SignIn;
use cradle_model::Language;
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

use super::club_words::{club_words, signed_in, streak};
use super::words::{calendar_day, words};

/// The calendar's body.
#[component]
pub fn SignInBody(
    /// The page language.
    lang: Language,
    /// The block's rewards.
    calendar: SignIn,
    /// The member's standing; `None` for a visitor (no day is marked).
    card: Option<ClubCard>,
) -> impl IntoView {
    let w = club_words(lang);
    let ((done, today), c) = match card {
        Some(c) => (calendar.progress(c.streak, c.signed_in_today), c),
        None => ((0, 0), ClubCard::default()),
    };
    let days = (1..=calendar.streak_days.max(1))
        .map(|d| {
            let label = if d == today {
                w.today.to_owned()
            } else {
                calendar_day(lang, d)
            };
            view! {
                <li
                    class="cradle-calendar__day"
                    class:cradle-calendar__day--done=d <= done
                    class:cradle-calendar__day--today=d == today
                    aria-current=(d == today).then_some("date")
                >
                    <span>{label}</span>
                    <span>{format!("+{}", calendar.reward(d))}</span>
                    {(d <= done).then(|| view! { <span class="cradle-calendar__done">{w.done}</span> })}
                </li>
            }
        })
        .collect_view();
    let label = if c.signed_in_today {
        w.signed_today
    } else {
        words(lang).sign_in_button
    };
    let note = c
        .signed_in_today
        .then(|| signed_in(lang, c.today_points, c.streak));
    view! {
        <ol class="cradle-calendar">{days}</ol>
        {(c.streak > 0 && !c.signed_in_today)
            .then(|| view! { <p class="cradle-calendar__streak">{streak(lang, c.streak)}</p> })}
        <button
            type="button"
            class="cradle-btn cradle-btn--primary"
            data-signed=c.signed_in_today.then_some("")
        >
            {label}
        </button>
        <p class="cradle-calendar__note" role="status">
            {note}
        </p>
    }
}

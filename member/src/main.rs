//! Cradle's member runtime. The server sends each member page already drawn (the renderer's
//! components compiled for the server); this small wasm then takes over only what is interactive:
//! the member bar (a sign-in link turned into a session, the demo control, offline and retry), the
//! countdowns, the games, and the taps on the club blocks (sign-in calendar, quizzes, votes,
//! the invite card, the points mall, rights sharing; the server draws them for the member). It
//! links no editor code, so a member on a weak network downloads little.

mod bar;
mod club;
mod draw;
mod games;
mod invite;
mod mall;
mod mount;
mod quiz;
mod rights;
mod scratch;
mod ticker;
mod vote;
mod warm;

use cradle_model::Language;
use leptos::prelude::document;

/// The page language the server drew the page in (`<html lang>`).
fn page_language() -> Language {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Language::from_tag(&tag))
        .unwrap_or_default()
}

/// The page's address (`/c/{slug}`), which the server wrote into the member bar.
fn page_slug() -> String {
    document()
        .get_element_by_id("member-bar")
        .and_then(|bar| bar.get_attribute("data-slug"))
        .unwrap_or_default()
}

/// The signed-in member's code, which the server wrote into the member bar.
fn member_code() -> Option<String> {
    document()
        .get_element_by_id("member-bar")
        .and_then(|bar| bar.get_attribute("data-code"))
}

/// Whether the server drew the page for a signed-in member.
fn signed_in() -> bool {
    document()
        .get_element_by_id("member-bar")
        .and_then(|bar| bar.get_attribute("data-state"))
        .is_some_and(|state| state == "member")
}

fn main() {
    ticker::start();
    games::start(page_language(), signed_in());
    let slug = page_slug();
    club::start(page_language(), &slug, signed_in());
    quiz::start(page_language(), &slug, signed_in());
    vote::start(page_language(), &slug, signed_in());
    invite::start(page_language(), signed_in(), member_code());
    mall::start(page_language(), &slug, signed_in());
    rights::start(page_language(), signed_in());
    bar::start();
}

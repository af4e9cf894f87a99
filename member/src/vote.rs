//! Votes made live: a member sees every option's count and her votes left today, and one tap
//! casts a vote (the server keeps the daily limit) and brings the counts up to date.

use cradle_model::Language;
use cradle_render::club_words::club_words;
use cradle_render::vote::VoteBody;
use cradle_wire::member::{VoteCounts, VoteRequest};
use gloo_net::http::Request;
use leptos::prelude::*;

use crate::mount::{hosts, post, remount};

/// Makes every vote on the page live.
pub fn start(lang: Language, slug: &str, member: bool) {
    for host in hosts("[data-vote]") {
        let Some(options) = host
            .get_attribute("data-vote")
            .and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok())
        else {
            continue;
        };
        let base = format!(
            "/api/published/{slug}/blocks/{}",
            host.get_attribute("data-block").unwrap_or_default()
        );
        let vote = Vote {
            counts: RwSignal::new(None),
            note: RwSignal::new(String::new()),
            base: StoredValue::new(base),
            lang,
            member,
        };
        if member {
            vote.load();
        }
        let cast = Callback::new(move |n| vote.cast(n));
        let Vote { counts, note, .. } = vote;
        remount(host, move || {
            view! { <VoteBody lang options counts=counts.into() note=note.into() on_vote=cast /> }
        });
    }
}

/// One vote's live state.
#[derive(Clone, Copy)]
struct Vote {
    counts: RwSignal<Option<VoteCounts>>,
    note: RwSignal<String>,
    base: StoredValue<String>,
    lang: Language,
    member: bool,
}

impl Vote {
    /// Reads the counts and her votes left.
    fn load(self) {
        leptos::task::spawn_local(async move {
            let url = format!("{}/votes", self.base.get_value());
            if let Ok(r) = Request::get(&url).send().await {
                if let Ok(counts) = r.json::<VoteCounts>().await {
                    self.counts.set(Some(counts));
                }
            }
        });
    }

    /// Casts a vote for option `n` (from 1).
    fn cast(self, n: i64) {
        let w = club_words(self.lang);
        if !self.member {
            self.note.set(w.sign_in_first.to_owned());
            return;
        }
        leptos::task::spawn_local(async move {
            let url = format!("{}/vote", self.base.get_value());
            let body = serde_json::to_value(VoteRequest { option: n }).ok();
            let note = match post(&url, body).await {
                Ok(r) if r.ok() => match r.json::<VoteCounts>().await {
                    Ok(counts) => {
                        self.counts.set(Some(counts));
                        String::new()
                    }
                    Err(_) => w.went_wrong.to_owned(),
                },
                Ok(r) if r.status() == 429 => w.vote_limit.to_owned(),
                Ok(r) if r.status() == 401 => w.session_gone.to_owned(),
                _ => w.went_wrong.to_owned(),
            };
            self.note.set(note);
        });
    }
}

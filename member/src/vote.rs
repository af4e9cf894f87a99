//! Votes made live on the server's drawing: a member sees every option's count and her votes left
//! today, and one tap casts a vote (the server keeps the daily limit) and brings the counts up to
//! date.

use cradle_model::Language;
use cradle_render::club_words::{club_words, votes_left};
use cradle_wire::member::{VoteCounts, VoteRequest};
use gloo_net::http::Request;

use crate::mount::{child, hosts, on_tap, post, say};

/// Makes every vote on the page live.
pub fn start(lang: Language, slug: &str, member: bool) {
    let w = club_words(lang);
    for host in hosts(None, "[data-vote]") {
        let base = format!(
            "/api/published/{slug}/blocks/{}",
            host.get_attribute("data-vote").unwrap_or_default()
        );
        if member {
            let (root, url) = (host.clone(), format!("{base}/votes"));
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(r) = Request::get(&url).send().await {
                    if let Ok(counts) = r.json::<VoteCounts>().await {
                        show(&root, &counts, lang);
                    }
                }
            });
        }
        let root = host.clone();
        on_tap(&host, move |button| {
            let note = child(&root, ".cradle-vote__note");
            if !member {
                return say(&note, w.sign_in_first);
            }
            let Some(option) = button.get_attribute("data-n").and_then(|n| n.parse().ok()) else {
                return;
            };
            let body = serde_json::to_string(&VoteRequest { option }).ok();
            let (root, url) = (root.clone(), format!("{base}/vote"));
            wasm_bindgen_futures::spawn_local(async move {
                let counts = match post(&url, body).await {
                    Ok(r) if r.ok() => r.json::<VoteCounts>().await.ok(),
                    Ok(r) if r.status() == 429 => return say(&note, w.vote_limit),
                    Ok(r) if r.status() == 401 => return say(&note, w.session_gone),
                    _ => None,
                };
                match counts {
                    Some(counts) => show(&root, &counts, lang),
                    None => say(&note, w.went_wrong),
                }
            });
        });
    }
}

/// Writes the counts, each option's share and her votes left into the vote.
fn show(root: &web_sys::Element, counts: &VoteCounts, lang: Language) {
    let w = club_words(lang);
    let total: i64 = counts.counts.iter().sum();
    for (option, n) in hosts(Some(root), ".cradle-vote__option")
        .iter()
        .zip(&counts.counts)
    {
        say(
            &child(option, ".cradle-vote__count"),
            &format!("{n} {}", w.votes),
        );
        if let Some(bar) = child(option, ".cradle-vote__bar") {
            let share = if total > 0 { n * 100 / total } else { 0 };
            let _ = bar.style().set_property("width", &format!("{share}%"));
        }
    }
    say(
        &child(root, ".cradle-vote__note"),
        &votes_left(lang, counts.votes_left_today),
    );
}

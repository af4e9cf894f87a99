//! `/c/{slug}/odds/{campaign}`: a game's odds for members ("概率公示"), drawn by the server from the
//! same odds the API answers with (`routes::draws::campaign_odds`); once the campaign has ended,
//! with the revealed seed and the result of checking every draw against it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use cradle_model::share::ShareCard;
use cradle_render::odds::{Odds, OddsRow, OddsSheet, Reveal};
use cradle_render::words::words;
use leptos::prelude::*;

use super::html::{document, draw, Head};
use super::{not_found, page_url, respond, trouble, visitor_language};
use crate::app::AppState;
use crate::routes::draws::{campaign_odds, live_campaign, verify_campaign};

/// The odds page of campaign `id` on the live page at `slug`.
pub async fn serve(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let url = page_url(&state, &headers, &format!("/c/{slug}/odds/{id}"));
    let page = match live_campaign(&state, &slug, &id).await {
        Ok(page) => page,
        Err(e) if e.status == StatusCode::NOT_FOUND => {
            return not_found(visitor_language(&headers), &url)
        }
        Err(_) => return trouble(visitor_language(&headers), &url),
    };
    let lang = page.doc.language;
    let Ok(odds) = campaign_odds(&state, &page, &id).await else {
        return trouble(lang, &url);
    };
    let reveal = match odds.seed {
        Some(seed) => match verify_campaign(&state, &page, &id).await {
            Ok(v) => Some(Reveal {
                seed,
                checked: v.draws_checked,
                mismatches: v.mismatches.len(),
            }),
            Err(_) => return trouble(lang, &url),
        },
        None => None,
    };
    let campaign = page
        .campaign(&id)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let fallback = odds
        .prizes
        .iter()
        .find(|p| p.prize.id == odds.fallback_prize)
        .map_or(odds.fallback_prize.clone(), |p| p.prize.name.clone());
    let sheet = Odds {
        campaign: campaign.clone(),
        page_href: format!("/c/{slug}"),
        rows: odds
            .prizes
            .into_iter()
            .map(|p| OddsRow {
                name: p.prize.name,
                probability: p.probability,
                remaining: p.remaining,
            })
            .collect(),
        fallback,
        seed_hash: odds.seed_hash,
        reveal,
    };
    let body = draw(move || view! { <OddsSheet lang odds=sheet /> });
    let title = format!("{} · {campaign}", words(lang).odds_title);
    let head = Head {
        lang,
        card: ShareCard {
            title: title.clone(),
            description: title,
            image: None,
        },
        url: &url,
        robots: None,
        runtime: "",
    };
    respond(StatusCode::OK, document(head, &body), "'none'")
}

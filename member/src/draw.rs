//! Talking to the draw engine: a member's standing in a campaign, and one draw under an
//! idempotency key, given up after a timeout so a game on a dead network stops instead of
//! spinning forever. Every refusal becomes a sentence in the member's language.

use cradle_model::campaign::PrizeKind;
use cradle_model::Language;
use cradle_render::game_words::{game_words, slow_down, spend_to_draw, too_few_points};
use cradle_render::play::Outcome;
use cradle_render::words::words;
use cradle_wire::draws::Standing;
use cradle_wire::{ErrorBody, ErrorCode};
use gloo_net::http::Request;
use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::JsCast;

/// How long a draw may take before the game stops and offers a retry.
const TIMEOUT_MS: i32 = 10_000;

/// Why a draw gave no result.
pub enum Trouble {
    /// No answer (network, timeout): the draw may have happened, so the retry reuses the key.
    Lost,
    /// The server said no, in the member's words; `retry` when waiting may help (rate limit).
    Refused {
        /// The sentence.
        why: String,
        /// Whether the same key may be tried again.
        retry: bool,
    },
}

/// The part of the server's draw answer (`DrawResponse`) a game shows.
#[derive(Deserialize)]
struct Answer {
    draw: AnswerDraw,
    prize: AnswerPrize,
}

#[derive(Deserialize)]
struct AnswerDraw {
    prize_index: usize,
    code: Option<String>,
    cost: i64,
}

#[derive(Deserialize)]
struct AnswerPrize {
    name: String,
    /// Read by [`prize_kind`]: serde's tagged-enum path would add much to the member wasm.
    kind: serde_json::Value,
    image: Option<String>,
}

/// A prize's kind from its JSON (`{"type": "points", "amount": 10}`…).
fn prize_kind(kind: &serde_json::Value) -> PrizeKind {
    let number = |key: &str| kind.get(key).and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    match kind.get("type").and_then(|t| t.as_str()) {
        Some("points") => PrizeKind::Points {
            amount: number("amount"),
        },
        Some("coupon") => PrizeKind::Coupon {
            value_cents: number("value_cents"),
        },
        Some("physical") => PrizeKind::Physical {
            value_cents: number("value_cents"),
        },
        _ => PrizeKind::Thanks,
    }
}

fn base(slug: &str, campaign: &str) -> String {
    format!(
        "/api/published/{}/campaigns/{}",
        js_sys::encode_uri_component(slug),
        js_sys::encode_uri_component(campaign)
    )
}

/// The member's standing in `campaign`, or `None` when it cannot be read now.
pub async fn standing(slug: &str, campaign: &str) -> Option<Standing> {
    let response = Request::get(&format!("{}/standing", base(slug, campaign)))
        .send()
        .await
        .ok()?;
    match response.ok() {
        true => response.json().await.ok(),
        false => None,
    }
}

/// Draws once under `key`: the same key always gets the same result and one charge.
pub async fn draw(
    slug: &str,
    campaign: &str,
    key: &str,
    lang: Language,
) -> Result<Outcome, Trouble> {
    let abort = web_sys::AbortController::new().map_err(|_| Trouble::Lost)?;
    let signal = abort.signal();
    let timer = {
        let abort = abort.clone();
        set_timeout_with_handle(
            move || abort.abort(),
            std::time::Duration::from_millis(TIMEOUT_MS as u64),
        )
        .ok()
    };
    let sent = Request::post(&format!("{}/draws", base(slug, campaign)))
        .header("Idempotency-Key", key)
        .header("X-CSRF-Token", &csrf())
        .abort_signal(Some(&signal))
        .send()
        .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    let response = sent.map_err(|_| Trouble::Lost)?;
    if response.ok() {
        let answer: Answer = response.json().await.map_err(|_| Trouble::Lost)?;
        return Ok(Outcome {
            index: answer.draw.prize_index,
            name: answer.prize.name,
            kind: prize_kind(&answer.prize.kind),
            image: answer.prize.image,
            code: answer.draw.code,
            cost: answer.draw.cost,
        });
    }
    let status = response.status();
    let wait = response
        .headers()
        .get("retry-after")
        .and_then(|s| s.parse::<u64>().ok());
    let body = response.json::<ErrorBody>().await.ok();
    Err(refusal(status, body, wait, lang))
}

/// Reads a sample answer and a sample refusal, so their code is compiled before the first draw
/// (see `crate::warm`).
pub fn warm(lang: Language) {
    let sample = r#"{"draw":{"prize_index":0,"code":null,"cost":0},"prize":{"name":"","kind":{"type":"points","amount":1},"image":null}}"#;
    if let Ok(answer) = serde_json::from_str::<Answer>(sample) {
        let _ = prize_kind(&answer.prize.kind);
    }
    let refused = serde_json::from_str::<ErrorBody>(
        r#"{"error":{"code":"daily_limit","message":"","details":null}}"#,
    )
    .ok();
    let _ = refusal(409, refused, None, lang);
    let _ = fresh_key();
}

/// A refusal in the member's words.
fn refusal(status: u16, body: Option<ErrorBody>, wait: Option<u64>, lang: Language) -> Trouble {
    let w = game_words(lang);
    let code = body.as_ref().map(|b| b.error.code);
    let detail = |key: &str| {
        body.as_ref()
            .and_then(|b| b.error.details.get(key))
            .and_then(|v| v.as_i64())
    };
    let why = match code {
        Some(ErrorCode::NotStarted) => w.not_started.to_owned(),
        Some(ErrorCode::Ended) => w.ended.to_owned(),
        Some(ErrorCode::NotEligible) => w.not_eligible.to_owned(),
        Some(ErrorCode::DailyLimit) => w.daily_limit.to_owned(),
        Some(ErrorCode::CampaignLimit) => w.campaign_limit.to_owned(),
        Some(ErrorCode::InsufficientPoints) => too_few_points(lang, detail("cost").unwrap_or(0)),
        Some(ErrorCode::SpendToDraw) => {
            spend_to_draw(lang, detail("spend_over_cents").unwrap_or(0))
        }
        Some(ErrorCode::MemberUnauthorized | ErrorCode::Unauthorized) => w.session_gone.to_owned(),
        Some(ErrorCode::RateLimited) => {
            let secs = wait
                .or(detail("retry_after").map(|s| s as u64))
                .unwrap_or(1);
            return Trouble::Refused {
                why: slow_down(lang, secs),
                retry: true,
            };
        }
        // A server in trouble (5xx) may have drawn: the same key finds out.
        _ if status >= 500 => return Trouble::Lost,
        _ => words(lang).went_wrong.to_owned(),
    };
    Trouble::Refused { why, retry: false }
}

/// The member session's CSRF token, which the server wrote into the member bar.
pub fn csrf() -> String {
    document()
        .get_element_by_id("member-bar")
        .and_then(|bar| bar.get_attribute("data-csrf"))
        .unwrap_or_default()
}

/// A fresh idempotency key for a new play.
pub fn fresh_key() -> String {
    window()
        .crypto()
        .map(|c| c.random_uuid())
        .unwrap_or_else(|_| {
            let (now, noise) = (js_sys::Date::now(), js_sys::Math::random() * 1e15);
            format!("{}-{}", now as u64, noise as u64)
        })
}

/// Whether the member asked for less motion.
pub fn calm() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The element `selector` inside the game of block `id`.
pub fn part(id: &str, selector: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(&format!("[data-block=\"{id}\"] {selector}"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

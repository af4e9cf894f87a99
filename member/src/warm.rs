//! Warming a game before the first tap. Chromium compiles each wasm function on its first call,
//! and lays out text in a new run of glyphs slowly the first time (the CJK font's fallback and
//! shaping); measured at 4x CPU throttling, the first tap of a page took a 117 ms frame and the
//! first result dialog 50 ms, while later plays had no frame over 32 ms. So once the page is idle,
//! a hidden, inert copy of the board (off screen, out of the accessibility tree) is taken through
//! a whole play, one step per task: the same code runs and the same words are laid out.

use cradle_model::campaign::PrizeKind;
use cradle_model::Language;
use cradle_render::game_board::{Controls, GameBoard};
use cradle_render::motion::{marquee_delays, salt_of, slot_stops, wheel_landing};
use cradle_render::play::{GameSpec, Motion, Outcome, Phase};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Pause before warming and between its steps: after the page has settled, each step a short task.
const START_MS: u64 = 1_500;
const STEP_MS: u64 = 60;

/// Takes a detached copy of the game `spec` through a play once the page is idle.
pub fn warm(spec: GameSpec, lang: Language) {
    set_timeout(move || step(spec, lang), Duration::from_millis(START_MS));
}

fn step(spec: GameSpec, lang: Language) {
    let Ok(host) = document().create_element("div") else {
        return;
    };
    let _ = host.set_attribute("aria-hidden", "true");
    let _ = host.set_attribute("inert", "");
    let _ = host.set_attribute(
        "style",
        "position:absolute;left:-9999px;top:0;width:358px;visibility:hidden;pointer-events:none",
    );
    if let Some(body) = document().body() {
        let _ = body.append_child(&host);
    }
    let n = spec.prizes.len();
    let outcome = Outcome {
        index: 0,
        name: spec
            .prizes
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        kind: PrizeKind::Physical { value_cents: 0 },
        image: None,
        code: Some("WARM-WARM-WARM".into()),
        cost: 0,
    };
    // The pure arithmetic of a landing.
    let _ = (
        wheel_landing(0.0, 0, n),
        slot_stops(0, n, false, salt_of("warm")),
        marquee_delays(0, 0, 1_000),
    );
    let phase = RwSignal::new(Phase::Idle);
    let motion = RwSignal::new(Motion::at_rest(spec.kind, n));
    let nothing = Callback::new(|_: ()| {});
    let controls = Controls {
        play: Callback::new(|_: Option<usize>| {}),
        retry: nothing,
        close: nothing,
        reveal: nothing,
    };
    let note = Signal::stored(String::new());
    let board = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        view! { <GameBoard spec lang id="warm".to_owned() phase motion note controls /> }
    });
    let steps: Vec<Box<dyn FnOnce()>> = vec![
        Box::new(move || {
            phase.set(Phase::Playing);
            motion.update(|m| m.spinning = true);
        }),
        Box::new({
            let outcome = outcome.clone();
            move || {
                motion.update(|m| {
                    m.spinning = false;
                    m.angle = 1_000.0;
                    m.lit = Some(1);
                });
                phase.set(Phase::Landing(outcome));
            }
        }),
        Box::new(move || phase.set(Phase::Done(outcome))),
        Box::new(move || crate::draw::warm(lang)),
        Box::new(move || {
            drop(board);
            host.remove();
        }),
    ];
    run(steps);
}

/// Runs each step in its own task.
fn run(mut steps: Vec<Box<dyn FnOnce()>>) {
    if steps.is_empty() {
        return;
    }
    let first = steps.remove(0);
    set_timeout(
        move || {
            first();
            run(steps);
        },
        Duration::from_millis(STEP_MS),
    );
}

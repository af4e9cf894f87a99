//! The games, made playable. Each game block the server drew (`[data-play]`) gets the same
//! [`GameBoard`] mounted over it, driven here: a tap starts the motion at once and sends the draw
//! with a fresh idempotency key; the motion lands on the prize the server returned; a lost answer
//! stops the game and offers a retry with the same key, so a retry never charges twice.

use cradle_model::campaign::GameKind;
use cradle_model::Language;
use cradle_render::game_board::{Controls, GameBoard};
use cradle_render::game_words::{game_words, standing_line};
use cradle_render::motion::{marquee_delays, salt_of, slot_stops, wheel_landing, RING};
use cradle_render::play::{GameSpec, Motion, Outcome, Phase};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

use crate::draw::{self, Trouble};
use crate::mount::hosts;
use crate::scratch;

/// Quickest landing once the answer is in, so the slow-down always shows.
const MIN_LANDING_MS: u32 = 1_200;
/// Landing with reduced motion: a short fade instead.
const CALM_MS: u32 = 300;
/// How long after the result opens the standing line is read again.
const REFRESH_AFTER_MS: u64 = 600;
/// The nine-grid marquee's pace while it waits for the answer.
const MARQUEE_MS: u64 = 70;

/// One game on the page: its spec and the signals its board reads. All `Copy`, so handlers can
/// hold it.
#[derive(Clone, Copy)]
struct Game {
    spec: StoredValue<GameSpec>,
    id: StoredValue<String>,
    lang: Language,
    member: bool,
    phase: RwSignal<Phase>,
    motion: RwSignal<Motion>,
    note: RwSignal<String>,
    /// The idempotency key of the play under way (kept for a retry).
    key: StoredValue<Option<String>>,
    /// When the current attempt started (ms), to fill the play time.
    began: StoredValue<f64>,
}

/// Makes every game on the page playable.
pub fn start(lang: Language, member: bool) {
    for card in hosts(None, "[data-play]") {
        mount(card.into(), lang, member);
    }
}

fn mount(card: web_sys::Element, lang: Language, member: bool) {
    let Some(spec) = card
        .get_attribute("data-play")
        .and_then(|json| serde_json::from_str::<GameSpec>(&json).ok())
    else {
        return;
    };
    let Some(host) = card.query_selector(".cradle-game__host").ok().flatten() else {
        return;
    };
    let id = card.get_attribute("data-block").unwrap_or_default();
    preload(&spec);
    if member {
        crate::warm::warm(spec.clone(), lang);
    }
    let game = Game {
        motion: RwSignal::new(Motion::at_rest(spec.kind, spec.prizes.len())),
        spec: StoredValue::new(spec.clone()),
        id: StoredValue::new(id.clone()),
        lang,
        member,
        phase: RwSignal::new(Phase::Idle),
        note: RwSignal::new(String::new()),
        key: StoredValue::new(None),
        began: StoredValue::new(0.0),
    };
    let controls = Controls {
        play: Callback::new(move |egg| game.play(egg)),
        retry: Callback::new(move |()| game.attempt()),
        close: Callback::new(move |()| game.close()),
        reveal: Callback::new(move |()| game.uncover()),
    };
    // The live board replaces the server's copy of the same component.
    host.set_inner_html("");
    let (phase, motion, note) = (game.phase, game.motion, game.note);
    leptos::mount::mount_to(host.unchecked_into(), move || {
        view! { <GameBoard spec lang id phase motion note controls /> }
    })
    .forget();
    game.refresh();
}

/// Loads prize pictures before they are needed (a failed one shows the name instead).
fn preload(spec: &GameSpec) {
    for src in spec.prizes.iter().filter_map(|p| p.image.as_deref()) {
        if let Ok(img) = web_sys::HtmlImageElement::new() {
            img.set_src(src);
        }
    }
}

impl Game {
    /// Shows what she may play, or why not.
    fn refresh(self) {
        let w = game_words(self.lang);
        if !self.member {
            self.note.set(w.sign_in_first.to_owned());
            return;
        }
        let (slug, campaign) = self
            .spec
            .with_value(|s| (s.slug.clone(), s.campaign.clone()));
        leptos::task::spawn_local(async move {
            if let Some(standing) = draw::standing(&slug, &campaign).await {
                self.note.set(standing_line(self.lang, &standing));
            }
        });
    }

    /// A tap on the start control (or an egg).
    fn play(self, egg: Option<usize>) {
        // A double tap, or a tap during play or over the result, starts nothing.
        if self
            .phase
            .with_untracked(|p| p.busy() || matches!(p, Phase::Done(_)))
        {
            return;
        }
        if !self.member {
            self.phase.set(Phase::Failed {
                why: game_words(self.lang).sign_in_first.to_owned(),
                retry: false,
            });
            return;
        }
        if self.spec.with_value(|s| s.kind) == GameKind::SmashEgg {
            if egg.is_none() {
                return;
            }
            // The chosen egg stays chosen through a retry: the motion keeps it.
            self.motion.update(|m| m.chosen = egg);
        }
        self.key.set_value(Some(draw::fresh_key()));
        self.attempt();
    }

    /// Sends the draw under the current key and moves the game until the answer.
    fn attempt(self) {
        let Some(key) = self.key.get_value() else {
            return;
        };
        if self.phase.with_untracked(Phase::busy) {
            return;
        }
        self.began.set_value(js_sys::Date::now());
        self.phase.set(Phase::Playing);
        let kind = self.spec.with_value(|s| s.kind);
        self.motion.update(|m| m.spinning = true);
        if kind == GameKind::NineGrid {
            self.marquee();
        }
        let (slug, campaign) = self
            .spec
            .with_value(|s| (s.slug.clone(), s.campaign.clone()));
        let lang = self.lang;
        // The request goes out in the next task, so this one only moves the game and the
        // browser paints the motion's start at once.
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    match draw::draw(&slug, &campaign, &key, lang).await {
                        Ok(outcome) => self.land(outcome, &key),
                        Err(trouble) => self.stop(trouble),
                    }
                })
            },
            Duration::ZERO,
        );
    }

    /// The nine-grid's marquee, stepping while the draw is out.
    fn marquee(self) {
        if !self.phase.with_untracked(|p| matches!(p, Phase::Playing)) {
            return;
        }
        self.motion
            .update(|m| m.lit = Some(m.lit.map_or(0, |l| (l + 1) % RING.len())));
        set_timeout(move || self.marquee(), Duration::from_millis(MARQUEE_MS));
    }

    /// How long the landing takes: what is left of the play time, never too short to see.
    fn landing_ms(self) -> u32 {
        if draw::calm() {
            return CALM_MS;
        }
        let elapsed = js_sys::Date::now() - self.began.get_value();
        let total = self.spec.with_value(|s| s.seconds) as f64 * 1_000.0;
        ((total - elapsed).max(0.0) as u32).max(MIN_LANDING_MS)
    }

    /// Brings the game to rest on the prize the server returned, then shows the result.
    fn land(self, outcome: Outcome, key: &str) {
        let ms = self.landing_ms();
        let (kind, n) = self.spec.with_value(|s| (s.kind, s.prizes.len()));
        let index = outcome.index;
        match kind {
            GameKind::Wheel => {
                let from = self.freeze(".cradle-wheel__disc", Axis::Turn)[0];
                self.motion.update(|m| {
                    m.spinning = false;
                    m.angle = wheel_landing(from, index, n);
                    m.ms = [ms; 3];
                });
            }
            GameKind::SlotMachine => {
                let from = self.freeze(".cradle-slot__strip", Axis::Down);
                let stops = slot_stops(index, n, outcome.won(), salt_of(key));
                let calm = draw::calm();
                self.motion.update(|m| {
                    m.spinning = false;
                    for reel in 0..3 {
                        // Each reel runs on two more turns past where it is, the next later.
                        let turns = (from[reel] / n as f64).floor() + 2.0;
                        m.reels[reel] = turns * n as f64 + stops[reel] as f64;
                        m.ms[reel] = match calm {
                            true => ms,
                            false => ms * (3 + reel as u32) / 5,
                        };
                    }
                });
            }
            GameKind::NineGrid => {
                let from = self.motion.with_untracked(|m| m.lit.unwrap_or(0));
                let target = index % RING.len();
                self.phase.set(Phase::Landing(outcome.clone()));
                let delays = match draw::calm() {
                    true => vec![ms],
                    false => marquee_delays(from, target, ms),
                };
                self.step(delays, 0, target, outcome);
                return;
            }
            GameKind::SmashEgg => self.motion.update(|m| m.spinning = false),
            GameKind::ScratchCard => {
                self.motion.update(|m| m.spinning = false);
                // The cover goes on before the card shows the result under it.
                scratch::cover(self.id.get_value(), self.lang, move || self.finish());
                self.phase.set(Phase::Landing(outcome));
                return;
            }
        }
        self.phase.set(Phase::Landing(outcome.clone()));
        set_timeout(move || self.done(outcome), Duration::from_millis(ms as u64));
    }

    /// One step of the nine-grid's slow-down onto `target`.
    fn step(self, delays: Vec<u32>, at: usize, target: usize, outcome: Outcome) {
        let Some(delay) = delays.get(at).copied() else {
            self.motion.update(|m| m.lit = Some(target));
            self.done(outcome);
            return;
        };
        set_timeout(
            move || {
                let last = at + 1 == delays.len();
                self.motion.update(|m| {
                    m.lit = Some(match last {
                        true => target,
                        false => m.lit.map_or(0, |l| (l + 1) % RING.len()),
                    })
                });
                self.step(delays, at + 1, target, outcome);
            },
            Duration::from_millis(delay as u64),
        );
    }

    /// The scratch card is uncovered: the result shows.
    fn finish(self) {
        if let Phase::Landing(outcome) = self.phase.get_untracked() {
            self.done(outcome);
        }
    }

    /// At rest on the result: the dialog opens with the focus on it.
    fn done(self, outcome: Outcome) {
        self.phase.set(Phase::Done(outcome));
        self.focus(".cradle-result__close");
        // What she has left changed with this play; read once the dialog has opened, so the two
        // changes are not laid out in one frame.
        set_timeout(
            move || self.refresh(),
            Duration::from_millis(REFRESH_AFTER_MS),
        );
    }

    /// Moves the focus to the part `selector` of this game once it is drawn.
    fn focus(self, selector: &'static str) {
        let id = self.id.get_value();
        request_animation_frame(move || {
            if let Some(el) = draw::part(&id, selector) {
                // Nothing to scroll to (the dialog is fixed; the start control is where she
                // tapped), and scrolling would lay the page out again.
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = el.focus_with_options(&options);
            }
        });
    }

    /// Uncovers the whole scratch card at once.
    fn uncover(self) {
        scratch::clear(&self.id.get_value());
        self.finish();
    }

    /// Stops the game without a result.
    fn stop(self, trouble: Trouble) {
        match self.spec.with_value(|s| s.kind) {
            GameKind::Wheel => {
                let at = self.freeze(".cradle-wheel__disc", Axis::Turn)[0];
                self.motion.update(|m| {
                    m.spinning = false;
                    m.angle = at;
                    m.ms = [0; 3];
                });
            }
            GameKind::SlotMachine => {
                let at = self.freeze(".cradle-slot__strip", Axis::Down);
                self.motion.update(|m| {
                    m.spinning = false;
                    // Settle each reel on the nearest whole symbol.
                    m.reels = at.map(|r| r.ceil());
                    m.ms = [400; 3];
                });
            }
            _ => self.motion.update(|m| m.spinning = false),
        }
        let (why, retry) = match trouble {
            Trouble::Lost => (game_words(self.lang).lost_answer.to_owned(), true),
            Trouble::Refused { why, retry } => (why, retry),
        };
        if !retry {
            // This key is spent: the next tap is a new play.
            self.key.set_value(None);
            self.refresh();
        }
        self.phase.set(Phase::Failed { why, retry });
    }

    /// Closes the result dialog, ready to play again.
    fn close(self) {
        self.key.set_value(None);
        self.phase.set(Phase::Idle);
        let start = match self.spec.with_value(|s| s.kind) {
            GameKind::NineGrid => ".cradle-ninegrid__go",
            GameKind::SmashEgg => ".cradle-egg",
            GameKind::ScratchCard => ".cradle-scratch__foil button",
            _ => ".cradle-game__start",
        };
        // Focus goes back where the play began.
        self.focus(start);
    }

    /// Stops the waiting loop of the parts matching `selector` where they are now, and returns
    /// where that is (degrees for the wheel, symbols for each reel), so the landing starts there.
    fn freeze(self, selector: &str, axis: Axis) -> [f64; 3] {
        let mut at = [0.0; 3];
        let Ok(parts) = document().query_selector_all(&format!(
            "[data-block=\"{}\"] {selector}",
            self.id.get_value()
        )) else {
            return at;
        };
        for i in 0..parts.length().min(3) {
            let Some(el) = parts
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            let transform = window()
                .get_computed_style(&el)
                .ok()
                .flatten()
                .and_then(|s| s.get_property_value("transform").ok())
                .filter(|t| t != "none")
                .unwrap_or_default();
            // The browser reads its own matrix: no float parsing in the wasm.
            let Ok(m) = web_sys::DomMatrix::new_with_transform_list(&transform) else {
                continue;
            };
            let style = el.style();
            at[i as usize] = match axis {
                Axis::Turn => {
                    let deg = (js_sys::Math::atan2(m.b(), m.a()) * 180.0 / std::f64::consts::PI)
                        .rem_euclid(360.0);
                    let _ = style.set_property("transform", &transform);
                    deg
                }
                Axis::Down => {
                    let cell = el
                        .first_element_child()
                        .map(|c| c.get_bounding_client_rect().height())
                        .filter(|h| *h > 0.0)
                        .unwrap_or(56.0);
                    let _ = style.set_property("transform", &transform);
                    -m.f() / cell
                }
            };
            let _ = style.set_property("transition", "none");
            let _ = el.class_list().remove_1("is-spinning");
            // Reading layout applies the frozen pose now, so the landing's transition starts
            // from it.
            let _ = el.offset_width();
        }
        at
    }
}

/// Which way a frozen part moves.
#[derive(Clone, Copy)]
enum Axis {
    /// Rotation (the wheel).
    Turn,
    /// Downward travel (a reel).
    Down,
}

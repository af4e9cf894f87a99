//! A game as members see and play it: the board of each kind (wheel, nine-grid, scratch card,
//! eggs, slot machine) posed by [`Motion`], the start control, what she may play, the result
//! dialog and an `aria-live` line that says what happens. The server draws it at rest; the member
//! runtime mounts the same component over that copy and drives `phase` and `motion`.

use cradle_model::campaign::GameKind;
use cradle_model::Language;
use leptos::prelude::*;

use crate::game_words::{egg_label, game_words};
use crate::motion::RING;
use crate::play::{GameSpec, Motion, Outcome, Phase, PrizeFace, REEL_TURNS};
use crate::result_dialog::ResultDialog;
use crate::words::{wheel_label, words};

/// What the member runtime does when she acts; the server's copy has none.
#[derive(Clone, Copy)]
pub struct Controls {
    /// Start a play (`Some(egg)` for the egg she chose).
    pub play: Callback<Option<usize>>,
    /// Try the failed play again, with the same idempotency key.
    pub retry: Callback<()>,
    /// Close the result dialog.
    pub close: Callback<()>,
    /// Scratch card: uncover the whole card at once (keyboard and screen-reader users).
    pub reveal: Callback<()>,
}

/// A playable game.
#[component]
pub fn GameBoard(
    /// What the game plays.
    spec: GameSpec,
    /// The page language.
    lang: Language,
    /// The game block's id (ids inside the game derive from it).
    id: String,
    /// Where the play is.
    #[prop(into)]
    phase: Signal<Phase>,
    /// Where the moving parts are.
    #[prop(into)]
    motion: Signal<Motion>,
    /// What she may play, or why not (empty until known).
    #[prop(into)]
    note: Signal<String>,
    /// The runtime's handlers.
    #[prop(optional)]
    controls: Option<Controls>,
) -> AnyView {
    let play = move |egg: Option<usize>| {
        if let Some(c) = controls {
            c.play.run(egg);
        }
    };
    let busy = move || phase.with(Phase::busy).to_string();
    let board = match spec.kind {
        GameKind::Wheel => wheel(&spec, lang, motion).into_any(),
        GameKind::NineGrid => nine_grid(&spec, phase, motion, busy, play).into_any(),
        GameKind::SlotMachine => slot(&spec, motion).into_any(),
        GameKind::SmashEgg => eggs(&spec, lang, phase, motion, busy, play).into_any(),
        GameKind::ScratchCard => scratch(&spec, lang, phase, busy, play, controls).into_any(),
    };
    // The nine-grid starts from its centre, eggs and the card from themselves.
    let start = matches!(spec.kind, GameKind::Wheel | GameKind::SlotMachine).then(|| {
        let label = spec.button.clone();
        view! {
            <button
                type="button"
                class="cradle-btn cradle-btn--primary cradle-game__start"
                aria-disabled=busy
                on:click=move |_| play(None)
            >
                {label}
            </button>
        }
    });
    let w = game_words(lang);
    let live = move || match phase.get() {
        Phase::Playing => w.playing.to_owned(),
        Phase::Done(o) => said(lang, &o),
        Phase::Failed { why, .. } => why,
        Phase::Idle | Phase::Landing(_) => String::new(),
    };
    let failed = move || match phase.get() {
        Phase::Failed { why, retry } => Some(
            view! {
                <p class="cradle-game__trouble" role="alert">
                    {why}
                    {retry
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="cradle-btn cradle-game__retry"
                                    on:click=move |_| {
                                        if let Some(c) = controls {
                                            c.retry.run(());
                                        }
                                    }
                                >
                                    {words(lang).retry}
                                </button>
                            }
                        })}
                </p>
            }
            .into_any(),
        ),
        _ => None,
    };
    let dialog = move || match phase.get() {
        Phase::Done(outcome) => controls.map(|c| {
            view! { <ResultDialog lang outcome on_close=c.close id=id.clone() /> }.into_any()
        }),
        _ => None,
    };
    let landed = move || match phase.get() {
        Phase::Landing(o) | Phase::Done(o) => Some(o.index.to_string()),
        _ => None,
    };
    view! {
        <div class="cradle-play" data-phase=move || phase.with(phase_name) data-landed=landed>
            {board}
            {start}
            <p class="cradle-game__note">{note}</p>
            {failed}
            <p class="cradle-sr" aria-live="polite">
                {live}
            </p>
            {dialog}
        </div>
    }
    .into_any()
}

fn phase_name(phase: &Phase) -> &'static str {
    match phase {
        Phase::Idle => "idle",
        Phase::Playing => "playing",
        Phase::Landing(_) => "landing",
        Phase::Done(_) => "done",
        Phase::Failed { .. } => "failed",
    }
}

/// The sentence the live region says for a result.
fn said(lang: Language, o: &Outcome) -> String {
    let w = game_words(lang);
    match o.won() {
        true => format!(
            "{}{}{}",
            w.you_won,
            if lang == Language::En { " " } else { "" },
            o.name
        ),
        false => format!(
            "{}{}",
            w.thanks_title,
            if lang == Language::En { "." } else { "。" }
        ),
    }
}

/// Wheel: a disc of coloured segments (labels on their bisectors) under a fixed pointer.
fn wheel(spec: &GameSpec, lang: Language, motion: Signal<Motion>) -> impl IntoView {
    let n = spec.prizes.len().max(1);
    let stops: Vec<String> = (0..n)
        .map(|i| {
            // Both fills read at AA under the white labels, whatever the brand's colours.
            let colour = match i % 2 {
                0 => "var(--primary-fill)",
                _ => "var(--accent-ink)",
            };
            format!("{colour} {}deg {}deg", i * 360 / n, (i + 1) * 360 / n)
        })
        .collect();
    let face = format!("background:conic-gradient({})", stops.join(","));
    let pose = move || {
        let m = motion.get();
        match m.spinning {
            true => format!("{face};--from:{}deg", hundredths(m.angle)),
            false => format!(
                "{face};transform:rotate({}deg);transition:transform {}ms cubic-bezier(.12,.72,.2,1)",
                hundredths(m.angle),
                m.ms[0]
            ),
        }
    };
    let spinning = move || motion.with(|m| m.spinning);
    view! {
        <div class="cradle-wheel" role="img" aria-label=wheel_label(lang, spec.prizes.len())>
            <div class="cradle-wheel__disc" class:is-spinning=spinning style=pose>
                {spec
                    .prizes
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let angle = (i * 360 + 180) / n;
                        view! {
                            <span class="cradle-wheel__label" style=label_style(angle, n)>
                                {prize_image(p.image.clone(), "cradle-wheel__img")}
                                {p.name.clone()}
                            </span>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// Where a wheel label sits: on its segment's bisector, 80 px out from the centre (of 130), so
/// labels never pile up in the middle. Up to six segments the label runs across the segment,
/// as wide as the segment is there (wrapping onto lines); more segments are too narrow for that,
/// so the label runs along the radius instead.
fn label_style(angle: usize, n: usize) -> String {
    const RADIUS: usize = 80;
    // sin(π / n) for n = 2..=6, in thousandths: a table keeps floating-point maths (and its
    // tables) out of the member runtime's wasm.
    const SIN_PI_OVER: [usize; 7] = [0, 0, 1000, 866, 707, 588, 500];
    if n <= 6 {
        let width = (2 * RADIUS * SIN_PI_OVER[n.max(2)] / 1000 - 8).min(110);
        format!(
            "width:{width}px;margin-left:-{}px;transform:rotate({angle}deg) translateY(-{RADIUS}px)",
            width / 2
        )
    } else {
        format!(
            "writing-mode:vertical-rl;width:1.4em;height:64px;margin-left:-.7em;margin-top:-32px;\
             overflow:hidden;transform:rotate({angle}deg) translateY(-{RADIUS}px)"
        )
    }
}

/// `x` to two decimals, formatted with integers only (the runtime links no float formatting).
fn hundredths(x: f64) -> String {
    let h = (x * 100.0).round() as i64;
    let sign = if h < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", h.abs() / 100, h.abs() % 100)
}

/// A prize's picture beside its name (decorative: the name says it); one that fails to load is
/// hidden, leaving the name.
fn prize_image(src: Option<String>, class: &'static str) -> Option<impl IntoView> {
    src.map(|src| {
        view! {
            <img
                class=class
                src=src
                alt=""
                width="28"
                height="28"
                on:error=|ev| {
                    event_target::<web_sys::HtmlElement>(&ev).set_hidden(true);
                }
            />
        }
    })
}

/// Nine-grid: eight prizes run clockwise around the start button; the lit cell marks the marquee.
fn nine_grid(
    spec: &GameSpec,
    phase: Signal<Phase>,
    motion: Signal<Motion>,
    busy: impl Fn() -> String + Copy + Send + Sync + 'static,
    play: impl Fn(Option<usize>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let mut cells: Vec<Option<PrizeFace>> = vec![None; 9];
    for (slot, prize) in RING.iter().zip(&spec.prizes) {
        cells[*slot] = Some(prize.clone());
    }
    let button = spec.button.clone();
    view! {
        <div class="cradle-ninegrid">
            {cells
                .into_iter()
                .enumerate()
                .map(|(cell, prize)| {
                    if cell == 4 {
                        let label = button.clone();
                        view! {
                            <button
                                type="button"
                                class="cradle-ninegrid__go"
                                aria-disabled=busy
                                on:click=move |_| play(None)
                            >
                                {label}
                            </button>
                        }
                            .into_any()
                    } else {
                        let at = RING.iter().position(|c| *c == cell);
                        let lit = move || at.is_some() && motion.with(|m| m.lit) == at;
                        let won = move || {
                            lit() && matches!(phase.get(), Phase::Done(_) | Phase::Landing(_))
                        };
                        view! {
                            <div class="cradle-ninegrid__cell" class:is-lit=lit class:is-won=won>
                                {prize
                                    .map(|p| {
                                        view! {
                                            {prize_image(p.image, "cradle-ninegrid__img")}
                                            <span>{p.name}</span>
                                        }
                                    })}
                            </div>
                        }
                            .into_any()
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Slot machine: three reels, each a strip of the prizes repeated, shown through a one-symbol
/// window.
fn slot(spec: &GameSpec, motion: Signal<Motion>) -> impl IntoView {
    let n = spec.prizes.len().max(1);
    let names: Vec<String> = spec.prizes.iter().map(|p| p.name.clone()).collect();
    let reels = (0..3)
        .map(|reel| {
            let strip: Vec<String> = names.iter().cycle().take(n * REEL_TURNS).cloned().collect();
            let pose = move || {
                let m = motion.get();
                match m.spinning {
                    true => format!("--cycle:{n}"),
                    false => format!(
                        "--cycle:{n};transform:translateY(calc({} * var(--cell) * -1));\
                         transition:transform {}ms cubic-bezier(.15,.7,.25,1.04)",
                        hundredths(m.reels[reel]),
                        m.ms[reel]
                    ),
                }
            };
            let spinning = move || motion.with(|m| m.spinning);
            view! {
                <div class="cradle-slot__window">
                    <ul class="cradle-slot__strip" class:is-spinning=spinning style=pose>
                        {strip.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="cradle-slot" aria-hidden="true">
            {reels}
        </div>
    }
}

/// Smash the egg: three eggs to choose from; the chosen one shakes, then cracks.
fn eggs(
    spec: &GameSpec,
    lang: Language,
    phase: Signal<Phase>,
    motion: Signal<Motion>,
    busy: impl Fn() -> String + Copy + Send + Sync + 'static,
    play: impl Fn(Option<usize>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let button = spec.button.clone();
    view! {
        <div class="cradle-eggs">
            {(0..3)
                .map(|i| {
                    let chosen = move || motion.with(|m| m.chosen) == Some(i);
                    let shaking = move || chosen() && motion.with(|m| m.spinning);
                    let cracked = move || {
                        chosen() && matches!(phase.get(), Phase::Landing(_) | Phase::Done(_))
                    };
                    view! {
                        <button
                            type="button"
                            class="cradle-egg"
                            class:is-shaking=shaking
                            class:is-cracked=cracked
                            aria-disabled=busy
                            aria-label=egg_label(lang, &button, i + 1)
                            on:click=move |_| play(Some(i))
                        >
                            <span class="cradle-egg__shell" aria-hidden="true"></span>
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Scratch card: a silver cover over the result. The draw happens when the card opens (the start
/// button), so nothing can be scratched before the result exists; the runtime paints the cover on
/// the canvas once it does.
fn scratch(
    spec: &GameSpec,
    lang: Language,
    phase: Signal<Phase>,
    busy: impl Fn() -> String + Copy + Send + Sync + 'static,
    play: impl Fn(Option<usize>) + Copy + Send + Sync + 'static,
    controls: Option<Controls>,
) -> impl IntoView {
    let w = game_words(lang);
    let button = spec.button.clone();
    let result = move || match phase.get() {
        Phase::Landing(o) | Phase::Done(o) => o.name,
        _ => String::new(),
    };
    let scratching = move || matches!(phase.get(), Phase::Landing(_));
    let covered = move || !matches!(phase.get(), Phase::Landing(_) | Phase::Done(_));
    view! {
        <div class="cradle-scratch">
            <p class="cradle-scratch__prize" aria-hidden=move || covered().to_string()>
                {result}
            </p>
            <canvas
                class="cradle-scratch__cover"
                hidden=move || !scratching()
                aria-label=w.scratch_hint
                role="img"
            ></canvas>
            <div class="cradle-scratch__foil" hidden=move || !covered()>
                <button
                    type="button"
                    class="cradle-btn cradle-btn--primary"
                    aria-disabled=busy
                    on:click=move |_| play(None)
                >
                    {button}
                </button>
            </div>
        </div>
        <button
            type="button"
            class="cradle-btn cradle-scratch__reveal"
            // Out of sight (and of reach: `visibility`) but keeping its place, so the card never
            // changes height during a play.
            class:is-away=move || !scratching()
            on:click=move |_| {
                if let Some(c) = controls {
                    c.reveal.run(());
                }
            }
        >
            {w.reveal_all}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::hundredths;

    #[test]
    fn hundredths_read_as_css_numbers() {
        assert_eq!(hundredths(1234.5678), "1234.57");
        assert_eq!(hundredths(-0.5), "-0.50");
        assert_eq!(hundredths(3.0), "3.00");
    }
}

//! Game blocks: the wheel, nine-grid, scratch card, egg and slot machine show their campaign's
//! prizes (the server decides every outcome; playing arrives with the mini-games issue); quiz and
//! vote show their questions and options.

use cradle_model::catalogue::BlockKind;
use cradle_model::Block;
use leptos::prelude::*;

use super::props::cell;
use super::words::{wheel_label, words};
use super::{Props, RenderCtx};

/// The view of a game block.
pub fn view(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    (move || {
        let b = block.get();
        let p = Props::new(&b, ctx.device.get());
        let title = p.text("title");
        let body = match kind {
            BlockKind::Quiz => view! {
                <ol class="cradle-quiz">
                    {p
                        .rows("questions")
                        .into_iter()
                        .map(|q| {
                            let options: Vec<String> = q
                                .get("options")
                                .and_then(|o| o.as_array())
                                .map(|o| {
                                    o.iter()
                                        .filter_map(|x| {
                                            x.get("text").and_then(|t| t.as_str()).map(str::to_owned)
                                        })
                                        .collect()
                                })
                                .unwrap_or_default();
                            view! {
                                <li>
                                    <p>{cell(&q, "question")}</p>
                                    <div class="cradle-options">
                                        {options
                                            .into_iter()
                                            .map(|o| {
                                                view! {
                                                    <button type="button" class="cradle-option">
                                                        {o}
                                                    </button>
                                                }
                                            })
                                            .collect_view()}
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any(),
            BlockKind::Vote => view! {
                <div class="cradle-options">
                    {p
                        .rows("options")
                        .into_iter()
                        .map(|o| {
                            view! {
                                <button type="button" class="cradle-option">
                                    {cell(&o, "label")}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any(),
            _ => {
                let campaign = p.text("campaign");
                let prizes: Vec<String> = ctx.campaign(&campaign).map(|c| c.prizes.into_iter().map(|p| p.name).collect()).unwrap_or_default();
                let button = p.text("button_label");
                let board = match kind {
                    BlockKind::Wheel => wheel(&prizes, ctx.language.get()),
                    BlockKind::NineGrid => nine_grid(&prizes, button.clone()),
                    _ => view! {
                        <ul class="cradle-prizes">
                            {prizes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                };
                let missing = prizes.is_empty().then(|| view! { <p class="cradle-hint">{words(ctx.language.get()).choose_campaign}</p> });
                // Every game links to its odds ("概率公示"), drawn by the server.
                let odds = (!prizes.is_empty()).then(|| {
                    let href = format!("/c/{}/odds/{campaign}", ctx.slug.get());
                    view! {
                        <a class="cradle-odds-link" href=href>
                            {words(ctx.language.get()).odds_title}
                        </a>
                    }
                });
                view! {
                    {board}
                    {missing}
                    {odds}
                    <Show when=move || kind != BlockKind::NineGrid>
                        <button type="button" class="cradle-btn cradle-btn--primary">
                            {button.clone()}
                        </button>
                    </Show>
                }
                .into_any()
            }
        };
        view! {
            <div class="cradle-card cradle-game">
                <h2 class="cradle-card__title">{title}</h2>
                {body}
            </div>
        }.into_any()
    })
    .into_any()
}

fn wheel(prizes: &[String], lang: cradle_model::Language) -> AnyView {
    let n = prizes.len().max(1);
    let stops: Vec<String> = (0..n)
        .map(|i| {
            // Both fills read at AA under the white labels, whatever the brand's colours.
            let colour = if i % 2 == 0 {
                "var(--primary-fill)"
            } else {
                "var(--accent-ink)"
            };
            format!("{colour} {}deg {}deg", i * 360 / n, (i + 1) * 360 / n)
        })
        .collect();
    let style = format!("background:conic-gradient({})", stops.join(","));
    view! {
        <div class="cradle-wheel" style=style role="img" aria-label=wheel_label(lang, prizes.len())>
            {prizes
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let angle = (i * 360 + 180) / n;
                    view! {
                        <span class="cradle-wheel__label" style=label_style(angle, n)>
                            {name.clone()}
                        </span>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// Where a wheel label sits: on its segment's bisector, 80 px out from the centre (of 130), so
/// labels never pile up in the middle. Up to six segments the label runs across the segment,
/// as wide as the segment is there (wrapping onto lines); more segments are too narrow for that,
/// so the label runs along the radius instead.
fn label_style(angle: usize, n: usize) -> String {
    const RADIUS: f64 = 80.0;
    if n <= 6 {
        let width = (2.0 * RADIUS * (std::f64::consts::PI / n as f64).sin() - 8.0).min(110.0);
        format!(
            "width:{width:.0}px;margin-left:-{:.0}px;transform:rotate({angle}deg) translateY(-{RADIUS}px)",
            width / 2.0
        )
    } else {
        format!(
            "writing-mode:vertical-rl;width:1.4em;height:64px;margin-left:-.7em;margin-top:-32px;\
             overflow:hidden;transform:rotate({angle}deg) translateY(-{RADIUS}px)"
        )
    }
}

fn nine_grid(prizes: &[String], button: String) -> AnyView {
    // Prizes run clockwise around the centre button: grid cells 0,1,2,5,8,7,6,3.
    const RING: [usize; 8] = [0, 1, 2, 5, 8, 7, 6, 3];
    let mut cells: Vec<Option<String>> = vec![None; 9];
    for (slot, name) in RING.iter().zip(prizes) {
        cells[*slot] = Some(name.clone());
    }
    view! {
        <div class="cradle-ninegrid">
            {cells
                .into_iter()
                .enumerate()
                .map(|(i, name)| {
                    if i == 4 {
                        view! {
                            <button type="button" class="cradle-ninegrid__go">
                                {button.clone()}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <div class="cradle-ninegrid__cell">{name.unwrap_or_default()}</div>
                        }
                            .into_any()
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

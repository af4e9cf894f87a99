//! Game blocks: the wheel, nine-grid, scratch card, egg and slot machine draw their campaign's
//! game at rest (the member runtime makes it playable; the server decides every outcome); quiz
//! and vote show their questions and options (the runtime makes them live too).

use cradle_model::catalogue::BlockKind;
use cradle_model::Block;
use leptos::prelude::*;

use cradle_model::url::is_safe_url;

use super::game_board::GameBoard;
use super::play::{GameSpec, Motion, Phase, PrizeFace};
use super::props::cell;
use super::quiz::{Question, QuizBody};
use super::vote::VoteBody;
use super::words::words;
use super::{Props, RenderCtx};

/// The view of a game block.
pub fn view(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    (move || {
        let b = block.get();
        let p = Props::new(&b, ctx.device.get());
        let title = p.text("title");
        let body = match kind {
            BlockKind::Quiz => {
                let questions: Vec<Question> = p
                    .rows("questions")
                    .into_iter()
                    .map(|q| Question {
                        question: cell(&q, "question"),
                        options: q
                            .get("options")
                            .and_then(|o| o.as_array())
                            .map(|o| {
                                o.iter()
                                    .filter_map(|x| x.as_object().map(|x| cell(x, "text")))
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                    .collect();
                let id = b.id.to_string();
                let block_id = id.clone();
                view! {
                    <div class="cradle-quiz__host" data-quiz=block_id>
                        <QuizBody lang=ctx.language.get() id questions />
                    </div>
                }
                .into_any()
            }
            BlockKind::Vote => {
                let options: Vec<String> =
                    p.rows("options").iter().map(|o| cell(o, "label")).collect();
                view! {
                    <div class="cradle-vote__host" data-vote=b.id.to_string()>
                        <VoteBody options />
                    </div>
                }
                .into_any()
            }
            _ => {
                let campaign = p.text("campaign");
                let Some(game) = ctx.campaign(&campaign) else {
                    return view! {
                        <div class="cradle-card cradle-game">
                            <h2 class="cradle-card__title">{title}</h2>
                            <p class="cradle-hint">{words(ctx.language.get()).choose_campaign}</p>
                        </div>
                    }
                    .into_any();
                };
                let spec = GameSpec {
                    kind: game.game,
                    campaign: campaign.clone(),
                    slug: ctx.slug.get(),
                    prizes: game
                        .prizes
                        .into_iter()
                        .map(|p| PrizeFace {
                            name: p.name,
                            image: p.image.filter(|u| is_safe_url(u)),
                        })
                        .collect(),
                    button: p.text("button_label"),
                    seconds: p.int("play_seconds").clamp(1, 10) as u32,
                };
                let lang = ctx.language.get();
                // What the member runtime reads to make the game playable.
                let data = serde_json::to_string(&spec).unwrap_or_default();
                let href = format!("/c/{}/odds/{campaign}", ctx.slug.get());
                let rest = Motion::at_rest(spec.kind, spec.prizes.len());
                let id = b.id.to_string();
                let block_id = id.clone();
                return view! {
                    <div class="cradle-card cradle-game" data-play=data data-block=block_id>
                        <h2 class="cradle-card__title">{title}</h2>
                        <div class="cradle-game__host">
                            <GameBoard
                                spec
                                lang
                                id
                                phase=Signal::stored(Phase::Idle)
                                motion=Signal::stored(rest)
                                note=Signal::stored(String::new())
                            />
                        </div>
                        // Every game links to its odds ("概率公示"), drawn by the server.
                        <a class="cradle-odds-link" href=href>
                            {words(lang).odds_title}
                        </a>
                    </div>
                }
                .into_any();
            }
        };
        view! {
            <div class="cradle-card cradle-game">
                <h2 class="cradle-card__title">{title}</h2>
                {body}
            </div>
        }
        .into_any()
    })
    .into_any()
}

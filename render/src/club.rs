//! Member-club blocks: the club's own settings (tier names, rewards, tasks, mall items, medals),
//! and for a signed-in member her card, benefits, sign-in calendar, task progress, points mall
//! and codes, medals, rights sharing and the tips for her stage, each drawn by the server for
//! her by its own module. The member runtime acts on their taps (`data-sign-in`, `data-mall`…).

use cradle_model::catalogue::BlockKind;
use cradle_model::facts::{Facts, Mall, Medals, SignIn, Tasks, Tips};
use cradle_model::Block;
use leptos::prelude::*;

use super::benefits::TierBenefitsBody;
use super::mall::mall_body;
use super::medals::medals_body;
use super::member_card::MemberCardBody;
use super::props::{cell, safe};
use super::rights_share::rights_share_body;
use super::sign_in::SignInBody;
use super::tasks::tasks_body;
use super::words::words;
use super::{Props, RenderCtx};

/// The view of a club block.
pub fn view(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    (move || {
        let b = block.get();
        let p = Props::new(&b, ctx.device.get());
        let title = p.text("title");
        let head = view! { <h2 class="cradle-card__title">{title}</h2> };
        let lang = ctx.language.get();
        let body = match kind {
            BlockKind::MemberCard => {
                let club = ctx.club.get();
                let show_points = p_flag(&b, "show_points");
                view! { <MemberCardBody lang=ctx.language.get() club card=ctx.member.get() show_points /> }
                .into_any()
            }
            BlockKind::TierBenefits => {
                let club = ctx.club.get();
                view! { <TierBenefitsBody lang=ctx.language.get() club card=ctx.member.get() /> }
                .into_any()
            }
            BlockKind::SignInCalendar => {
                let calendar = SignIn::of(&b);
                view! {
                    <div class="cradle-calendar__host" data-sign-in=b.id.to_string()>
                        <SignInBody lang=ctx.language.get() calendar card=ctx.member.get() />
                    </div>
                }
                .into_any()
            }
            BlockKind::Tasks => {
                tasks_body(lang, (Tasks::of(&b), p.rows("tasks")), ctx.member.get())
            }
            BlockKind::RedemptionGrid => ctx.taken.with_value(|taken| {
                mall_body(
                    lang,
                    b.id.to_string(),
                    (Mall::of(&b), p.rows("items")),
                    p.int("columns"),
                    taken,
                    ctx.member.get(),
                )
            }),
            BlockKind::MedalsWall => {
                medals_body(lang, (Medals::of(&b), p.rows("medals")), ctx.member.get())
            }
            BlockKind::RightsShareCard if !ctx.club.get().rights_sharing => {
                view! { <p>{words(ctx.language.get()).sharing_off}</p> }.into_any()
            }
            // The runtime shares her invite link from here (`member/src/invite.rs`).
            BlockKind::InviteCard => view! {
                <div class="cradle-invite" data-invite-card="">
                    <p>{p.text("reward_text")}</p>
                    <button type="button" class="cradle-btn cradle-btn--primary">
                        {p.text("button_label")}
                    </button>
                    <p class="cradle-invite__note" role="status"></p>
                </div>
            }
            .into_any(),
            BlockKind::RightsShareCard => rights_share_body(
                lang,
                &ctx.club.get(),
                (p.text("description"), p.text("button_label")),
                ctx.member.get(),
            ),
            _ => list(for_stage(&b, p.rows("tips"), ctx), |r| {
                let title = cell(&r, "title");
                let heading = match safe(&r, "link") {
                    Some(href) => view! { <a href=href>{title}</a> }.into_any(),
                    None => view! { <strong>{title}</strong> }.into_any(),
                };
                view! { <li class="cradle-tip">{heading}<p>{cell(&r, "body")}</p></li> }.into_any()
            }),
        };
        view! { <div class="cradle-card">{head}{body}</div> }.into_any()
    })
    .into_any()
}

/// The tips for the signed-in member's stage and week (all of them for a visitor, or when none
/// is for her).
fn for_stage(block: &Block, tips: Vec<Row>, ctx: RenderCtx) -> Vec<Row> {
    let Some((stage, week)) = ctx
        .member
        .with(|m| m.as_ref().and_then(|m| Some((m.stage?, m.week))))
    else {
        return tips;
    };
    let hers: Vec<Row> = Tips::of(block)
        .tips
        .iter()
        .zip(&tips)
        .filter(|(tip, _)| tip.fits(stage, week))
        .map(|(_, row)| row.clone())
        .collect();
    if hers.is_empty() {
        tips
    } else {
        hers
    }
}

/// One item of a list prop.
pub type Row = serde_json::Map<String, serde_json::Value>;

fn p_flag(block: &Block, key: &str) -> bool {
    block
        .props
        .get(key)
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

fn list(
    rows: Vec<serde_json::Map<String, serde_json::Value>>,
    row: impl Fn(serde_json::Map<String, serde_json::Value>) -> AnyView,
) -> AnyView {
    view! { <ul class="cradle-list">{rows.into_iter().map(row).collect_view()}</ul> }.into_any()
}

/// A row's picture, when it has one.
pub fn picture(row: &serde_json::Map<String, serde_json::Value>) -> AnyView {
    match safe(row, "image") {
        Some(src) => {
            view! { <img class="cradle-thumb" src=src alt=cell(row, "alt") loading="lazy" /> }
                .into_any()
        }
        None => ().into_any(),
    }
}

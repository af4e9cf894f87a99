//! Member-club blocks. Until a member is signed in (the member page issue), they show the club's
//! own settings: tier names, rewards, tasks, redemption items.

use cradle_model::catalogue::BlockKind;
use cradle_model::Block;
use leptos::prelude::*;

use super::props::{cell, safe};
use super::words::{calendar_day, growth_to, words};
use super::{Props, RenderCtx};

/// The view of a club block.
pub fn view(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    (move || {
        let b = block.get();
        let p = Props::new(&b, ctx.device.get());
        let title = p.text("title");
        let head = view! { <h2 class="cradle-card__title">{title}</h2> };
        let body = match kind {
            BlockKind::MemberCard => {
                let club = ctx.club.get();
                let first = club
                    .tiers
                    .first()
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                let next = club
                    .tiers
                    .get(1)
                    .map(|t| (t.name.clone(), t.threshold))
                    .unwrap_or_default();
                view! {
                    <p class="cradle-member__tier">{first}</p>
                    <Show when=move || p_flag(&b, "show_points")>
                        <p class="cradle-member__points">
                            {format!("0 {}", words(ctx.language.get()).points_unit)}
                        </p>
                    </Show>
                    <div
                        class="cradle-growth"
                        role="progressbar"
                        aria-valuemin="0"
                        aria-valuemax=next.1
                        aria-valuenow="0"
                        aria-label=growth_to(ctx.language.get(), &next.0)
                    >
                        <div class="cradle-growth__bar" style="width:0%"></div>
                    </div>
                }
                .into_any()
            }
            BlockKind::TierBenefits => {
                let tiers = ctx.club.get().tiers;
                view! {
                    <ol class="cradle-tiers">
                        {tiers
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <li>
                                        <strong>{t.name}</strong>
                                        " · "
                                        {t.threshold}
                                        " ⭑ "
                                        {t.benefits.join(", ")}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any()
            }
            BlockKind::SignInCalendar => {
                let days = p.int("streak_days");
                let daily = p.int("daily_points");
                let rewards = p.rows("rewards");
                view! {
                    <ol class="cradle-calendar">
                        {(1..=days)
                            .map(|d| {
                                let extra = rewards
                                    .iter()
                                    .find(|r| cell(r, "day") == d.to_string())
                                    .map(|r| cell(r, "points"));
                                let points = extra.unwrap_or_else(|| daily.to_string());
                                view! {
                                    <li class="cradle-calendar__day">
                                        <span>{calendar_day(ctx.language.get(), d)}</span>
                                        <span>{format!("+{points}")}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    <button type="button" class="cradle-btn cradle-btn--primary">
                        {words(ctx.language.get()).sign_in_button}
                    </button>
                }
                .into_any()
            }
            BlockKind::Tasks => list(p.rows("tasks"), |r| {
                view! {
                    <li class="cradle-row">
                        <span>{cell(&r, "name")}</span>
                        <span class="cradle-pts">{format!("+{}", cell(&r, "points"))}</span>
                    </li>
                }
                .into_any()
            }),
            BlockKind::RedemptionGrid => {
                let cols = p.int("columns");
                view! {
                    <ul class="cradle-grid" style=format!("--cols:{cols}")>
                        {p
                            .rows("items")
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <li class="cradle-tile">
                                        {picture(&r)} <span>{cell(&r, "name")}</span>
                                        <span class="cradle-pts">
                                            {format!("{} pts", cell(&r, "points"))}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
            BlockKind::MedalsWall => list(p.rows("medals"), |r| {
                view! {
                    <li class="cradle-row">
                        {picture(&r)}<span>
                            <strong>{cell(&r, "name")}</strong>
                            " "
                            {cell(&r, "description")}
                        </span>
                    </li>
                }
                .into_any()
            }),
            BlockKind::RightsShareCard if !ctx.club.get().rights_sharing => {
                view! { <p>{words(ctx.language.get()).sharing_off}</p> }.into_any()
            }
            BlockKind::InviteCard | BlockKind::RightsShareCard => {
                let text = if kind == BlockKind::InviteCard {
                    p.text("reward_text")
                } else {
                    p.text("description")
                };
                view! {
                    <p>{text}</p>
                    <button type="button" class="cradle-btn cradle-btn--primary">
                        {p.text("button_label")}
                    </button>
                }
                .into_any()
            }
            _ => list(p.rows("tips"), |r| {
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

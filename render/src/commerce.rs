//! Commerce blocks: coupons (each claimed once per member, `coupons.rs`) and products.

use cradle_model::catalogue::BlockKind;
use cradle_model::facts::{Coupons, Facts};
use cradle_model::Block;
use leptos::prelude::*;

use super::club::picture;
use super::coupons::coupons_body;
use super::props::{cell, safe};
use super::{Props, RenderCtx};

/// The view of a commerce block.
pub fn view(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    (move || {
        let b = block.get();
        let p = Props::new(&b, ctx.device.get());
        let body = if kind == BlockKind::CouponList {
            ctx.taken.with_value(|taken| {
                coupons_body(
                    ctx.language.get(),
                    b.id.to_string(),
                    (Coupons::of(&b), p.rows("coupons")),
                    taken,
                    ctx.member.get(),
                )
            })
        } else {
            let cols = p.int("columns");
            view! {
                <ul class="cradle-grid" style=format!("--cols:{cols}")>
                    {p
                        .rows("products")
                        .into_iter()
                        .map(|r| {
                            let cents = r
                                .get("price_cents")
                                .and_then(|v| v.as_i64())
                                .unwrap_or_default();
                            let tile = view! {
                                {picture(&r)}
                                <span>{cell(&r, "name")}</span>
                                <span class="cradle-price">
                                    {format!("¥{}.{:02}", cents / 100, cents % 100)}
                                </span>
                            };
                            match safe(&r, "url") {
                                Some(href) => {
                                    view! {
                                        <li class="cradle-tile">
                                            <a href=href>{tile}</a>
                                        </li>
                                    }
                                        .into_any()
                                }
                                None => view! { <li class="cradle-tile">{tile}</li> }.into_any(),
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        };
        view! {
            <div class="cradle-card">
                <h2 class="cradle-card__title">{p.text("title")}</h2>
                {body}
            </div>
        }
        .into_any()
    })
    .into_any()
}

//! Layout blocks: the page, sections, columns, spacers and dividers.

use cradle_model::catalogue::BlockKind;
use cradle_model::{facts, Block};
use leptos::prelude::*;

use super::{Props, RenderCtx, Slot};

/// Containers: their slots render children with keyed `<For>`.
pub fn container(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    match kind {
        BlockKind::Page => view! {
            <main class="cradle-main">
                <Slot block=block name="main" />
            </main>
        }
        .into_any(),
        BlockKind::Section => view! {
            <section class="cradle-section">
                <Slot block=block name="children" />
            </section>
        }
        .into_any(),
        _ => {
            let style = {
                let block = block.clone();
                move || {
                    let b = block.get();
                    let p = Props::new(&b, ctx.device.get());
                    format!("--cols:{};gap:{}px;", p.int("count"), p.int("gap"))
                }
            };
            let shown = |block: &ArcRwSignal<Block>, n: usize| {
                let block = block.clone();
                move || block.with(|b| facts::visible_columns(b) > n)
            };
            let (show3, show4) = (shown(&block, 2), shown(&block, 3));
            let (b1, b2, b3, b4) = (block.clone(), block.clone(), block.clone(), block);
            view! {
                <div class="cradle-columns" style=style>
                    <Slot block=b1 name="col1" />
                    <Slot block=b2 name="col2" />
                    <Show when=show3>
                        <Slot block=b3.clone() name="col3" />
                    </Show>
                    <Show when=show4>
                        <Slot block=b4.clone() name="col4" />
                    </Show>
                </div>
            }
            .into_any()
        }
    }
}

/// Spacers and dividers.
pub fn leaf(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    (move || {
        let b = block.get();
        let p = Props::new(&b, ctx.device.get());
        if kind == BlockKind::Spacer {
            view! { <div class="cradle-spacer" style=format!("height:{}px", p.int("height"))></div> }.into_any()
        } else {
            let colour = Some(p.text("colour")).filter(|c| cradle_model::style::is_hex_colour(c)).unwrap_or_else(|| "#e8e2dc".into());
            let style = format!("border-top:{}px solid {colour}", p.int("thickness"));
            view! { <hr class="cradle-divider" style=style /> }.into_any()
        }
    })
    .into_any()
}

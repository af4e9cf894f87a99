//! "Move to…": the keyboard path for moving a block into any container slot that takes it.

use cradle_model::catalogue::BlockKind;
use cradle_model::commands::Command;
use cradle_model::facts;
use cradle_model::NodeId;
use leptos::prelude::*;

use crate::editor::Editor;
use crate::i18n::use_i18n;

/// "Move to…": puts the block at the end of any container slot, without dragging.
#[component]
pub(super) fn MoveTo(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let choice = RwSignal::new(String::new());
    // The containers change only with the outline, not with each keystroke in this block.
    let targets = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.outline.track();
            editor.with_doc(|doc| {
                let kind = doc.block(&id).map(|b| b.kind).unwrap_or(BlockKind::Spacer);
                doc.in_order()
                    .into_iter()
                    .filter(|c| !doc.is_ancestor_or_self(&id, c))
                    .filter_map(|c| doc.block(&c))
                    .filter(|c| c.kind.is_container() && c.kind.refuses(kind).is_none())
                    .flat_map(|c| {
                        let shown = if c.kind == BlockKind::Columns {
                            facts::visible_columns(c)
                        } else {
                            4
                        };
                        c.kind.spec().slots.iter().take(shown).map(move |s| {
                            (
                                format!("{}|{s}", c.id),
                                format!("{} {} › {s}", c.kind.spec().label.get(i18n.lang()), c.id),
                            )
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let go = move |_| {
        let value = choice.get_untracked();
        let Some((parent, slot)) = value.split_once('|') else {
            return;
        };
        let parent = NodeId::new(parent);
        let len = editor.with_doc(|d| {
            d.block(&parent)
                .and_then(|b| b.slots.get(slot))
                .map_or(0, Vec::len)
        });
        let same = editor
            .position(&id)
            .is_some_and(|p| p.parent == parent && p.slot == slot);
        let index = if same { len - 1 } else { len };
        if editor.apply(Command::Move {
            id: id.clone(),
            parent,
            slot: slot.to_owned(),
            index,
        }) {
            let place = value.replace('|', " › ");
            editor.announce.set((editor.t().moved_to_place)(&place));
        }
    };
    view! {
        <div class="field move-to">
            <label for="move-to">{move || i18n.t().move_to}</label>
            <select id="move-to" on:change=move |ev| choice.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || {
                    targets
                        .get()
                        .into_iter()
                        .map(|(v, l)| view! { <option value=v>{l}</option> })
                        .collect_view()
                }}
            </select>
            <button type="button" on:click=go>
                {move || i18n.t().move_here}
            </button>
        </div>
    }
}

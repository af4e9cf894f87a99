//! The layers outline: the block tree as a list of buttons (select by click or keyboard), with the
//! selection highlighted.

use cradle_model::NodeId;
use leptos::prelude::*;

use super::keyboard::focus_block;
use super::Editor;
use crate::i18n::use_i18n;

/// The outline panel.
#[component]
pub fn Layers(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        editor.revision.track();
        editor.with_doc(|doc| {
            doc.in_order()
                .into_iter()
                .filter(|id| id != &doc.root)
                .filter_map(|id| {
                    doc.block(&id)
                        .map(|b| (id.clone(), b.kind.spec().label.en, doc.depth(&id)))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="layers" aria-labelledby="layers-heading">
            <h2 id="layers-heading" class="panel__title">{move || i18n.t().layers}</h2>
            <ul role="tree" aria-labelledby="layers-heading">
                {move || rows().into_iter().map(|(id, label, depth): (NodeId, &str, usize)| {
                    let selected = {
                        let id = id.clone();
                        Signal::derive(move || editor.selection.with(|s| s.contains(&id)))
                    };
                    let select = {
                        let id = id.clone();
                        move |ev: web_sys::MouseEvent| {
                            let extend = ev.shift_key() || ev.ctrl_key() || ev.meta_key();
                            editor.render.chrome.inspect(|c| c.on_select.run((id.clone(), extend)));
                            focus_block(&id);
                        }
                    };
                    view! {
                        <li role="treeitem" attr:aria-level=depth aria-selected=move || selected.get().to_string() style=format!("padding-left:{}px", (depth - 1) * 14)>
                            <button type="button" class="layers__item" class:layers__item--selected=selected on:click=select>
                                {label}" "<small>{id.to_string()}</small>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

//! The layers outline: the block tree as a list of buttons (select by click or keyboard), with the
//! selection highlighted. Rows are recomputed only when the tree's shape changes (not on prop
//! edits), in one walk of the tree, and keyed by block id.

use cradle_model::{Document, NodeId};
use leptos::prelude::*;

use super::keyboard::focus_block;
use super::Editor;
use crate::i18n::use_i18n;
use crate::render::Mark;

/// One outline row: block, its kind's label, its depth below the page (1 = top level).
type Row = (NodeId, &'static str, usize);

/// Every block under the page in document order with its depth, in one walk.
fn rows(doc: &Document) -> Vec<Row> {
    fn walk(doc: &Document, id: &NodeId, depth: usize, out: &mut Vec<Row>) {
        let Some(block) = doc.block(id).filter(|_| depth <= doc.blocks.len()) else {
            return; // missing, or a cycle (validation reports it)
        };
        if depth > 0 {
            out.push((id.clone(), block.kind.spec().label.en, depth));
        }
        for child in block.children() {
            walk(doc, child, depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(doc.blocks.len());
    walk(doc, &doc.root, 0, &mut out);
    out
}

/// The outline panel.
#[component]
pub fn Layers(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        editor.revision.track();
        editor.with_doc(rows)
    });
    let chrome = editor.render.chrome;
    view! {
        <nav class="layers" aria-labelledby="layers-heading">
            <h2 id="layers-heading" class="panel__title">{move || i18n.t().layers}</h2>
            <ul role="tree" aria-labelledby="layers-heading">
                <For each=move || rows.get() key=|row: &Row| row.clone() let:row>
                    {
                        let (id, label, depth) = row;
                        let mark = chrome.map(|c| c.marks.of(&id));
                        let selected = move || mark.as_ref().is_some_and(|m| m.get() != Mark::None);
                        let select = {
                            let id = id.clone();
                            move |ev: web_sys::MouseEvent| {
                                let extend = ev.shift_key() || ev.ctrl_key() || ev.meta_key();
                                chrome.inspect(|c| c.on_select.run((id.clone(), extend)));
                                focus_block(&id);
                            }
                        };
                        let selected_attr = selected.clone();
                        view! {
                            <li role="treeitem" attr:aria-level=depth aria-selected=move || selected_attr().to_string() style=format!("padding-left:{}px", (depth - 1) * 14)>
                                <button type="button" class="layers__item" class:layers__item--selected=selected on:click=select>
                                    {label}" "<small>{id.to_string()}</small>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cradle_model::templates;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn rows_follow_the_tree_with_depths() {
        let doc = templates::find("stage-guide")
            .unwrap()
            .instantiate("d", "Guide", "guide")
            .unwrap();
        let rows = rows(&doc);
        assert_eq!(rows.len(), doc.blocks.len() - 1, "every block but the page");
        let expected: Vec<(String, usize)> = doc
            .in_order()
            .into_iter()
            .filter(|id| id != &doc.root)
            .map(|id| (id.to_string(), doc.depth(&id)))
            .collect();
        let got: Vec<(String, usize)> =
            rows.iter().map(|(id, _, d)| (id.to_string(), *d)).collect();
        assert_eq!(got, expected);
    }
}

//! The layers outline: the block tree as a list of buttons. Click or keyboard selects
//! (Shift/Ctrl-click adds to the selection); dragging a row (pointer, pen or touch, through
//! [`super::dnd`]) reorders it or moves it into or out of a container, with the same insertion line
//! and refusals as the canvas. Columns show a row per visible column to drop into. Rows are
//! recomputed only when the tree's shape changes (not on prop edits), in one walk of the tree, and
//! keyed by block id; only those in view are drawn ([`window`]).

mod window;

use cradle_model::catalogue::BlockKind;
use cradle_model::facts;
use cradle_model::fields::Label;
use cradle_model::{Document, NodeId};
use leptos::attr::custom::custom_attribute;
use leptos::attr::Attribute;
use leptos::prelude::*;

use super::dnd::{start_drag, Dnd, DragSource};
use super::keyboard::focus_block;
use super::later::{later, Later, PanelLoading};
use super::Editor;
use crate::i18n::{use_i18n, EN, ZH_CN};
use crate::render::Mark;

/// One outline row: a block, or (with a slot name and number) one column of a columns block.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Row {
    id: NodeId,
    label: Label,
    /// Below the page: 1 = top level.
    depth: usize,
    /// Its place among its siblings (from 1) and how many they are: screen readers say "3 of 12"
    /// although only the rows in view are drawn.
    place: (usize, usize),
    column: Option<(&'static str, usize)>,
}

/// Every block under the page in document order with its depth, in one walk; a columns block's
/// children follow a row for their column.
fn rows(doc: &Document) -> Vec<Row> {
    fn walk(doc: &Document, id: &NodeId, depth: usize, place: (usize, usize), out: &mut Vec<Row>) {
        let Some(block) = doc.block(id).filter(|_| depth <= doc.blocks.len()) else {
            return; // missing, or a cycle (validation reports it)
        };
        if depth > 0 {
            out.push(Row {
                id: id.clone(),
                label: block.kind.spec().label,
                depth,
                place,
                column: None,
            });
        }
        if block.kind != BlockKind::Columns {
            let count = block.children().count();
            for (i, child) in block.children().enumerate() {
                walk(doc, child, depth + 1, (i + 1, count), out);
            }
            return;
        }
        let count = facts::visible_columns(block);
        for (n, slot) in block.kind.spec().slots.iter().enumerate().take(count) {
            out.push(Row {
                id: id.clone(),
                label: Label {
                    en: EN.column,
                    zh: ZH_CN.column,
                },
                depth: depth + 1,
                place: (n + 1, count),
                column: Some((slot, n + 1)),
            });
            let children = block.slots.get(*slot).map_or(&[][..], Vec::as_slice);
            for (i, child) in children.iter().enumerate() {
                walk(doc, child, depth + 1, (i + 1, children.len()), out);
            }
        }
    }
    let mut out = Vec::with_capacity(doc.blocks.len());
    walk(doc, &doc.root, 0, (1, 1), &mut out);
    out
}

/// A row's `aria-level`, `aria-posinset` and `aria-setsize` (which the view macro has no typed
/// attributes for).
fn tree_place(depth: usize, (at, of): (usize, usize)) -> impl Attribute {
    (
        custom_attribute("aria-level", depth.to_string()),
        custom_attribute("aria-posinset", at.to_string()),
        custom_attribute("aria-setsize", of.to_string()),
    )
}

/// The outline panel. `scrolled` fires when the side panel it sits in scrolls. Its heading is
/// there from the first paint; the tree comes in a chunk of its own (`later`).
#[component]
pub fn Layers(editor: Editor, dnd: Dnd, scrolled: Trigger) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="layers" aria-labelledby="layers-heading">
            <h2 id="layers-heading" class="panel__title">
                {move || i18n.t().layers}
            </h2>
            <Later load=move || tree(editor, dnd, scrolled) fallback=PanelLoading />
        </nav>
    }
}

later!(
    layers,
    fn tree(editor: Editor, dnd: Dnd, scrolled: Trigger) {
        view! { <Tree editor dnd scrolled /> }
    }
);

/// The rows in view of the block tree.
#[component]
fn Tree(editor: Editor, dnd: Dnd, scrolled: Trigger) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        editor.outline.track();
        editor.with_doc(rows)
    });
    let offsets = Memo::new(move |_| {
        rows.with(|rows| {
            window::offsets(rows.iter().map(|r| match r.column {
                Some(_) => window::COLUMN_ROW,
                None => window::BLOCK_ROW,
            }))
        })
    });
    let shown = RwSignal::new(0..window::FIRST);
    let list = NodeRef::<leptos::html::Ul>::new();
    // What the side panel shows of the list. The inspector above it grows and shrinks with the
    // selection, so that moves the list too.
    let measure = move || {
        let Some(list) = list.get_untracked() else {
            return;
        };
        let Ok(Some(panel)) = list.closest(".side") else {
            return;
        };
        let top = list.get_bounding_client_rect().top();
        let view = panel.get_bounding_client_rect();
        let range =
            offsets.with_untracked(|o| window::in_view(o, view.top() - top, view.bottom() - top));
        if shown.get_untracked() != range {
            shown.set(range);
        }
    };
    Effect::new(move |_| {
        scrolled.track();
        offsets.track();
        editor.selection.track();
        measure();
    });
    let resized = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resized.remove());
    let drawn = move || {
        let range = shown.get();
        rows.with(|rows| {
            let end = range.end.min(rows.len());
            rows[range.start.min(end)..end].to_vec()
        })
    };
    // The rows not drawn keep their room, so the scroll bar and what is drawn sit where they would.
    let room = move || {
        let start = shown.with(|r| r.start);
        offsets.with(|o| {
            let total = o.last().copied().unwrap_or(0.0);
            let above = o.get(start).copied().unwrap_or(total);
            format!("height:{total}px;padding-top:{above}px")
        })
    };
    let chrome = editor.render.chrome;
    let indent = |depth: usize| format!("padding-left:{}px", (depth - 1) * 14);
    view! {
        <ul
            role="tree"
            aria-labelledby="layers-heading"
            aria-multiselectable="true"
            node_ref=list
            style=room
        >
            <For each=drawn key=|row: &Row| row.clone() let:row>
                {
                    let Row { id, label, depth, place, column } = row;
                    if let Some((slot, n)) = column {
                        return view! {
                            <li
                                role="treeitem"
                                class="layers__column"
                                data-layer=id.to_string()
                                data-slot=slot
                                style=indent(depth)
                                {..tree_place(depth, place)}
                            >
                                {move || format!("{} {n}", label.get(i18n.lang()))}
                            </li>
                        }
                            .into_any();
                    }
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
                    let drag = {
                        let id = id.clone();
                        move |ev: web_sys::PointerEvent| start_drag(
                            dnd,
                            &ev,
                            DragSource::Block(id.clone()),
                        )
                    };
                    let selected_attr = selected.clone();
                    view! {
                        <li role="treeitem" aria-selected=move || selected_attr().to_string()
                                data-layer=id.to_string() style=indent(depth) {..tree_place(depth, place)}>
                                <button type="button" class="layers__item" class:layers__item--selected=selected
                                    on:click=select on:pointerdown=drag>
                                    {move || label.get(i18n.lang())}" "<small>{id.to_string()}</small>
                                </button>
                            </li>
                    }
                        .into_any()
                }
            </For>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cradle_model::templates;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn rows_follow_the_tree_with_depths_and_columns() {
        let doc = templates::find("nine-grid-party")
            .unwrap()
            .instantiate(
                "d",
                "Party",
                "party",
                cradle_model::Language::ZhCn,
                chrono::Utc::now(),
            )
            .unwrap();
        let rows = rows(&doc);
        let blocks: Vec<(String, usize)> = rows
            .iter()
            .filter(|r| r.column.is_none())
            .map(|r| (r.id.to_string(), r.depth))
            .collect();
        let expected: Vec<(String, usize)> = doc
            .in_order()
            .into_iter()
            .filter(|id| id != &doc.root)
            .map(|id| (id.to_string(), doc.depth(&id)))
            .collect();
        assert_eq!(blocks, expected, "every block but the page, in order");
        let columns: Vec<(&str, usize)> = rows.iter().filter_map(|r| r.column).collect();
        assert_eq!(
            columns,
            [("col1", 1), ("col2", 2)],
            "a row per visible column"
        );
        let col2 = rows
            .iter()
            .position(|r| r.column == Some(("col2", 2)))
            .unwrap();
        assert_eq!(
            rows[col2 + 1].id.as_str(),
            "right",
            "a column's blocks follow its row"
        );
        // Places among siblings: the top level, the columns, a column's blocks.
        let top: Vec<(usize, usize)> = rows
            .iter()
            .filter(|r| r.depth == 1)
            .map(|r| r.place)
            .collect();
        let n = top.len();
        assert_eq!(top, (1..=n).map(|i| (i, n)).collect::<Vec<_>>());
        assert_eq!(rows[col2].place, (2, 2));
        assert_eq!(rows[col2 + 1].place, (1, 1));
    }
}

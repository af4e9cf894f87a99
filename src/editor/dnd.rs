//! Drag and drop with pointer events (mouse, pen and touch): from the palette (blocks and saved
//! sections) onto the canvas or the layers outline, and within either, into and out of sections
//! and columns. An insertion line shows where the blocks will land; the canvas and the outline
//! scroll near their edges; Escape cancels; a refused drop says why (the catalogue's nesting rules).

use cradle_model::catalogue::BlockKind;
use cradle_model::commands::{drop_check, Dropped};
use cradle_model::commands::{move_group, Command};
use cradle_model::{Fragment, NodeId};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::keyboard::focus_block;
use super::Editor;

/// Pixels the pointer must travel before a press becomes a drag (so clicks still select).
const THRESHOLD: f64 = 5.0;
/// Distance from a scrolling panel's edge that scrolls it.
const EDGE: f64 = 48.0;

/// What is being dragged.
#[derive(Clone, Debug, PartialEq)]
pub enum DragSource {
    /// A new block from the palette.
    Palette(BlockKind),
    /// A block already on the page.
    Block(NodeId),
    /// Copies of saved blocks (a saved section).
    Fragments {
        /// What the ghost shows.
        label: String,
        /// The blocks, in order.
        fragments: Vec<Fragment>,
    },
}

/// Where a drop would land.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Container.
    pub parent: NodeId,
    /// Slot.
    pub slot: String,
    /// Index, as the insert/move command counts it.
    pub index: usize,
    /// Insertion line: left, top, width (viewport px).
    pub line: (f64, f64, f64),
    /// Why the drop is not allowed, if it is not.
    pub refusal: Option<String>,
}

/// Drag state, shared by the palette, the canvas and the overlay.
#[derive(Clone, Copy)]
pub struct Dnd {
    editor: Editor,
    pending: StoredValue<Option<(DragSource, f64, f64)>>,
    /// The drag in progress.
    pub active: RwSignal<Option<DragSource>>,
    /// Pointer position (viewport px).
    pub pointer: RwSignal<(f64, f64)>,
    /// Current drop target.
    pub target: RwSignal<Option<Target>>,
}

impl Dnd {
    /// Drag state for `editor`, listening to the window while the editor is mounted.
    pub fn new(editor: Editor) -> Dnd {
        let dnd = Dnd {
            editor,
            pending: StoredValue::new(None),
            active: RwSignal::new(None),
            pointer: RwSignal::new((0.0, 0.0)),
            target: RwSignal::new(None),
        };
        let moves = window_event_listener(leptos::ev::pointermove, move |ev| dnd.on_move(&ev));
        let ups = window_event_listener(leptos::ev::pointerup, move |_| dnd.drop());
        let cancels = window_event_listener(leptos::ev::pointercancel, move |_| dnd.cancel());
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && dnd.active.get_untracked().is_some() {
                ev.prevent_default();
                dnd.cancel();
                dnd.editor
                    .announce
                    .set(dnd.editor.t().drag_cancelled.into());
            }
        });
        on_cleanup(move || {
            moves.remove();
            ups.remove();
            cancels.remove();
            keys.remove();
        });
        dnd
    }

    fn cancel(&self) {
        self.pending.set_value(None);
        self.active.set(None);
        self.target.set(None);
    }

    fn on_move(&self, ev: &web_sys::PointerEvent) {
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        if let Some((source, x0, y0)) = self.pending.get_value() {
            if (x - x0).hypot(y - y0) >= THRESHOLD {
                self.pending.set_value(None);
                self.active.set(Some(source));
            }
        }
        let Some(source) = self.active.get_untracked() else {
            return;
        };
        ev.prevent_default();
        self.pointer.set((x, y));
        autoscroll(x, y);
        self.target.set(self.hit(&source, x, y));
    }

    /// The drop target under (x, y): a canvas slot, or a row of the layers outline.
    fn hit(&self, source: &DragSource, x: f64, y: f64) -> Option<Target> {
        let document = web_sys::window()?.document()?;
        let under = document.element_from_point(x as f32, y as f32)?;
        if let Some(row) = under.closest("[data-layer]").ok()? {
            return self.hit_outline(source, &row, y);
        }
        let slot = under.closest(".canvas [data-slot]").ok()??;
        let parent = NodeId::new(slot.get_attribute("data-parent")?);
        let slot_name = slot.get_attribute("data-slot")?;
        let children = slot.children();
        let mut items = Vec::new();
        for i in 0..children.length() {
            if let Some(child) = children.item(i) {
                if child.has_attribute("data-id") {
                    items.push(child.get_bounding_client_rect());
                }
            }
        }
        let slot_rect = slot.get_bounding_client_rect();
        let mut index = items.len();
        let mut line_y = items.last().map_or(slot_rect.top() + 4.0, |r| r.bottom());
        for (i, rect) in items.iter().enumerate() {
            if y < rect.top() + rect.height() / 2.0 {
                index = i;
                line_y = rect.top();
                break;
            }
        }
        let line = (slot_rect.left(), line_y, slot_rect.width());
        self.target(source, parent, slot_name, index, line)
    }

    /// The drop target over an outline row: above or below it in its parent's slot, or, over the
    /// middle of a one-slot container or on a column's row, first inside it.
    fn hit_outline(&self, source: &DragSource, row: &web_sys::Element, y: f64) -> Option<Target> {
        const INDENT: f64 = 16.0;
        let rect = row.get_bounding_client_rect();
        let id = NodeId::new(row.get_attribute("data-layer")?);
        let column = row.get_attribute("data-slot");
        let middle = ((y - rect.top()) / rect.height().max(1.0) - 0.5).abs() < 0.25;
        let (parent, slot, index, top, indent) = self.editor.with_doc(|doc| {
            if let Some(slot) = column {
                return Some((id.clone(), slot, 0, rect.bottom(), INDENT));
            }
            let block = doc.block(&id)?;
            if let ([slot], true) = (block.kind.spec().slots, middle) {
                return Some((id.clone(), slot.to_string(), 0, rect.bottom(), INDENT));
            }
            let pos = doc.position(&id)?;
            if y < rect.top() + rect.height() / 2.0 {
                Some((pos.parent, pos.slot, pos.index, rect.top(), 0.0))
            } else {
                Some((pos.parent, pos.slot, pos.index + 1, rect.bottom(), 0.0))
            }
        })?;
        let line = (rect.left() + indent, top, rect.width() - indent);
        self.target(source, parent, slot, index, line)
    }

    /// A target in `parent`'s `slot` at `index` (counted as if a moved block were still in place),
    /// with the reason it is refused, if it is.
    fn target(
        &self,
        source: &DragSource,
        parent: NodeId,
        slot: String,
        mut index: usize,
        line: (f64, f64, f64),
    ) -> Option<Target> {
        let refusal = self.editor.with_doc(|doc| {
            let dropped = match source {
                DragSource::Palette(kind) => Dropped::New(*kind),
                DragSource::Block(id) => {
                    // A move within the same slot counts the index after the block has left it.
                    let pos = doc.position(id)?;
                    if pos.parent == parent && pos.slot == slot && pos.index < index {
                        index -= 1;
                    }
                    Dropped::Block(id)
                }
                DragSource::Fragments { fragments, .. } => Dropped::Fragments(fragments),
            };
            Some(
                drop_check(doc, dropped, &parent, &slot, index)
                    .err()
                    .map(|e| e.message(self.editor.ui.get_untracked())),
            )
        })?;
        Some(Target {
            parent,
            slot,
            index,
            line,
            refusal,
        })
    }

    /// Shows and announces why a drop was refused.
    fn refuse(&self, why: &str) {
        let message = (self.editor.t().cannot_drop)(why);
        self.editor.refusal.set(Some(message.clone()));
        self.editor.announce.set(message);
    }

    fn drop(&self) {
        self.pending.set_value(None);
        let Some(source) = self.active.get_untracked() else {
            return;
        };
        let target = self.target.get_untracked();
        self.active.set(None);
        self.target.set(None);
        let Some(target) = target else {
            self.editor
                .refusal
                .set(Some(self.editor.t().drop_on_the_page.into()));
            return;
        };
        if let Some(why) = target.refusal {
            self.refuse(&why);
            return;
        }
        let at = (target.parent, target.slot, target.index);
        let dropped = match source {
            DragSource::Palette(kind) => self.editor.insert_new(kind, at, |t| t.dropped_blocks),
            DragSource::Fragments { fragments, .. } => {
                self.editor
                    .insert_fragments(fragments, at, |t| t.dropped_blocks)
            }
            DragSource::Block(id) => {
                let (parent, slot, index) = at;
                let selection = self.editor.selection.get_untracked();
                if selection.len() > 1 && selection.contains(&id) {
                    // The whole selection moves, side by side, as one undo step.
                    let group = self
                        .editor
                        .with_doc(|d| move_group(d, &selection, &parent, &slot, index));
                    let moved = self.editor.apply(group);
                    if !moved {
                        self.refuse(self.editor.t().selected_cannot_go);
                    }
                    moved
                } else {
                    let moved = self.editor.apply(Command::Move {
                        id: id.clone(),
                        parent,
                        slot,
                        index,
                    });
                    if moved {
                        self.editor.selection.set(vec![id]);
                    }
                    moved
                }
            }
        };
        if dropped {
            self.editor
                .announce
                .set((self.editor.t().dropped_at)(target.index + 1));
            if let Some(id) = self.editor.selection.get_untracked().first() {
                focus_block(id);
            }
        }
    }
}

/// A length in whole pixels: the editor's first paint links no float formatting (it is 13 KB of
/// wasm), and the ghost and the drop line need no finer place.
fn px(x: f64) -> i64 {
    x.round() as i64
}

/// Scrolls the canvas or the side panel (the outline) under the pointer near its top or bottom.
fn autoscroll(x: f64, y: f64) {
    let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.element_from_point(x as f32, y as f32))
        .and_then(|el| el.closest(".canvas, .side").ok().flatten())
    else {
        return;
    };
    let rect = area.get_bounding_client_rect();
    if y < rect.top() + EDGE {
        area.scroll_by_with_x_and_y(0.0, -16.0);
    } else if y > rect.bottom() - EDGE {
        area.scroll_by_with_x_and_y(0.0, 16.0);
    }
}

/// Starts watching a press that may become a drag.
pub fn start_drag(dnd: Dnd, ev: &web_sys::PointerEvent, source: DragSource) {
    if ev.button() != 0 {
        return;
    }
    dnd.pending.set_value(Some((
        source,
        f64::from(ev.client_x()),
        f64::from(ev.client_y()),
    )));
}

/// Starts a drag from a canvas block under the press (the innermost one).
pub fn start_block_drag(dnd: Dnd, ev: &web_sys::PointerEvent) {
    let id = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-id]").ok().flatten())
        .and_then(|el| el.get_attribute("data-id"));
    if let Some(id) = id {
        start_drag(dnd, ev, DragSource::Block(NodeId::new(id)));
    }
}

/// The ghost under the pointer and the insertion line.
#[component]
pub fn DragOverlay(dnd: Dnd) -> impl IntoView {
    let label = move || match dnd.active.get() {
        Some(DragSource::Palette(kind)) => kind.spec().label.get(dnd.editor.ui.get()).to_owned(),
        Some(DragSource::Fragments { label, .. }) => label,
        Some(DragSource::Block(id)) => dnd
            .editor
            .with_doc(|d| {
                d.block(&id)
                    .map(|b| b.kind.spec().label.get(dnd.editor.ui.get()))
                    .unwrap_or_default()
            })
            .to_owned(),
        None => String::new(),
    };
    view! {
        <Show when=move || dnd.active.get().is_some()>
            <div
                class="drag-ghost"
                aria-hidden="true"
                style=move || {
                    let (x, y) = dnd.pointer.get();
                    format!("left:{}px;top:{}px", px(x + 12.0), px(y + 12.0))
                }
            >
                {label}
            </div>
            {move || {
                dnd.target
                    .get()
                    .map(|t| {
                        let (left, top, width) = t.line;
                        let class = if t.refusal.is_some() {
                            "drop-line drop-line--refused"
                        } else {
                            "drop-line"
                        };
                        view! {
                            <div
                                class=class
                                aria-hidden="true"
                                style=format!(
                                    "left:{}px;top:{}px;width:{}px",
                                    px(left),
                                    px(top - 2.0),
                                    px(width),
                                )
                            >
                                {t
                                    .refusal
                                    .map(|why| view! { <span class="drop-line__why">{why}</span> })}
                            </div>
                        }
                    })
            }}
        </Show>
    }
}

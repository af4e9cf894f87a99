//! The block palette: categories, search, icon and label per kind, then the workspace's saved
//! sections. Click or Enter adds a block after the selection; dragging (pointer, pen or touch)
//! drops it where the line shows.

use cradle_model::catalogue::{BlockKind, Category};
use leptos::prelude::*;

use super::dnd::{start_drag, Dnd, DragSource};
use super::keyboard::focus_block;
use super::later::{later, Later, PanelLoading};
use super::sections::{SavedSections, Sections};
use super::{when_ready, Editor};
use crate::i18n::{use_i18n, Lang};

/// Adds a block of `kind` at the insertion point and selects it.
pub fn add_block(editor: &Editor, kind: BlockKind) {
    if editor.insert_new(kind, editor.insertion_point(), |t| t.inserted_blocks) {
        let label = kind.spec().label.get(editor.ui.get_untracked());
        editor.announce.set((editor.t().added)(label));
        if let Some(id) = editor.selection.get_untracked().first() {
            focus_block(id);
        }
    }
}

/// The palette panel. Its heading is there from the first paint; the blocks and saved sections
/// come in a chunk of their own (`later`).
#[component]
pub fn Palette(editor: Editor, dnd: Dnd, sections: Sections) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <aside class="palette" aria-labelledby="palette-heading">
            <h2 id="palette-heading" class="panel__title">
                {move || i18n.t().blocks}
            </h2>
            <Later load=move || contents(editor, dnd, sections) fallback=PanelLoading />
        </aside>
    }
}

later!(
    palette,
    fn contents(editor: Editor, dnd: Dnd, sections: Sections) {
        view! { <Contents editor dnd sections /> }
    }
);

/// The search, the blocks by category and the saved sections.
#[component]
fn Contents(editor: Editor, dnd: Dnd, sections: Sections) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    // Labels are English or Chinese: ASCII case folding is all they need (full Unicode folding
    // would bring its tables into the wasm).
    let matches = move |label: (&str, &str)| {
        let q = query.get().to_ascii_lowercase();
        q.is_empty() || label.0.to_ascii_lowercase().contains(&q) || label.1.contains(&q)
    };
    view! {
        <input
            class="palette__search"
            type="search"
            aria-label=move || i18n.t().search_blocks
            placeholder=move || i18n.t().search_blocks
            prop:value=query
            on:input=move |ev| query.set(event_target_value(&ev))
        />
        {Category::ALL
            .into_iter()
            .map(|category| {
                let kinds: Vec<_> = BlockKind::palette()
                    .filter(|s| s.category == category)
                    .collect();
                let any = move || kinds.iter().any(|s| matches((s.label.en, s.label.zh)));
                let kinds: Vec<_> = BlockKind::palette()
                    .filter(|s| s.category == category)
                    .collect();
                view! {
                    <Show when=any>
                        <h3 class="palette__category">
                            {move || {
                                if i18n.lang() == Lang::ZhCn {
                                    category.label().zh
                                } else {
                                    category.label().en
                                }
                            }}
                        </h3>
                    </Show>
                    <ul class="palette__list">
                        {kinds
                            .into_iter()
                            .map(|spec| {
                                let kind = spec.kind;
                                let label = move || {
                                    if i18n.lang() == Lang::ZhCn {
                                        spec.label.zh
                                    } else {
                                        spec.label.en
                                    }
                                };
                                view! {
                                    <Show when=move || matches((spec.label.en, spec.label.zh))>
                                        <li>
                                            <button
                                                type="button"
                                                class="palette__item"
                                                data-kind=spec.icon
                                                aria-label=move || format!("{} {}", i18n.t().add, label())
                                                on:click=move |_| when_ready(move || add_block(
                                                    &editor,
                                                    kind,
                                                ))
                                                on:pointerdown=move |ev| start_drag(
                                                    dnd,
                                                    &ev,
                                                    DragSource::Palette(kind),
                                                )
                                            >
                                                <span class="palette__icon" aria-hidden="true">
                                                    {icon(spec.icon)}
                                                </span>
                                                <span>{label}</span>
                                            </button>
                                        </li>
                                    </Show>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })
            .collect_view()}
        <SavedSections sections dnd query />
    }
}

/// A glyph per icon name (kept as text so the palette needs no image requests).
fn icon(name: &str) -> &'static str {
    match name {
        "section" => "▭",
        "columns" => "▥",
        "spacer" => "↕",
        "divider" => "―",
        "heading" => "H",
        "text" => "¶",
        "image" => "▨",
        "button" => "◉",
        "carousel" => "⇆",
        "countdown" => "◷",
        "notice" => "!",
        "member-card" => "▤",
        "benefits" => "★",
        "calendar" => "▦",
        "tasks" => "✓",
        "gift" => "◈",
        "medal" => "✪",
        "invite" => "✉",
        "share-rights" => "⇄",
        "tips" => "✧",
        "wheel" => "◔",
        "grid" => "▩",
        "scratch" => "▒",
        "egg" => "◯",
        "slots" => "▥",
        "quiz" => "?",
        "vote" => "☑",
        "coupon" => "✂",
        "products" => "▣",
        _ => "□",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use cradle_model::commands::Command;
    use cradle_model::{Document, NodeId};

    /// A new block speaks the page's language; what the builder announces speaks the builder's.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn added_blocks_take_the_page_language_and_announce_in_the_builders() {
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = Owner::new();
        owner.with(|| {
            let ui = RwSignal::new(Lang::En);
            let editor = Editor::new(Document::blank("d1", "会员中心", "club"), ui.into());
            add_block(&editor, BlockKind::Heading);
            let text =
                |id: &str| editor.with_doc(|d| d.blocks[&NodeId::new(id)].props["text"].clone());
            assert_eq!(text("heading-1"), "标题");
            assert_eq!(editor.announce.get_untracked(), "Added Heading");

            assert!(editor.apply(Command::SetLanguage { language: Lang::En }));
            ui.set(Lang::ZhCn);
            add_block(&editor, BlockKind::Heading);
            assert_eq!(text("heading-2"), "Heading");
            assert_eq!(editor.announce.get_untracked(), "已添加标题");

            // A new countdown counts down to a moment ahead, not the catalogue's example date.
            add_block(&editor, BlockKind::Countdown);
            let target = editor.with_doc(|d| {
                d.blocks[&NodeId::new("countdown-1")].props["target"]
                    .as_str()
                    .map(str::to_owned)
            });
            let target = chrono::DateTime::parse_from_rfc3339(&target.unwrap()).unwrap();
            let ahead = target.to_utc() - chrono::Utc::now();
            assert!(ahead > chrono::TimeDelta::days(6) && ahead < chrono::TimeDelta::days(8));
        });
    }
}

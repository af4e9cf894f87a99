//! Copy, cut and paste of blocks through the system clipboard. The document's `copy`, `cut` and
//! `paste` events carry the selected blocks as JSON fragments, under [`MIME`] and as `text/plain`,
//! so blocks paste across pages, tabs and browsers. Pasted JSON is read by the model
//! ([`parse_fragments`]: migrated, strictly decoded, structure checked) and inserted with fresh
//! ids as one undo step. While a text field has focus, the browser's own copy and paste apply.

use cradle_model::parse::parse_fragments;
use cradle_model::{Fragment, Language};
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::keyboard::remove_selected;
use super::later::{later, now};
use super::{when_ready, Editor};
use crate::i18n::strings;

/// The clipboard type holding Cradle fragments (a JSON list of `{root, blocks}`).
const MIME: &str = "application/x-cradle-fragments+json";

/// The selected blocks as fragments in page order (a block inside another selected one comes
/// with it, not again).
pub fn selected_fragments(editor: &Editor) -> Vec<Fragment> {
    let ids = editor.selection.get_untracked();
    editor.with_doc(|d| {
        d.in_order()
            .into_iter()
            .filter(|id| ids.contains(id))
            .filter(|id| !ids.iter().any(|a| a != id && d.is_ancestor_or_self(a, id)))
            .filter_map(|id| d.fragment(&id))
            .collect()
    })
}

/// Reads clipboard text as fragments for a page in `language` (one fragment alone is accepted
/// too); `Err` names the problem in the builder's language `ui`.
fn parse(text: &str, language: Language, ui: Language) -> Result<Vec<Fragment>, String> {
    let t = strings(ui);
    let value: Value = serde_json::from_str(text).map_err(|_| t.clipboard_not_json.to_owned())?;
    let list = match value {
        Value::Object(_) => Value::Array(vec![value]),
        other => other,
    };
    match parse_fragments(&list, language) {
        Ok(fragments) if fragments.is_empty() => Err(t.clipboard_empty.to_owned()),
        Ok(fragments) => Ok(fragments),
        Err(errors) => Err((t.clipboard_invalid)(&errors[0].located_in(ui))),
    }
}

/// Whether a text field (the inspector's inputs) has focus, so the browser keeps copy and paste.
fn in_field() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el
                    .dyn_ref::<web_sys::HtmlElement>()
                    .is_some_and(|h| h.is_content_editable())
        })
}

/// Puts the selection on the event's clipboard; the number of blocks, or `None` when the event is
/// left to the browser (a text field has focus, nothing is selected).
fn write(editor: &Editor, ev: &web_sys::ClipboardEvent) -> Option<usize> {
    if in_field() {
        return None;
    }
    let fragments = selected_fragments(editor);
    let data = ev.clipboard_data()?;
    if fragments.is_empty() {
        return None;
    }
    let count = fragments.len();
    // Edits come through the editing chunk; before it is here, there is nothing of hers to copy.
    let json = now(to_json(fragments), || ())??;
    let _ = data.set_data(MIME, &json);
    let _ = data.set_data("text/plain", &json);
    ev.prevent_default();
    Some(count)
}

later!(
    editing,
    ready ready_to_json,
    pub(super) fn to_json(fragments: Vec<Fragment>) -> Option<String> {
        serde_json::to_string(&fragments).ok()
    }
);

fn on_copy(editor: &Editor, ev: &web_sys::ClipboardEvent) {
    if let Some(n) = write(editor, ev) {
        editor.announce.set((editor.t().copied_blocks)(n));
    }
}

fn on_cut(editor: &Editor, ev: &web_sys::ClipboardEvent) {
    if write(editor, ev).is_some() {
        remove_selected(editor);
    }
}

fn on_paste(editor: &Editor, ev: &web_sys::ClipboardEvent) {
    if in_field() {
        return;
    }
    let Some(data) = ev.clipboard_data() else {
        return;
    };
    ev.prevent_default();
    let text = data
        .get_data(MIME)
        .ok()
        .filter(|t| !t.is_empty())
        .or_else(|| data.get_data("text/plain").ok())
        .unwrap_or_default();
    if text.trim().is_empty() {
        editor.refusal.set(Some(editor.t().nothing_to_paste.into()));
        return;
    }
    let editor = *editor;
    when_ready(move || {
        now(paste(editor, text), move || {
            editor.refusal.set(Some(editor.t().part_missing.into()))
        });
    });
}

later!(
    editing,
    ready ready_paste,
    pub(super) fn paste(editor: Editor, text: String) -> () {
        paste_now(&editor, &text)
    }
);

/// Inserts the blocks `text` holds after the selection, or says why it cannot.
fn paste_now(editor: &Editor, text: &str) {
    match parse(
        text,
        editor.with_doc(|d| d.language),
        editor.ui.get_untracked(),
    ) {
        Ok(fragments) => {
            editor.insert_fragments(fragments, editor.insertion_point(), |t| t.pasted_blocks);
        }
        Err(why) => {
            let message = (editor.t().cannot_paste)(&why);
            editor.announce.set(message.clone());
            editor.refusal.set(Some(message));
        }
    }
}

/// Handles the document's copy, cut and paste events while the editor is mounted.
pub fn listen(editor: Editor) {
    let copy = window_event_listener(leptos::ev::copy, move |ev| on_copy(&editor, &ev));
    let cut = window_event_listener(leptos::ev::cut, move |ev| on_cut(&editor, &ev));
    let paste = window_event_listener(leptos::ev::paste, move |ev| on_paste(&editor, &ev));
    on_cleanup(move || {
        copy.remove();
        cut.remove();
        paste.remove();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn clipboard_text_is_checked_by_the_model() {
        let one = r#"{"root": "h", "blocks": {"h": {"id": "h", "kind": "heading"}}}"#;
        assert_eq!(
            parse(one, Language::En, Language::En).unwrap()[0]
                .blocks
                .len(),
            1
        );
        assert!(parse("hello", Language::En, Language::En)
            .unwrap_err()
            .contains("not JSON"));
        assert!(parse("[]", Language::En, Language::En)
            .unwrap_err()
            .contains("no blocks"));
        let bad = r#"[{"root": "h", "blocks": {"h": {"id": "h", "kind": "hologram"}}}]"#;
        let why = parse(bad, Language::En, Language::En).unwrap_err();
        // The problem named, as the model's decoding says it (no path in the editor's build).
        assert!(
            why.contains("not valid: unknown variant `hologram`"),
            "{why}"
        );
        // The builder's language, whatever the page's.
        let wheel_in_columns = r#"[{"root": "c", "blocks": {
            "c": {"id": "c", "kind": "columns", "slots": {"col1": ["w"]}},
            "w": {"id": "w", "kind": "wheel"}}}]"#;
        let why = parse(wheel_in_columns, Language::En, Language::ZhCn).unwrap_err();
        assert!(why.starts_with("复制的模块无效"), "{why}");
        assert!(why.contains("互动游戏需要整行宽度"), "{why}");
    }
}

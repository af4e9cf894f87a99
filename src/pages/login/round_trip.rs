//! Signing in from the editor: the editor app carries no login form (it is the office's, and
//! about 20 KB of the editor's download), so a signed-out editor sends her to the office's login
//! with the page to come back to, and the office, once she is in, sends her back. Only an editor
//! page is ever come back to, so the address cannot send her anywhere else.

use cradle_model::validate::is_valid_id;
use leptos::prelude::*;

use super::{use_session, NoSession};
use crate::pages::loading::Loading;

/// The office's login, asked to come back to the editor at `path` (`/edit/{id}`).
fn login_for(path: &str) -> String {
    format!("/?next={path}")
}

/// The editor page the office's address (`search`, as `location.search` gives it) asks to come
/// back to, if it names one.
pub fn return_to(search: &str) -> Option<String> {
    let next = search
        .strip_prefix('?')?
        .split('&')
        .find_map(|pair| pair.strip_prefix("next="))?;
    let id = next.strip_prefix("/edit/")?;
    is_valid_id(id).then(|| next.to_owned())
}

/// The editor's gate: `children` once she is signed in; signed out, the office's login, which
/// brings her back to this page. If the session could not be checked, it says why and stays.
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    Effect::new(move || {
        if session
            .0
            .with(|s| matches!(s, Some(Err(NoSession::SignedOut))))
        {
            let location = window().location();
            let path = location.pathname().unwrap_or_default();
            let _ = location.replace(&login_for(&path));
        }
    });
    let children = StoredValue::new(children);
    move || match session.0.get() {
        Some(Ok(_)) => children.with_value(|c| c()).into_any(),
        Some(Err(NoSession::Unchecked(why))) => view! {
            <p class="page error" role="alert">
                {why}
            </p>
        }
        .into_any(),
        // Checking, or on the way to the office's login.
        _ => view! { <Loading /> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "01a24bca7a6172999dcb0e26f483413a";

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn the_login_comes_back_to_the_editor_page_it_was_sent_from() {
        let path = format!("/edit/{ID}");
        let url = login_for(&path);
        let search = &url[url.find('?').unwrap()..];
        assert_eq!(return_to(search), Some(path.clone()));
        // Among other parameters too.
        assert_eq!(return_to(&format!("?lang=en&next={path}")), Some(path));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn only_an_editor_page_is_come_back_to() {
        for search in [
            "",
            "?",
            "?next=",
            "?next=https://example.com/edit/x",
            "?next=//example.com",
            "?next=/club",
            "?next=/edit/",
            "?next=/edit/../../club",
            "?next=/edit/ABC%2F..",
            &format!("?next=/edit/{ID}/x"),
            &format!("?mext=/edit/{ID}"),
        ] {
            assert_eq!(return_to(search), None, "{search}");
        }
    }
}

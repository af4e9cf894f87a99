//! Serving the apps trunk built: the editor (`index.html`) for `/edit/{id}`, the office
//! (`o/index.html`) for its routes (its router draws the page), hashed assets with a long cache,
//! and the office's `index.html` with 404 for any other path.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use cradle_model::validate::is_valid_id;
use tower_http::services::ServeDir;

/// The office app's routes, answered with its `index.html` and 200 (member pages, `/c/{slug}` and
/// `/preview/{token}`, are drawn by [`crate::member_page`]).
pub const OFFICE_ROUTES: [&str; 4] = ["/", "/club", "/clerk", "/integration"];

/// The editor app's one route, whose answer also preloads what the editor fetches first.
const EDITOR_ROUTE: &str = "/edit/{id}";

/// The editor's start page, in `dist`.
const EDITOR_INDEX: &str = "index.html";

/// The office's start page, in `dist` (`scripts/build-web` builds the office into `dist/o/`).
const OFFICE_INDEX: &str = "o/index.html";

/// A router serving the apps from `dist`.
pub fn router<S: Clone + Send + Sync + 'static>(dist: PathBuf) -> Router<S> {
    let mut router = Router::new().route(EDITOR_ROUTE, get(editor_ok));
    for route in OFFICE_ROUTES {
        router = router.route(route, get(office_ok));
    }
    // The build writes `.br` and `.gz` beside each file (Trunk.toml's post-build hook): served by
    // the browser's Accept-Encoding without compressing anything per request.
    let files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(get(office_not_found).with_state(dist.clone()));
    router
        .fallback_service(files)
        .with_state(dist)
        .layer(axum::middleware::from_fn(cache_headers))
}

async fn office_ok(State(dist): State<PathBuf>) -> Response {
    index(&dist, OFFICE_INDEX, StatusCode::OK).await
}

/// The editor of one page: its `index.html`, and the page's draft and the session preloaded, so
/// they arrive while the app's code downloads and starts instead of after it.
async fn editor_ok(State(dist): State<PathBuf>, UrlPath(id): UrlPath<String>) -> Response {
    let mut response = index(&dist, EDITOR_INDEX, StatusCode::OK).await;
    if let Some(links) = editor_preloads(&id) {
        response.headers_mut().insert(header::LINK, links);
    }
    response
}

/// `Link` preloads of the two URLs the editor fetches first, spelled as it spells them (it sends
/// plain `GET`s with the browser's defaults, which `crossorigin` preloads match). Anything that is
/// not a valid id (never a document's) is left to the app.
fn editor_preloads(id: &str) -> Option<HeaderValue> {
    if !is_valid_id(id) {
        return None;
    }
    HeaderValue::from_str(&format!(
        "</api/documents/{id}>; rel=preload; as=fetch; crossorigin, \
         </api/auth/session>; rel=preload; as=fetch; crossorigin"
    ))
    .ok()
}

/// Any other path: the office, whose router says the page is not found and links home.
async fn office_not_found(State(dist): State<PathBuf>) -> Response {
    index(&dist, OFFICE_INDEX, StatusCode::NOT_FOUND).await
}

/// An app's start page (`page`, in `dist`) with `status`; never framed.
async fn index(dist: &Path, page: &str, status: StatusCode) -> Response {
    let path = dist.join(page);
    match tokio::fs::read(&path).await {
        Ok(html) => (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    crate::security::page_policy(&String::from_utf8_lossy(&html), "'none'"),
                ),
            ],
            Body::from(html),
        )
            .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "The app is not built: {} is missing. Run scripts/run, or scripts/build-web.",
                path.display()
            ),
        )
            .into_response(),
    }
}

/// Hashed assets (`name-0123456789abcdef.ext`) never change: cache them for a year. Everything
/// else is revalidated so a new build shows at once. Every answer varies by Accept-Encoding.
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let value = if immutable && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    // Files come in the encoding asked for: caches must key on it.
    let varies = headers.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Whether the file is a build's hashed asset: its name carries a trunk content hash (16 hex digits
/// before the extension, optionally followed by `_bg`), or a folder it is in carries one (the
/// editor's split wasm, `e/cradle-{hash}/`, whose files name each other plainly).
pub fn is_hashed_asset(path: &str) -> bool {
    let mut segments = path.rsplit('/');
    let name = segments.next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    hashed(stem.strip_suffix("_bg").unwrap_or(stem)) || segments.any(hashed)
}

/// `name-0123456789abcdef`.
fn hashed(stem: &str) -> bool {
    match stem.rsplit_once('-') {
        Some((_, hash)) => hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn recognises_trunk_hashes() {
        assert!(is_hashed_asset("/cradle-a675a2a1eb18e6a0_bg.wasm"));
        assert!(is_hashed_asset("/cradle-a675a2a1eb18e6a0.js"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/edit/some-id"));
        assert!(!is_hashed_asset("/x-0123456789abcdeg.js"));
        assert!(is_hashed_asset(
            "/e/cradle-c6bb5a8ee53bb0c3/split_inspector.wasm"
        ));
        assert!(is_hashed_asset(
            "/e/cradle-c6bb5a8ee53bb0c3/__wasm_split.js"
        ));
        assert!(!is_hashed_asset("/e/cradle-c6bb5a8ee53bb0cg/cradle.js"));
    }
}

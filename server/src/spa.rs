//! Serving the app trunk built: `index.html` for the app's routes (its router draws the page),
//! hashed assets with a long cache, and `index.html` with 404 for any other path.

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

/// The app's own routes, answered with `index.html` and 200 (member pages, `/c/{slug}` and
/// `/preview/{token}`, are drawn by [`crate::member_page`]).
pub const APP_ROUTES: [&str; 5] = ["/", EDITOR_ROUTE, "/club", "/clerk", "/integration"];

/// The editor's route, whose answer also preloads what the editor fetches first.
const EDITOR_ROUTE: &str = "/edit/{id}";

/// A router serving the app from `dist`.
pub fn router<S: Clone + Send + Sync + 'static>(dist: PathBuf) -> Router<S> {
    let mut router = Router::new();
    for route in APP_ROUTES {
        router = match route {
            EDITOR_ROUTE => router.route(route, get(editor_ok)),
            _ => router.route(route, get(index_ok)),
        };
    }
    // The build writes `.br` and `.gz` beside each file (Trunk.toml's post-build hook): served by
    // the browser's Accept-Encoding without compressing anything per request.
    let files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(get(index_not_found).with_state(dist.clone()));
    router
        .fallback_service(files)
        .with_state(dist)
        .layer(axum::middleware::from_fn(cache_headers))
}

async fn index_ok(State(dist): State<PathBuf>) -> Response {
    index(&dist, StatusCode::OK, "'none'").await
}

/// The editor of one page: `index.html`, and the page's draft and the session preloaded, so they
/// arrive while the app's code downloads and starts instead of after it.
async fn editor_ok(State(dist): State<PathBuf>, UrlPath(id): UrlPath<String>) -> Response {
    let mut response = index(&dist, StatusCode::OK, "'none'").await;
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

async fn index_not_found(State(dist): State<PathBuf>) -> Response {
    index(&dist, StatusCode::NOT_FOUND, "'none'").await
}

/// `index.html` with `status`, framable by the `frame_ancestors` source list.
pub async fn index(dist: &Path, status: StatusCode, frame_ancestors: &str) -> Response {
    match tokio::fs::read(dist.join("index.html")).await {
        Ok(html) => (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    crate::security::page_policy(&String::from_utf8_lossy(&html), frame_ancestors),
                ),
            ],
            Body::from(html),
        )
            .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "The app is not built: {} has no index.html. Run scripts/run, or trunk build.",
                dist.display()
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

/// Whether the last path segment carries a trunk content hash (16 hex digits before the extension,
/// optionally followed by `_bg`).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
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
    }
}

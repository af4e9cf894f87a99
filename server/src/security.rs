//! Security headers on every answer: no MIME sniffing, a strict referrer policy, no framing (but
//! for member pages of a brand that lists the sites allowed to frame them), and a
//! Content-Security-Policy. The app's page allows only its own files, WebAssembly compilation and
//! the inline start-up script trunk writes, by hash (computed from the `index.html` served, so a
//! new build needs no configuration); API answers allow nothing at all.

use axum::http::{header, HeaderValue};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of API answers (JSON is never a document to run).
pub const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Adds the headers every answer carries (unless a handler set its own).
pub fn layers<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(axum::middleware::map_response(deny_framing))
}

/// `X-Frame-Options: DENY` unless the answer's policy lets listed sites frame it (the older
/// header cannot name sites, and browsers that know `frame-ancestors` follow it instead).
async fn deny_framing(mut response: axum::response::Response) -> axum::response::Response {
    let allows_framing = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(|policy| policy.split("frame-ancestors").nth(1))
        .is_some_and(|sources| !sources.trim_start().starts_with("'none'"));
    if !allows_framing {
        response
            .headers_mut()
            .entry(header::X_FRAME_OPTIONS)
            .or_insert(HeaderValue::from_static("DENY"));
    }
    response
}

/// The Content-Security-Policy for the app's `index.html`: its inline scripts by SHA-256, framable
/// by the `frame_ancestors` source list (`'none'`, or origins the model's framing rule checked).
pub fn page_policy(html: &str, frame_ancestors: &str) -> HeaderValue {
    let hashes: String = inline_scripts(html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' https: http: data: blob:; \
         connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors {frame_ancestors}"
    );
    HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static(API_POLICY))
}

/// The text of each inline `<script>` (one without `src`), as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        Some(body.split_once("</script>")?.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = "<script type=\"module\">\nrun();\n</script><script src=\"/a.js\"></script>";
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["\nrun();\n"]);
        let policy = page_policy(html, "'none'");
        let policy = policy.to_str().unwrap();
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest("\nrun();\n".as_bytes()));
        assert!(policy.contains(&format!("'sha256-{expected}'")), "{policy}");
        assert!(policy.contains("'wasm-unsafe-eval'"));
        assert!(!policy.contains("'unsafe-eval'"));
    }
}

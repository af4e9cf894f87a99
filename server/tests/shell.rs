//! The server shell: health, the app's routes with SPA fallback, caching, and the JSON error
//! shape for anything that goes wrong under `/api`.

mod common;

use axum::http::{Method, StatusCode};
use common::{EDITOR_HTML, OFFICE_HTML};

dual_test!(health_reports_the_backend, |app| {
    let backend = app.db.backend.name();
    {
        let response = app.get("/api/health").await;
        assert_eq!(response.status, StatusCode::OK);
        let body = response.json();
        assert_eq!(body["status"], "ok");
        assert_eq!(body["db"], backend);
        assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
        assert!(response
            .header("x-request-id")
            .is_some_and(|id| id.len() >= 32));
    }
});

dual_test!(app_routes_serve_their_app, |app| {
    let routes = [
        ("/", OFFICE_HTML),
        ("/club", OFFICE_HTML),
        ("/clerk", OFFICE_HTML),
        ("/integration", OFFICE_HTML),
        ("/edit/abc", EDITOR_HTML),
    ];
    for (path, html) in routes {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.text(), html, "{path}");
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
});

dual_test!(the_editor_preloads_its_draft_and_the_session, |app| {
    let response = app.get("/edit/01a24bca7a6172999dcb0e26f483413a").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header("link"),
        Some(
            "</api/documents/01a24bca7a6172999dcb0e26f483413a>; rel=preload; as=fetch; \
             crossorigin, </api/auth/session>; rel=preload; as=fetch; crossorigin"
        )
    );
    // Other routes preload nothing, nor does an id the server never mints.
    assert_eq!(app.get("/").await.header("link"), None);
    let odd = app.get("/edit/a%3E%3B%20rel=x").await;
    assert_eq!(odd.status, StatusCode::OK);
    assert_eq!(odd.header("link"), None);
});

dual_test!(unknown_paths_get_the_app_with_404, |app| {
    for path in ["/nope", "/edit", "/c/a/b", "/missing.js"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.text(), OFFICE_HTML, "{path}");
    }
});

dual_test!(hashed_assets_are_cached_for_a_year, |app| {
    let response = app.get("/cradle-0123456789abcdef_bg.wasm").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body, b"\0asm");
    assert_eq!(
        response.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
});

dual_test!(api_errors_share_one_json_shape, |app| {
    let missing = app.get("/api/does-not-exist").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "not_found");

    let wrong_method = app
        .send_raw(Method::DELETE, "/api/health", "application/json", "")
        .await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.error_code(), "method_not_allowed");
    let body = wrong_method.json();
    assert!(body["error"]["message"].is_string());
    assert!(body["error"].as_object().unwrap().contains_key("details"));
});

dual_test!(files_and_json_are_sent_compressed, |app| {
    use axum::body::Body;
    use axum::http::Request;
    let dist = &app.state.config.dist;
    let wasm = "cradle-0123456789abcdef_bg.wasm";
    std::fs::write(dist.join(format!("{wasm}.br")), b"brotli bytes").unwrap();
    std::fs::write(dist.join(format!("{wasm}.gz")), b"gzip bytes").unwrap();
    let get = |path: &str, accept: &str| {
        Request::get(path)
            .header("accept-encoding", accept)
            .body(Body::empty())
            .unwrap()
    };

    // Files: the precompressed sibling the browser can read, cached for a year.
    let br = app
        .send(get(&format!("/{wasm}"), "gzip, deflate, br"))
        .await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.body, b"brotli bytes");
    assert_eq!(br.header("content-type"), Some("application/wasm"));
    assert!(br
        .header("vary")
        .is_some_and(|v| v.contains("accept-encoding")));
    assert_eq!(
        br.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let gz = app.send(get(&format!("/{wasm}"), "gzip")).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(gz.body, b"gzip bytes");
    let plain = app.send(get(&format!("/{wasm}"), "identity")).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body, b"\0asm");

    // JSON over 1 KB compressed on the way; small answers as they are.
    let spec = app.send(get("/api/openapi.json", "gzip")).await;
    assert_eq!(spec.header("content-encoding"), Some("gzip"));
    let mut json = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(spec.body.as_slice()),
        &mut json,
    )
    .unwrap();
    assert!(json.contains("\"openapi\""));
    let health = app.send(get("/api/health", "gzip, br")).await;
    assert_eq!(health.header("content-encoding"), None);
    assert!(health.json()["status"].is_string());
});

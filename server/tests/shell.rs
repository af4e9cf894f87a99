//! The server shell: health, the app's routes with SPA fallback, caching, and the JSON error
//! shape for anything that goes wrong under `/api`.

mod common;

use axum::http::{Method, StatusCode};
use common::INDEX_HTML;

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

dual_test!(app_routes_serve_index_html, |app| {
    for path in ["/", "/edit/abc", "/c/spring-club", "/preview/tok123"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.text(), INDEX_HTML, "{path}");
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
});

dual_test!(unknown_paths_get_the_app_with_404, |app| {
    for path in ["/nope", "/edit", "/c/a/b", "/missing.js"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.text(), INDEX_HTML, "{path}");
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

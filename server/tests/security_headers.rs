//! Security headers on both databases: every answer says nosniff, a strict referrer policy and no
//! framing; the app's page has a Content-Security-Policy without `unsafe-eval`; API answers are
//! not cached unless their handler says so (a login's CSRF token must never be).

mod common;

use axum::http::{Method, StatusCode};

dual_test!(every_answer_carries_the_security_headers, |app| {
    let page = app.get("/").await;
    let api = app
        .send_raw(
            Method::POST,
            "/api/auth/login",
            "application/json",
            r#"{"email":"nobody@brand.com","password":"wrong password"}"#,
        )
        .await;
    for r in [&page, &api] {
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
        assert_eq!(
            r.header("referrer-policy"),
            Some("strict-origin-when-cross-origin")
        );
        let csp = r.header("content-security-policy").expect("a policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
    }
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    assert_eq!(api.header("cache-control"), Some("no-store"));

    let s = app
        .user("e@brand.com", cradle_server::auth::Role::Editor, "Brand")
        .await;
    let me = app.call(&s, Method::GET, "/api/auth/me", None).await;
    assert!(me.json()["csrf_token"].is_string());
    assert_eq!(me.header("cache-control"), Some("no-store"));
});

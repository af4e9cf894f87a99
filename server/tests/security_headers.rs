//! Security headers on both databases: every answer says nosniff, a strict referrer policy and no
//! framing; the app's page has a Content-Security-Policy without `unsafe-eval`; API answers are
//! not cached unless their handler says so (a login's CSRF token must never be).

mod common;

use axum::http::{Method, StatusCode};
use cradle_server::auth::Role;
use serde_json::{json, Value};

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

dual_test!(only_sites_a_brand_lists_may_frame_its_member_pages, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
    let other = app.user("o@other.com", Role::Owner, "Other").await;
    let page = app.create_page(&owner, "Club", "club", "club-home").await;
    assert!(app
        .publish(&owner, &page, json!({}))
        .await
        .status
        .is_success());
    let theirs = app
        .create_page(&other, "Club", "their-club", "club-home")
        .await;
    assert!(app
        .publish(&other, &theirs, json!({}))
        .await
        .status
        .is_success());

    let framing = |origins: Value| json!({ "origins": origins });
    let refused = app
        .call(
            &editor,
            Method::PUT,
            "/api/workspace/framing",
            Some(framing(json!(["https://shop.brand.com"]))),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = app
        .call(
            &owner,
            Method::PUT,
            "/api/workspace/framing",
            Some(framing(json!([
                "https://shop.brand.com",
                "*",
                "https://a.b.com/x"
            ]))),
        )
        .await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bad.text()
    );
    assert_eq!(bad.error_paths(), ["/origins/1", "/origins/2"]);
    // Nothing was kept from the refused list: still no framing.
    let page_answer = app.get("/c/club").await;
    assert_eq!(page_answer.header("x-frame-options"), Some("DENY"));
    assert!(page_answer
        .header("content-security-policy")
        .unwrap()
        .contains("frame-ancestors 'none'"));

    let set = app
        .call(
            &owner,
            Method::PUT,
            "/api/workspace/framing",
            Some(framing(json!([
                "https://Shop.Brand.com",
                "https://*.brand.cn"
            ]))),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    let read = app
        .call(&editor, Method::GET, "/api/workspace/framing", None)
        .await;
    assert_eq!(
        read.json()["origins"],
        json!(["https://shop.brand.com", "https://*.brand.cn"])
    );

    let ours = app.get("/c/club").await;
    assert_eq!(ours.status, StatusCode::OK);
    assert_eq!(ours.header("x-frame-options"), None);
    let csp = ours.header("content-security-policy").unwrap();
    assert!(
        csp.ends_with("frame-ancestors https://shop.brand.com https://*.brand.cn"),
        "{csp}"
    );
    // The other brand's page, the editor and unknown pages still refuse every frame.
    for path in ["/c/their-club", "/", "/c/nothing-here"] {
        let r = app.get(path).await;
        assert_eq!(r.header("x-frame-options"), Some("DENY"), "{path}");
        assert!(r
            .header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'none'"));
    }
});

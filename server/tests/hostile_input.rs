//! Hostile input answered with a clear 4xx on both databases: NUL characters in JSON text and in
//! addresses (PostgreSQL cannot store them, and once answered 500), and links that browsers read
//! as another host (`\\host`, `/\host`, `\/host`).

mod common;

use axum::http::{Method, StatusCode};
use cradle_server::auth::Role;
use serde_json::json;

dual_test!(nul_characters_are_refused_with_the_field_path, |app| {
    // Unauthenticated login was a 500 on PostgreSQL.
    let r = app
        .send_raw(
            Method::POST,
            "/api/auth/login",
            "application/json",
            r#"{"email":"a\u0000@b.c","password":"x"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "invalid_body");
    assert_eq!(r.json()["error"]["details"][0]["path"], "/email");
    assert_eq!(r.json()["error"]["details"][0]["kind"], "format");

    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let page = app.create_page(&s, "Club", "club", "club-home").await;
    let mut doc = page.document.clone();
    doc["title"] = json!("会员\u{0}中心");
    let r = app.put_draft(&s, &page.id, page.version, &doc).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.json()["error"]["details"][0]["path"], "/document/title");
    // Nothing was lost: the draft is as it was.
    let kept = app.open_page(&s, &page.id).await;
    assert_eq!(kept.document["title"], "Club");

    let r = app.get("/api/published/club%00x").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
});

dual_test!(backslash_links_to_another_host_are_refused, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let page = app.create_page(&s, "Club", "club", "club-home").await;
    for link in ["\\\\evil.example", "/\\evil.example", "\\/evil.example"] {
        let mut doc = page.document.clone();
        doc["blocks"]["notice"]["props"]["link"] = json!(link);
        let r = app.put_draft(&s, &page.id, page.version, &doc).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{link}: {}",
            r.text()
        );
        let problem = &r.json()["error"]["details"][0];
        assert_eq!(problem["path"], "/blocks/notice/props/link", "{link}");
        assert_eq!(problem["kind"], "unsafe_link", "{link}");
    }
});

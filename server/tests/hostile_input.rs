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

// Amounts are bounded in the model: an adjustment of i64::MAX once overflowed `balance + $1`
// (SQLite then stored a REAL and answered 500 for that member for good).
dual_test!(amounts_are_bounded_and_answered_422, |app| {
    let s = app.user("o@brand.com", Role::Owner, "Brand").await;
    let member = app.member("Brand", "m-1").await;
    let path = format!("/api/members/{}/adjust", member.id);
    for amount in [i64::MAX, i64::MIN, 10_000_001] {
        let body = json!({"amount": amount, "reason": "test"});
        let r = app.call(&s, Method::POST, &path, Some(body)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{amount}: {}",
            r.text()
        );
        assert_eq!(r.json()["error"]["details"][0]["path"], "/amount");
    }
    let body = json!({"amount": 10_000_000, "reason": "big but allowed"});
    let r = app.call(&s, Method::POST, &path, Some(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let me = app
        .call_member(&member, Method::GET, "/api/member/me", None)
        .await;
    assert_eq!(me.json()["points"]["balance"], 10_000_000);

    let page = app
        .create_page(&s, "Wheel", "wheel", "wheel-campaign")
        .await;
    let mut doc = page.document.clone();
    doc["campaigns"][0]["prizes"][0]["weight"] = json!(4_000_000_000u64);
    doc["campaigns"][0]["cost"] = json!({"points_per_draw": 4_000_000_000u64});
    let r = app.put_draft(&s, &page.id, page.version, &doc).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let body = r.json();
    let paths: Vec<&str> = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "out_of_range")
        .filter_map(|p| p["path"].as_str())
        .collect();
    assert!(paths.contains(&"/campaigns/0/prizes/0/weight"), "{paths:?}");
    assert!(
        paths.contains(&"/campaigns/0/cost/points_per_draw"),
        "{paths:?}"
    );
});

// A declared length over what any route takes is refused before the body is read (a slow client
// declaring 100 MB once held its connection until the 30 s timeout answered 408).
dual_test!(an_oversized_declared_length_is_refused_at_once, |app| {
    for content_type in ["application/json", "image/png"] {
        let request = axum::http::Request::builder()
            .method(Method::POST)
            .uri("/api/auth/login")
            .header("content-type", content_type)
            .header("content-length", "104857600")
            .body(axum::body::Body::from("{}"))
            .unwrap();
        let r = app.send(request).await;
        assert_eq!(
            r.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{content_type}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), "body_too_large");
    }
});

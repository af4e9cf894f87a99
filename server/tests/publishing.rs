//! Publishing: versions, live pages with ETag and schedules, rollback, slugs, and stock that
//! republishing never resets.

mod common;

use axum::http::{Method, Request, StatusCode};
use chrono::{Duration, Utc};
use common::pages::Page;
use cradle_server::auth::Role;
use cradle_server::store::publishing;
use serde_json::json;

dual_test!(
    publish_serves_members_with_etag_and_no_quiz_answers,
    |app| {
        let s = app.user("e@brand.com", Role::Editor, "Brand").await;
        let mut page = app.create_page(&s, "Club", "club", "club-home").await;
        page.document["blocks"]["quiz"] = json!({"id": "quiz", "kind": "quiz"});
        page.document["blocks"]["page"]["slots"]["main"]
            .as_array_mut()
            .unwrap()
            .push(json!("quiz"));
        app.save_draft(&s, &mut page).await;

        let r = app.publish(&s, &page, json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json(), json!({"number": 1, "url": "/c/club"}));

        let live = app.get("/api/published/club").await;
        assert_eq!(live.status, StatusCode::OK);
        let etag = live.header("etag").unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.len() == 66, "{etag}");
        assert!(live.header("cache-control").unwrap().contains("max-age="));
        let body = live.json();
        assert_eq!(body["number"], 1);
        assert_eq!(body["document"]["title"], "Club");
        assert!(body["document"]["blocks"]["quiz"]["props"]["questions"][0]
            .get("answer")
            .is_none());
        assert!(!live.text().contains("\"answer\""));

        let request = Request::get("/api/published/club")
            .header("if-none-match", &etag)
            .body(axum::body::Body::empty())
            .unwrap();
        let cached = app.send(request).await;
        assert_eq!(cached.status, StatusCode::NOT_MODIFIED);
        assert!(cached.body.is_empty());

        let missing = app.get("/api/published/no-such-page").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.error_code(), "not_found");
        let bad_slug = app.get("/api/published/..%2Fetc").await;
        assert_eq!(bad_slug.status, StatusCode::NOT_FOUND);
    }
);

dual_test!(publishing_a_stale_draft_is_refused, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut page = app.create_page(&s, "Club", "club", "blank").await;
    app.save_draft(&s, &mut page).await;
    let stale = Page { version: 1, ..page };
    let r = app.publish(&s, &stale, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["error"]["details"]["current_version"], 2);
    assert_eq!(
        app.get("/api/published/club").await.status,
        StatusCode::NOT_FOUND
    );
});

dual_test!(schedules_open_and_close_the_page, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let now = Utc::now();
    let later = app.create_page(&s, "Later", "later", "blank").await;
    let r = app
        .publish(
            &s,
            &later,
            json!({"starts_at": (now + Duration::hours(1)).to_rfc3339()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let early = app.get("/api/published/later").await;
    assert_eq!(early.status, StatusCode::FORBIDDEN);
    assert_eq!(early.error_code(), "not_started");
    assert!(early.json()["error"]["details"]["starts_at"].is_string());

    let over = app.create_page(&s, "Over", "over", "blank").await;
    let window = json!({"starts_at": (now - Duration::hours(2)).to_rfc3339(), "ends_at": (now - Duration::seconds(1)).to_rfc3339()});
    assert_eq!(
        app.publish(&s, &over, window).await.status,
        StatusCode::CREATED
    );
    let ended = app.get("/api/published/over").await;
    assert_eq!(ended.status, StatusCode::GONE);
    assert_eq!(ended.error_code(), "ended");

    let open = app.create_page(&s, "Open", "open", "blank").await;
    let window = json!({"starts_at": (now - Duration::seconds(1)).to_rfc3339(), "ends_at": (now + Duration::hours(1)).to_rfc3339()});
    assert_eq!(
        app.publish(&s, &open, window).await.status,
        StatusCode::CREATED
    );
    assert_eq!(app.get("/api/published/open").await.status, StatusCode::OK);

    let backwards = app.create_page(&s, "Backwards", "backwards", "blank").await;
    let window = json!({"starts_at": now.to_rfc3339(), "ends_at": now.to_rfc3339()});
    let r = app.publish(&s, &backwards, window).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["details"][0]["path"], "/ends_at");
});

dual_test!(a_page_opens_on_its_own_schedule, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let now = Utc::now();
    let mut page = app.create_page(&s, "Later", "later", "blank").await;
    page.document["schedule"] = json!({"start": (now + Duration::hours(1)).to_rfc3339()});
    app.save_draft(&s, &mut page).await;
    assert_eq!(
        app.publish(&s, &page, json!({})).await.status,
        StatusCode::CREATED
    );
    let early = app.get("/api/published/later").await;
    assert_eq!(early.status, StatusCode::FORBIDDEN);
    assert_eq!(early.error_code(), "not_started");
    // Times sent with the publish request win over the page's own.
    let open_now =
        json!({"version": page.version, "starts_at": (now - Duration::seconds(1)).to_rfc3339()});
    let r = app
        .call(
            &s,
            Method::POST,
            &format!("{}/publish", page.path()),
            Some(open_now),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(app.get("/api/published/later").await.status, StatusCode::OK);
    // A schedule that closes before it opens is refused on its field.
    page.document["schedule"] = json!({"start": now.to_rfc3339(), "end": now.to_rfc3339()});
    let r = app
        .put_draft(&s, &page.id, page.version, &page.document)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.error_paths().iter().any(|p| p == "/schedule/end"),
        "{}",
        r.text()
    );
});

dual_test!(versions_and_rollback, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut page = app.create_page(&s, "First", "club", "blank").await;
    assert_eq!(
        app.publish(&s, &page, json!({})).await.status,
        StatusCode::CREATED
    );
    page.document["title"] = json!("Second");
    app.save_draft(&s, &mut page).await;
    assert_eq!(app.publish(&s, &page, json!({})).await.json()["number"], 2);
    assert_eq!(
        app.get("/api/published/club").await.json()["document"]["title"],
        "Second"
    );

    let rolled = app
        .call(
            &s,
            Method::POST,
            &format!("/api/documents/{}/versions/1/rollback", page.id),
            None,
        )
        .await;
    assert_eq!(rolled.status, StatusCode::CREATED);
    assert_eq!(rolled.json()["number"], 3);
    let live = app.get("/api/published/club").await.json();
    assert_eq!(live["document"]["title"], "First");
    assert_eq!(live["number"], 3);

    let versions = app
        .call(
            &s,
            Method::GET,
            &format!("/api/documents/{}/versions", page.id),
            None,
        )
        .await
        .json();
    let numbers: Vec<i64> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [3, 2, 1]);
    assert_eq!(versions[0]["live"], true);
    assert_eq!(versions[1]["live"], false);
    assert_eq!(versions[0]["published_by"], "e@brand.com");
    assert_eq!(
        versions[0]["content_hash"], versions[2]["content_hash"],
        "same content, same hash"
    );
    let missing = app
        .call(
            &s,
            Method::POST,
            &format!("/api/documents/{}/versions/9/rollback", page.id),
            None,
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
});

dual_test!(live_slugs_are_unique, |app| {
    let a = app.user("a@brand-a.com", Role::Editor, "Brand A").await;
    let b = app.user("b@brand-b.com", Role::Editor, "Brand B").await;
    let first = app.create_page(&a, "Club", "club", "blank").await;
    assert_eq!(
        app.publish(&a, &first, json!({})).await.status,
        StatusCode::CREATED
    );
    let same_workspace = app.create_page(&a, "Club two", "club", "blank").await;
    let r = app.publish(&a, &same_workspace, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "slug_taken");
    let other_workspace = app.create_page(&b, "Club", "club", "blank").await;
    assert_eq!(
        app.publish(&b, &other_workspace, json!({})).await.status,
        StatusCode::CONFLICT
    );
    // Republishing the holder under a new slug frees the old one.
    let mut moved = first;
    moved.document["slug"] = json!("club-2027");
    app.save_draft(&a, &mut moved).await;
    assert_eq!(
        app.publish(&a, &moved, json!({})).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.publish(&a, &same_workspace, json!({})).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.get("/api/published/club").await.json()["document"]["title"],
        "Club two"
    );
});

dual_test!(republishing_keeps_what_was_issued, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut page = app
        .create_page(&s, "Wheel", "wheel", "wheel-campaign")
        .await;
    page.document["campaigns"][0]["prizes"][1]["stock"] = json!({"limited": 100});
    app.save_draft(&s, &mut page).await;
    assert_eq!(
        app.publish(&s, &page, json!({})).await.status,
        StatusCode::CREATED
    );
    // 40 coupons are issued (what the draw engine does).
    sqlx::query("UPDATE prize_stock SET issued = 40, remaining = remaining - 40 WHERE prize_id = 'coupon-20'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        app.publish(&s, &page, json!({})).await.status,
        StatusCode::CREATED
    );
    let stock = publishing::stock(&app.db, &page.id, "spring-wheel")
        .await
        .unwrap();
    let coupon = stock.iter().find(|(id, ..)| id == "coupon-20").unwrap();
    assert_eq!(coupon, &("coupon-20".to_owned(), Some(100), 40, Some(60)));
    let unlimited = stock.iter().find(|(id, ..)| id == "thanks-1").unwrap();
    assert_eq!(unlimited.1, None);

    page.document["campaigns"][0]["prizes"][1]["stock"] = json!({"limited": 30});
    app.save_draft(&s, &mut page).await;
    let r = app.publish(&s, &page, json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = &r.json()["error"]["details"][0];
    assert_eq!(error["path"], "/campaigns/0/prizes/1/stock");
    assert!(error["message"].as_str().unwrap().contains("40"));
    // Nothing changed: still version 2 live, stock as before.
    assert_eq!(app.get("/api/published/wheel").await.json()["number"], 2);
    let stock = publishing::stock(&app.db, &page.id, "spring-wheel")
        .await
        .unwrap();
    assert!(stock.contains(&("coupon-20".to_owned(), Some(100), 40, Some(60))));

    page.document["campaigns"][0]["prizes"][1]["stock"] = json!({"limited": 40});
    app.save_draft(&s, &mut page).await;
    assert_eq!(
        app.publish(&s, &page, json!({})).await.status,
        StatusCode::CREATED
    );
    let stock = publishing::stock(&app.db, &page.id, "spring-wheel")
        .await
        .unwrap();
    assert!(stock.contains(&("coupon-20".to_owned(), Some(40), 40, Some(0))));
});

dual_test!(publishing_respects_roles_and_workspaces, |app| {
    let a = app.user("a@brand-a.com", Role::Editor, "Brand A").await;
    let viewer = app.user("v@brand-a.com", Role::Viewer, "Brand A").await;
    let b = app.user("b@brand-b.com", Role::Owner, "Brand B").await;
    let page = app.create_page(&a, "Club", "club", "blank").await;
    assert_eq!(
        app.publish(&viewer, &page, json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.publish(&b, &page, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.publish(&a, &page, json!({})).await.status,
        StatusCode::CREATED
    );
    let versions = format!("/api/documents/{}/versions", page.id);
    assert_eq!(
        app.call(&b, Method::GET, &versions, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(&viewer, Method::GET, &versions, None).await.status,
        StatusCode::OK
    );
    let rollback = format!("/api/documents/{}/versions/1/rollback", page.id);
    assert_eq!(
        app.call(&b, Method::POST, &rollback, None).await.status,
        StatusCode::NOT_FOUND
    );
});

//! Drafts: list, create, open, save with version checks, validation, bin, duplicate, and
//! workspace isolation.

mod common;

use axum::http::{Method, StatusCode};
use cradle_server::auth::Role;
use serde_json::json;

dual_test!(create_from_templates_and_open, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let blank = app
        .create_page_with(&s, json!({"title": "Spring Club 2027"}))
        .await;
    assert_eq!(blank.version, 1);
    assert_eq!(blank.document["slug"], "spring-club-2027");
    assert_eq!(blank.document["id"], blank.id.as_str());

    let wheel = app
        .create_page(&s, "Wheel", "wheel", "wheel-campaign")
        .await;
    assert_eq!(wheel.document["campaigns"][0]["game"], "wheel");
    let opened = app.call(&s, Method::GET, &wheel.path(), None).await;
    assert_eq!(opened.status, StatusCode::OK);
    assert_eq!(opened.json()["document"], wheel.document);

    let bad = app
        .call(
            &s,
            Method::POST,
            "/api/documents",
            Some(json!({"title": "X", "template": "nope"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["error"]["details"][0]["path"], "/template");
    let bad_slug = app
        .call(
            &s,
            Method::POST,
            "/api/documents",
            Some(json!({"title": "X", "slug": "Bad Slug"})),
        )
        .await;
    assert_eq!(bad_slug.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_slug.json()["error"]["details"][0]["path"], "/slug");
});

dual_test!(
    templates_are_written_in_the_page_language_chinese_first,
    |app| {
        let s = app.user("e@brand.com", Role::Editor, "Brand").await;
        let zh = app.create_page(&s, "会员俱乐部", "club", "club-home").await;
        assert_eq!(zh.document["language"], "zh-CN");
        let notice = &zh.document["blocks"]["notice"]["props"]["text"];
        assert_eq!(notice, "新会员注册即送 100 积分，每日签到积分领不停");
        // Props the template leaves to the catalogue take its Chinese defaults too.
        assert_eq!(zh.document["blocks"]["card"]["props"]["title"], "我的会员");

        let body =
            json!({"title": "Club", "slug": "club-en", "template": "club-home", "language": "en"});
        let en = app.create_page_with(&s, body).await;
        assert_eq!(en.document["language"], "en");
        let notice = &en.document["blocks"]["notice"]["props"]["text"];
        assert_eq!(notice, "New members get 100 points: sign in daily for more");
        assert_eq!(
            en.document["blocks"]["card"]["props"]["title"],
            "My membership"
        );
        let blank = app
            .create_page_with(&s, json!({"title": "Blank", "language": "en"}))
            .await;
        assert_eq!(blank.document["language"], "en");

        let bad = app
            .call(
                &s,
                Method::POST,
                "/api/documents",
                Some(json!({"title": "X", "language": "fr"})),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["error"]["details"][0]["path"], "/language");
    }
);

dual_test!(
    template_campaigns_are_open_the_day_a_page_is_created,
    |app| {
        let s = app.user("e@brand.com", Role::Editor, "Brand").await;
        let page = app
            .create_page(&s, "双11抽奖", "s11", "double-11-lottery")
            .await;
        let at = |v: &serde_json::Value| {
            chrono::DateTime::parse_from_rfc3339(v.as_str().expect("a date")).expect("RFC 3339")
        };
        let window = &page.document["campaigns"][0]["window"];
        let (start, end) = (at(&window["start"]), at(&window["end"]));
        let now = chrono::Utc::now();
        assert!(start <= now && now < end, "{window}");
        assert_eq!(end - start, chrono::TimeDelta::days(11));
        let countdown = &page.document["blocks"]["countdown"]["props"]["target"];
        assert_eq!(at(countdown), end);
    }
);

dual_test!(saves_check_the_version_and_never_overwrite, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let doc = app
        .create_page_with(&s, json!({"title": "Club", "template": "club-home"}))
        .await;
    let mut mine = doc.document.clone();
    mine["title"] = json!("Mine");
    let saved = app.put_draft(&s, &doc.id, 1, &mine).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(saved.json()["version"], 2);

    // A second tab still on version 1.
    let mut theirs = doc.document.clone();
    theirs["title"] = json!("Theirs");
    let stale = app.put_draft(&s, &doc.id, 1, &theirs).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.error_code(), "version_conflict");
    assert_eq!(stale.json()["error"]["details"]["current_version"], 2);
    let now = app.open_page(&s, &doc.id).await;
    assert_eq!(now.document["title"], "Mine");
    assert_eq!(now.version, 2);
});

dual_test!(invalid_pages_get_422_with_every_path, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let doc = app
        .create_page_with(&s, json!({"title": "Wheel", "template": "wheel-campaign"}))
        .await;
    let mut bad = doc.document.clone();
    bad["campaigns"][0]["prizes"][1]["weight"] = json!(0);
    bad["blocks"]["hero"]["props"]["text"] = json!("");
    let r = app.put_draft(&s, &doc.id, 1, &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let paths = r.error_paths();
    assert!(
        paths.iter().any(|p| p == "/campaigns/0/prizes/1/weight"),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|p| p == "/blocks/hero/props/text"),
        "{paths:?}"
    );

    let mut typed = doc.document.clone();
    typed["theme"]["radius"] = json!("round");
    let r = app.put_draft(&s, &doc.id, 1, &typed).await;
    assert_eq!(r.json()["error"]["details"][0]["path"], "/theme/radius");

    let mut other = doc.document.clone();
    other["id"] = json!("someone-else");
    let r = app.put_draft(&s, &doc.id, 1, &other).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing was saved.
    assert_eq!(app.open_page(&s, &doc.id).await.version, 1);
});

dual_test!(malformed_and_oversize_bodies_get_json_errors, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let raw = |body: &'static str, content_type: &'static str| {
        let s = s.clone();
        async move {
            let request = axum::http::Request::post("/api/documents")
                .header("cookie", &s.cookie)
                .header("x-csrf-token", &s.csrf)
                .header("content-type", content_type)
                .body(axum::body::Body::from(body))
                .unwrap();
            app.send(request).await
        }
    };
    let broken = raw("{\"title\": ", "application/json").await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.error_code(), "bad_request");
    let wrong_type = raw("{\"title\": 5}", "application/json").await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong_type.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("title"));
    let not_json = raw("title=x", "application/x-www-form-urlencoded").await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let huge = json!({"title": "x".repeat(3 * 1024 * 1024)});
    let r = app
        .call(&s, Method::POST, "/api/documents", Some(huge))
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.error_code(), "body_too_large");
});

dual_test!(list_search_paginate_delete_restore_duplicate, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    for title in [
        "Spring wheel",
        "Summer club",
        "Spring grid",
        "100% off_sale",
    ] {
        app.create_page_with(&s, json!({"title": title})).await;
    }
    let all = app
        .call(&s, Method::GET, "/api/documents", None)
        .await
        .json();
    assert_eq!(all["total"], 4);
    let spring = app
        .call(&s, Method::GET, "/api/documents?q=SPRING", None)
        .await
        .json();
    assert_eq!(spring["total"], 2);
    let literal = app
        .call(&s, Method::GET, "/api/documents?q=%25%20off_", None)
        .await
        .json();
    assert_eq!(literal["total"], 1, "% and _ are matched literally");
    let page2 = app
        .call(&s, Method::GET, "/api/documents?per_page=3&page=2", None)
        .await
        .json();
    assert_eq!(page2["items"].as_array().unwrap().len(), 1);
    let bad = app
        .call(&s, Method::GET, "/api/documents?per_page=500", None)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let id = spring["items"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/documents/{id}");
    assert_eq!(
        app.call(&s, Method::DELETE, &path, None).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.call(&s, Method::DELETE, &path, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(&s, Method::GET, "/api/documents", None)
            .await
            .json()["total"],
        3
    );
    let bin = app
        .call(&s, Method::GET, "/api/documents?deleted=true", None)
        .await
        .json();
    assert_eq!(bin["items"][0]["id"], id.as_str());
    assert!(bin["items"][0]["deleted_at"].is_i64());
    let doc = app.call(&s, Method::GET, &path, None).await.json();
    let save = app.put_draft(&s, &id, 1, &doc["document"]).await;
    assert_eq!(
        save.status,
        StatusCode::NOT_FOUND,
        "deleted pages cannot be saved"
    );
    let restored = app
        .call(&s, Method::POST, &format!("{path}/restore"), None)
        .await;
    assert_eq!(restored.status, StatusCode::OK);
    assert_eq!(
        app.call(&s, Method::GET, "/api/documents", None)
            .await
            .json()["total"],
        4
    );

    let copy = app
        .call(&s, Method::POST, &format!("{path}/duplicate"), None)
        .await;
    assert_eq!(copy.status, StatusCode::CREATED);
    let copy = copy.json();
    assert_ne!(copy["id"], id.as_str());
    assert!(copy["document"]["title"]
        .as_str()
        .unwrap()
        .ends_with("(copy)"));
    assert!(copy["document"]["slug"]
        .as_str()
        .unwrap()
        .ends_with("-copy"));
});

dual_test!(other_workspaces_get_404_for_everything, |app| {
    let a = app.user("a@brand-a.com", Role::Owner, "Brand A").await;
    let b = app.user("b@brand-b.com", Role::Owner, "Brand B").await;
    let doc = app.create_page_with(&a, json!({"title": "A's page"})).await;
    let path = doc.path();
    let save = json!({"version": 1, "document": doc.document});
    for (method, uri, body) in [
        (Method::GET, path.clone(), None),
        (Method::PUT, path.clone(), Some(save)),
        (Method::DELETE, path.clone(), None),
        (Method::POST, format!("{path}/duplicate"), None),
        (Method::POST, format!("{path}/restore"), None),
    ] {
        let r = app.call(&b, method.clone(), &uri, body).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} {uri}");
    }
    assert_eq!(
        app.call(&b, Method::GET, "/api/documents", None)
            .await
            .json()["total"],
        0
    );
    assert_eq!(
        app.call(&a, Method::GET, &path, None).await.json()["version"],
        1
    );
});

dual_test!(chinese_titles_get_readable_free_addresses, |app| {
    let s = app.user("o@brand.com", Role::Owner, "Brand").await;
    let first = app.create_page_with(&s, json!({"title": "双11抽奖"})).await;
    assert_eq!(first.document["slug"], "shuang-11-chou-jiang");
    assert!(app.publish(&s, &first, json!({})).await.status.is_success());
    // The same title again: the next free address, and it publishes too.
    let second = app.create_page_with(&s, json!({"title": "双11抽奖"})).await;
    assert_eq!(second.document["slug"], "shuang-11-chou-jiang-2");
    let published = app.publish(&s, &second, json!({})).await;
    assert!(published.status.is_success(), "{}", published.text());
    let copy = app
        .call(
            &s,
            Method::POST,
            &format!("{}/duplicate", first.path()),
            None,
        )
        .await;
    assert_eq!(copy.json()["document"]["slug"], "shuang-11-chou-jiang-copy");

    let check = |slug: &str, document: &str| format!("/api/addresses/{slug}?document={document}");
    let taken = app
        .call(&s, Method::GET, &check("shuang-11-chou-jiang", ""), None)
        .await
        .json();
    assert_eq!(taken["available"], false);
    assert_eq!(taken["valid"], true);
    assert_eq!(taken["suggestion"], "shuang-11-chou-jiang-3");
    // A page's own address is free for it.
    let own = app
        .call(
            &s,
            Method::GET,
            &check("shuang-11-chou-jiang", &first.id),
            None,
        )
        .await
        .json();
    assert_eq!(own["available"], true);
    // Not an address at all: the readable one it would become.
    let chinese = app
        .call(&s, Method::GET, &check("%E6%98%A5%E5%AD%A3", ""), None)
        .await;
    assert_eq!(chinese.status, StatusCode::OK, "{}", chinese.text());
    let chinese = chinese.json();
    assert_eq!(chinese["valid"], false);
    assert_eq!(chinese["available"], false);
    assert_eq!(chinese["suggestion"], "chun-ji");
    let viewer = app.user("v@brand.com", Role::Viewer, "Brand").await;
    let seen = app
        .call(&viewer, Method::GET, &check("free-one", ""), None)
        .await
        .json();
    assert_eq!(seen["available"], true);
    assert_eq!(
        app.get(&check("free-one", "")).await.status,
        StatusCode::UNAUTHORIZED
    );
});

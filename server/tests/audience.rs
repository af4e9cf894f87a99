//! Audience rules applied by the server: `GET /api/published/{slug}` sends each member only the
//! blocks whose audience admits her (today in the workspace's zone), and a visitor, or a member
//! of another brand, only the untargeted ones. Checked over HTTP, not in a UI.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::{Days, Utc};
use cradle_server::auth::Role;
use cradle_server::club::token::ProfileClaims;
use serde_json::{json, Value};

/// The ids of the blocks a page answer holds.
fn block_ids(answer: &Value) -> Vec<String> {
    let mut ids: Vec<String> = answer["document"]["blocks"]
        .as_object()
        .expect("blocks")
        .keys()
        .cloned()
        .collect();
    ids.sort();
    ids
}

dual_test!(each_member_gets_only_the_blocks_meant_for_her, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let page = app
        .create_page(&owner, "孕育指南", "guide", "stage-guide")
        .await;
    assert!(app
        .publish(&owner, &page, json!({}))
        .await
        .status
        .is_success());
    let today = Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();

    let visitor = app.get("/api/published/guide").await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert_eq!(block_ids(&visitor.json()), ["hero", "page", "tips"]);
    assert!(!visitor.text().contains("audience"), "{}", visitor.text());
    assert_eq!(visitor.header("cache-control"), Some("private, no-cache"));
    assert!(visitor.header("vary").is_some_and(|v| v.contains("Cookie")));

    let week_20 = ProfileClaims {
        due_date: Some(today + Days::new(20 * 7)),
        ..ProfileClaims::default()
    };
    let token = app.member_token("Brand", "mum-20w", week_20, 1).await;
    let pregnant = app.open_member(&token, Some("guide")).await.unwrap();
    let answer = app
        .call_member(&pregnant, Method::GET, "/api/published/guide", None)
        .await;
    let ids = block_ids(&answer.json());
    assert!(ids.contains(&"mid-text".to_owned()), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("newborn")), "{ids:?}");
    assert!(!answer.text().contains("宝宝出生头几个月") && answer.text().contains("大排畸"));

    let newborn = ProfileClaims {
        baby_birth_date: Some(today - Days::new(30)),
        ..ProfileClaims::default()
    };
    let token = app.member_token("Brand", "mum-newborn", newborn, 1).await;
    let mother = app.open_member(&token, Some("guide")).await.unwrap();
    let answer = app
        .call_member(&mother, Method::GET, "/api/published/guide", None)
        .await;
    let ids = block_ids(&answer.json());
    assert!(ids.contains(&"newborn-text".to_owned()), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("mid")), "{ids:?}");
    assert!(!answer.text().contains("大排畸"));
    // Different content, different validators: a cache keyed on the ETag cannot mix them up.
    assert_ne!(answer.header("etag"), visitor.header("etag"));

    // A member of another brand is a visitor here.
    let theirs = ProfileClaims {
        due_date: Some(today + Days::new(20 * 7)),
        ..ProfileClaims::default()
    };
    let token = app.member_token("Other", "mum-elsewhere", theirs, 1).await;
    let stranger = app.open_member(&token, None).await.unwrap();
    let answer = app
        .call_member(&stranger, Method::GET, "/api/published/guide", None)
        .await;
    assert_eq!(block_ids(&answer.json()), ["hero", "page", "tips"]);

    // A stale or forged cookie is a visitor too, not an error.
    let forged = Request::get("/api/published/guide")
        .header("cookie", "cradle_member=not-a-session")
        .body(Body::empty())
        .unwrap();
    let answer = app.send(forged).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(block_ids(&answer.json()), ["hero", "page", "tips"]);
});

dual_test!(an_untargeted_page_stays_shared_and_cacheable, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let page = app.create_page(&owner, "Club", "club", "club-home").await;
    assert!(app
        .publish(&owner, &page, json!({}))
        .await
        .status
        .is_success());
    let answer = app.get("/api/published/club").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer
        .header("cache-control")
        .is_some_and(|c| c.starts_with("public")));
    // Varied by encoding only, never by who asks.
    assert!(!answer.header("vary").unwrap_or_default().contains("Cookie"));
});

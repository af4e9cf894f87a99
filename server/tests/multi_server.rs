//! Several servers on one PostgreSQL, as behind a balancer: two apps on one schema, each with its
//! own pool, caches, rate-limit store and draw writer. They share draw and login limits at once,
//! see each other's logouts at once and each other's publishes within the live-page cache's
//! bound ([`LIVE_TTL`]). PostgreSQL only: one SQLite file has one server.

mod common;

use std::future::Future;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use common::wheel::{campaign, draw, only_thanks, publish, republish};
use common::TestApp;
use cradle_server::auth::Role;
use cradle_server::draws::published::LIVE_TTL;
use serde_json::json;

const ODDS: &str = "/api/published/wheel/campaigns/spring-wheel/odds";

/// How long after the change `done` first held, polling every 20 ms for at most `bound` and a
/// second of slack for a busy machine; `None` if it never did.
async fn seen_within<F: Future<Output = bool>>(
    bound: Duration,
    mut done: impl FnMut() -> F,
) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() <= bound + Duration::from_secs(1) {
        if done().await {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_publish_on_one_server_reaches_the_others_within_the_bound() {
    let Some(a) = TestApp::postgres().await else {
        return;
    };
    let b = a.peer(|_| {}).await;
    let wheel = || campaign(only_thanks(), "thanks", json!({}));
    let (s, id) = publish(&a, "Brand", "wheel", wheel()).await;
    assert_eq!(b.get(ODDS).await.json()["version"], 1, "B caches version 1");

    republish(&a, &s, &id, wheel()).await;
    let seen = seen_within(LIVE_TTL, || async {
        b.get(ODDS).await.json()["version"] == 2
    })
    .await;
    assert!(seen.is_some(), "B never served version 2");

    // Published at another address, the page leaves the old one on every server.
    let mut page = a.open_page(&s, &id).await;
    page.document["slug"] = json!("wheel-moved");
    a.save_draft(&s, &mut page).await;
    let moved = a.publish(&s, &page, json!({})).await;
    assert_eq!(moved.status, StatusCode::CREATED, "{}", moved.text());
    let gone = seen_within(LIVE_TTL, || async {
        b.get(ODDS).await.status == StatusCode::NOT_FOUND
    })
    .await;
    assert!(gone.is_some(), "B kept serving the old address");
    let odds = b
        .get("/api/published/wheel-moved/campaigns/spring-wheel/odds")
        .await;
    assert_eq!(odds.json()["version"], 3);
    b.finish().await;
    a.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_logout_on_one_server_ends_the_session_on_every_server() {
    let Some(a) = TestApp::postgres().await else {
        return;
    };
    let b = a.peer(|_| {}).await;
    let s = a.user("owner@brand.test", Role::Owner, "Brand").await;
    let me = b.call(&s, Method::GET, "/api/auth/me", None).await;
    assert_eq!(me.status, StatusCode::OK);
    let out = a.call(&s, Method::POST, "/api/auth/logout", None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    // Staff sessions are read from the database on every request: no bound to wait for.
    let me = b.call(&s, Method::GET, "/api/auth/me", None).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    b.finish().await;
    a.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_servers_share_draw_and_login_limits() {
    let Some(first) = TestApp::postgres().await else {
        return;
    };
    let three_a_minute = |c: &mut cradle_server::Config| c.draw_rate_per_member = 3;
    let a = first.peer(three_a_minute).await;
    let b = first.peer(three_a_minute).await;
    publish(
        &first,
        "Brand",
        "wheel",
        campaign(only_thanks(), "thanks", json!({})),
    )
    .await;
    let m = first.member("Brand", "m-1").await;
    let mut statuses = Vec::new();
    for (i, server) in [&a, &b, &a, &b].into_iter().enumerate() {
        statuses.push(draw(server, &m, "wheel", &format!("k{i}")).await.status);
    }
    use StatusCode as S;
    assert_eq!(
        statuses,
        [S::CREATED, S::CREATED, S::CREATED, S::TOO_MANY_REQUESTS]
    );

    first.user("owner@brand.test", Role::Owner, "Brand").await;
    for server in [&a, &b, &a, &b, &a] {
        let failed = server.login("owner@brand.test", "guess").await.unwrap_err();
        assert_eq!(failed.status, S::UNAUTHORIZED);
    }
    for server in [&a, &b] {
        let limited = server.login("owner@brand.test", "guess").await.unwrap_err();
        assert_eq!(limited.status, S::TOO_MANY_REQUESTS);
    }
    a.finish().await;
    b.finish().await;
    first.finish().await;
}

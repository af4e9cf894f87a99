//! `GET …/campaigns/{campaign}/standing`: what a member may still do in a campaign before she
//! plays (cost, free draws, draws and wins left, points), from the counters draws are limited by.

mod common;

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use common::wheel;
use serde_json::json;

const PATH: &str = "/api/published/wheel/campaigns/spring-wheel/standing";

dual_test!(standing_follows_each_draw, |app| {
    let limits = json!({
        "cost": {"points_per_draw": 10, "free_draws_per_day": 1},
        "limits": {"per_member_per_day": 3, "per_member_total": 5, "max_wins_per_member": 1},
    });
    let campaign = wheel::campaign(wheel::only_thanks(), "thanks", limits);
    let (s, id) = wheel::publish(app, "Brand", "wheel", campaign).await;
    let member = app.member("Brand", "m1").await;
    app.grant_points(&member, 100).await;

    let before = app.call_member(&member, Method::GET, PATH, None).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.text());
    let b = before.json();
    assert_eq!(b["playable"], "open");
    assert_eq!(b["next_draw_cost"], 0);
    assert_eq!(b["free_draws_left_today"], 1);
    assert_eq!(b["draws_left_today"], 3);
    assert_eq!(b["draws_left_total"], 5);
    assert_eq!(b["wins_left"], 1);
    assert_eq!(b["balance"], 100);

    assert!(wheel::draw(app, &member, "wheel", "k1")
        .await
        .status
        .is_success());
    assert!(wheel::draw(app, &member, "wheel", "k2")
        .await
        .status
        .is_success());
    let after = app
        .call_member(&member, Method::GET, PATH, None)
        .await
        .json();
    assert_eq!(after["draws_today"], 2);
    assert_eq!(after["free_draws_left_today"], 0);
    assert_eq!(after["next_draw_cost"], 10);
    assert_eq!(after["draws_left_today"], 1);
    assert_eq!(after["draws_left_total"], 3);
    assert_eq!(after["balance"], 90, "the second draw cost 10 points");

    // Visitors have no standing; another brand's member does not see this page.
    assert_eq!(app.get(PATH).await.status, StatusCode::UNAUTHORIZED);
    let stranger = app.member("Other brand", "m2").await;
    let theirs = app.call_member(&stranger, Method::GET, PATH, None).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);

    // Before the window opens it says so.
    let later = json!({
        "window": {
            "start": (Utc::now() + Duration::days(1)).to_rfc3339(),
            "end": (Utc::now() + Duration::days(2)).to_rfc3339(),
        }
    });
    wheel::republish(
        app,
        &s,
        &id,
        wheel::campaign(wheel::only_thanks(), "thanks", later),
    )
    .await;
    let early = app
        .call_member(&member, Method::GET, PATH, None)
        .await
        .json();
    assert_eq!(early["playable"], "not_started");
});

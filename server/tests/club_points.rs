//! The points ledger: lazy expiry oldest first, spends that never overdraw, the daily cap on
//! interaction points, and staff adjustments (tiers survive spending).

mod common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use common::club::{balance, earn, me, publish_club_page, put_settings};
use cradle_model::club::Expiry;
use cradle_model::ClubSettings;
use cradle_server::auth::Role;
use cradle_server::club::day;
use cradle_server::club::ledger::{self, Entry};
use cradle_server::store::now_ms;
use serde_json::{json, Value};

const DAY_MS: i64 = 24 * 3600 * 1000;

dual_test!(points_expire_lazily_oldest_first, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut club = ClubSettings::default();
    club.points.expiry = Expiry::AfterDays(1);
    put_settings(app, &staff, &club).await;
    let m = app.member("Brand", "m-1").await;
    let now = now_ms();
    earn(app, &m, 100, now - 3 * DAY_MS).await; // lapsed 2 days ago
    let mut conn = app.db.pool.acquire().await.unwrap();
    let spend = |amount: i64, at: i64| Entry {
        workspace_id: &m.workspace_id,
        member_id: &m.id,
        amount,
        reason: "redeem",
        source: "test",
        now_ms: at,
    };
    assert!(ledger::spend(&mut conn, &spend(30, now - 5 * DAY_MS / 2))
        .await
        .unwrap());
    earn(app, &m, 50, now - DAY_MS / 2).await; // still valid for half a day
                                               // The 70 unspent points of the first lot lapsed; the 50 of the second remain.
    assert_eq!(balance(app, &m).await, 50);
    assert!(!ledger::spend(&mut conn, &spend(60, now)).await.unwrap());
    assert_eq!(balance(app, &m).await, 50, "a refused spend writes nothing");
    let profile = me(app, &m).await;
    let recent = profile["points"]["recent"].as_array().unwrap().clone();
    let expired: Vec<&Value> = recent.iter().filter(|e| e["kind"] == "expire").collect();
    assert_eq!(expired.len(), 1, "applied once: {recent:?}");
    assert_eq!(expired[0]["amount"], -70);
    // Growth counts everything earned; expiry and spending never lower it.
    assert_eq!(profile["points"]["growth"], 150);
    assert!(ledger::spend(&mut conn, &spend(50, now)).await.unwrap());
    assert_eq!(me(app, &m).await["points"]["growth"], 150);
    assert_eq!(balance(app, &m).await, 0);
});

// Points spent before a lot existed do not shield it: 100 points, 60 spent, the policy switched
// to lapse at once, 10 earned: the 10 lapse and 40 remain (the 60 came out of the first lot).
dual_test!(a_policy_change_lapses_new_points_spent_before_them, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut club = ClubSettings::default();
    club.points.expiry = Expiry::EndOfFollowingYear;
    put_settings(app, &staff, &club).await;
    let m = app.member("Brand", "m-1").await;
    let now = now_ms();
    earn(app, &m, 100, now - 2 * DAY_MS).await;
    let mut conn = app.db.pool.acquire().await.unwrap();
    let spend = Entry {
        workspace_id: &m.workspace_id,
        member_id: &m.id,
        amount: 60,
        reason: "redeem",
        source: "test",
        now_ms: now - DAY_MS,
    };
    assert!(ledger::spend(&mut conn, &spend).await.unwrap());
    club.points.expiry = Expiry::AfterDays(0);
    put_settings(app, &staff, &club).await;
    earn(app, &m, 10, now - 1_000).await;
    assert_eq!(balance(app, &m).await, 40);
    let recent = me(app, &m).await["points"]["recent"].clone();
    assert_eq!(recent[0]["kind"], "expire");
    assert_eq!(recent[0]["amount"], -10);
});

// Lines written in the same millisecond read back newest first in the order written.
dual_test!(ledger_lines_of_one_millisecond_keep_their_order, |app| {
    let m = app.member("Brand", "m-1").await;
    let at = now_ms();
    for amount in 1..=12 {
        earn(app, &m, amount, at).await;
    }
    let recent = me(app, &m).await["points"]["recent"].clone();
    let amounts: Vec<i64> = recent
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["amount"].as_i64())
        .collect();
    let newest_first: Vec<i64> = (1..=12).rev().take(amounts.len()).collect();
    assert_eq!(amounts, newest_first);
});

dual_test!(concurrent_spends_never_overdraw, |app| {
    app.user("e@brand.com", Role::Editor, "Brand").await;
    let m = app.member("Brand", "m-1").await;
    app.grant_points(&m, 100).await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..25 {
        let db = app.db.clone();
        let m = m.clone();
        tasks.spawn(async move {
            let mut tx = db.pool.begin().await.unwrap();
            let entry = Entry {
                workspace_id: &m.workspace_id,
                member_id: &m.id,
                amount: 10,
                reason: "draw",
                source: "test",
                now_ms: now_ms(),
            };
            let spent = ledger::spend(&mut tx, &entry).await.unwrap();
            tx.commit().await.unwrap();
            spent
        });
    }
    let mut spent = 0;
    while let Some(done) = tasks.join_next().await {
        spent += i64::from(done.unwrap());
    }
    assert_eq!(spent, 10);
    assert_eq!(balance(app, &m).await, 0);
});

dual_test!(interaction_points_are_capped_per_day, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut club = ClubSettings::default();
    club.points.daily_interaction_cap = 12;
    club.points.share_points = 5;
    put_settings(app, &staff, &club).await;
    publish_club_page(app, &staff, "club").await;
    let m = app.member("Brand", "m-1").await;
    let mut credited = Vec::new();
    for _ in 0..4 {
        let r = app
            .call_member(&m, Method::POST, "/api/published/club/share", None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        credited.push(r.json()["points"].as_i64().unwrap());
    }
    assert_eq!(credited, [5, 5, 2, 0]);
    // Non-interaction earnings (a prize) are not capped.
    earn(app, &m, 100, now_ms()).await;
    assert_eq!(balance(app, &m).await, 112);
    // Another day has its own cap.
    let mut conn = app.db.pool.acquire().await.unwrap();
    let entry = Entry {
        workspace_id: &m.workspace_id,
        member_id: &m.id,
        amount: 30,
        reason: "game",
        source: "test",
        now_ms: now_ms(),
    };
    let tomorrow = day::local_day(day::zone("Asia/Shanghai"), now_ms()) + Duration::days(1);
    assert_eq!(
        ledger::earn_interaction(&mut conn, &entry, 12, tomorrow)
            .await
            .unwrap(),
        12
    );
});

dual_test!(staff_adjust_points_and_tiers_survive_spending, |app| {
    let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
    let viewer = app.user("v@brand.com", Role::Viewer, "Brand").await;
    let other = app.user("o@other.com", Role::Owner, "Other").await;
    let m = app.member("Brand", "m-1").await;
    let path = format!("/api/members/{}/adjust", m.id);
    let r = app
        .call(
            &editor,
            Method::POST,
            &path,
            Some(json!({"amount": 600, "reason": "store purchase"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["balance"], 600);
    assert_eq!(me(app, &m).await["tier"]["id"], "bronze");
    let r = app
        .call(
            &editor,
            Method::POST,
            &path,
            Some(json!({"amount": -601, "reason": "correction"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "insufficient_points");
    assert_eq!(
        app.call(
            &editor,
            Method::POST,
            &path,
            Some(json!({"amount": -100, "reason": "correction"}))
        )
        .await
        .json()["balance"],
        500
    );
    let r = app
        .call(
            &editor,
            Method::POST,
            &path,
            Some(json!({"amount": 0, "reason": " "})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_paths(), ["/amount", "/reason"]);
    assert_eq!(
        app.call(
            &viewer,
            Method::POST,
            &path,
            Some(json!({"amount": 5, "reason": "x"}))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(
            &other,
            Method::POST,
            &path,
            Some(json!({"amount": 5, "reason": "x"}))
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // Spending everything keeps the tier: tiers are for life.
    let mut conn = app.db.pool.acquire().await.unwrap();
    let entry = Entry {
        workspace_id: &m.workspace_id,
        member_id: &m.id,
        amount: 500,
        reason: "redeem",
        source: "test",
        now_ms: now_ms(),
    };
    assert!(ledger::spend(&mut conn, &entry).await.unwrap());
    let profile = me(app, &m).await;
    assert_eq!(profile["points"]["balance"], 0);
    assert_eq!(profile["tier"]["id"], "bronze");
    let kinds: Vec<Value> = profile["points"]["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert!(kinds.contains(&json!("adjust")) && kinds.contains(&json!("spend")));
});

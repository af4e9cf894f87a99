//! Property test of the draw engine on SQLite: for any stock, balances and sequence of draws
//! (with repeated idempotency keys), stock never goes below zero, no more is issued than the
//! stock, no balance goes negative, and a replayed key returns the same draw and charges nothing.

mod common;

use std::collections::HashMap;

use axum::http::StatusCode;
use common::wheel::{balance, campaign, draw, prize, publish, thanks};
use proptest::prelude::*;
use serde_json::{json, Value};

async fn run(stock: u32, grants: Vec<i64>, ops: Vec<(usize, usize)>) {
    let app = common::TestApp::sqlite().await;
    let prizes = json!([
        prize(
            "gift",
            json!({"type": "physical"}),
            5,
            json!({"limited": stock})
        ),
        prize(
            "points",
            json!({"type": "points", "amount": 4}),
            3,
            json!("unlimited")
        ),
        thanks(2),
    ]);
    let c = campaign(
        prizes,
        "thanks",
        json!({"cost": {"points_per_draw": 15, "free_draws_per_day": 0},
               "limits": {"max_wins_per_member": 2}}),
    );
    publish(&app, "Brand", "wheel", c).await;
    let mut members = Vec::new();
    for (i, grant) in grants.iter().enumerate() {
        let m = app.member("Brand", &format!("m-{i}")).await;
        if *grant > 0 {
            app.grant_points(&m, *grant).await;
        }
        members.push(m);
    }
    let mut seen: HashMap<(usize, usize), Value> = HashMap::new();
    for (who, key) in ops {
        let m = &members[who];
        let before = balance(&app, m).await;
        let r = draw(&app, m, "wheel", &format!("key-{key}")).await;
        let after = balance(&app, m).await;
        match seen.get(&(who, key)) {
            Some(first) => {
                assert_eq!(r.status, StatusCode::OK, "{}", r.text());
                let again = r.json();
                assert_eq!(again["draw"]["id"], first["draw"]["id"]);
                assert_eq!(again["draw"]["prize_id"], first["draw"]["prize_id"]);
                assert_eq!(after, before, "a replay never charges");
            }
            None if r.status == StatusCode::CREATED => {
                let d = r.json();
                let won = if d["draw"]["prize_id"] == "points" {
                    4
                } else {
                    0
                };
                assert_eq!(after, before - 15 + won);
                seen.insert((who, key), d);
            }
            None => {
                assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
                assert_eq!(r.error_code(), "insufficient_points");
                assert!(before < 15);
                assert_eq!(after, before, "a refused draw charges nothing");
            }
        }
        let (remaining, issued, total): (Option<i64>, i64, Option<i64>) = sqlx::query_as(
            "SELECT remaining, issued, total FROM prize_stock WHERE prize_id = 'gift'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!(remaining.unwrap() >= 0, "stock never below zero");
        assert!(issued <= total.unwrap(), "issued never above stock");
        let (gifts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM draws WHERE prize_id = 'gift'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(gifts, issued);
        let (lowest,): (i64,) = sqlx::query_as("SELECT MIN(balance) FROM members")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert!(lowest >= 0, "no negative balance");
    }
    app.finish().await;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn stock_balances_and_replays_stay_consistent(
        stock in 0u32..4,
        grants in proptest::collection::vec(0i64..80, 3),
        ops in proptest::collection::vec((0usize..3, 0usize..6), 1..20),
    ) {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
            .block_on(run(stock, grants, ops));
    }
}

//! The draw engine over HTTP on SQLite and PostgreSQL: outcomes decided by the server, limits,
//! costs, stock with its fallback, idempotent replays, odds, verification, redemption, rate
//! limits, and 1,000 concurrent draws that never over-issue.

mod common;

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::{Duration, Utc};
use common::wheel::{balance, campaign, draw, only_thanks, prize, publish, republish, thanks};
use common::MemberSession;
use cradle_server::auth::Role;
use serde_json::{json, Value};

dual_test!(
    draws_charge_after_free_ones_and_replays_charge_nothing,
    |app| {
        let prizes = json!([
            prize(
                "points",
                json!({"type": "points", "amount": 7}),
                1,
                json!("unlimited")
            ),
            thanks(1),
        ]);
        let c = campaign(
            prizes,
            "thanks",
            json!({"cost": {"points_per_draw": 10, "free_draws_per_day": 1}}),
        );
        publish(app, "Brand", "wheel", c).await;
        let m = app.member("Brand", "m-1").await;
        app.grant_points(&m, 100).await;

        let no_key = draw(app, &m, "wheel", "").await;
        assert_eq!(no_key.status, StatusCode::BAD_REQUEST);
        assert_eq!(no_key.error_code(), "idempotency_key_required");

        let first = draw(app, &m, "wheel", "k1").await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
        let first = first.json();
        assert_eq!(
            first["draw"]["cost"], 0,
            "the first draw of the day is free"
        );
        let won = |d: &Value| {
            if d["draw"]["prize_id"] == "points" {
                7
            } else {
                0
            }
        };
        assert_eq!(balance(app, &m).await, 100 + won(&first));
        let index = first["draw"]["prize_index"].as_u64().unwrap();
        assert_eq!(first["prize"]["id"], ["points", "thanks"][index as usize]);
        assert_eq!(first["seed_hash"].as_str().unwrap().len(), 64);

        let second = draw(app, &m, "wheel", "k2").await;
        assert_eq!(second.status, StatusCode::CREATED);
        let second = second.json();
        assert_eq!(second["draw"]["cost"], 10);
        let after = balance(app, &m).await;
        assert_eq!(after, 100 + won(&first) - 10 + won(&second));

        for _ in 0..3 {
            let replay = draw(app, &m, "wheel", "k2").await;
            assert_eq!(replay.status, StatusCode::OK);
            let replay = replay.json();
            assert_eq!(replay["draw"]["replayed"], true);
            assert_eq!(replay["draw"]["id"], second["draw"]["id"]);
            assert_eq!(replay["draw"]["prize_id"], second["draw"]["prize_id"]);
        }
        assert_eq!(balance(app, &m).await, after, "replays charge nothing");

        // Without a member session: 401; another workspace's member: 404.
        let anonymous = app
            .send(
                Request::post("/api/published/wheel/campaigns/spring-wheel/draws")
                    .header("idempotency-key", "x")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        app.user("other@other.test", Role::Owner, "Other").await;
        let stranger = app.member("Other", "m-1").await;
        assert_eq!(
            draw(app, &stranger, "wheel", "k1").await.status,
            StatusCode::NOT_FOUND
        );
        let missing = app
            .send(
                Request::post("/api/published/wheel/campaigns/nope/draws")
                    .header("cookie", &m.cookie)
                    .header("x-csrf-token", &m.csrf)
                    .header("idempotency-key", "x")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
);

dual_test!(limits_and_points_refuse_draws_without_charging, |app| {
    let c = campaign(
        only_thanks(),
        "thanks",
        json!({"cost": {"points_per_draw": 30, "free_draws_per_day": 0},
               "limits": {"per_member_per_day": 2, "per_member_total": 3}}),
    );
    let (s, id) = publish(app, "Brand", "wheel", c.clone()).await;
    let m = app.member("Brand", "m-1").await;
    app.grant_points(&m, 40).await;
    assert_eq!(
        draw(app, &m, "wheel", "a").await.status,
        StatusCode::CREATED
    );
    let poor = draw(app, &m, "wheel", "b").await;
    assert_eq!(poor.status, StatusCode::CONFLICT);
    assert_eq!(poor.error_code(), "insufficient_points");
    assert_eq!(balance(app, &m).await, 10, "a refused draw charges nothing");
    app.grant_points(&m, 100).await;
    assert_eq!(
        draw(app, &m, "wheel", "b").await.status,
        StatusCode::CREATED,
        "the refused draw did not count"
    );
    let third = draw(app, &m, "wheel", "c").await;
    assert_eq!(third.status, StatusCode::CONFLICT);
    assert_eq!(third.error_code(), "daily_limit");
    assert_eq!(balance(app, &m).await, 80);

    // Tomorrow (simulated by moving the tally's day back) the third draw is allowed, the fourth
    // exceeds the campaign total.
    sqlx::query("UPDATE draw_tallies SET day = '2000-01-01'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        draw(app, &m, "wheel", "c").await.status,
        StatusCode::CREATED
    );
    let fourth = draw(app, &m, "wheel", "d").await;
    assert_eq!(fourth.error_code(), "campaign_limit");

    // Audience: a campaign for tagged members refuses others.
    let mut vip = c.clone();
    vip["audience"] = json!({"tag": "vip"});
    vip["limits"] = json!({});
    republish(app, &s, &id, vip).await;
    let other = app.member("Brand", "m-2").await;
    let refused = draw(app, &other, "wheel", "a").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error_code(), "not_eligible");

    // Outside the window.
    let mut later = c.clone();
    later["audience"] = Value::Null;
    later["window"]["start"] = json!((Utc::now() + Duration::days(1)).to_rfc3339());
    later["window"]["end"] = json!((Utc::now() + Duration::days(2)).to_rfc3339());
    republish(app, &s, &id, later.clone()).await;
    let early = draw(app, &other, "wheel", "a").await;
    assert_eq!(early.status, StatusCode::FORBIDDEN);
    assert_eq!(early.error_code(), "not_started");
    later["window"]["start"] = json!((Utc::now() - Duration::days(2)).to_rfc3339());
    later["window"]["end"] = json!((Utc::now() - Duration::days(1)).to_rfc3339());
    republish(app, &s, &id, later).await;
    let late = draw(app, &other, "wheel", "a").await;
    assert_eq!(late.status, StatusCode::GONE);
    assert_eq!(late.error_code(), "ended");
});

// One schedule rule: a page that opens later refuses its page, its games and its seed reveal
// with the same answer and the same opening instant, whichever path asks.
dual_test!(page_schedule_is_one_answer_on_every_path, |app| {
    let (s, id) = publish(
        app,
        "Brand",
        "later",
        campaign(only_thanks(), "thanks", json!({})),
    )
    .await;
    let opens = (Utc::now() + Duration::hours(1)).to_rfc3339();
    let page = app.open_page(&s, &id).await;
    let r = app.publish(&s, &page, json!({"starts_at": opens})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let member = app.member("Brand", "m-1").await;
    let page = app.get("/api/published/later").await;
    let game = draw(app, &member, "later", "k").await;
    for r in [&page, &game] {
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        assert_eq!(r.error_code(), "not_started");
    }
    assert_eq!(
        page.json()["error"]["details"]["starts_at"],
        game.json()["error"]["details"]["starts_at"]
    );
    let odds = app
        .get("/api/published/later/campaigns/spring-wheel/odds")
        .await;
    assert!(odds.json()["seed"].is_null(), "{}", odds.text());
});

dual_test!(
    stock_runs_out_into_the_fallback_and_win_limits_hold,
    |app| {
        let prizes = json!([
            prize(
                "gift",
                json!({"type": "physical"}),
                1000,
                json!({"limited": 2})
            ),
            thanks(1),
        ]);
        let c = campaign(
            prizes,
            "thanks",
            json!({"limits": {"max_wins_per_member": 1}}),
        );
        publish(app, "Brand", "wheel", c).await;
        // The exact rule, replayed beside the server: a sampled gift is awarded unless the member
        // already won one (win limit) or both were issued (out of stock); then the fallback.
        let mut issued = 0;
        let mut wins = [0; 3];
        let mut fallbacks = HashMap::new();
        for i in 0..6 {
            let who = i % 3;
            let m = app.member("Brand", &format!("m-{who}")).await;
            let r = draw(app, &m, "wheel", &format!("k{i}")).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
            let d = r.json();
            let expected = match d["draw"]["sampled_prize"].as_str().unwrap() {
                "gift" if wins[who] >= 1 => ("thanks", Some("win_limit")),
                "gift" if issued >= 2 => ("thanks", Some("out_of_stock")),
                "gift" => ("gift", None),
                _ => ("thanks", None),
            };
            let reason = d["draw"]["fallback_reason"].as_str();
            assert_eq!(
                (d["prize"]["id"].as_str().unwrap(), reason),
                expected,
                "{d}"
            );
            if expected.0 == "gift" {
                issued += 1;
                wins[who] += 1;
                assert_eq!(d["draw"]["code"].as_str().unwrap().len(), 14);
            }
            if let Some(reason) = reason {
                *fallbacks.entry(reason.to_owned()).or_insert(0) += 1;
            }
        }
        // With weights 1000:1 the gift is almost always sampled: members 0 and 1 win it, their
        // second draws hit the win limit and member 2 finds the stock gone. The replayed rule
        // above is exact whatever was sampled; these counts hold unless "thanks" came up.
        assert!(issued <= 2, "stock 2 never gives more");
        assert!(fallbacks.values().sum::<i32>() <= 4, "{fallbacks:?}");

        let odds = app
            .get("/api/published/wheel/campaigns/spring-wheel/odds")
            .await;
        assert_eq!(odds.status, StatusCode::OK);
        let odds = odds.json();
        assert_eq!(odds["total_weight"], 1001);
        assert_eq!(odds["prizes"][0]["remaining"], 2 - issued);
        assert_eq!(odds["prizes"][0]["stock"], 2);
        assert!(
            (odds["prizes"][0]["probability"].as_f64().unwrap() - 1000.0 / 1001.0).abs() < 1e-12
        );
        assert_eq!(odds["prizes"][1]["remaining"], Value::Null);
        assert_eq!(
            odds["seed"],
            Value::Null,
            "the seed stays secret while the campaign runs"
        );
        assert!(odds["stock_policy"].as_str().unwrap().contains("thanks"));

        let m = app.member("Brand", "m-0").await;
        let mine = app
            .call_member(&m, Method::GET, "/api/member/prizes", None)
            .await
            .json();
        assert_eq!(mine.as_array().unwrap().len(), wins[0], "{mine}");
        if wins[0] == 1 {
            assert_eq!(mine[0]["prize"]["id"], "gift");
            assert!(mine[0]["code"].as_str().is_some());
        }
        let profile = app
            .call_member(&m, Method::GET, "/api/member/me", None)
            .await
            .json();
        assert_eq!(profile["prizes"], mine, "the profile lists the same prizes");
    }
);

dual_test!(
    seeds_are_revealed_after_the_end_and_every_draw_verifies,
    |app| {
        let prizes = json!([
            prize(
                "a",
                json!({"type": "points", "amount": 1}),
                3,
                json!("unlimited")
            ),
            prize(
                "b",
                json!({"type": "coupon", "value_cents": 100}),
                2,
                json!({"limited": 5})
            ),
            thanks(5),
        ]);
        let c = campaign(prizes, "thanks", json!({}));
        let (s, id) = publish(app, "Brand", "wheel", c.clone()).await;
        let before = app
            .get("/api/published/wheel/campaigns/spring-wheel/verification")
            .await;
        assert_eq!(before.status, StatusCode::CONFLICT);
        assert_eq!(before.error_code(), "not_ended");
        let hash = app
            .get("/api/published/wheel/campaigns/spring-wheel/odds")
            .await
            .json()["seed_hash"]
            .clone();
        for i in 0..20 {
            let m = app.member("Brand", &format!("m-{}", i % 4)).await;
            assert_eq!(
                draw(app, &m, "wheel", &format!("k{i}")).await.status,
                StatusCode::CREATED
            );
        }
        let mut ended = c;
        ended["window"]["end"] = json!((Utc::now() - Duration::minutes(1)).to_rfc3339());
        republish(app, &s, &id, ended).await;
        let odds = app
            .get("/api/published/wheel/campaigns/spring-wheel/odds")
            .await
            .json();
        assert_eq!(
            odds["seed_hash"], hash,
            "republishing keeps the committed seed"
        );
        let report = app
            .get("/api/published/wheel/campaigns/spring-wheel/verification")
            .await;
        assert_eq!(report.status, StatusCode::OK, "{}", report.text());
        let report = report.json();
        assert_eq!(report["seed_matches_hash"], true);
        assert_eq!(report["draws_checked"], 20);
        assert_eq!(report["mismatches"], json!([]));
        assert_eq!(report["seed_hash"], hash);

        // A tampered log is caught: the roll does not select the logged prize, and the stock
        // history no longer adds up.
        let (tampered,): (String,) =
            sqlx::query_as("SELECT MIN(id) FROM draws WHERE sampled_prize <> 'b'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        sqlx::query("UPDATE draws SET prize_id = 'b', sampled_prize = 'b' WHERE id = $1")
            .bind(&tampered)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let report = app
            .get("/api/published/wheel/campaigns/spring-wheel/verification")
            .await
            .json();
        let found = report["mismatches"].as_array().unwrap();
        assert!(
            found.iter().any(|m| m["draw_id"] == tampered.as_str()),
            "{report}"
        );
        assert!(found.iter().any(|m| m["draw_id"] == "stock"), "{report}");
    }
);

dual_test!(clerks_redeem_each_code_once, |app| {
    let coupon = |id: &str| {
        prize(
            id,
            json!({"type": "coupon", "value_cents": 500}),
            1,
            json!("unlimited"),
        )
    };
    let prizes = json!([coupon("coupon"), coupon("coupon-b")]);
    publish(app, "Brand", "wheel", campaign(prizes, "coupon", json!({}))).await;
    let clerk = app.user("clerk@brand.test", Role::Clerk, "Brand").await;
    let editor = app.user("editor@brand.test", Role::Editor, "Brand").await;
    let m = app.member("Brand", "m-1").await;
    let mut codes = Vec::new();
    for i in 0..3 {
        let d = draw(app, &m, "wheel", &format!("k{i}")).await.json();
        codes.push(d["draw"]["code"].as_str().unwrap().to_owned());
    }
    let look = app
        .call(
            &clerk,
            Method::GET,
            &format!("/api/redemptions/{}", codes[0].to_lowercase()),
            None,
        )
        .await;
    assert_eq!(look.status, StatusCode::OK, "{}", look.text());
    assert!(look.json()["prize_name"]
        .as_str()
        .unwrap()
        .starts_with("coupon"));
    assert_eq!(look.json()["member"], "m-1");
    assert_eq!(look.json()["redeemed_at"], Value::Null);
    let path = |c: &str| format!("/api/redemptions/{c}/redeem");
    assert_eq!(
        app.call(&editor, Method::POST, &path(&codes[0]), None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Her page lists her codes to show in store, each with its QR.
    let page = app
        .call_member(&m, Method::GET, "/c/wheel", None)
        .await
        .text();
    let listed = &page[page
        .find("class=\"cradle-card member-prizes\"")
        .expect("her prizes")..];
    assert!(
        codes.iter().all(|c| listed.contains(c.as_str())),
        "{listed}"
    );
    assert!(listed.contains(&format!("aria-label=\"QR {}\"", codes[0])));
    let ok = app.call(&clerk, Method::POST, &path(&codes[0]), None).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    let again = app.call(&clerk, Method::POST, &path(&codes[0]), None).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "already_redeemed");
    let unknown = app
        .call(&clerk, Method::POST, &path("AAAA-BBBB-CCCC"), None)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.error_code(), "unknown_code");
    let other = app.user("clerk@other.test", Role::Clerk, "Other").await;
    assert_eq!(
        app.call(&other, Method::POST, &path(&codes[1]), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    sqlx::query("UPDATE redemption_codes SET expires_at = 1 WHERE code = $1")
        .bind(codes[2].replace('-', ""))
        .execute(&app.db.pool)
        .await
        .unwrap();
    let expired = app.call(&clerk, Method::POST, &path(&codes[2]), None).await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert_eq!(expired.error_code(), "expired_code");

    // Two clerks at once: exactly one succeeds.
    let contested = path(&codes[1]);
    let (a, b) = tokio::join!(
        app.call(&clerk, Method::POST, &contested, None),
        app.call(&clerk, Method::POST, &contested, None)
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
});

dual_test!(draws_are_rate_limited_per_member, |app| {
    publish(
        app,
        "Brand",
        "wheel",
        campaign(only_thanks(), "thanks", json!({})),
    )
    .await;
    let m = app.member("Brand", "m-1").await;
    for i in 0..60 {
        assert_eq!(
            draw(app, &m, "wheel", &format!("k{i}")).await.status,
            StatusCode::CREATED
        );
    }
    // The bucket refills one draw a second, so a slow run may earn a draw or two back.
    let mut limited = draw(app, &m, "wheel", "k60").await;
    for i in 61..70 {
        if limited.status != StatusCode::CREATED {
            break;
        }
        limited = draw(app, &m, "wheel", &format!("k{i}")).await;
    }
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.error_code(), "rate_limited");
    assert!(
        limited
            .header("retry-after")
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    let other = app.member("Brand", "m-2").await;
    assert_eq!(
        draw(app, &other, "wheel", "k0").await.status,
        StatusCode::CREATED
    );
});

dual_test!(
    behind_a_trusted_proxy_each_client_has_its_own_allowance,
    |app| {
        publish(
            app,
            "Brand",
            "wheel",
            campaign(only_thanks(), "thanks", json!({})),
        )
        .await;
        // A server behind a balancer at 10.0.0.0/8, three draws per client address a minute.
        let config = cradle_server::Config {
            draw_rate_per_ip: 3,
            draw_rate_per_member: 100,
            trusted_proxies: vec!["10.0.0.0/8".parse().unwrap()],
            ..cradle_server::Config::default()
        };
        let router = cradle_server::router(cradle_server::AppState::new(app.db.clone(), config));
        let mut members = Vec::new();
        for i in 0..4 {
            members.push(app.member("Brand", &format!("m-{i}")).await);
        }
        let send = |m: &MemberSession, key: &str, peer: &str, forwarded: &str| {
            let mut request = Request::post("/api/published/wheel/campaigns/spring-wheel/draws")
                .header("cookie", &m.cookie)
                .header("x-csrf-token", &m.csrf)
                .header("idempotency-key", key)
                .header("x-forwarded-for", forwarded)
                .body(Body::empty())
                .unwrap();
            let peer: std::net::SocketAddr = peer.parse().unwrap();
            request
                .extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
            common::respond(router.clone(), request)
        };
        // Through the balancer: one client's fourth draw is refused, another client is not.
        for i in 0..3 {
            let r = send(&members[0], &format!("a{i}"), "10.0.0.2:1000", "1.1.1.1").await;
            assert_eq!(r.status, StatusCode::CREATED);
        }
        let r = send(&members[0], "a3", "10.0.0.2:1000", "1.1.1.1").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        let r = send(&members[1], "b0", "10.0.0.3:1000", "9.9.9.9, 2.2.2.2").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        // A client talking directly cannot pick its address by sending the header.
        for i in 0..3 {
            let r = send(
                &members[2],
                &format!("c{i}"),
                "5.5.5.5:1000",
                &format!("7.7.7.{i}"),
            )
            .await;
            assert_eq!(r.status, StatusCode::CREATED);
        }
        let r = send(&members[2], "c3", "5.5.5.5:1000", "8.8.8.8").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        // The address's refusal spent nothing of the member's allowance: from elsewhere it draws.
        let r = send(&members[2], "c4", "10.0.0.2:1000", "3.3.3.3").await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
);

dual_test!(a_thousand_concurrent_draws_never_over_issue, |app| {
    let prizes = json!([
        prize(
            "gift",
            json!({"type": "physical"}),
            30,
            json!({"limited": 10})
        ),
        prize(
            "points",
            json!({"type": "points", "amount": 5}),
            30,
            json!("unlimited")
        ),
        thanks(40),
    ]);
    let c = campaign(
        prizes,
        "thanks",
        json!({"cost": {"points_per_draw": 10, "free_draws_per_day": 0}}),
    );
    publish(app, "Brand", "wheel", c).await;
    let mut members = Vec::new();
    for i in 0..200 {
        let m = app.member("Brand", &format!("m-{i}")).await;
        app.grant_points(&m, 100).await;
        members.push(m);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for round in 0..5 {
        for m in &members {
            let (m, app) = (m.clone(), app.router.clone());
            tasks.spawn(async move { draw_with(&app, &m, &format!("k{round}")).await });
        }
    }
    let mut statuses = HashMap::new();
    while let Some(status) = tasks.join_next().await {
        *statuses.entry(status.unwrap()).or_insert(0) += 1;
    }
    assert_eq!(
        statuses,
        HashMap::from([(StatusCode::CREATED, 1000)]),
        "no 5xx, no refusals"
    );
    let (gifts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM draws WHERE prize_id = 'gift'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(gifts, 10, "exactly the stock is issued");
    let (remaining, issued): (Option<i64>, i64) =
        sqlx::query_as("SELECT remaining, issued FROM prize_stock WHERE prize_id = 'gift'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((remaining, issued), (Some(0), 10));
    for m in &members {
        let (points_won,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM draws d JOIN members m ON m.id = d.member_id \
             WHERE m.external_id = $1 AND d.prize_id = 'points'",
        )
        .bind(&m.external_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            balance(app, m).await,
            100 - 5 * 10 + 5 * points_won,
            "{}",
            m.external_id
        );
    }
});

async fn draw_with(router: &axum::Router, m: &MemberSession, key: &str) -> StatusCode {
    use tower::ServiceExt;
    let request = Request::post("/api/published/wheel/campaigns/spring-wheel/draws")
        .header("cookie", &m.cookie)
        .header("x-csrf-token", &m.csrf)
        .header("idempotency-key", key)
        .body(Body::empty())
        .unwrap();
    router.clone().oneshot(request).await.unwrap().status()
}

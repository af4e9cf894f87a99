//! Batches of draws played in one transaction (the engine's set-wide statements), on SQLite and
//! PostgreSQL: in one batch, members short of points or at a limit are refused without a trace,
//! the last units of stock go to exactly as many winners as there are units, win limits hold, and
//! concurrent double taps in mixed batches are charged once, also with two batches in flight; a
//! draining queue (shutdown) plays every draw queued before it answers.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use axum::http::StatusCode;
use chrono::Utc;
use common::wheel::{balance, campaign, draw, only_thanks, prize, publish, thanks};
use common::MemberSession;
use cradle_model::audience::MemberProfile;
use cradle_server::draws::engine::{self, DrawError, Job};
use cradle_server::draws::published::{PublishedVersion, VersionCache};
use serde_json::json;

/// A gift drawn almost always (1e9 : 1), limited to `stock`, costing 10 points, at most
/// `per_day` draws a day and one win per member.
fn gift_campaign(stock: u32, per_day: u32) -> serde_json::Value {
    let prizes = json!([
        prize(
            "gift",
            json!({"type": "physical"}),
            1_000_000_000,
            json!({ "limited": stock })
        ),
        thanks(1),
    ]);
    campaign(
        prizes,
        "thanks",
        json!({"cost": {"points_per_draw": 10, "free_draws_per_day": 0},
               "limits": {"per_member_per_day": per_day, "max_wins_per_member": 1}}),
    )
}

async fn live(app: &common::TestApp) -> Arc<PublishedVersion> {
    VersionCache::default()
        .live(&app.db, "wheel")
        .await
        .unwrap()
        .expect("live page")
}

fn job(page: &Arc<PublishedVersion>, m: &MemberSession, key: &str) -> Job {
    Job::new(
        &m.id,
        &MemberProfile::default(),
        page.clone(),
        "spring-wheel",
        key,
        Utc::now(),
        chrono_tz::Asia::Shanghai,
    )
    .expect("campaign exists")
}

async fn tally(app: &common::TestApp, m: &MemberSession) -> (i64, i64, i64) {
    sqlx::query_as("SELECT day_count, total, wins FROM draw_tallies WHERE member_id = $1")
        .bind(&m.id)
        .fetch_optional(&app.db.pool)
        .await
        .unwrap()
        .unwrap_or((0, 0, 0))
}

dual_test!(one_batch_refuses_some_and_shares_the_last_stock, |app| {
    publish(app, "Brand", "wheel", gift_campaign(3, 2)).await;
    let mut members = Vec::new();
    for (i, points) in [100, 100, 5, 100, 100].into_iter().enumerate() {
        let m = app.member("Brand", &format!("m-{i}")).await;
        app.grant_points(&m, points).await;
        members.push(m);
    }
    let [a, b, short, limited, e] = &members[..] else {
        unreachable!()
    };
    // `limited` uses the day's two draws first: one gift (then the win limit), one fallback.
    for key in ["d1", "d2"] {
        assert_eq!(
            draw(app, limited, "wheel", key).await.status,
            StatusCode::CREATED
        );
    }
    let page = live(app).await;
    let jobs: Vec<Job> = members.iter().map(|m| job(&page, m, "batch-1")).collect();
    let refs: Vec<&Job> = jobs.iter().collect();
    let mut tx = app.db.pool.begin().await.unwrap();
    let outcomes = engine::play(&mut tx, &refs).await.unwrap();
    tx.commit().await.unwrap();

    assert!(matches!(
        outcomes[2],
        Err(DrawError::InsufficientPoints(10))
    ));
    assert!(matches!(outcomes[3], Err(DrawError::DailyLimit(2))));
    let won: Vec<&str> = [0, 1, 4]
        .iter()
        .map(|&i| outcomes[i].as_ref().expect("played").prize_id.as_str())
        .collect();
    assert_eq!(
        won.iter().filter(|p| **p == "gift").count(),
        2,
        "two units left, two gifts: {won:?}"
    );
    assert_eq!(won.iter().filter(|p| **p == "thanks").count(), 1);
    let fallback = [0, 1, 4]
        .into_iter()
        .find(|&i| outcomes[i].as_ref().unwrap().prize_id == "thanks")
        .unwrap();
    assert_eq!(
        outcomes[fallback].as_ref().unwrap().fallback_reason,
        Some(cradle_server::draws::outcome::FallbackReason::OutOfStock)
    );

    for m in [a, b, e] {
        assert_eq!(balance(app, m).await, 90);
    }
    assert_eq!(balance(app, short).await, 5, "refused: charged nothing");
    assert_eq!(tally(app, short).await, (0, 0, 0), "refused: not counted");
    assert_eq!(tally(app, limited).await, (2, 2, 1));
    let out_of_stock = &members[fallback];
    assert_eq!(tally(app, out_of_stock).await, (1, 1, 0), "no win counted");
    let (remaining, issued): (Option<i64>, i64) =
        sqlx::query_as("SELECT remaining, issued FROM prize_stock WHERE prize_id = 'gift'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((remaining, issued), (Some(0), 3));
    let (codes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM redemption_codes")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(codes, 3, "one code per gift");

    // Played alone, a used key is answered from the log and charges nothing.
    let mut conn = app.db.connect_writer().await.unwrap();
    let again = engine::draw_alone(&app.db, &mut conn, &jobs[0])
        .await
        .unwrap();
    assert!(again.replayed);
    assert_eq!(again.id, outcomes[0].as_ref().unwrap().id);
    assert_eq!(balance(app, a).await, 90);
});

dual_test!(concurrent_double_taps_in_mixed_batches_charge_once, |app| {
    publish(app, "Brand", "wheel", gift_campaign(5, 3)).await;
    let mut members = Vec::new();
    for i in 0..40 {
        let m = app.member("Brand", &format!("m-{i}")).await;
        // Every fourth member cannot pay for a draw.
        app.grant_points(&m, if i % 4 == 0 { 5 } else { 100 }).await;
        members.push(m);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (i, m) in members.iter().enumerate() {
        // Four keys, the first tapped twice: at most three draws a day.
        for key in ["k0", "k0", "k1", "k2", "k3"] {
            let (router, m) = (app.router.clone(), m.clone());
            tasks.spawn(async move {
                let r = common::respond(router, draw_request(&m, key)).await;
                (i, key, r.status, r.json())
            });
        }
    }
    let mut by_key: HashMap<(usize, &str), Vec<(StatusCode, serde_json::Value)>> = HashMap::new();
    while let Some(done) = tasks.join_next().await {
        let (i, key, status, body) = done.unwrap();
        assert!(
            matches!(
                status,
                StatusCode::OK | StatusCode::CREATED | StatusCode::CONFLICT
            ),
            "{status}: {body}"
        );
        by_key.entry((i, key)).or_default().push((status, body));
    }
    for (i, m) in members.iter().enumerate() {
        let played: Vec<&serde_json::Value> = ["k0", "k1", "k2", "k3"]
            .iter()
            .filter_map(|k| {
                let answers = &by_key[&(i, *k)];
                answers
                    .iter()
                    .find(|(s, _)| s.is_success())
                    .map(|(_, body)| body)
            })
            .collect();
        let (day_count, _, wins) = tally(app, m).await;
        if i % 4 == 0 {
            assert!(played.is_empty(), "member {i} cannot pay");
            assert_eq!(balance(app, m).await, 5);
            assert_eq!(day_count, 0);
            continue;
        }
        assert_eq!(played.len(), 3, "member {i}: three draws a day");
        assert_eq!(day_count, 3);
        assert!(wins <= 1);
        assert_eq!(
            balance(app, m).await,
            70,
            "member {i}: charged once per draw"
        );
        // Both taps of k0 name the same draw whenever it was played.
        let k0 = &by_key[&(i, "k0")];
        let ids: Vec<&serde_json::Value> = k0
            .iter()
            .filter(|(s, _)| s.is_success())
            .map(|(_, b)| &b["draw"]["id"])
            .collect();
        assert!(ids.windows(2).all(|w| w[0] == w[1]), "member {i}: {k0:?}");
    }
    let (remaining, issued): (Option<i64>, i64) =
        sqlx::query_as("SELECT remaining, issued FROM prize_stock WHERE prize_id = 'gift'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let (gifts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM draws WHERE prize_id = 'gift'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!((remaining, issued, gifts), (Some(0), 5, 5));
});

// On PostgreSQL two batches play at once (one commits while the next runs its statements):
// members with draws queued in both are held back for a later batch, so a double tap never
// fails a batch, and the sequence still numbers every draw once, without gaps.
dual_test!(batches_in_flight_never_share_a_member, |app| {
    publish(app, "Brand", "wheel", gift_campaign(30, 1000)).await;
    let members = app.many_members("Brand", 150).await;
    for m in &members {
        app.grant_points(m, 1000).await;
    }
    let page = live(app).await;
    let queue = app.state.draws.clone();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, m) in members.iter().enumerate() {
        for key in ["k0", "k0", "k1", "k2"] {
            let (queue, job) = (queue.clone(), job(&page, m, key));
            tasks.spawn(async move { (i, key, queue.draw(job).await.unwrap()) });
        }
    }
    let mut first_tap: HashMap<usize, String> = HashMap::new();
    while let Some(done) = tasks.join_next().await {
        let (i, key, record) = done.unwrap();
        if key == "k0" {
            let id = first_tap.entry(i).or_insert_with(|| record.id.clone());
            assert_eq!(*id, record.id, "member {i}: both taps name one draw");
        }
    }
    let (_, failed) = queue.stats();
    assert_eq!(failed, 0, "no batch failed");
    let (count, low, high): (i64, i64, i64) =
        sqlx::query_as("SELECT COUNT(*), MIN(seq), MAX(seq) FROM draws")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (count, low, high),
        (450, 1, 450),
        "every draw numbered once"
    );
    let (issued, gifts, codes): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT issued FROM prize_stock WHERE prize_id = 'gift'), \
         CAST((SELECT COUNT(*) FROM draws WHERE prize_id = 'gift') AS BIGINT), \
         CAST((SELECT COUNT(*) FROM redemption_codes) AS BIGINT)",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((issued, gifts, codes), (30, 30, 30));
    for m in &members {
        assert_eq!(balance(app, m).await, 970, "three draws charged once each");
    }
});

dual_test!(draining_plays_every_queued_draw_then_takes_no_more, |app| {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    publish(
        app,
        "Brand",
        "wheel",
        campaign(only_thanks(), "thanks", json!({})),
    )
    .await;
    let page = live(app).await;
    let members = app.many_members("Brand", 300).await;
    let queue = app.state.draws.clone();
    let mut waiting = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let (queue, job) = (queue.clone(), job(&page, m, "k"));
        // Unconstrained: Tokio's task budget would leave later polls pending before queueing.
        let mut answer = Box::pin(tokio::task::unconstrained(
            async move { queue.draw(job).await },
        ));
        // One poll queues the draw; then every other caller stops waiting.
        let polled = answer
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()));
        assert!(matches!(polled, Poll::Pending));
        if i % 2 == 0 {
            waiting.push(tokio::spawn(answer));
        }
    }
    queue.drain().await;
    let (logged,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM draws")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(logged, 300, "every queued draw played, waited for or not");
    for answer in waiting {
        assert!(
            answer.await.unwrap().is_ok(),
            "every waiting caller answered"
        );
    }
    let late = queue.draw(job(&page, &members[0], "late")).await;
    assert!(late.is_err(), "a drained queue takes no draws");
});

fn draw_request(m: &MemberSession, key: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::builder()
        .method(axum::http::Method::POST)
        .uri("/api/published/wheel/campaigns/spring-wheel/draws")
        .header("cookie", &m.cookie)
        .header("x-csrf-token", &m.csrf)
        .header("idempotency-key", key)
        .body(axum::body::Body::empty())
        .unwrap()
}

//! Republishing while members draw, on SQLite and PostgreSQL: stock changed up and down and
//! prizes added every 100 ms while 1,000 members draw (5 % retrying their last key) never
//! over-issues, never loses a decrement, never answers 500; replayed keys never fail a batch;
//! verification catches a false fallback reason; an ended campaign published again rolls with a
//! new seed, and the draws of both seeds verify.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::{Duration, Utc};
use common::wheel::{campaign, draw, prize, publish, republish, thanks};
use common::{MemberSession, Session, TestApp};
use cradle_model::audience::MemberProfile;
use cradle_server::draws::engine::Job;
use cradle_server::draws::published::VersionCache;
use cradle_server::draws::queue::DrawQueue;
use serde_json::{json, Value};

/// Free draws, no limits: a limited gift (physical, so each win issues a code), `extra`
/// limited coupons added by republishing, and "thanks".
fn wheel(gift_stock: u32, extra: u32) -> Value {
    let mut prizes = vec![
        prize(
            "gift",
            json!({"type": "physical"}),
            10,
            json!({ "limited": gift_stock }),
        ),
        thanks(60),
    ];
    for n in 0..extra {
        prizes.push(prize(
            &format!("extra-{n}"),
            json!({"type": "coupon", "value_cents": 100}),
            10,
            json!({ "limited": 20 + n * 5 }),
        ));
    }
    campaign(
        json!(prizes),
        "thanks",
        json!({"limits": {"per_member_per_day": 1000}}),
    )
}

/// Saves `campaign` and publishes it; the publish answer's status and body.
async fn try_publish(app: &TestApp, s: &Session, id: &str, campaign: Value) -> (StatusCode, Value) {
    let path = format!("/api/documents/{id}");
    let current = app.call(s, Method::GET, &path, None).await.json();
    let mut document = current["document"].clone();
    document["campaigns"] = json!([campaign]);
    let body = json!({"version": current["version"], "document": document});
    let saved = app.call(s, Method::PUT, &path, Some(body)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    let body = json!({"version": saved.json()["version"]});
    let r = app
        .call(s, Method::POST, &format!("{path}/publish"), Some(body))
        .await;
    (
        r.status,
        serde_json::from_slice(&r.body).unwrap_or(Value::Null),
    )
}

/// Limited prizes whose `issued + remaining` is not their stock, read in one statement.
async fn unbalanced(app: &TestApp) -> Vec<(String, Option<i64>, i64, Option<i64>)> {
    sqlx::query_as(
        "SELECT prize_id, total, issued, remaining FROM prize_stock WHERE total IS NOT NULL \
         AND (remaining IS NULL OR issued + remaining <> total OR remaining < 0)",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

fn draw_request(m: &MemberSession, key: &str) -> Request<Body> {
    Request::post("/api/published/wheel/campaigns/spring-wheel/draws")
        .header("cookie", &m.cookie)
        .header("x-csrf-token", &m.csrf)
        .header("idempotency-key", key)
        .body(Body::empty())
        .unwrap()
}

async fn members(app: &TestApp, n: usize) -> Vec<MemberSession> {
    app.many_members("Brand", n).await
}

dual_test!(
    republishing_every_100_ms_while_a_thousand_members_draw,
    |app| {
        let (s, id) = publish(app, "Brand", "wheel", wheel(300, 0)).await;
        let members = members(app, 1000).await;
        // Each member draws twice, a second apart, starting somewhere in the first two seconds
        // (about 700 draws a second); one in ten repeats its first key, as a client does when
        // an answer is slow.
        let started = tokio::time::Instant::now();
        let mut drawers = tokio::task::JoinSet::new();
        for (i, m) in members.iter().enumerate() {
            let (router, m) = (app.router.clone(), m.clone());
            let offset = std::time::Duration::from_millis((i as u64 * 7_919) % 2_000);
            drawers.spawn(async move {
                let mut statuses = Vec::new();
                let mut plan = vec![("k0", false), ("k1", false)];
                if i % 10 == 0 {
                    plan.insert(1, ("k0", true));
                }
                tokio::time::sleep_until(started + offset).await;
                for (key, retry) in plan {
                    let r = common::respond(router.clone(), draw_request(&m, key)).await;
                    statuses.push((r.status, retry, r.text()));
                    if !retry {
                        tokio::time::sleep(std::time::Duration::from_millis(1_000)).await;
                    }
                }
                statuses
            });
        }
        // The marketer republishes every 100 ms: the gift's stock up and down (sometimes below what
        // is already issued, which must be refused), a prize added every fourth time.
        let deltas = [150i64, 90, 300, 120, 400, -10, 200, 350, 100, 500];
        let mut published = 0;
        let mut refused = 0;
        for round in 0..20usize {
            let tick = std::time::Duration::from_millis(100 * (round as u64 + 1));
            tokio::time::sleep_until(started + tick).await;
            let extra = u32::try_from(round / 4).unwrap();
            let (issued,): (i64,) =
                sqlx::query_as("SELECT issued FROM prize_stock WHERE prize_id = 'gift'")
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
            let stock = u32::try_from(issued + deltas[round % deltas.len()]).unwrap();
            let (status, body) = try_publish(app, &s, &id, wheel(stock, extra)).await;
            match status {
                StatusCode::CREATED => published += 1,
                StatusCode::UNPROCESSABLE_ENTITY => {
                    assert!(body["error"]["code"].is_string(), "{body}");
                    let message = body["error"]["message"].as_str().unwrap_or_default();
                    assert!(message.contains("already issued"), "{body}");
                    refused += 1;
                }
                other => panic!("publish answered {other}: {body}"),
            }
            assert_eq!(unbalanced(app).await, vec![], "after publish {round}");
        }
        let (mut draws, mut retries) = (0, 0);
        while let Some(statuses) = drawers.join_next().await {
            for (status, retry, body) in statuses.unwrap() {
                let expected = match retry {
                    true => StatusCode::OK,
                    false => StatusCode::CREATED,
                };
                assert_eq!(status, expected, "{body}");
                draws += usize::from(!retry);
                retries += usize::from(retry);
            }
        }
        assert!(retries > 0);
        assert!(published >= 15, "{published} published, {refused} refused");
        assert!(refused >= 1, "a stock below what was issued is refused");
        assert_eq!(draws, 2000);
        let (batches, failed) = app.state.draws.stats();
        assert_eq!(failed, 0, "no batch failed ({batches} played)");

        // Every unit accounted for: issued is what the log awarded, codes are wins.
        assert_eq!(unbalanced(app).await, vec![]);
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT s.prize_id, s.issued, CAST((SELECT COUNT(*) FROM draws d WHERE \
         d.prize_id = s.prize_id AND d.fallback_reason IS NULL) AS BIGINT) FROM prize_stock s",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        for (prize, issued, logged) in rows {
            assert_eq!(issued, logged, "{prize}");
        }
        let (codes, wins): (i64, i64) = sqlx::query_as(
            "SELECT CAST((SELECT COUNT(*) FROM redemption_codes) AS BIGINT), \
         CAST((SELECT COUNT(*) FROM draws WHERE prize_id <> 'thanks') AS BIGINT)",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(codes, wins);

        // And the log verifies against the stock history once the campaign ends.
        let mut ended = wheel(900, 5);
        ended["window"]["end"] = json!((Utc::now() - Duration::minutes(1)).to_rfc3339());
        republish(app, &s, &id, ended).await;
        let report = app
            .get("/api/published/wheel/campaigns/spring-wheel/verification")
            .await
            .json();
        assert_eq!(report["mismatches"], json!([]), "{report}");
        assert_eq!(
            report["draws_checked"],
            json!(draws),
            "one logged draw per fresh key"
        );
    }
);

dual_test!(replayed_keys_never_fail_a_batch, |app| {
    publish(app, "Brand", "wheel", wheel(50, 0)).await;
    let members = members(app, 200).await;
    let page = VersionCache::default()
        .live(&app.db, "wheel")
        .await
        .unwrap()
        .expect("live page");
    let queue = DrawQueue::start(&app.db);
    let job = |m: &MemberSession, key: &str| {
        Job::new(
            &m.id,
            &MemberProfile::default(),
            page.clone(),
            "spring-wheel",
            key,
            Utc::now(),
            chrono_tz::Asia::Shanghai,
        )
        .unwrap()
    };
    // First keys, then a wave where one member in ten retries its first key.
    let mut first = tokio::task::JoinSet::new();
    for m in &members {
        let (queue, job) = (queue.clone(), job(m, "k1"));
        first.spawn(async move { queue.draw(job).await.unwrap() });
    }
    let mut played = std::collections::HashMap::new();
    while let Some(record) = first.join_next().await {
        let record = record.unwrap();
        played.insert(record.id.clone(), record);
    }
    let mut wave = tokio::task::JoinSet::new();
    for (i, m) in members.iter().enumerate() {
        let key = if i % 10 == 0 { "k1" } else { "k2" };
        let (queue, job) = (queue.clone(), job(m, key));
        wave.spawn(async move { (key, queue.draw(job).await.unwrap()) });
    }
    let mut replays = 0;
    while let Some(done) = wave.join_next().await {
        let (key, record) = done.unwrap();
        assert_eq!(record.replayed, key == "k1");
        if record.replayed {
            let earlier = &played[&record.id];
            assert_eq!(
                (&earlier.prize_id, earlier.seq),
                (&record.prize_id, record.seq)
            );
            replays += 1;
        }
    }
    assert_eq!(replays, 20);
    let (batches, failed) = queue.stats();
    assert_eq!(failed, 0, "replays are answered before the batch plays");
    assert!(batches < 400, "draws were batched: {batches} batches");
    let (logged,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM draws")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(logged, 200 + 180);
});

dual_test!(verification_reports_a_false_fallback_reason, |app| {
    let (s, id) = publish(app, "Brand", "wheel", wheel(1000, 0)).await;
    for i in 0..40 {
        let m = app.member("Brand", &format!("m-{}", i % 8)).await;
        let r = draw(app, &m, "wheel", &format!("k{i}")).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let mut ended = wheel(1000, 0);
    ended["window"]["end"] = json!((Utc::now() - Duration::minutes(1)).to_rfc3339());
    republish(app, &s, &id, ended).await;
    let path = "/api/published/wheel/campaigns/spring-wheel/verification";
    assert_eq!(app.get(path).await.json()["mismatches"], json!([]));

    // A gift the log gave is rewritten as the fallback "because" the stock ran out.
    let (won,): (String,) =
        sqlx::query_as("SELECT id FROM draws WHERE prize_id = 'gift' ORDER BY seq LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .expect("a gift was won");
    sqlx::query(
        "UPDATE draws SET prize_id = 'thanks', prize_index = 1, \
         fallback_reason = 'out_of_stock' WHERE id = $1",
    )
    .bind(&won)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let report = app.get(path).await.json();
    let found = report["mismatches"].as_array().unwrap();
    let about: Vec<&Value> = found
        .iter()
        .filter(|m| m["draw_id"] == won.as_str())
        .collect();
    assert_eq!(about.len(), 1, "{report}");
    assert!(
        about[0]["problem"]
            .as_str()
            .unwrap()
            .contains("out of stock"),
        "{report}"
    );

    // A deleted draw leaves a gap in the numbers.
    sqlx::query(
        "DELETE FROM redemption_codes WHERE draw_id = (SELECT id FROM draws WHERE seq = 7)",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM draws WHERE seq = 7")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let report = app.get(path).await.json();
    assert!(
        report["mismatches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["draw_id"] == "sequence"),
        "{report}"
    );
});

dual_test!(
    an_ended_campaign_published_again_rolls_with_a_new_seed,
    |app| {
        let (s, id) = publish(app, "Brand", "wheel", wheel(1000, 0)).await;
        let odds = "/api/published/wheel/campaigns/spring-wheel/odds";
        let first_hash = app.get(odds).await.json()["seed_hash"].clone();
        let m = app.member("Brand", "m-1").await;
        for i in 0..5 {
            assert_eq!(
                draw(app, &m, "wheel", &format!("a{i}")).await.status,
                StatusCode::CREATED
            );
        }
        let mut ended = wheel(1000, 0);
        ended["window"]["end"] = json!((Utc::now() - Duration::minutes(1)).to_rfc3339());
        republish(app, &s, &id, ended.clone()).await;
        let revealed = app.get(odds).await.json();
        assert_eq!(revealed["seed_hash"], first_hash);
        let first_seed = revealed["seed"].clone();
        assert!(first_seed.is_string());

        // Extended after its seed was shown: a new seed, committed anew.
        republish(app, &s, &id, wheel(1000, 0)).await;
        let reopened = app.get(odds).await.json();
        assert_ne!(reopened["seed_hash"], first_hash);
        assert_eq!(reopened["seed"], Value::Null);
        for i in 0..5 {
            let r = draw(app, &m, "wheel", &format!("b{i}")).await;
            assert_eq!(r.status, StatusCode::CREATED);
            assert_eq!(r.json()["seed_hash"], reopened["seed_hash"]);
        }
        republish(app, &s, &id, ended).await;
        let report = app
            .get("/api/published/wheel/campaigns/spring-wheel/verification")
            .await
            .json();
        assert_eq!(report["mismatches"], json!([]), "{report}");
        assert_eq!(report["draws_checked"], 10);
        assert_eq!(report["seed_matches_hash"], true);
        assert_eq!(report["seed_hash"], reopened["seed_hash"]);
        assert_eq!(report["earlier_seeds"][0]["seed"], first_seed);
        assert_eq!(report["earlier_seeds"][0]["last_seq"], 5);
    }
);

dual_test!(
    draws_commit_on_a_connection_that_syncs_every_commit,
    |app| {
        if app.db.backend == cradle_server::db::Backend::Sqlite {
            let mut writer = app.db.connect_writer().await.unwrap();
            let (mode,): (i64,) = sqlx::query_as("PRAGMA synchronous")
                .fetch_one(&mut writer)
                .await
                .unwrap();
            assert_eq!(mode, 2, "FULL: an answered draw survives a power cut");
            let (wal,): (String,) = sqlx::query_as("PRAGMA journal_mode")
                .fetch_one(&mut writer)
                .await
                .unwrap();
            assert_eq!(wal, "wal");
        }
    }
);

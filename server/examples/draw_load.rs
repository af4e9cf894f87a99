//! Load generator for `bench/draws`: sets up a wheel campaign on a running Cradle server (through
//! its database for the user, member tokens and points, through HTTP for the rest), then has
//! `--clients` members draw as fast as they can for `--seconds`, and prints draws per second,
//! p50/p99 latency and the number of over-issued prizes (which must be 0).
//!
//! `cargo run --release -p cradle-server --example draw_load -- --url http://127.0.0.1:8080 \
//!  --database-url sqlite://data/cradle.db --clients 64 --seconds 10 --label sqlite`

use std::time::{Duration, Instant};

use cradle_server::auth::Role;
use cradle_server::club::ledger::{self, Entry};
use cradle_server::club::token::{self, ProfileClaims};
use cradle_server::db::Db;
use cradle_server::routes::auth::add_user;
use serde_json::{json, Value};

struct Args {
    url: String,
    database_url: String,
    clients: usize,
    seconds: u64,
    label: String,
}

fn args() -> Args {
    let mut a = Args {
        url: "http://127.0.0.1:8080".into(),
        database_url: String::new(),
        clients: 64,
        seconds: 10,
        label: "server".into(),
    };
    let mut it = std::env::args().skip(1);
    while let (Some(flag), Some(value)) = (it.next(), it.next()) {
        match flag.as_str() {
            "--url" => a.url = value,
            "--database-url" => a.database_url = value,
            "--clients" => a.clients = value.parse().expect("--clients N"),
            "--seconds" => a.seconds = value.parse().expect("--seconds N"),
            "--label" => a.label = value,
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

/// The scarce prize whose stock must never be exceeded.
const SCARCE_STOCK: i64 = 100;

fn campaign() -> Value {
    let now = chrono::Utc::now();
    json!({
        "id": "spring-wheel", "name": "Bench wheel", "game": "wheel",
        "window": {"start": (now - chrono::Duration::days(1)).to_rfc3339(),
                   "end": (now + chrono::Duration::days(1)).to_rfc3339()},
        "cost": {"points_per_draw": 1, "free_draws_per_day": 0},
        "prizes": [
            {"id": "scarce", "name": "Blanket", "kind": {"type": "physical"}, "weight": 5,
             "stock": {"limited": SCARCE_STOCK}},
            {"id": "hot", "name": "Coupon", "kind": {"type": "coupon", "value_cents": 500},
             "weight": 45, "stock": {"limited": 10_000_000}},
            {"id": "points", "name": "5 points", "kind": {"type": "points", "amount": 5},
             "weight": 20, "stock": "unlimited"},
            {"id": "thanks", "name": "Thanks", "kind": {"type": "thanks"}, "weight": 30,
             "stock": "unlimited"}
        ],
        "fallback_prize": "thanks"
    })
}

async fn ok(response: reqwest::Response) -> Value {
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{status}: {body}");
    body
}

fn cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::main]
async fn main() {
    let a = args();
    let db = Db::connect(&a.database_url).await.expect("database");
    let stamp = chrono::Utc::now().timestamp_millis();
    let workspace = format!("Bench {stamp}");
    let email = format!("bench{stamp}@cradle.test");
    add_user(
        &db,
        &email,
        "bench-password-1",
        Role::Owner,
        &workspace,
        "Asia/Shanghai",
    )
    .await
    .expect("owner");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(a.clients * 2)
        .build()
        .unwrap();
    let login = http
        .post(format!("{}/api/auth/login", a.url))
        .json(&json!({"email": email, "password": "bench-password-1"}))
        .send()
        .await
        .unwrap();
    let staff = cookie(&login);
    let csrf = ok(login).await["csrf_token"].as_str().unwrap().to_owned();
    let slug = format!("bench-{stamp}");
    let created = ok(http
        .post(format!("{}/api/documents", a.url))
        .header("cookie", &staff)
        .header("x-csrf-token", &csrf)
        .json(&json!({"title": "Bench", "slug": slug, "template": "wheel-campaign"}))
        .send()
        .await
        .unwrap())
    .await;
    let id = created["id"].as_str().unwrap();
    let mut document = created["document"].clone();
    document["campaigns"] = json!([campaign()]);
    let saved = ok(http
        .put(format!("{}/api/documents/{id}", a.url))
        .header("cookie", &staff)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": created["version"], "document": document}))
        .send()
        .await
        .unwrap())
    .await;
    ok(http
        .post(format!("{}/api/documents/{id}/publish", a.url))
        .header("cookie", &staff)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": saved["version"]}))
        .send()
        .await
        .unwrap())
    .await;

    let mut members = Vec::new();
    for i in 0..a.clients {
        let token = token::mint(
            &db,
            &workspace,
            &format!("m{i}"),
            ProfileClaims::default(),
            2,
        )
        .await
        .unwrap();
        let opened = http
            .post(format!("{}/api/member/session", a.url))
            .json(&json!({"token": token}))
            .send()
            .await
            .unwrap();
        let cookie = cookie(&opened);
        let body = ok(opened).await;
        let member_id = body["member"]["id"].as_str().unwrap_or_default().to_owned();
        let csrf = body["csrf"].as_str().unwrap().to_owned();
        let mut conn = db.pool.acquire().await.unwrap();
        let (internal,): (String,) =
            sqlx::query_as("SELECT id FROM members WHERE external_id = $1 AND workspace_id = (SELECT id FROM workspaces WHERE name = $2)")
                .bind(format!("m{i}"))
                .bind(&workspace)
                .fetch_one(&mut *conn)
                .await
                .unwrap_or((member_id,));
        let (ws,): (String,) = sqlx::query_as("SELECT id FROM workspaces WHERE name = $1")
            .bind(&workspace)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        ledger::adjust(
            &mut conn,
            &Entry {
                workspace_id: &ws,
                member_id: &internal,
                amount: 10_000_000,
                reason: "bench",
                source: "bench",
                now_ms: stamp,
            },
        )
        .await
        .unwrap();
        members.push((cookie, csrf));
    }

    let url = format!(
        "{}/api/published/{slug}/campaigns/spring-wheel/draws",
        a.url
    );
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (n, (cookie, csrf)) in members.into_iter().enumerate() {
        let (http, url) = (http.clone(), url.clone());
        tasks.spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0u64;
            let mut i = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                let r = http
                    .post(&url)
                    .header("cookie", &cookie)
                    .header("x-csrf-token", &csrf)
                    .header("idempotency-key", format!("{n}-{i}"))
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().as_u16() == 201 => {
                        let _ = r.bytes().await;
                        latencies.push(t.elapsed());
                    }
                    Ok(r) => {
                        failures += 1;
                        if failures <= 3 {
                            eprintln!(
                                "draw failed: {} {}",
                                r.status(),
                                r.text().await.unwrap_or_default()
                            );
                        }
                    }
                    Err(e) => {
                        failures += 1;
                        eprintln!("draw failed: {e}");
                    }
                }
                i += 1;
            }
            (latencies, failures)
        });
    }
    let mut latencies = Vec::new();
    let mut failures = 0;
    while let Some(done) = tasks.join_next().await {
        let (l, f) = done.unwrap();
        latencies.extend(l);
        failures += f;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let (scarce, remaining): (i64, Option<i64>) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM draws WHERE document_id = $1 AND prize_id = 'scarce'), \
         (SELECT remaining FROM prize_stock WHERE document_id = $1 AND prize_id = 'scarce')",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let (negative,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM members WHERE balance < 0")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    println!(
        "{:<9} {:>3} clients {:>3} s  {:>7} draws  {:>7.0} draws/s  p50 {:>6.1} ms  p99 {:>6.1} ms  \
         failed {}  over-issued {}  negative balances {}  (scarce prize: {} of {} issued, {} left)",
        a.label,
        a.clients,
        a.seconds,
        latencies.len(),
        latencies.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        failures,
        (scarce - SCARCE_STOCK).max(0),
        negative,
        scarce,
        SCARCE_STOCK,
        remaining.unwrap_or_default(),
    );
}

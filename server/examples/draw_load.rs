//! Setup and check for `bench/draws`, whose load comes from an outside generator (wrk).
//!
//! `draw_load setup --url URL --database-url DB --members N --out FILE` publishes a wheel
//! campaign on the running server (owner, member tokens and points through the database, the
//! rest over HTTP), opens `N` member sessions and writes one `cookie<TAB>csrf` line per member
//! to `FILE`, after a first line with the draw path.
//!
//! `draw_load check --database-url DB --path PATH` prints what the run left: draws, replays
//! answered, over-issued prizes, codes against wins, negative balances (all but the first must
//! be 0 or equal).

use cradle_server::auth::Role;
use cradle_server::club::ledger::{self, Entry};
use cradle_server::club::token::{self, ProfileClaims};
use cradle_server::db::Db;
use cradle_server::routes::auth::add_user;
use serde_json::{json, Value};

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

/// `--flag value` pairs after the mode.
fn flag(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn required(name: &str) -> String {
    flag(name).unwrap_or_else(|| panic!("{name} is required"))
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
    let db = Db::connect(&required("--database-url"))
        .await
        .expect("database");
    match std::env::args().nth(1).as_deref() {
        Some("setup") => setup(&db).await,
        Some("check") => check(&db).await,
        _ => panic!("usage: draw_load setup|check …"),
    }
}

async fn setup(db: &Db) {
    let url = required("--url");
    let members: usize = required("--members").parse().expect("--members N");
    let out = required("--out");
    let stamp = chrono::Utc::now().timestamp_millis();
    let workspace = format!("Bench {stamp}");
    let email = format!("bench{stamp}@cradle.test");
    add_user(
        db,
        &email,
        "bench-password-1",
        Role::Owner,
        &workspace,
        "Asia/Shanghai",
    )
    .await
    .expect("owner");
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{url}/api/auth/login"))
        .json(&json!({"email": email, "password": "bench-password-1"}))
        .send()
        .await
        .unwrap();
    let staff = cookie(&login);
    let csrf = ok(login).await["csrf_token"].as_str().unwrap().to_owned();
    let slug = format!("bench-{stamp}");
    let created = ok(http
        .post(format!("{url}/api/documents"))
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
        .put(format!("{url}/api/documents/{id}"))
        .header("cookie", &staff)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": created["version"], "document": document}))
        .send()
        .await
        .unwrap())
    .await;
    ok(http
        .post(format!("{url}/api/documents/{id}/publish"))
        .header("cookie", &staff)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": saved["version"]}))
        .send()
        .await
        .unwrap())
    .await;

    let (ws,): (String,) = sqlx::query_as("SELECT id FROM workspaces WHERE name = $1")
        .bind(&workspace)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let mut lines = vec![format!(
        "/api/published/{slug}/campaigns/spring-wheel/draws"
    )];
    for i in 0..members {
        let token = token::mint(
            db,
            &workspace,
            &format!("m{i}"),
            ProfileClaims::default(),
            2,
        )
        .await
        .unwrap();
        let opened = http
            .post(format!("{url}/api/member/session"))
            .json(&json!({"token": token}))
            .send()
            .await
            .unwrap();
        let cookie = cookie(&opened);
        let body = ok(opened).await;
        let member = body["member"]["id"].as_str().unwrap().to_owned();
        let mut conn = db.pool.acquire().await.unwrap();
        let entry = Entry {
            workspace_id: &ws,
            member_id: &member,
            amount: 10_000_000,
            reason: "bench",
            source: "bench",
            now_ms: stamp,
        };
        ledger::adjust(&mut conn, &entry).await.unwrap();
        lines.push(format!("{cookie}\t{}", body["csrf"].as_str().unwrap()));
    }
    std::fs::write(&out, lines.join("\n") + "\n").expect("members file");
}

async fn check(db: &Db) {
    let path = required("--path");
    let slug = path.split('/').nth(3).unwrap_or_default().to_owned();
    let (document,): (String,) =
        sqlx::query_as("SELECT document_id FROM live_pages WHERE slug = $1")
            .bind(&slug)
            .fetch_one(&db.pool)
            .await
            .expect("the bench page");
    let count = |sql: &'static str| {
        let document = document.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(sql)
                .bind(&document)
                .fetch_one(&db.pool)
                .await
                .unwrap();
            n
        }
    };
    let draws = count("SELECT COUNT(*) FROM draws WHERE document_id = $1").await;
    let scarce =
        count("SELECT COUNT(*) FROM draws WHERE document_id = $1 AND prize_id = 'scarce'").await;
    let wins = count(
        "SELECT COUNT(*) FROM draws WHERE document_id = $1 AND prize_id IN ('scarce', 'hot')",
    )
    .await;
    let codes = count(
        "SELECT COUNT(*) FROM redemption_codes r JOIN draws d ON d.id = r.draw_id \
         WHERE d.document_id = $1",
    )
    .await;
    let (negative,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM members WHERE balance < 0")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    println!(
        "draws logged {draws}, over-issued {}, codes {codes} for {wins} wins, negative balances \
         {negative} (scarce prize: {scarce} of {SCARCE_STOCK})",
        (scarce - SCARCE_STOCK).max(0),
    );
}

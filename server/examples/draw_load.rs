//! Setup and checks for `bench/draws`, whose load comes from an outside generator (wrk), and the
//! draws and checks of `scripts/multi-server-test`.
//!
//! `draw_load setup --url URL --database-url DB --members N --out FILE [--scarce-stock N]`
//! publishes a wheel campaign on the running server (owner, member tokens and points through the
//! database, the rest over HTTP), opens `N` member sessions and writes one `cookie<TAB>csrf` line
//! per member to `FILE`, after a first line with the draw path.
//!
//! `draw_load check --database-url DB --path PATH` prints what the run left: draws, replays
//! answered, over-issued prizes, codes against wins, negative balances (all but the first must
//! be 0 or equal).
//!
//! `draw_load draws --url URL --members FILE --out RESULTS [--signal-after N --signal-file F]`
//! makes one draw per member, all at once, each with its own idempotency key and client address
//! (`X-Forwarded-For`, as a balancer's clients), retrying the same key on a connection error,
//! 502, 503 or 504 until answered; writes one JSON line per member to `RESULTS`, and creates `F`
//! once `N` draws are answered (the cue to stop servers while the rest are in flight).
//!
//! `draw_load verify --url URL --database-url DB --members FILE --results RESULTS
//! [--scarce-stock N]` checks what `draws` left: every draw answered 2xx, exactly the scarce
//! stock issued (stock row, draws, codes), every answered draw in the log as answered, no member
//! charged twice, and every key replayed through `URL` answered the same. Prints PASS or FAIL per
//! check and exits 1 on any failure.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cradle_server::auth::Role;
use cradle_server::club::ledger::{self, Entry};
use cradle_server::club::token::{self, ProfileClaims};
use cradle_server::db::Db;
use cradle_server::routes::auth::add_user;
use serde_json::{json, Value};

/// The scarce prize's stock unless `--scarce-stock` says otherwise.
const SCARCE_STOCK: i64 = 100;
/// Points each member gets; a draw costs 1, the "points" prize pays 5.
const GRANT: i64 = 10_000_000;
/// How long `draws` and `verify` keep retrying one key.
const RETRY_FOR: Duration = Duration::from_secs(60);

fn campaign(scarce_stock: i64) -> Value {
    let now = chrono::Utc::now();
    json!({
        "id": "spring-wheel", "name": "Bench wheel", "game": "wheel",
        "window": {"start": (now - chrono::Duration::days(1)).to_rfc3339(),
                   "end": (now + chrono::Duration::days(1)).to_rfc3339()},
        "cost": {"points_per_draw": 1, "free_draws_per_day": 0},
        "prizes": [
            {"id": "scarce", "name": "Blanket", "kind": {"type": "physical"}, "weight": 5,
             "stock": {"limited": scarce_stock}},
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

fn scarce_stock() -> i64 {
    flag("--scarce-stock").map_or(SCARCE_STOCK, |n| n.parse().expect("--scarce-stock N"))
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

async fn database() -> Db {
    Db::connect(&required("--database-url"))
        .await
        .expect("database")
}

#[tokio::main]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("setup") => setup(&database().await).await,
        Some("check") => check(&database().await).await,
        Some("draws") => draws().await,
        Some("verify") => verify(&database().await).await,
        _ => panic!("usage: draw_load setup|check|draws|verify …"),
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
    document["campaigns"] = json!([campaign(scarce_stock())]);
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
    // Sixteen members at a time: each a session over HTTP and a grant in the database.
    let slots = Arc::new(tokio::sync::Semaphore::new(16));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..members {
        let (db, http, url, ws, workspace) = (
            db.clone(),
            http.clone(),
            url.clone(),
            ws.clone(),
            workspace.clone(),
        );
        let slot = slots.clone().acquire_owned().await.unwrap();
        tasks.spawn(async move {
            let _slot = slot;
            let member = format!("m{i}");
            let token = token::mint(&db, &workspace, &member, ProfileClaims::default(), 2)
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
                amount: GRANT,
                reason: "bench",
                source: "bench",
                now_ms: stamp,
            };
            ledger::adjust(&mut conn, &entry).await.unwrap();
            (i, format!("{cookie}\t{}", body["csrf"].as_str().unwrap()))
        });
    }
    let mut lines = vec![String::new(); members];
    while let Some(done) = tasks.join_next().await {
        let (i, line) = done.expect("member set up");
        lines[i] = line;
    }
    lines.insert(
        0,
        format!("/api/published/{slug}/campaigns/spring-wheel/draws"),
    );
    std::fs::write(&out, lines.join("\n") + "\n").expect("members file");
}

async fn check(db: &Db) {
    let path = required("--path");
    let document = live_document(db, &path).await.1;
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

/// The workspace and document live at the slug of a draw `path`.
async fn live_document(db: &Db, path: &str) -> (String, String) {
    let slug = path.split('/').nth(3).unwrap_or_default().to_owned();
    sqlx::query_as("SELECT workspace_id, document_id FROM live_pages WHERE slug = $1")
        .bind(&slug)
        .fetch_one(&db.pool)
        .await
        .expect("the bench page")
}

/// The draw path and each member's `(cookie, csrf)` from a `setup` file.
fn read_members() -> (String, Vec<(String, String)>) {
    let text = std::fs::read_to_string(required("--members")).expect("members file");
    let mut lines = text.lines();
    let path = lines.next().expect("draw path").to_owned();
    let members = lines
        .map(|l| {
            let (cookie, csrf) = l.split_once('\t').expect("cookie<TAB>csrf");
            (cookie.to_owned(), csrf.to_owned())
        })
        .collect();
    (path, members)
}

/// Member `i`'s idempotency key.
fn key(i: usize) -> String {
    format!("multi-{i}")
}

/// One draw through the balancer, retried with the same key while the answer says a server went
/// away (no answer, or 502, 503, 504): the final status (0 if none came within [`RETRY_FOR`]),
/// its body and why each earlier attempt was retried.
async fn draw_until_answered(
    http: &reqwest::Client,
    url: &str,
    path: &str,
    (cookie, csrf): &(String, String),
    i: usize,
) -> (u16, Value, Vec<String>) {
    let started = Instant::now();
    let mut retried = Vec::new();
    loop {
        let sent = http
            .post(format!("{url}{path}"))
            .header("cookie", cookie)
            .header("x-csrf-token", csrf)
            .header("idempotency-key", key(i))
            // The member's own address, as the balancer's client (198.18.0.0/15 is for tests).
            .header("x-forwarded-for", format!("198.18.{}.{}", i / 256, i % 256))
            .send()
            .await;
        let why = match sent {
            Err(_) => "no answer".to_owned(),
            Ok(response) if matches!(response.status().as_u16(), 502..=504) => {
                response.status().as_u16().to_string()
            }
            Ok(response) => {
                let status = response.status().as_u16();
                match response.bytes().await {
                    Ok(body) => {
                        let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
                        return (status, body, retried);
                    }
                    Err(_) => "answer cut off".to_owned(),
                }
            }
        };
        retried.push(why);
        if started.elapsed() > RETRY_FOR {
            return (0, Value::Null, retried);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("HTTP client")
}

async fn draws() {
    let url = required("--url");
    let out = required("--out");
    let signal = flag("--signal-file").zip(flag("--signal-after").map(|n| n.parse::<usize>()));
    let (path, members) = read_members();
    let (http, answered) = (client(), Arc::new(AtomicUsize::new(0)));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, member) in members.into_iter().enumerate() {
        let (http, url, path, answered) =
            (http.clone(), url.clone(), path.clone(), answered.clone());
        let signal = signal.clone();
        tasks.spawn(async move {
            let (status, body, retried) = draw_until_answered(&http, &url, &path, &member, i).await;
            let n = answered.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some((file, Ok(after))) = &signal {
                if n == *after {
                    std::fs::write(file, "").expect("signal file");
                }
            }
            let result =
                json!({"member": i, "status": status, "retried_after": retried, "body": body});
            (i, result)
        });
    }
    let mut results = Vec::new();
    while let Some(done) = tasks.join_next().await {
        results.push(done.expect("draw task"));
    }
    results.sort_by_key(|(i, _)| *i);
    let mut statuses: HashMap<u64, usize> = HashMap::new();
    let mut retries: HashMap<String, usize> = HashMap::new();
    let lines: Vec<String> = results
        .into_iter()
        .map(|(_, r)| {
            *statuses
                .entry(r["status"].as_u64().unwrap_or(0))
                .or_default() += 1;
            for why in r["retried_after"].as_array().into_iter().flatten() {
                let why = why.as_str().unwrap_or_default().to_owned();
                *retries.entry(why).or_default() += 1;
            }
            r.to_string()
        })
        .collect();
    std::fs::write(&out, lines.join("\n") + "\n").expect("results file");
    let mut statuses: Vec<_> = statuses.into_iter().collect();
    let mut retries: Vec<_> = retries.into_iter().collect();
    statuses.sort();
    retries.sort();
    println!(
        "{} draws in {:.1} s; final answers by status {statuses:?}; retries of the same key \
         after {retries:?}",
        lines.len(),
        started.elapsed().as_secs_f64()
    );
}

/// A logged draw: id, member, prize, code (stored form).
type Logged = (String, String, String, Option<String>);

/// Whether a draw answer names the logged draw: its id, prize and code.
fn names(body: &Value, logged: &Logged) -> bool {
    let code = body["draw"]["code"].as_str().map(|c| c.replace('-', ""));
    body["draw"]["id"] == logged.0.as_str()
        && body["draw"]["prize_id"] == logged.2.as_str()
        && code == logged.3
}

async fn verify(db: &Db) {
    let url = required("--url");
    let (path, members) = read_members();
    let results: Vec<Value> = std::fs::read_to_string(required("--results"))
        .expect("results file")
        .lines()
        .map(|l| serde_json::from_str(l).expect("result line"))
        .collect();
    let (workspace, document) = live_document(db, &path).await;
    let stock = scarce_stock();
    let mut failures = 0;
    let mut report = |pass: bool, what: String| {
        println!("{} {what}", if pass { "PASS" } else { "FAIL" });
        failures += usize::from(!pass);
    };

    let answered: Vec<&Value> = results
        .iter()
        .filter(|r| matches!(r["status"].as_u64(), Some(200 | 201)))
        .collect();
    report(
        answered.len() == members.len(),
        format!("{} of {} draws answered 2xx", answered.len(), members.len()),
    );

    let (issued, remaining): (i64, Option<i64>) = sqlx::query_as(
        "SELECT issued, remaining FROM prize_stock \
         WHERE document_id = $1 AND campaign_id = 'spring-wheel' AND prize_id = 'scarce'",
    )
    .bind(&document)
    .fetch_one(&db.pool)
    .await
    .expect("stock row");
    let log: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT idempotency_key, id, member_id, prize_id, code FROM draws WHERE document_id = $1",
    )
    .bind(&document)
    .fetch_all(&db.pool)
    .await
    .expect("draws");
    let (scarce_codes,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM redemption_codes r JOIN draws d ON d.id = r.draw_id \
         WHERE d.document_id = $1 AND d.prize_id = 'scarce'",
    )
    .bind(&document)
    .fetch_one(&db.pool)
    .await
    .expect("codes");
    let scarce_draws = log.iter().filter(|d| d.3 == "scarce").count();
    report(
        issued == stock
            && remaining == Some(0)
            && scarce_draws == usize::try_from(stock).unwrap_or(0)
            && scarce_codes == stock,
        format!(
            "scarce prize: stock {stock}, stock row issued {issued} remaining {remaining:?}, \
             {scarce_draws} draws, {scarce_codes} codes"
        ),
    );

    let by_key: HashMap<&str, Logged> = log
        .iter()
        .map(|(k, id, m, p, c)| (k.as_str(), (id.clone(), m.clone(), p.clone(), c.clone())))
        .collect();
    let missing = answered
        .iter()
        .filter(|r| {
            let i = r["member"].as_u64().unwrap_or(u64::MAX) as usize;
            !by_key
                .get(key(i).as_str())
                .is_some_and(|logged| names(&r["body"], logged))
        })
        .count();
    report(
        missing == 0 && by_key.len() == log.len(),
        format!(
            "{} of {} answered draws in the log as answered; {} logged draws, {} keys",
            answered.len() - missing,
            answered.len(),
            log.len(),
            by_key.len()
        ),
    );

    let balances: Vec<(String, i64)> =
        sqlx::query_as("SELECT id, balance FROM members WHERE workspace_id = $1")
            .bind(&workspace)
            .fetch_all(&db.pool)
            .await
            .expect("members");
    let mut drawn: HashMap<&str, (i64, i64)> = HashMap::new();
    for (_, _, member, prize, _) in &log {
        let (draws, points) = drawn.entry(member).or_default();
        *draws += 1;
        *points += if prize == "points" { 5 } else { 0 };
    }
    let overcharged = balances
        .iter()
        .filter(|(id, balance)| {
            let (draws, points) = drawn.get(id.as_str()).copied().unwrap_or_default();
            *balance != GRANT - draws + points
        })
        .count();
    report(
        overcharged == 0 && drawn.values().all(|(draws, _)| *draws == 1),
        format!(
            "{overcharged} of {} members' balances differ from one charge per logged draw",
            balances.len()
        ),
    );

    let http = client();
    let slots = Arc::new(tokio::sync::Semaphore::new(50));
    let mut tasks = tokio::task::JoinSet::new();
    for (i, member) in members.into_iter().enumerate() {
        let (http, url, path, slots) = (http.clone(), url.clone(), path.clone(), slots.clone());
        let logged = by_key.get(key(i).as_str()).cloned();
        tasks.spawn(async move {
            let _slot = slots.acquire_owned().await.unwrap();
            let (status, body, _) = draw_until_answered(&http, &url, &path, &member, i).await;
            status == 200 && logged.is_some_and(|logged| names(&body, &logged))
        });
    }
    let (mut same, mut replayed) = (0, 0);
    while let Some(done) = tasks.join_next().await {
        same += usize::from(done.expect("replay task"));
        replayed += 1;
    }
    report(
        same == replayed,
        format!("{same} of {replayed} keys replayed answered 200 with the logged draw"),
    );
    if failures > 0 {
        println!("{failures} checks FAILED");
        std::process::exit(1);
    }
}

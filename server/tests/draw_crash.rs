//! The crash test: the server process dies between a draw's commit and its response; the client
//! retries with the same idempotency key against a restarted server and gets the same prize,
//! charged once. Runs the real binary on a SQLite file; also checks `verify-draws`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

use cradle_server::club::ledger::{self, Entry};
use cradle_server::club::token::{self, ProfileClaims};
use cradle_server::db::Db;
use serde_json::{json, Value};

const PASSWORD: &str = "crash-test-password";

fn binary() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cradle-server"));
    c.env_remove("DATABASE_URL").env("RUST_LOG", "warn");
    c
}

/// Starts `serve` on a free port; returns the child and its base URL.
fn serve(data: &str, extra: &[&str]) -> (Child, String) {
    let mut child = binary()
        .args(["serve", "--port", "0", "--data-dir", data, "--dist", data])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("server prints its URL").unwrap();
        if let Some(rest) = line.split("running at ").nth(1) {
            break rest
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_owned();
        }
    };
    (child, url)
}

fn cookie(r: &reqwest::Response) -> String {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

async fn json_of(r: reqwest::Response) -> Value {
    let status = r.status();
    let body = r.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{status}: {body}");
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_a_crash_returns_the_committed_draw_charged_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap().to_owned();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
    let mut add = binary()
        .args([
            "user",
            "add",
            "--email",
            "o@brand.test",
            "--role",
            "owner",
            "--workspace",
            "Brand",
        ])
        .args(["--data-dir", &data])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    assert!(add.wait().unwrap().success());

    let (mut server, url) = serve(&data, &["--crash-after-draw-commit"]);
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{url}/api/auth/login"))
        .json(&json!({"email": "o@brand.test", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let staff = cookie(&login);
    let csrf = json_of(login).await["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let now = chrono::Utc::now();
    let created = json_of(
        http.post(format!("{url}/api/documents"))
            .header("cookie", &staff)
            .header("x-csrf-token", &csrf)
            .json(&json!({"title": "Wheel", "slug": "wheel", "template": "wheel-campaign"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_owned();
    let mut document = created["document"].clone();
    document["campaigns"][0]["window"] = json!({
        "start": (now - chrono::Duration::days(1)).to_rfc3339(),
        "end": (now + chrono::Duration::days(1)).to_rfc3339(),
    });
    document["campaigns"][0]["cost"] = json!({"points_per_draw": 10, "free_draws_per_day": 0});
    let saved = json_of(
        http.put(format!("{url}/api/documents/{id}"))
            .header("cookie", &staff)
            .header("x-csrf-token", &csrf)
            .json(&json!({"version": created["version"], "document": document}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    json_of(
        http.post(format!("{url}/api/documents/{id}/publish"))
            .header("cookie", &staff)
            .header("x-csrf-token", &csrf)
            .json(&json!({"version": saved["version"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;

    let db = Db::connect(&format!("sqlite://{data}/cradle.db"))
        .await
        .unwrap();
    let member_token = token::mint(&db, "Brand", "mum-1", ProfileClaims::default(), 1)
        .await
        .unwrap();
    let opened = http
        .post(format!("{url}/api/member/session"))
        .json(&json!({"token": member_token}))
        .send()
        .await
        .unwrap();
    let member_cookie = cookie(&opened);
    let member_csrf = json_of(opened).await["csrf"].as_str().unwrap().to_owned();
    let (member_id, workspace_id): (String, String) =
        sqlx::query_as("SELECT id, workspace_id FROM members WHERE external_id = 'mum-1'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let entry = Entry {
        workspace_id: &workspace_id,
        member_id: &member_id,
        amount: 100,
        reason: "crash test",
        source: "test",
        now_ms: now.timestamp_millis(),
    };
    assert!(ledger::adjust(&mut conn, &entry).await.unwrap());
    drop(conn);

    let draw = |url: String| {
        http.post(format!(
            "{url}/api/published/wheel/campaigns/spring-wheel/draws"
        ))
        .header("cookie", &member_cookie)
        .header("x-csrf-token", &member_csrf)
        .header("idempotency-key", "tap-1")
        .send()
    };
    let crashed = draw(url.clone()).await;
    assert!(
        crashed.is_err(),
        "the server died before answering: {crashed:?}"
    );
    assert!(!server.wait().unwrap().success());

    let (logged,): (String,) = sqlx::query_as("SELECT prize_id FROM draws")
        .fetch_one(&db.pool)
        .await
        .expect("the draw was committed before the crash");

    let (mut server, url) = serve(&data, &[]);
    let retried = draw(url.clone()).await.unwrap();
    assert_eq!(retried.status().as_u16(), 200, "a replay answers 200");
    let retried = retried.json::<Value>().await.unwrap();
    assert_eq!(retried["draw"]["replayed"], true);
    assert_eq!(retried["draw"]["prize_id"], logged.as_str());
    let (draws, spent): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM draws), \
         (SELECT COALESCE(SUM(-amount), 0) FROM points_ledger WHERE kind = 'spend')",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!((draws, spent), (1, 10), "one draw, charged once");

    // The operator's verifier agrees with the log.
    let verified = binary()
        .args([
            "verify-draws",
            "--page",
            "wheel",
            "--campaign",
            "spring-wheel",
            "--data-dir",
            &data,
        ])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&verified.stdout);
    assert!(verified.status.success(), "{out}");
    assert!(out.contains("all 1 draws verified"), "{out}");

    server.kill().unwrap();
    let _ = server.wait();
    db.pool.close().await;
}

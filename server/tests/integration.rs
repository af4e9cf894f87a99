//! The brand's systems connect, over HTTP on both databases: member tokens signed by the
//! documented Python and Node examples, the secret rotated with a grace period, API keys with
//! scopes (403 without, 401 revoked), and purchases that credit with the tier's multiplier, pay
//! the sharer, count once and can be refunded.

mod common;

use std::path::Path;
use std::process::Command;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::club::{balance, share};
use common::{Session, TestApp, TestResponse};
use cradle_server::auth::Role;
use serde_json::{json, Value};

/// Runs a documented signing example (`python3` or `node`) with the workspace's secret.
fn example(program: &str, script: &str, workspace: &str, secret: &str, member: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/integration")
        .join(script);
    let out = Command::new(program)
        .arg(path)
        .args([
            "--workspace",
            workspace,
            "--secret",
            secret,
            "--member",
            member,
        ])
        .output()
        .expect("the example runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// A call with `Authorization: Bearer {key}` (no cookie, no CSRF token).
async fn bearer(
    app: &TestApp,
    key: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> TestResponse {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", "application/json");
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    app.send(request.body(body).unwrap()).await
}

/// Reports `order` with `key`.
async fn report(app: &TestApp, key: &str, order: Value) -> TestResponse {
    bearer(app, key, Method::POST, "/api/orders", Some(order)).await
}

/// Refunds order `id` with `key`.
async fn refund(app: &TestApp, key: &str, id: &str) -> TestResponse {
    let path = format!("/api/orders/{id}/refund");
    bearer(app, key, Method::POST, &path, None).await
}

/// A new API key with `scopes`, made by `owner`.
async fn key(app: &TestApp, owner: &Session, scopes: &[&str]) -> (String, String) {
    let r = app
        .call(
            owner,
            Method::POST,
            "/api/integration/api-keys",
            Some(json!({"name": "CRM", "scopes": scopes})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let body = r.json();
    (
        body["key"].as_str().unwrap().to_owned(),
        body["view"]["id"].as_str().unwrap().to_owned(),
    )
}

async fn session(app: &TestApp, token: &str) -> StatusCode {
    app.send_raw(
        Method::POST,
        "/api/member/session",
        "application/json",
        json!({"token": token}).to_string(),
    )
    .await
    .status
}

// Tokens signed by the README's Python and Node examples open sessions; after a rotation the old
// secret still works for its grace period, a stranger's never; only the owner sees the secret.
dual_test!(
    documented_examples_sign_tokens_and_the_secret_rotates,
    |app| {
        let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
        let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
        let r = app
            .call(&editor, Method::GET, "/api/integration/member-secret", None)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let got = app
            .call(&owner, Method::GET, "/api/integration/member-secret", None)
            .await
            .json();
        let (ws, old) = (
            got["workspace_id"].as_str().unwrap(),
            got["secret"].as_str().unwrap(),
        );
        let by_python = example("python3", "sign_member_token.py", ws, old, "py-1");
        assert_eq!(session(app, &by_python).await, StatusCode::OK);
        let by_node = example("node", "sign-member-token.mjs", ws, old, "node-1");
        assert_eq!(session(app, &by_node).await, StatusCode::OK);
        let forged = example(
            "python3",
            "sign_member_token.py",
            ws,
            "not-the-secret",
            "py-1",
        );
        assert_eq!(session(app, &forged).await, StatusCode::UNAUTHORIZED);

        let rotated = app
            .call(
                &owner,
                Method::POST,
                "/api/integration/member-secret/rotate",
                None,
            )
            .await
            .json();
        let new = rotated["secret"].as_str().unwrap();
        assert_ne!(new, old);
        assert!(rotated["previous_valid_until"].as_i64().unwrap() > cradle_server::store::now_ms());
        assert_eq!(
            session(
                app,
                &example("python3", "sign_member_token.py", ws, new, "py-2")
            )
            .await,
            StatusCode::OK
        );
        assert_eq!(
            session(app, &by_python).await,
            StatusCode::OK,
            "the old secret's grace period"
        );
        // Once the grace period is over, the old secret opens nothing.
        sqlx::query("UPDATE workspaces SET previous_member_secret_until = 0")
            .execute(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(session(app, &by_python).await, StatusCode::UNAUTHORIZED);
    }
);

// A key with `orders:write` reports a purchase: ×1.1 for a silver member, 0.25 per point to her
// sharer, the same order once, a refund reverses it; a key without the scope gets 403, a revoked
// key 401; the member is looked up by the brand's id with her last purchase.
dual_test!(orders_credit_with_the_tier_and_count_once, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let (orders_key, orders_id) = key(app, &owner, &["orders:write", "members:read"]).await;
    let (reader, _) = key(app, &owner, &["members:read"]).await;
    let mum = app.member("Brand", "mum").await;
    let gran = app.member("Brand", "gran").await;
    app.grant_points(&mum, 2_000).await; // silver: ×1.1
    assert_eq!(share(app, &gran, &mum).await.status, StatusCode::CREATED);
    let (mum_before, gran_before) = (balance(app, &mum).await, balance(app, &gran).await);

    let order = json!({"order_id": "T-1001", "member": "mum", "amount_cents": 10_050,
        "items": [{"sku": "WIPES-80", "quantity": 2, "price_cents": 5_025}], "channel": "store:SH-01"});
    let r = report(app, &reader, order.clone()).await;
    assert_eq!(
        (r.status, r.error_code()),
        (StatusCode::FORBIDDEN, "forbidden".into())
    );
    let r = report(app, &orders_key, order.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["points"], 110, "¥100 × 1.1");
    assert_eq!(balance(app, &mum).await, mum_before + 110);
    assert_eq!(
        balance(app, &gran).await,
        gran_before + 27,
        "0.25 per point, fractions kept"
    );
    let again = report(app, &orders_key, order).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        balance(app, &mum).await,
        mum_before + 110,
        "the same order counts once"
    );

    let looked = bearer(app, &reader, Method::GET, "/api/brand-members/mum", None)
        .await
        .json();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    assert_eq!(looked["last_purchase"], json!(today.to_string()));
    assert_eq!(looked["tier"], "silver");
    assert_eq!(looked["ledger"][0]["reason"], "purchase");
    let r = bearer(app, &reader, Method::GET, "/api/brand-members/nobody", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let refunded = refund(app, &orders_key, "T-1001").await;
    assert_eq!(refunded.status, StatusCode::OK, "{}", refunded.text());
    assert_eq!(refunded.json()["refunded_points"], 110);
    assert_eq!(balance(app, &mum).await, mum_before);
    let twice = refund(app, &orders_key, "T-1001").await;
    assert_eq!(twice.json()["refunded_points"], 110);
    assert_eq!(balance(app, &mum).await, mum_before, "refunded once");
    let looked = bearer(app, &reader, Method::GET, "/api/brand-members/mum", None)
        .await
        .json();
    assert_eq!(looked["ledger"][0]["reason"], "refund");
    assert_eq!(looked["ledger"][0]["amount"], -110);

    // A refund never takes her below zero: she spent the points before the refund came.
    let r = report(
        app,
        &orders_key,
        json!({"order_id": "T-1002",
        "member": "newcomer", "amount_cents": 5_000, "channel": "online"}),
    )
    .await;
    assert_eq!(r.json()["points"], 50, "a member first named by an order");
    let newcomer = app.member("Brand", "newcomer").await;
    assert_eq!(balance(app, &newcomer).await, 50);
    let spend = json!({"amount": -30, "reason": "gift"});
    let r = bearer(
        app,
        &orders_key,
        Method::POST,
        "/api/brand-members/newcomer/adjust",
        Some(spend.clone()),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "members:write is another scope"
    );
    let (writer, _) = key(app, &owner, &["members:write"]).await;
    let r = bearer(
        app,
        &writer,
        Method::POST,
        "/api/brand-members/newcomer/adjust",
        Some(spend),
    )
    .await;
    assert_eq!(r.json()["balance"], 20, "{}", r.text());
    let r = refund(app, &orders_key, "T-1002").await;
    assert_eq!(r.json()["refunded_points"], 20);
    assert_eq!(balance(app, &newcomer).await, 0);

    // Bad input says where; no key, a made-up key and a revoked key get 401.
    let r = report(
        app,
        &orders_key,
        json!({"order_id": "",
        "member": "mum", "amount_cents": 100, "channel": "shop"}),
    )
    .await;
    assert_eq!(r.error_paths(), ["/order_id", "/channel"]);
    let r = app
        .send_raw(Method::POST, "/api/orders", "application/json", "{}")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        bearer(
            app,
            "crk_made_up",
            Method::GET,
            "/api/brand-members/mum",
            None
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    let r = app
        .call(
            &owner,
            Method::DELETE,
            &format!("/api/integration/api-keys/{orders_id}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = refund(app, &orders_key, "T-1001").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let listed = app
        .call(&owner, Method::GET, "/api/integration/api-keys", None)
        .await
        .json();
    let revoked = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == json!(orders_id))
        .unwrap();
    assert!(revoked["revoked_at"].is_i64() && revoked["last_used_at"].is_i64());
    assert!(
        !listed.to_string().contains(&orders_key),
        "keys are shown once, never listed"
    );
});

/// What a test receiver was sent: each request's headers (lower-case names) and body.
type Received =
    std::sync::Arc<std::sync::Mutex<Vec<(std::collections::HashMap<String, String>, String)>>>;

/// A receiver for webhooks on a free local port: it answers 500 to its first request, then 200.
async fn receiver() -> (String, Received) {
    use axum::routing::post;
    let got: Received = Default::default();
    let seen = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        post(move |headers: axum::http::HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                let mut list = seen.lock().unwrap();
                let named = headers
                    .iter()
                    .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                    .collect();
                list.push((named, body));
                if list.len() == 1 {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, got)
}

/// Waits (up to 15 s) until the receiver holds an answered `event`: its headers and body.
async fn arrived(
    got: &Received,
    event: &str,
) -> (std::collections::HashMap<String, String>, Value) {
    for _ in 0..150 {
        let found = got
            .lock()
            .unwrap()
            .iter()
            .skip(1)
            .find(|(h, _)| h["x-cradle-event"] == event)
            .cloned();
        if let Some((headers, body)) = found {
            return (headers, serde_json::from_str(&body).unwrap());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no {event} arrived: {:?}", got.lock().unwrap());
}

// The brand's system gets a win, a redeemed code and a tier reached, each signed with the
// webhook's secret; a 500 is retried with the same delivery id, and the log says so.
dual_test!(webhooks_tell_the_brand_signed_and_retried, |app| {
    use common::wheel::{campaign, draw, prize, publish};
    let coupon = |id: &str| {
        prize(
            id,
            json!({"type": "coupon", "value_cents": 500}),
            1,
            json!("unlimited"),
        )
    };
    let prizes = json!([coupon("coupon"), coupon("coupon-b")]);
    let (owner, _) = publish(app, "Brand", "wheel", campaign(prizes, "coupon", json!({}))).await;
    let (url, got) = receiver().await;
    let r = app
        .call(
            &owner,
            Method::POST,
            "/api/integration/webhooks",
            Some(json!({"url": url,
            "events": ["prize.won", "code.redeemed", "tier.changed"]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let secret = r.json()["secret"].as_str().unwrap().to_owned();
    let hook = r.json()["view"]["id"].as_str().unwrap().to_owned();
    let bad = app
        .call(
            &owner,
            Method::POST,
            "/api/integration/webhooks",
            Some(json!({"url": "javascript:alert(1)", "events": []})),
        )
        .await;
    assert_eq!(bad.error_paths(), ["/url", "/events"]);

    let mum = app.member("Brand", "mum").await;
    let won = draw(app, &mum, "wheel", "k-1").await;
    assert_eq!(won.status, StatusCode::CREATED, "{}", won.text());
    let code = won.json()["draw"]["code"].as_str().unwrap().to_owned();
    let (headers, body) = arrived(&got, "prize.won").await;
    assert_eq!(body["data"]["member"], "mum");
    assert_eq!(body["data"]["code"], json!(code));
    assert!(body["data"]["prize"]["id"]
        .as_str()
        .unwrap()
        .starts_with("coupon"));
    let raw = serde_json::to_string(&body).unwrap();
    let stamp: i64 = headers["x-cradle-timestamp"].parse().unwrap();
    let first = got.lock().unwrap()[0].clone();
    assert_eq!(
        first.0["x-cradle-delivery"], headers["x-cradle-delivery"],
        "a retry keeps its id"
    );
    assert_eq!(
        headers["x-cradle-signature"],
        cradle_server::webhooks::sender::signature(&secret, stamp, &got.lock().unwrap()[1].1),
        "signed with the webhook's secret"
    );
    assert!(raw.contains("prize.won"));
    let log = app
        .call(
            &owner,
            Method::GET,
            &format!("/api/integration/webhooks/{hook}/deliveries"),
            None,
        )
        .await
        .json();
    assert_eq!(log[0]["attempts"], 2, "{log}");
    assert_eq!(log[0]["last_status"], 200);
    assert!(log[0]["delivered_at"].is_i64());

    let clerk = app.user("clerk@brand.com", Role::Clerk, "Brand").await;
    let r = app
        .call(
            &clerk,
            Method::POST,
            &format!("/api/redemptions/{code}/redeem"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (_, body) = arrived(&got, "code.redeemed").await;
    assert_eq!(body["data"]["code"], json!(code));

    let (orders_key, _) = key(app, &owner, &["orders:write"]).await;
    let order =
        json!({"order_id": "T-1", "member": "mum", "amount_cents": 60_000, "channel": "online"});
    let r = report(app, &orders_key, order).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let (_, body) = arrived(&got, "tier.changed").await;
    assert_eq!(
        (body["data"]["from"].clone(), body["data"]["to"].clone()),
        (json!("fan"), json!("bronze"))
    );

    // A removed webhook is sent nothing more.
    let r = app
        .call(
            &owner,
            Method::DELETE,
            &format!("/api/integration/webhooks/{hook}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let sent = got.lock().unwrap().len();
    assert_eq!(
        draw(app, &mum, "wheel", "k-2").await.status,
        StatusCode::CREATED
    );
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(got.lock().unwrap().len(), sent);
});

// A "spend over ¥100 to earn a draw" campaign (满额抽奖): no draw before an order, an order of
// ¥100 or more earns exactly one, a smaller one none; a refund takes back the draws not played.
dual_test!(spending_over_the_amount_earns_a_draw, |app| {
    use common::wheel::{campaign, draw, prize, publish, thanks};
    let points = prize(
        "p",
        json!({"type": "points", "amount": 5}),
        1,
        json!("unlimited"),
    );
    let rule = json!({"spend_over_cents": 10_000});
    let (owner, _) = publish(
        app,
        "Brand",
        "spend",
        campaign(json!([points, thanks(1)]), "thanks", rule),
    )
    .await;
    let (orders_key, _) = key(app, &owner, &["orders:write"]).await;
    // The brand's shop reads which campaigns earn a draw, and for how much.
    let (reader, _) = key(app, &owner, &["campaigns:read"]).await;
    let live = bearer(app, &reader, Method::GET, "/api/brand-campaigns", None).await;
    assert_eq!(live.status, StatusCode::OK, "{}", live.text());
    assert_eq!(live.json()[0]["page"], "spend");
    assert_eq!(live.json()[0]["spend_over_cents"], 10_000);
    let denied = bearer(app, &orders_key, Method::GET, "/api/brand-campaigns", None).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let mum = app.member("Brand", "mum").await;
    let before = draw(app, &mum, "spend", "k-0").await;
    assert_eq!(
        (before.status, before.error_code()),
        (StatusCode::CONFLICT, "spend_to_draw".into())
    );
    assert_eq!(
        before.json()["error"]["details"]["spend_over_cents"],
        10_000
    );

    let order = |id: &str, cents: u64| json!({"order_id": id, "member": "mum", "amount_cents": cents, "channel": "online"});
    let small = report(app, &orders_key, order("S-1", 9_999)).await;
    assert_eq!(small.json()["draws"], json!([]), "under ¥100");
    let big = report(app, &orders_key, order("B-1", 10_000)).await;
    assert_eq!(
        big.json()["draws"],
        json!([{"page": "spend", "campaign": "spring-wheel"}])
    );
    let replay = report(app, &orders_key, order("B-1", 10_000)).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(
        replay.json()["draws"],
        big.json()["draws"],
        "the same order grants once"
    );
    assert_eq!(
        draw(app, &mum, "spend", "k-1").await.status,
        StatusCode::CREATED
    );
    let after = draw(app, &mum, "spend", "k-2").await;
    assert_eq!(after.error_code(), "spend_to_draw", "one order, one draw");

    // A second order's draw, refunded before it is played, goes with the refund.
    report(app, &orders_key, order("B-2", 20_000)).await;
    let r = refund(app, &orders_key, "B-2").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        draw(app, &mum, "spend", "k-3").await.error_code(),
        "spend_to_draw"
    );
    // The first order's draw was played: its refund takes back the points only.
    assert_eq!(refund(app, &orders_key, "B-1").await.status, StatusCode::OK);
});
